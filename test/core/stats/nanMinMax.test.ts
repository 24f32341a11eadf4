import { describe, expect, it } from 'vitest';
import { nanMinMax } from '../../../src/core/stats/nanMinMax.js';

const N = Number.NaN;

describe('nanMinMax', () => {
  it('gives the minimum and maximum of the non-NaN values of the columns asked for', () => {
    // rows: [3, NaN, 1], [-2, NaN, 9], [NaN, NaN, 4]
    const X = Float64Array.of(3, N, 1, -2, N, 9, N, N, 4);
    const { min, max } = nanMinMax(X, 3, [0, 1]);
    expect(min[0]).toBe(-2);
    expect(max[0]).toBe(3);
    expect(min[1]).toBeNaN(); // no values
    expect(max[1]).toBeNaN();
    expect(min[2]).toBeNaN(); // not asked for
    expect(max[2]).toBeNaN();
  });
  it('a single value is both the minimum and the maximum', () => {
    const { min, max } = nanMinMax(Float64Array.of(5), 1, Int32Array.of(0));
    expect([min[0], max[0]]).toEqual([5, 5]);
  });
});
