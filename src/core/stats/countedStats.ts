/**
 * Statistics of a column held as counts: distinct values and how often each occurs, as a one-hot
 * indicator (values 0 and 1) or an ordinal code column (values 0 … k − 1) are known from their
 * category counts. They give what the row-by-row statistics give, without reading the rows.
 *
 * @module
 */

/**
 * The mean and the population variance of a column whose value `values[k]` occurs `counts[k]`
 * times (NaN values must not be listed), by the same corrected two-pass formula as
 * `nanMeanVariance`: with `d = x − mean`, `var = (Σd² − (Σd)²/n) / n`, the sums taken per distinct
 * value, so for integer values and counts the mean is exactly the row-by-row mean and the variance
 * agrees with it to rounding (it is the more accurate of the two).
 *
 * @param values - The distinct values.
 * @param counts - How often each occurs.
 * @returns `{ n, mean, variance }`; mean and variance are NaN when `n` is 0.
 * @internal
 */
export function countedMeanVariance(
  values: ArrayLike<number>,
  counts: ArrayLike<number>,
): { n: number; mean: number; variance: number } {
  let n = 0;
  let sum = 0;
  for (let k = 0; k < values.length; k++) {
    const c = counts[k] as number;
    if (c === 0) continue;
    n += c;
    sum += c * (values[k] as number);
  }
  const mean = sum / n;
  let corr = 0;
  let sq = 0;
  for (let k = 0; k < values.length; k++) {
    const c = counts[k] as number;
    if (c === 0) continue;
    const d = (values[k] as number) - mean;
    corr += c * d;
    sq += c * (d * d);
  }
  return { n, mean, variance: (sq - (corr * corr) / n) / n };
}

/**
 * The smallest and largest value that occurs (count > 0); NaN for both when none does.
 * @internal
 */
export function countedMinMax(values: ArrayLike<number>, counts: ArrayLike<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < values.length; k++) {
    if ((counts[k] as number) === 0) continue;
    const v = values[k] as number;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : { min: NaN, max: NaN };
}

/**
 * The column sorted ascending, read by position without being built: `at(i)` is its `i`-th
 * smallest value (for `medianAt` / `percentileAt`), `n` its length.
 *
 * @param values - The distinct values, **ascending**.
 * @param counts - How often each occurs.
 * @internal
 */
export function countedSortedAt(
  values: ArrayLike<number>,
  counts: ArrayLike<number>,
): { n: number; at: (i: number) => number } {
  const m = values.length;
  const ends = new Float64Array(m);
  let n = 0;
  for (let k = 0; k < m; k++) {
    n += counts[k] as number;
    ends[k] = n;
  }
  const at = (i: number): number => {
    // the first value whose cumulative count exceeds i (binary search; m is small)
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ends[mid] as number) > i) hi = mid;
      else lo = mid + 1;
    }
    return values[lo] as number;
  };
  return { n, at };
}

/** A column as distinct values (ascending) and how often each occurs. @internal */
export interface ValueCounts {
  /** The distinct values, ascending. */
  readonly values: Float64Array;
  /** How often each occurs. */
  readonly counts: Float64Array;
}

/**
 * The value counts of an 8- or 16-bit integer array (its distinct values ascending, each with its
 * count), by one counting pass — O(n + 65,536) where sorting a million values takes ~100 ms; or
 * `undefined` for any other array. Feed it to the `counted…` statistics.
 * @internal
 */
export function integerCounts(values: ArrayLike<number>): ValueCounts | undefined {
  const signed = values instanceof Int8Array || values instanceof Int16Array;
  if (!(signed || values instanceof Uint8Array || values instanceof Uint16Array)) return undefined;
  const bits = values instanceof Int8Array || values instanceof Uint8Array ? 8 : 16;
  const offset = signed ? 2 ** (bits - 1) : 0;
  const all = new Float64Array(2 ** bits);
  for (let i = 0; i < values.length; i++) {
    const k = (values[i] as number) + offset;
    all[k] = (all[k] as number) + 1;
  }
  const distinct: number[] = [];
  const counts: number[] = [];
  all.forEach((c, k) => {
    if (c > 0) {
      distinct.push(k - offset);
      counts.push(c);
    }
  });
  return { values: Float64Array.from(distinct), counts: Float64Array.from(counts) };
}
