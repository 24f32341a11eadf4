import { describe, expect, it } from 'vitest';
import { Random } from '../../src/index.js';
import { clusterSparsity, sumPairwiseDistances } from '../../src/sampling/clusterSparsity.js';
import { assemblePairKernel, sumPairDistancesWasm } from '../../src/sampling/pairDistanceKernel.js';

/** The plain double loop over the distinct pairs. */
function naive(x: Float64Array, n: number, d: number): number {
  let s = 0;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      let q = 0;
      for (let t = 0; t < d; t++) q += (x[a * d + t]! - x[b * d + t]!) ** 2;
      s += Math.sqrt(q);
    }
  }
  return s;
}

describe('the pair-distance sums of the cluster sparsity', () => {
  const rng = new Random(3);
  // every remainder of n mod 4 (the SIMD kernel's quads) and of n mod 2, small and odd d
  const shapes: Array<[number, number]> = [
    [1, 3],
    [2, 1],
    [3, 2],
    [4, 5],
    [5, 3],
    [6, 1],
    [7, 4],
    [8, 2],
    [13, 32],
    [101, 7],
  ];
  for (const [n, d] of shapes) {
    it(`${n} rows × ${d}: the SIMD kernel and the JavaScript loop give the plain loop's sum`, () => {
      const x = Float64Array.from({ length: n * d }, () => 1e3 + rng.normal() * 5);
      const want = naive(x, n, d);
      expect(Math.abs(sumPairwiseDistances(x, n, d) - want)).toBeLessThanOrEqual(1e-12 * want);
      const simd = sumPairDistancesWasm(x, n, d);
      expect(simd).toBeDefined();
      expect(Math.abs((simd as number) - want)).toBeLessThanOrEqual(1e-12 * want);
    });
  }

  it('each distance is exact: two rows give exactly their distance; equal rows give 0', () => {
    const x = Float64Array.from([0.1, 0.2, 0.3, 0.7, 0.5, 0.9]);
    const one = Math.sqrt((0.1 - 0.7) ** 2 + (0.2 - 0.5) ** 2 + (0.3 - 0.9) ** 2);
    expect(sumPairwiseDistances(x, 2, 3)).toBe(one);
    const rows = Float64Array.from({ length: 9 * 3 }, (_, i) => [0.1, 0.2, 0.3][i % 3]!);
    expect(sumPairDistancesWasm(rows, 9, 3)).toBe(0);
    expect(sumPairwiseDistances(rows, 9, 3)).toBe(0);
  });

  it('the kernel module validates, and a second, larger call grows the memory', () => {
    expect(WebAssembly.validate(assemblePairKernel() as BufferSource)).toBe(true);
    const n = 3000;
    const x = Float64Array.from({ length: n * 8 }, () => rng.normal());
    const want = sumPairwiseDistances(x, n, 8);
    expect(Math.abs((sumPairDistancesWasm(x, n, 8) as number) - want)).toBeLessThanOrEqual(1e-12 * want);
  });

  it("clusterSparsity is imbalanced-learn's mean^e / n, 'auto' exponent from the row count", () => {
    const data = Float64Array.from([0, 0, 3, 4, 9, 9, 0, 8]);
    const idx = Int32Array.from([0, 1, 3]);
    const mean = (5 + 8 + Math.sqrt(9 + 16)) / 3;
    expect(clusterSparsity(data, 2, idx, 2)).toBeCloseTo(mean ** 2 / 3, 12);
    const e = (Math.log(3) / Math.log(1.6)) ** 1.8 * 0.16;
    expect(clusterSparsity(data, 2, idx, 'auto')).toBeCloseTo(mean ** e / 3, 12);
  });
});
