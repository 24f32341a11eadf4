/**
 * NumPy's arithmetic, bit for bit, where imbalanced-learn's results depend on it: `np.rint`
 * (round half to even) and the pairwise summation behind `np.sum` (ADASYN's per-row counts).
 *
 * @internal
 * @module
 */
/**
 * NumPy's `rint`: rounds to the nearest integer, halves to even. @internal
 */
export function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * NumPy's pairwise summation of a contiguous float64 vector (what `np.sum` returns, bit for bit).
 * @internal
 */
export function pairwiseSum(a: Float64Array, lo = 0, n = a.length): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[lo + i] as number;
    return res;
  }
  if (n <= 128) {
    let r0 = a[lo] as number,
      r1 = a[lo + 1] as number,
      r2 = a[lo + 2] as number,
      r3 = a[lo + 3] as number;
    let r4 = a[lo + 4] as number,
      r5 = a[lo + 5] as number,
      r6 = a[lo + 6] as number,
      r7 = a[lo + 7] as number;
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      const o = lo + i;
      r0 += a[o] as number;
      r1 += a[o + 1] as number;
      r2 += a[o + 2] as number;
      r3 += a[o + 3] as number;
      r4 += a[o + 4] as number;
      r5 += a[o + 5] as number;
      r6 += a[o + 6] as number;
      r7 += a[o + 7] as number;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[lo + i] as number;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, lo, n2) + pairwiseSum(a, lo + n2, n - n2);
}
