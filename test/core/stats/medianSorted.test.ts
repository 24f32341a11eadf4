import { describe, expect, it } from 'vitest';
import { medianSorted } from '../../../src/core/stats/medianSorted.js';

describe('medianSorted', () => {
  it("is NumPy's median of sorted values: the middle one, or the mean of the two middle ones", () => {
    expect(medianSorted([-1, 0.1, 2.5, 3, 7.25, 10])).toBe(2.75); // np.median
    expect(medianSorted([-1, 0.1, 2.5, 3, 7.25])).toBe(2.5);
    expect(medianSorted(Float64Array.of(4))).toBe(4);
    expect(medianSorted([1, 2])).toBe(1.5);
  });
  it('adds the two middle values before halving, like NumPy', () => {
    const big = Number.MAX_VALUE;
    expect(medianSorted([big, big])).toBe(Infinity);
  });
  it('is NaN for no values', () => {
    expect(medianSorted([])).toBeNaN();
  });
});
