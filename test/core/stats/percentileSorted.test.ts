import { describe, expect, it } from 'vitest';
import { percentileSorted } from '../../../src/core/stats/percentileSorted.js';

describe('percentileSorted', () => {
  it("agrees with NumPy's default (linear) percentile bit for bit", () => {
    const v = Float64Array.of(-1, 0.1, 2.5, 3, 7.25, 10);
    // numpy 1.24: np.percentile(v, q)
    const expected: Array<[number, number]> = [
      [0, -1],
      [10, -0.45000000000000007],
      [25, 0.7],
      [33.3, 1.6959999999999997],
      [50, 2.75],
      [71, 5.3374999999999995],
      [75, 6.1875],
      [90, 8.625],
      [100, 10],
    ];
    for (const [q, x] of expected) expect(percentileSorted(v, q), `q = ${q}`).toBe(x);
  });
  it('a single value is every percentile; no values give NaN', () => {
    expect(percentileSorted([3], 0)).toBe(3);
    expect(percentileSorted([3], 63)).toBe(3);
    expect(percentileSorted([], 50)).toBeNaN();
  });
});
