/**
 * KMeansSMOTE's cluster sparsity (imbalanced-learn's `_find_cluster_sparsity`): the mean Euclidean
 * distance between the distinct pairs of a cluster's rows of one class, raised to the density
 * exponent, over their number — the pair distances summed by a WebAssembly SIMD kernel, or a
 * register-blocked JavaScript loop where SIMD is missing.
 *
 * @internal
 * @module
 */
import { gatherRows } from './gatherRows.js';
import { sumPairDistancesWasm } from './pairDistanceKernel.js';
import { squaredDistance } from './squaredDistance.js';

/**
 * `mean^e / n` for the `n` rows `idx` of `data` (row-major, `cols` wide): `mean` the mean
 * Euclidean distance over their `n(n−1)/2` distinct pairs, `e` the exponent or, for `'auto'`,
 * imbalanced-learn's `(log(n) / log(1.6))^1.8 · 0.16`. @internal
 */
export function clusterSparsity(data: Float64Array, cols: number, idx: Int32Array, exponent: 'auto' | number): number {
  const n = idx.length;
  const x = gatherRows(data, cols, idx);
  const sum = sumPairDistancesWasm(x, n, cols) ?? sumPairwiseDistances(x, n, cols);
  const mean = (2 * sum) / (n * n - n);
  const e = exponent === 'auto' ? (Math.log(n) / Math.log(1.6)) ** 1.8 * 0.16 : exponent;
  return mean ** e / n;
}

/**
 * The sum of the Euclidean distances between the distinct pairs of the `n` rows of `x`
 * (row-major, `d` wide), in JavaScript: the fallback where WebAssembly SIMD is missing (the SIMD
 * kernel, `pairDistanceKernel.ts`, gives the same distances 3.5× faster still: 5.5 ns per pair).
 *
 * @remarks
 * Each distance is exactly the plain loop's (`√Σ_t (a_t − b_t)²`, coordinates summed in order);
 * only the order in which the distances are added differs. The rows go in groups of 4, each group
 * against the later rows 2 at a time: per coordinate, 4 + 2 loads feed 8 running sums held in
 * registers, which measured 3.5× faster than one pair at a time (57 → 16.5 ns per pair at d = 32,
 * 4,000 rows, CPU time on a loaded machine). Subtracting the dot products from the norms
 * (`‖a‖² + ‖b‖² − 2a·b`, scikit-learn's `euclidean_distances`) was no faster here and loses the
 * small distances to cancellation, so it is not used.
 * @internal
 */
export function sumPairwiseDistances(x: Float64Array, n: number, d: number): number {
  let total = 0;
  let a = 0;
  for (; a + 4 <= n; a += 4) {
    const o0 = a * d;
    const o1 = o0 + d;
    const o2 = o1 + d;
    const o3 = o2 + d;
    let s = 0;
    for (let p = a; p < a + 4; p++) for (let q = p + 1; q < a + 4; q++) s += Math.sqrt(squaredDistance(x, p, x, q, d));
    let b = a + 4;
    for (; b + 2 <= n; b += 2) {
      const p0 = b * d;
      const p1 = p0 + d;
      let c00 = 0;
      let c01 = 0;
      let c10 = 0;
      let c11 = 0;
      let c20 = 0;
      let c21 = 0;
      let c30 = 0;
      let c31 = 0;
      for (let t = 0; t < d; t++) {
        const y0 = x[p0 + t] as number;
        const y1 = x[p1 + t] as number;
        const x0 = x[o0 + t] as number;
        const x1 = x[o1 + t] as number;
        const x2 = x[o2 + t] as number;
        const x3 = x[o3 + t] as number;
        let v = x0 - y0;
        c00 += v * v;
        v = x0 - y1;
        c01 += v * v;
        v = x1 - y0;
        c10 += v * v;
        v = x1 - y1;
        c11 += v * v;
        v = x2 - y0;
        c20 += v * v;
        v = x2 - y1;
        c21 += v * v;
        v = x3 - y0;
        c30 += v * v;
        v = x3 - y1;
        c31 += v * v;
      }
      s +=
        Math.sqrt(c00) +
        Math.sqrt(c10) +
        Math.sqrt(c20) +
        Math.sqrt(c30) +
        Math.sqrt(c01) +
        Math.sqrt(c11) +
        Math.sqrt(c21) +
        Math.sqrt(c31);
    }
    for (; b < n; b++) for (let p = a; p < a + 4; p++) s += Math.sqrt(squaredDistance(x, p, x, b, d));
    total += s;
  }
  for (; a < n; a++) for (let b = a + 1; b < n; b++) total += Math.sqrt(squaredDistance(x, a, x, b, d));
  return total;
}
