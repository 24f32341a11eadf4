/**
 * The lazy forms that one eager run at fit gives. An under-sampler's selection of rows is made at
 * fit time — the cleaning and prototype-selection samplers decide which rows to keep, once — so it
 * streams as "keep these indices": the eager hook runs once on a dense copy of the selected rows,
 * the copy is released, and every epoch draws its originals from the kept rows of X. Rows that
 * exist only in memory (a combination's kept synthetic rows) are served by {@link heldRows}.
 *
 * @internal
 * @module
 */
import type { Label } from '../../core/matrix.js';
import { Random } from '../../core/Random.js';
import { type HookInput, keptRows, runHook } from '../eagerResample.js';
import type { SamplerContext } from '../Sampler.js';
import type { StreamContext, StreamPlan, SyntheticGenerator } from './streamPlan.js';

/**
 * An under-sampler's lazy form: its eager `hook` run once with the stream's seed (so the rows kept
 * are those `fitResample` keeps with that seed), each class streamed from its kept rows of X —
 * every kept row once per epoch with the default `epochRows`. @internal
 */
export function selectionStreamPlan<Extra extends object>(
  ctx: StreamContext,
  hook: (c: SamplerContext) => Extra,
): StreamPlan<Extra> {
  const { selection } = ctx;
  const input = hookInputOf(ctx, ctx.dense(selection), new Random(ctx.seed));
  const out = runHook(input, hook);
  const classes = ctx.classes().map((c) => {
    const rows = keptRows(input, out, c.label).map((p) => selection[p] as number);
    return { ...c, rows, originals: rows.length, draw: 'cycle' as const };
  });
  return { classes, fitted: out.extra };
}

/**
 * The eager hook's input for the selected rows of `ctx`, densified in `data`, with the stream `rng`.
 * @internal
 */
export function hookInputOf(ctx: StreamContext, data: Float64Array, rng: Random): HookInput {
  const { who, selection, cols, y, counts, plan } = ctx;
  const over = ctx.samplingType === 'over-sampling';
  return { who, over, data, rows: selection.length, cols, room: undefined, labels: y, counts, plan, rng };
}

/**
 * Synthetic rows held in memory (`count` rows of `data` from row `offset` on, `cols` wide), served
 * in the random order `order` gives, cycling when an epoch asks for more. @internal
 */
export function heldRows(
  who: string,
  label: Label,
  data: Float64Array | Float32Array,
  offset: number,
  count: number,
  cols: number,
  order: Random,
): SyntheticGenerator {
  const perm = order.permutation(count);
  let served = 0;
  return {
    draw(_rng, m) {
      if (count === 0) throw new Error(`${who}: no synthetic rows of class ${String(label)} are held for this epoch.`);
      const first = served;
      served += m;
      return {
        sources: [],
        write(t, _gathered, _offset, x, outRow) {
          const r = offset + (perm[(first + t) % count] as number);
          for (let j = 0; j < cols; j++) x[outRow * cols + j] = data[r * cols + j] as number;
        },
      };
    },
  };
}
