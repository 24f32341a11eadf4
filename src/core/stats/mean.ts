/**
 * The arithmetic mean of a list of numbers.
 *
 * @module
 */

/**
 * The arithmetic mean: the values added one after the other, in order, divided by their count.
 *
 * @remarks NumPy sums pairwise, so for long arrays the last bit can differ from `np.mean`.
 * @param values - The numbers (NaN propagates; drop it first for a `nanmean`).
 * @returns The mean, or NaN for no values.
 * @internal
 */
export function mean(values: ArrayLike<number>): number {
  const n = values.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += values[i] as number;
  return s / n;
}
