import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KNeighbors, type StreamContext } from '../../../src/index.js';
import { BruteNeighbors } from '../../support/bruteNeighbors.js';
import { blockedNeighbors } from '../../../src/sampling/lazy/blockedNeighbors.js';
import { readDense } from '../../../src/sampling/readRows.js';
import { rowSource } from '../propertyData.js';

/** The part of a StreamContext the blocked search reads. */
function contextFor(X: number[][], selection: Int32Array, blockRows: number, events: string[] = []): StreamContext {
  const source = rowSource(X);
  return {
    who: 'test',
    X: source,
    selection,
    cols: X[0]!.length,
    blockRows,
    dense: (rows: ArrayLike<number>) => readDense('test', source, rows).data,
    denseBlock: (rows: ArrayLike<number>) => readDense('test', source, rows).data,
    progress: (phase: string, done: number, total: number | undefined, unit: string) =>
      events.push(`${phase} ${done}/${total} ${unit}`),
  } as unknown as StreamContext;
}

/** Rows on a coarse grid (many ties and duplicates), a selection of them, queries among it. */
const problem = fc.record({ d: fc.integer({ min: 1, max: 9 }), n: fc.integer({ min: 2, max: 60 }) }).chain(({ d, n }) =>
  fc.record({
    X: fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: d, maxLength: d }), {
      minLength: n,
      maxLength: n,
    }),
    selection: fc.shuffledSubarray([...Array(n).keys()], { minLength: 1, maxLength: n }),
    blockRows: fc.integer({ min: 1, max: n + 3 }),
    k: fc.integer({ min: 1, max: 8 }),
    q: fc.integer({ min: 1, max: n }),
  }),
);

describe('blockedNeighbors', () => {
  it('gives the table of one exact search over every selected row, whatever the block size (ties, duplicates)', () => {
    fc.assert(
      fc.property(problem, ({ X, selection, blockRows, k, q }) => {
        const sel = Int32Array.from(selection);
        const K = Math.min(k, sel.length);
        const queries = Int32Array.from({ length: Math.min(q, sel.length) }, (_, i) => (i * 7) % sel.length);
        const ctx = contextFor(X, sel, blockRows);
        const blocked = blockedNeighbors(ctx, () => new KNeighbors(), queries, K);
        const all = ctx.dense(sel);
        const Q = ctx.dense(queries.map((p) => sel[p]!));
        const one = new KNeighbors().fit(all, sel.length, X[0]!.length).kneighbors(Q, queries.length, K).indices;
        expect(blocked).toEqual(one);
        const brute = new BruteNeighbors().fit(all, sel.length, X[0]!.length).kneighbors(Q, queries.length, K).indices;
        expect(blocked).toEqual(brute);
      }),
      { numRuns: 200 },
    );
  });

  it('answers queries with K identical rows by them, without a search (rows repeated across blocks)', () => {
    // 12 distinct rows, 25 copies each, interleaved: every block of 7 holds at most one copy of a row
    const X = Array.from({ length: 300 }, (_, i) => [i % 12, (i % 12) % 5, -1, i % 12 === 3 ? -0 : 0]);
    const sel = Int32Array.from(X.keys());
    const ctx = contextFor(X, sel, 7);
    const queries = Int32Array.from({ length: 40 }, (_, i) => (i * 37) % 300);
    const noSearch = (): KNeighbors => {
      throw new Error('searched');
    };
    const blocked = blockedNeighbors(ctx, noSearch, queries, 6);
    const all = ctx.dense(sel);
    const Q = ctx.dense(queries);
    expect(blocked).toEqual(new BruteNeighbors().fit(all, 300, 4).kneighbors(Q, 40, 6).indices);
    // 26 neighbours: more than any row's copies, so every query is searched (and gets the same table)
    const wide = blockedNeighbors(ctx, () => new KNeighbors(), queries, 26);
    expect(wide).toEqual(new BruteNeighbors().fit(all, 300, 4).kneighbors(Q, 40, 26).indices);
  });

  it('reports one progress event per block', () => {
    const X = Array.from({ length: 10 }, (_, i) => [i, i % 3]);
    const events: string[] = [];
    blockedNeighbors(
      contextFor(X, Int32Array.from(X.keys()), 4, events),
      () => new KNeighbors(),
      Int32Array.of(0, 5),
      3,
    );
    expect(events).toEqual([
      'neighbors 0/3 blocks',
      'neighbors 1/3 blocks',
      'neighbors 2/3 blocks',
      'neighbors 3/3 blocks',
    ]);
  });

  it('queries in chunks when they outnumber a block', () => {
    const X = Array.from({ length: 30 }, (_, i) => [(i * 7) % 11, i % 4]);
    const sel = Int32Array.from(X.keys());
    const ctx = contextFor(X, sel, 4);
    const queries = Int32Array.from(sel);
    const all = ctx.dense(sel);
    const one = new KNeighbors().fit(all, 30, 2).kneighbors(all, 30, 6).indices;
    expect(blockedNeighbors(ctx, () => new KNeighbors(), queries, 6)).toEqual(one);
  });
});
