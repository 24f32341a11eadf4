/** Squared Euclidean distance between row `i` of `a` and row `j` of `b` (row-major, `cols` wide). @internal */
export function squaredDistance(a: Float64Array, i: number, b: Float64Array, j: number, cols: number): number {
  let s = 0;
  const ai = i * cols;
  const bj = j * cols;
  for (let t = 0; t < cols; t++) {
    const v = (a[ai + t] as number) - (b[bj + t] as number);
    s += v * v;
  }
  return s;
}

/**
 * {@link squaredDistance} when it may be below `limit`, else some value ≥ `limit` — the test for
 * "is row `j` of `b` nearer than `limit`?" done fast and answered exactly.
 *
 * @remarks
 * The terms `(aₜ − bₜ)²` are first summed in four interleaved running sums (four independent
 * additions per step instead of one chain), checked every 8 columns. Both that sum and the direct
 * one are sums of the same non-negative terms, each within `(cols + 2)·2⁻⁵³` of the true sum
 * (relative), so once a partial fast sum, shrunk by twice that, reaches `limit`, the direct sum
 * does too and is never needed. Otherwise the direct sum is returned, the exact value.
 * @internal
 */
export function squaredDistanceBelow(
  a: Float64Array,
  i: number,
  b: Float64Array,
  j: number,
  cols: number,
  limit: number,
): number {
  const shrink = 1 - 4 * (cols + 2) * 2 ** -53;
  const ai = i * cols;
  const bj = j * cols;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  while (t + 8 <= cols) {
    const o = t + 8;
    for (; t < o; t += 4) {
      const v0 = (a[ai + t] as number) - (b[bj + t] as number);
      const v1 = (a[ai + t + 1] as number) - (b[bj + t + 1] as number);
      const v2 = (a[ai + t + 2] as number) - (b[bj + t + 2] as number);
      const v3 = (a[ai + t + 3] as number) - (b[bj + t + 3] as number);
      s0 += v0 * v0;
      s1 += v1 * v1;
      s2 += v2 * v2;
      s3 += v3 * v3;
    }
    const f = s0 + s1 + s2 + s3;
    if (f * shrink >= limit && f < Infinity) return f;
  }
  return squaredDistance(a, i, b, j, cols);
}
