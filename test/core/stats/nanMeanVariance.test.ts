import { describe, expect, it } from 'vitest';
import { nanCount } from '../../../src/core/stats/nanCount.js';
import { nanMeanVariance } from '../../../src/core/stats/nanMeanVariance.js';

const N = Number.NaN;

describe('nanMeanVariance', () => {
  // rows: [1, NaN, 7], [2, 5, 7], [4, NaN, 7], [8, 1e6, 7]
  const X = Float64Array.of(1, N, 7, 2, 5, 7, 4, N, 7, 8, 1e6, 7);
  it('gives the mean and the population variance of the non-NaN values (np.nanmean, np.nanvar)', () => {
    const { mean, variance } = nanMeanVariance(X, 3, [0, 1, 2], nanCount(X, 3));
    expect([...mean]).toEqual([3.75, 500002.5, 7]);
    expect([...variance]).toEqual([7.1875, 249997500006.25, 0]);
  });
  it('leaves the columns not asked for, and columns without values, NaN', () => {
    const Y = Float64Array.of(1, N, 3, N);
    const { mean, variance } = nanMeanVariance(Y, 2, Int32Array.of(1), nanCount(Y, 2));
    expect(mean[0]).toBeNaN();
    expect(variance[0]).toBeNaN();
    expect(mean[1]).toBeNaN();
    expect(variance[1]).toBeNaN();
  });
  it("applies scikit-learn's correction term: the rounding of the mean is taken out of the variance", () => {
    const Z = Float64Array.of(0.1, 0.1, 0.1);
    const { mean, variance } = nanMeanVariance(Z, 1, [0], [3]);
    const m = (0.1 + 0.1 + 0.1) / 3;
    const d = 0.1 - m;
    expect(mean[0]).toBe(m);
    expect(variance[0]).toBe((d * d + d * d + d * d - (d + d + d) ** 2 / 3) / 3);
    expect(variance[0]).toBeLessThan(1e-33);
  });
});
