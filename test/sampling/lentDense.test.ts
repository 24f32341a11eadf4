import { describe, expect, it } from 'vitest';
import { fromDense } from '../../src/core/matrix.js';
import { borrowDense, lendDense } from '../../src/sampling/lentDense.js';

describe('lentDense', () => {
  it('a lent Matrix is borrowed once, as its own buffer', () => {
    const data = Float64Array.of(1, 2, 3, 4, 5, 6);
    const X = lendDense({ data, rows: 3, cols: 2, consume: true });
    expect(X.to2DArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const got = borrowDense(X);
    expect(got?.data).toBe(data);
    expect(got?.consume).toBe(true);
    expect(borrowDense(X)).toBeUndefined(); // the loan ended
  });

  it('an ordinary input, or a lent one holding a non-finite value, is not borrowed', () => {
    expect(borrowDense(fromDense(Float64Array.of(1, 2), 1, 2))).toBeUndefined();
    expect(borrowDense([[1, 2]])).toBeUndefined();
    expect(borrowDense(null)).toBeUndefined();
    const data = Float64Array.of(1, Number.NaN);
    expect(borrowDense(lendDense({ data, rows: 1, cols: 2 }))).toBeUndefined();
  });
});
