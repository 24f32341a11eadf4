import { describe, expect, it } from 'vitest';
import {
  countedMeanVariance,
  countedMinMax,
  countedSortedAt,
  integerCounts,
} from '../../../src/core/stats/countedStats.js';
import { medianAt, medianSorted } from '../../../src/core/stats/medianSorted.js';
import { nanMeanVariance } from '../../../src/core/stats/nanMeanVariance.js';
import { percentileAt, percentileSorted } from '../../../src/core/stats/percentileSorted.js';

/** The column the counts describe, in the given order. */
const expand = (values: number[], counts: number[]) =>
  values.flatMap((v, k) => new Array<number>(counts[k] ?? 0).fill(v));

describe('countedStats: statistics of a column held as value counts', () => {
  const values = [-1, 0, 1, 2, 5];
  const counts = [3, 0, 7, 2, 1];
  const column = Float64Array.from(expand(values, counts));
  it('mean and population variance agree with the row-by-row formula', () => {
    const r = countedMeanVariance(values, counts);
    const d = nanMeanVariance(column, 1, [0], [column.length]);
    expect(r.n).toBe(13);
    expect(r.mean).toBe(d.mean[0]);
    expect(Math.abs(r.variance - (d.variance[0] as number))).toBeLessThan(1e-15);
  });
  it('one-hot: mean c/n and variance p(1 − p)', () => {
    const r = countedMeanVariance([0, 1], [750, 250]);
    expect(r.mean).toBe(0.25);
    expect(r.variance).toBe(0.1875);
  });
  it('min and max of the values that occur; NaN when none does', () => {
    expect(countedMinMax(values, counts)).toEqual({ min: -1, max: 5 });
    expect(countedMinMax([0, 1], [5, 0])).toEqual({ min: 0, max: 0 });
    expect(countedMinMax([0, 1], [0, 0])).toEqual({ min: Number.NaN, max: Number.NaN });
    expect(countedMeanVariance([1], [0]).mean).toBeNaN();
  });
  it('sorted positions give NumPy’s median and percentiles of the expanded column, bit for bit', () => {
    const { n, at } = countedSortedAt(values, counts);
    expect(n).toBe(13);
    expect(Array.from({ length: n }, (_, i) => at(i))).toEqual([...column]);
    expect(medianAt(n, at)).toBe(medianSorted(column));
    for (const q of [0, 10, 25, 33.3, 50, 75, 90, 100])
      expect(percentileAt(n, q, at)).toBe(percentileSorted(column, q));
  });
});

describe('integerCounts', () => {
  it('counts the values of 8- and 16-bit integer arrays, ascending; other arrays give undefined', () => {
    expect(integerCounts(Int8Array.of(3, -128, 3, 0))).toEqual({
      values: Float64Array.of(-128, 0, 3),
      counts: Float64Array.of(1, 1, 2),
    });
    expect(integerCounts(Uint16Array.of(65535, 1))?.values).toEqual(Float64Array.of(1, 65535));
    expect(integerCounts(Int32Array.of(1))).toBeUndefined();
    expect(integerCounts([1, 2])).toBeUndefined();
  });
});
