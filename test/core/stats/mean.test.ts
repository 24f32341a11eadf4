import { describe, expect, it } from 'vitest';
import { mean } from '../../../src/core/stats/mean.js';

describe('mean', () => {
  it('adds in order and divides by the count', () => {
    expect(mean([34, 51, 29, 40])).toBe(38.5);
    expect(mean(Float64Array.of(0.1, 0.2, 0.3))).toBe((0.1 + 0.2 + 0.3) / 3);
  });
  it('is NaN for no values, and NaN propagates', () => {
    expect(mean([])).toBeNaN();
    expect(mean([1, Number.NaN])).toBeNaN();
  });
});
