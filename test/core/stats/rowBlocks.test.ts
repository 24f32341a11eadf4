import { describe, expect, it } from 'vitest';
import { nanCount } from '../../../src/core/stats/nanCount.js';
import { nanMeanVariance } from '../../../src/core/stats/nanMeanVariance.js';
import { nanMinMax } from '../../../src/core/stats/nanMinMax.js';
import { nanSortedColumn, nanSortedColumns } from '../../../src/core/stats/nanSortedColumn.js';
import { blocksOf, type RowBlocks } from '../../../src/core/stats/rowBlocks.js';

const N = Number.NaN;
// rows: [1, NaN, 7], [2, 5, 7], [4, NaN, 7], [8, 1e6, 7], [0.1, 0.2, 0.3]
const X = Float64Array.of(1, N, 7, 2, 5, 7, 4, N, 7, 8, 1e6, 7, 0.1, 0.2, 0.3);
/** The same matrix in blocks of `size` rows, through one reused buffer. */
const chunked =
  (size: number): RowBlocks =>
  (visit) => {
    const buf = new Float64Array(size * 3);
    for (let r = 0; r < 5; r += size) {
      const m = Math.min(size, 5 - r);
      buf.set(X.subarray(r * 3, (r + m) * 3));
      visit(buf, m);
    }
  };

describe('row blocks: the statistics read a matrix block by block, with the same results', () => {
  for (const size of [1, 2, 5]) {
    it(`blocks of ${size} row(s) give what the whole buffer gives, bit for bit`, () => {
      const b = chunked(size);
      const count = nanCount(X, 3);
      expect(nanCount(b, 3)).toEqual(count);
      expect(nanMeanVariance(b, 3, [0, 1, 2], count)).toEqual(nanMeanVariance(X, 3, [0, 1, 2], count));
      expect(nanMinMax(b, 3, [0, 2])).toEqual(nanMinMax(X, 3, [0, 2]));
      expect(nanSortedColumns(b, 3, [2, 1])).toEqual([nanSortedColumn(X, 3, 2), nanSortedColumn(X, 3, 1)]);
    });
  }
  it('a single column has its own fast path with the same additions', () => {
    const col = Float64Array.of(0.1, N, 0.7, 1e-3, 5);
    const single = nanMeanVariance(col, 1, [0], [4]);
    const wide = new Float64Array(10);
    col.forEach((v, i) => {
      wide[2 * i] = v;
    });
    const general = nanMeanVariance(wide, 2, [0], [4]);
    expect(single.mean[0]).toBe(general.mean[0]);
    expect(single.variance[0]).toBe(general.variance[0]);
  });
  it('blocksOf visits nothing for an empty buffer', () => {
    let visits = 0;
    blocksOf(new Float64Array(0), 3)(() => visits++);
    expect(visits).toBe(0);
  });
});
