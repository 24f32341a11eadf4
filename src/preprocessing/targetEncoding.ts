/**
 * The arithmetic of target encoding (Micci-Barreca 2001, as scikit-learn ≥ 1.3 computes it):
 * per category, the target mean shrunk towards the global mean, learned on a subset of rows,
 * and the writing of encodings into an output matrix.
 *
 * @internal
 * @module
 */
import { Random } from '../core/Random.js';

/** Encodings learned on some rows: one table per output column, and the target means. @internal */
export interface LearnedEncodings {
  /**
   * Per output column (feature-major, target-minor: f0_t0, f0_t1, …, f1_t0, …), the encoding of
   * each category of its feature.
   */
  readonly encodings: Float64Array[];
  /** The mean of each target column over the rows learned from. */
  readonly means: Float64Array;
}

/**
 * Learns the encodings of every feature for every target column from rows `rows` (all rows when
 * `null`).
 * @param codes - Per feature, the category index of each row (`-1`: unknown, not counted).
 * @param targets - The target columns: one 0/1 indicator per class, or the continuous target.
 * @param nCategories - Number of categories of each feature.
 * @param smooth - `'auto'` (empirical Bayes) or the weight m of the global mean.
 * @internal
 */
export function learnEncodings(
  codes: ReadonlyArray<Int32Array>,
  targets: ReadonlyArray<Float64Array>,
  nCategories: ReadonlyArray<number>,
  smooth: 'auto' | number,
  rows: Int32Array | null,
): LearnedEncodings {
  const n = rows === null ? (targets[0] as Float64Array).length : rows.length;
  const at = rows === null ? (i: number) => i : (i: number) => rows[i] as number;
  const means = new Float64Array(targets.length);
  const variances = new Float64Array(targets.length);
  targets.forEach((y, t) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += y[at(i)] as number;
    const mean = s / n;
    // population variance, two passes (NumPy's np.var)
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const d = (y[at(i)] as number) - mean;
      ss += d * d;
    }
    means[t] = mean;
    variances[t] = ss / n;
  });
  const encodings: Float64Array[] = [];
  codes.forEach((x, j) => {
    const k = nCategories[j] as number;
    targets.forEach((y, t) => {
      const mean = means[t] as number;
      const column: ColumnTarget = { x, y, k, n, at, mean };
      encodings.push(smooth === 'auto' ? autoSmoothed(column, variances[t] as number) : smoothed(column, smooth));
    });
  });
  return { encodings, means };
}

/** One feature against one target column, over the rows learned from. */
interface ColumnTarget {
  /** Category index of each row (`-1`: not counted). */
  readonly x: Int32Array;
  /** The target column. */
  readonly y: Float64Array;
  /** Number of categories. */
  readonly k: number;
  /** Number of rows learned from; row `i` of them is `at(i)`. */
  readonly n: number;
  readonly at: (i: number) => number;
  /** The target mean over those rows. */
  readonly mean: number;
}

/** `(sum_c + m · mean) / (count_c + m)`; the mean when the denominator is 0 (m = 0, no rows). */
function smoothed({ x, y, k, n, at, mean }: ColumnTarget, m: number): Float64Array {
  const sums = new Float64Array(k).fill(m * mean);
  const counts = new Float64Array(k).fill(m);
  for (let i = 0; i < n; i++) {
    const r = at(i);
    const c = x[r] as number;
    if (c < 0) continue;
    sums[c] = (sums[c] as number) + (y[r] as number);
    counts[c] = (counts[c] as number) + 1;
  }
  const out = new Float64Array(k);
  for (let c = 0; c < k; c++) out[c] = counts[c] === 0 ? mean : (sums[c] as number) / (counts[c] as number);
  return out;
}

/**
 * Empirical Bayes: λ = σ² n_c / (σ² n_c + s²_c) with σ² the target's variance and s²_c the
 * within-category variance; encoding λ · mean_c + (1 − λ) · mean, the mean when λ is NaN (a
 * category without rows, or a constant target).
 */
function autoSmoothed({ x, y, k, n, at, mean }: ColumnTarget, variance: number): Float64Array {
  const counts = new Float64Array(k);
  const means = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const r = at(i);
    const c = x[r] as number;
    if (c < 0) continue;
    counts[c] = (counts[c] as number) + 1;
    means[c] = (means[c] as number) + (y[r] as number);
  }
  for (let c = 0; c < k; c++) means[c] = (means[c] as number) / (counts[c] as number);
  const ssd = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const r = at(i);
    const c = x[r] as number;
    if (c < 0) continue;
    const d = (y[r] as number) - (means[c] as number);
    ssd[c] = (ssd[c] as number) + d * d;
  }
  const out = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const nc = counts[c] as number;
    const lambda = (variance * nc) / (variance * nc + (ssd[c] as number) / nc);
    out[c] = Number.isNaN(lambda) ? mean : lambda * (means[c] as number) + (1 - lambda) * mean;
  }
  return out;
}

/**
 * Writes the encodings of rows `rows` (all when `null`) into `out` (row-major, `width` columns):
 * column `e` reads feature `⌊e / nTargets⌋`; an unknown category (`-1`) gets the target mean.
 * @internal
 */
export function writeEncodings(
  out: Float64Array,
  width: number,
  codes: ReadonlyArray<Int32Array>,
  learned: LearnedEncodings,
  rows: Int32Array | null,
): void {
  const nTargets = learned.means.length;
  const n = rows === null ? (codes[0] as Int32Array).length : rows.length;
  learned.encodings.forEach((enc, e) => {
    const x = codes[Math.floor(e / nTargets)] as Int32Array;
    const mean = learned.means[e % nTargets] as number;
    for (let i = 0; i < n; i++) {
      const r = rows === null ? i : (rows[i] as number);
      const c = x[r] as number;
      out[r * width + e] = c < 0 ? mean : (enc[c] as number);
    }
  });
}

/**
 * The test fold of each of `n` rows under plain k-fold (scikit-learn's `KFold`): contiguous
 * blocks, the first `n mod k` folds one row longer; with `seed`, the rows are permuted first.
 * @internal
 */
export function kFoldTestFolds(n: number, k: number, seed: number | undefined): Int32Array {
  const order = seed === undefined ? null : new Random(seed).permutation(n);
  const folds = new Int32Array(n);
  const base = Math.floor(n / k);
  const extra = n % k;
  let p = 0;
  for (let f = 0; f < k; f++) {
    const size = base + (f < extra ? 1 : 0);
    for (let j = 0; j < size; j++, p++) folds[order === null ? p : (order[p] as number)] = f;
  }
  return folds;
}
