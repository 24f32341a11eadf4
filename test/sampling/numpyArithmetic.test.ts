import { describe, expect, it } from 'vitest';
import { pairwiseSum, rint } from '../../src/sampling/numpyArithmetic.js';

describe("NumPy's arithmetic", () => {
  it('rint rounds halves to even, as np.rint', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4999, 2.5001].map(rint)).toEqual([0, 2, 2, -0, -2, 2, 3]);
  });

  it('pairwiseSum adds in 8 lanes below 128 elements and splits above, as np.sum', () => {
    const a = Float64Array.from({ length: 300 }, (_, i) => 1 / (i + 1));
    // 8 lanes: element i goes to lane i mod 8, then the lanes pair up as ((0+1)+(2+3))+((4+5)+(6+7)).
    const lanes = (lo: number, n: number): number => {
      const r = new Float64Array(8);
      let i = 0;
      for (; i < n - (n % 8); i += 8) for (let l = 0; l < 8; l++) r[l] = r[l]! + a[lo + i + l]!;
      let s = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
      for (; i < n; i++) s += a[lo + i]!;
      return s;
    };
    expect(pairwiseSum(a, 0, 100)).toBe(lanes(0, 100));
    // 300 → 144 + 156 (halves rounded down to a multiple of 8), 144 → 72 + 72, 156 → 72 + 84.
    expect(pairwiseSum(a)).toBe(lanes(0, 72) + lanes(72, 72) + (lanes(144, 72) + lanes(216, 84)));
    expect(pairwiseSum(Float64Array.of(1, 2, 3))).toBe(6);
  });
});
