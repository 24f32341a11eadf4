import { describe, expect, it } from 'vitest';
import { AllKNN, EditedNearestNeighbours, RepeatedEditedNearestNeighbours } from '../../../src/index.js';
import { NeighbourCache } from '../../../src/sampling/NeighbourCache.js';
import { BruteNeighbors } from '../../support/bruteNeighbors.js';
import { KNeighbors } from '../../../src/sampling/neighbors/index.js';
import { QUERY_BLOCK } from '../../../src/sampling/neighboursAmong.js';
import type { KNeighborsOptions, NeighborSearch } from '../../../src/sampling/neighbors/types.js';

function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

function data(n: number, d: number, seed: number): Float64Array {
  const r = lcg(seed);
  return Float64Array.from({ length: n * d }, () => r() * 10);
}

/** The k nearest alive other rows of row i, by brute force. */
function reference(X: Float64Array, d: number, alive: Uint8Array, i: number, k: number): number[] {
  const cand: Array<[number, number]> = [];
  for (let j = 0; j < alive.length; j++) {
    if (j === i || !alive[j]) continue;
    let s = 0;
    for (let t = 0; t < d; t++) s += (X[i * d + t]! - X[j * d + t]!) ** 2;
    cand.push([s, j]);
  }
  cand.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return cand.slice(0, k).map((c) => c[1]);
}

/** Counts the query rows a search answers. */
class Counting implements NeighborSearch {
  queried = 0;
  fits = 0;
  private readonly inner = new KNeighbors();
  fit(data: Float64Array, rows: number, cols: number): this {
    this.fits++;
    this.inner.fit(data, rows, cols);
    return this;
  }
  kneighbors(query: Float64Array, nQuery: number, k: number, options?: KNeighborsOptions) {
    this.queried += nQuery;
    return this.inner.kneighbors(query, nQuery, k, options);
  }
}

describe('NeighbourCache', () => {
  for (const width of [3, 4, 8]) {
    it(`gives the exact k nearest alive rows while rows are removed (width ${width})`, () => {
      const n = 150;
      const d = 3;
      const X = data(n, d, 11 + width);
      const cache = new NeighbourCache('test', 'k', X, n, d, new BruteNeighbors(), width);
      const r = lcg(5);
      for (let round = 0; round < 6; round++) {
        const alive = Array.from({ length: n }, (_, i) => i).filter((i) => cache.alive[i]);
        const query = Int32Array.from(alive.filter(() => r() < 0.7));
        const k = 1 + (round % 3);
        const got = cache.neighbours(query, k);
        query.forEach((i, q) => {
          expect(Array.from(got.subarray(q * k, (q + 1) * k))).toEqual(reference(X, d, cache.alive, i, k));
        });
        cache.remove(alive.filter(() => r() < 0.15));
      }
    });
  }

  it('asks the search in blocks of QUERY_BLOCK rows, with the same lists as one query of every row', () => {
    const n = QUERY_BLOCK + 1500;
    const d = 2;
    // a coarse grid: many exact duplicates, so ties and self-exclusion by index matter
    const X = Float64Array.from({ length: n * d }, (_, t) => Math.floor(data(1, 1, t + 1)[0]! * 40));
    const search = new Counting();
    const largest: number[] = [];
    const kneighbors = search.kneighbors.bind(search);
    search.kneighbors = (q, m, k, o) => {
      largest.push(m);
      return kneighbors(q, m, k, o);
    };
    const k = 3;
    const cache = new NeighbourCache('test', 'k', X, n, d, search, k);
    const every = (alive: Uint8Array) => Int32Array.from({ length: n }, (_, i) => i).filter((i) => alive[i]);
    const expectLists = () => {
      const rows = every(cache.alive);
      const got = cache.neighbours(rows, k);
      const kept = new Float64Array(rows.length * d);
      rows.forEach((i, t) => kept.set(X.subarray(i * d, (i + 1) * d), t * d));
      const ref = new KNeighbors().fit(kept, rows.length, d).kneighbors(kept, rows.length, k, { excludeSelf: true });
      expect(Array.from(got)).toEqual(Array.from(ref.indices, (p) => rows[p]!));
    };
    expectLists();
    // a few rows leave: the lists that run short are completed from the search as fitted
    cache.remove(every(cache.alive).filter((i) => i % 7 === 0));
    expectLists();
    expect(search.fits).toBe(1);
    // almost every row leaves: too few alive even among the 248 nearest, so the search is refitted
    cache.remove(every(cache.alive).filter((i) => i % 128 !== 0));
    expectLists();
    expect(search.fits).toBe(2);
    expect(Math.max(...largest)).toBeLessThanOrEqual(QUERY_BLOCK);
  });

  it('refuses k larger than the rows left minus one', () => {
    const cache = new NeighbourCache('Who.fitResample', 'nNeighbors', data(4, 2, 1), 4, 2, new BruteNeighbors(), 3);
    cache.remove([0, 1]);
    expect(() => cache.neighbours(Int32Array.of(2), 2)).toThrow(
      'Who.fitResample: nNeighbors = 2 needs at least 3 rows to search, but only 2 remain after cleaning.',
    );
  });
});

describe('repeated editing reuses its neighbour lists', () => {
  // noisy, overlapping classes: many passes, each removing some rows
  const r = lcg(3);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 600; i++) {
    const c = r() < 0.7 ? 0 : 1;
    X.push([r() + c * 0.4, r(), r()]);
    y.push(c);
  }
  it('RENN: one full search, then a small share of the rows per pass; same rows as without reuse', () => {
    const search = new Counting();
    const renn = new RepeatedEditedNearestNeighbours({ neighbors: search });
    const out = renn.fitResample(X, y);
    expect(renn.fitted.nIter).toBeGreaterThan(2);
    // every pass of imbalanced-learn searches all targeted rows again
    expect(search.queried).toBeLessThan(420 * 1.5);
    expect(search.fits).toBeLessThanOrEqual(renn.fitted.nIter);
    // the reference: each pass a fresh EditedNearestNeighbours on what is left
    let rowsLeft = X.map((_, i) => i);
    for (let p = 0; p < renn.fitted.nIter; p++) {
      const step = new EditedNearestNeighbours().fitResample(
        rowsLeft.map((i) => X[i]!),
        rowsLeft.map((i) => y[i]!),
      );
      rowsLeft = Array.from(step.sampleIndices!, (j) => rowsLeft[j]!);
    }
    expect(Array.from(out.sampleIndices!)).toEqual(rowsLeft);
  });
  it('AllKNN: the passes share one search', () => {
    const search = new Counting();
    const all = new AllKNN({ neighbors: search, nNeighbors: 5, allowMinority: true });
    all.fitResample(X, y);
    expect(all.fitted.nIter).toBe(5);
    expect(search.queried).toBeLessThan(420 * 1.5);
  });
});
