import { describe, expect, it } from 'vitest';
import { nanCount } from '../../../src/core/stats/nanCount.js';

describe('nanCount', () => {
  it('counts the non-NaN values of each column of a row-major matrix', () => {
    const X = Float64Array.of(1, Number.NaN, 3, Number.NaN, Number.NaN, 0, 5, 6, Number.NaN);
    expect([...nanCount(X, 3)]).toEqual([2, 1, 2]);
  });
  it('gives zeros for a matrix without rows', () => {
    expect([...nanCount(new Float64Array(0), 2)]).toEqual([0, 0]);
  });
});
