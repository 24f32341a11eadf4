import { describe, expect, it } from 'vitest';
import { KNeighbors, Random } from '../../src/index.js';
import { gatherRows } from '../../src/sampling/gatherRows.js';
import { forEachNeighbourBlock, neighboursAmong, QUERY_BLOCK } from '../../src/sampling/neighboursAmong.js';

describe('neighboursAmong', () => {
  it('answers more query rows than one block as one search of them all would', () => {
    const rng = new Random(3);
    const rows = 40000;
    const cols = 2;
    const data = Float64Array.from({ length: rows * cols }, () => rng.int(50) / 7);
    const among = Int32Array.from({ length: 300 }, (_, i) => i * 7);
    const query = Int32Array.from({ length: rows }, (_, i) => rows - 1 - i);
    const calls: number[] = [];
    const search = new KNeighbors();
    const counting = {
      fit: (d: Float64Array, n: number, c: number) => search.fit(d, n, c),
      kneighbors: (q: Float64Array, n: number, k: number) => {
        // each block's rows, exactly (the blocks share one buffer: the last, shorter one included)
        const start = calls.reduce((a, b) => a + b, 0);
        expect(q).toEqual(gatherRows(data, cols, query.subarray(start, start + n)));
        calls.push(n);
        return search.kneighbors(q, n, k);
      },
    };
    const got = neighboursAmong('test', counting as never, data, cols, among, query, 3);
    const blocks = Math.ceil(rows / QUERY_BLOCK);
    expect(blocks).toBeGreaterThan(1);
    expect(calls).toEqual([
      ...Array.from({ length: blocks - 1 }, () => QUERY_BLOCK),
      rows - (blocks - 1) * QUERY_BLOCK,
    ]);
    const whole = new KNeighbors().fit(gatherRows(data, cols, among), among.length, cols);
    const want = whole.kneighbors(gatherRows(data, cols, query), rows, 3);
    expect(got.indices).toEqual(want.indices);
    expect(got.distances).toEqual(want.distances);
  });

  it("with the library's engine (overlapped blocks): one search's answers, safe when a consumer throws", () => {
    const rng = new Random(5);
    const rows = 2 * QUERY_BLOCK + 777;
    const cols = 12;
    const data = Float64Array.from({ length: rows * cols }, () => rng.float() * 4 + (rng.int(3) === 0 ? 5 : 0));
    const among = Int32Array.from({ length: 1500 }, (_, i) => (i * 13) % rows);
    const query = Int32Array.from({ length: rows }, (_, i) => (i * 7919) % rows);
    const fitted = gatherRows(data, cols, among);
    const want = new KNeighbors({ threads: 1 })
      .fit(fitted, among.length, cols)
      .kneighbors(gatherRows(data, cols, query), rows, 4);
    const search = new KNeighbors({ threads: 2 });
    const got = neighboursAmong('test', search, data, cols, among, query, 4);
    expect(got.indices).toEqual(want.indices);
    expect(got.distances).toEqual(want.distances);
    // a consumer that throws at the first block: the error is the consumer's, and the block already
    // started is finished, so the search answers the next call exactly
    expect(() =>
      forEachNeighbourBlock('test', search, among.length, data, cols, query, 4, () => {
        throw new Error('consumer');
      }),
    ).toThrow('consumer');
    const starts: number[] = [];
    forEachNeighbourBlock('test', search, among.length, data, cols, query, 4, (res, start) => {
      starts.push(start);
      expect(res.indices).toEqual(want.indices.subarray(start * 4, start * 4 + res.indices.length));
      expect(res.distances).toEqual(want.distances.subarray(start * 4, start * 4 + res.distances.length));
    });
    expect(starts).toEqual([0, QUERY_BLOCK, 2 * QUERY_BLOCK]);
  });
});
