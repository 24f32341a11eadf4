/**
 * The median of values sorted ascending, as NumPy computes it.
 *
 * @module
 */

/**
 * NumPy's median of values sorted ascending: the middle value, or the mean of the two middle
 * values for an even count (`(a + b) / 2`, NumPy's order of operations); NaN when empty.
 *
 * @remarks The caller sorts (and drops NaN first for NumPy's `nanmedian`).
 * @param sorted - Values sorted ascending.
 * @returns The median, or NaN for no values.
 * @internal
 */
export function medianSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  return n % 2 === 1 ? (sorted[h] as number) : ((sorted[h - 1] as number) + (sorted[h] as number)) / 2;
}
