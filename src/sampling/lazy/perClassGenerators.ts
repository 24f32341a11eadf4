/**
 * How the neighbour-based lazy forms (SMOTE, SMOTENC) walk the classes: each class that gets new
 * rows in turn — one densified at a time by the caller's `make` — with its neighbour count, the
 * class-size check up front and progress reported per class.
 *
 * @internal
 * @module
 */
import type { Label } from '../../core/matrix.js';
import { checkClassSizes, kFor } from '../neighborCount.js';
import type { StreamClass, StreamContext, SyntheticGenerator } from './streamPlan.js';

/**
 * The classes of `ctx` with a generator from `make(c, k)` for every class with synthetic rows (`k`:
 * the `kNeighbors` option for the class's size), and the `k` used per such class; reports
 * `('neighbors', done, classes, 'classes')`.
 *
 * @throws {@link DataValidationError} up front when a class is too small for `k`. @internal
 */
export function perClassGenerators(
  ctx: StreamContext,
  kOpt: number | 'auto',
  make: (c: StreamClass, k: number) => SyntheticGenerator,
): { classes: StreamClass[]; kUsed: Map<Label, number> } {
  checkClassSizes(ctx.who, 'kNeighbors', kOpt, ctx.plan, ctx.counts);
  const kUsed = new Map<Label, number>();
  const total = [...ctx.plan.values()].filter((G) => G > 0).length;
  ctx.progress('neighbors', 0, total, 'classes');
  const classes = ctx.classes().map((c) => {
    if (c.synthetic <= 0) return c;
    const k = kFor(kOpt, c.rows.length);
    kUsed.set(c.label, k);
    const generator = make(c, k);
    ctx.progress('neighbors', kUsed.size, total, 'classes');
    return { ...c, generator };
  });
  return { classes, kUsed };
}
