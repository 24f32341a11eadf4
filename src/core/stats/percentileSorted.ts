/**
 * A percentile of values sorted ascending, as NumPy computes it by default.
 *
 * @module
 */

/**
 * NumPy's default (`method='linear'`) percentile of values sorted ascending, with NumPy's lerp:
 * at the virtual index `(n − 1) · q / 100`, interpolate from the lower neighbour when the fraction
 * is below ½ and from the upper one otherwise, which is what makes results agree to the last bit.
 *
 * @param sorted - Values sorted ascending (NaN dropped first for NumPy's `nanpercentile`).
 * @param q - The percentile, in `[0, 100]`.
 * @returns The percentile, or NaN for no values.
 * @internal
 */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const vi = (n - 1) * (q / 100);
  const lo = Math.floor(vi);
  const t = vi - lo;
  const a = sorted[Math.min(lo, n - 1)] as number;
  const b = sorted[Math.min(lo + 1, n - 1)] as number;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}
