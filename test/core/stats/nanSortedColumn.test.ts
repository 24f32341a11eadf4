import { describe, expect, it } from 'vitest';
import { nanSortedColumn } from '../../../src/core/stats/nanSortedColumn.js';

const N = Number.NaN;

describe('nanSortedColumn', () => {
  it('returns one column of a row-major matrix, NaN dropped, sorted ascending, as a fresh array', () => {
    const X = Float64Array.of(3, 0, N, 1, 10, 2, -4, 3);
    expect([...nanSortedColumn(X, 2, 0)]).toEqual([-4, 3, 10]);
    expect([...nanSortedColumn(X, 2, 1)]).toEqual([0, 1, 2, 3]);
    expect([...X]).toEqual([3, 0, N, 1, 10, 2, -4, 3]);
  });
  it('a column of NaN only gives an empty array', () => {
    expect(nanSortedColumn(Float64Array.of(N, 1, N, 2), 2, 0).length).toBe(0);
  });
});
