/**
 * How many neighbours a neighbour-based sampler uses: the option (`kNeighbors`, which may be
 * `'auto'`, or a plain count such as ADASYN's `nNeighbors`), its value for a class of a given size,
 * and the up-front check that every targeted class is large enough for it.
 *
 * @internal
 * @module
 */
import { DataValidationError, describe } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import { checkInteger } from '../core/validate.js';

/** The default number of neighbours (imbalanced-learn's `k_neighbors=5` / `n_neighbors=5`). */
const DEFAULT_NEIGHBORS = 5;

/** Validates a positive integer neighbour count option, `fallback` when undefined. @internal */
export function checkNeighborCount(who: string, param: string, value: unknown, fallback = DEFAULT_NEIGHBORS): number {
  return checkInteger(who, param, value, { min: 1 }, fallback, `The usual value is ${fallback}.`);
}

/** Validates a `kNeighbors` option that may be `'auto'` (5, clamped per class to its size − 1). @internal */
export function checkKNeighbors(who: string, value: unknown): number | 'auto' {
  if (value === 'auto') return 'auto';
  return checkInteger(
    who,
    'kNeighbors',
    value,
    { min: 1 },
    DEFAULT_NEIGHBORS,
    "The usual value is 5, or 'auto' (5, clamped per class to the class size − 1).",
  );
}

/** The number of neighbours used for a class of `n` rows. @internal */
export function kFor(k: number | 'auto', n: number): number {
  return k === 'auto' ? Math.max(1, Math.min(DEFAULT_NEIGHBORS, n - 1)) : k;
}

/**
 * Throws the "class too small for k" {@link DataValidationError} up front, before anything is
 * generated: every class the plan adds rows to needs `k + 1` rows (itself and k neighbours), or 2
 * with `'auto'`. The message names the class, its count, the option `param` and the fix (a smaller
 * `param`, or RandomOverSampler, which needs no neighbours). @internal
 */
export function checkClassSizes(
  who: string,
  param: string,
  k: number | 'auto',
  plan: ReadonlyMap<Label, number>,
  counts: ReadonlyMap<Label, number>,
): void {
  for (const [c, n] of plan) {
    if (n <= 0) continue;
    const have = counts.get(c) as number;
    const fix =
      have >= 2
        ? `Lower ${param} to at most ${have - 1}, or use RandomOverSampler.`
        : 'Use RandomOverSampler for this class, or drop it from samplingStrategy.';
    if (k === 'auto' && have < 2) {
      throw new DataValidationError(
        `${who}: class ${describe(c)} has ${have} sample, and interpolation needs at least 2 even with ` +
          `${param}: 'auto'. ${fix}`,
        { param: 'y' },
      );
    }
    if (k !== 'auto' && have < k + 1) {
      throw new DataValidationError(
        `${who}: class ${describe(c)} has ${have} sample${have === 1 ? '' : 's'}, fewer than ${param} + 1 = ` +
          `${k + 1}. ${fix}`,
        { param: 'y' },
      );
    }
  }
}

/** One class that generates rows in an eager resample: its label, rows to add, rows and k. @internal */
export interface GeneratingClass {
  /** The class. */
  readonly label: Label;
  /** Rows to generate (> 0). */
  readonly count: number;
  /** Its rows in X, in input order. */
  readonly rows: Int32Array;
  /** Neighbours used for it ({@link kFor}). */
  readonly k: number;
}

/**
 * The classes of `plan` that generate rows (count > 0), in plan order, with the `k` each uses;
 * records that `k` in `kUsed`. @internal
 */
export function* generatingClasses(
  plan: ReadonlyMap<Label, number>,
  indicesOf: (label: Label) => Int32Array,
  kOpt: number | 'auto',
  kUsed: Map<Label, number>,
): Generator<GeneratingClass> {
  for (const [label, count] of plan) {
    if (count <= 0) continue;
    const rows = indicesOf(label);
    const k = kFor(kOpt, rows.length);
    kUsed.set(label, k);
    yield { label, count, rows, k };
  }
}
