import { describe, expect, it } from 'vitest';
import { largestPrefixGroup } from '../../../src/sampling/neighbors/duplicates.js';
import { exhaustiveSearch } from '../../../src/sampling/neighbors/exhaustive.js';
import { KNeighbors, type KNeighborsParams } from '../../../src/sampling/neighbors/index.js';
import { xorshift } from '../../support/seededRandom.js';

/** `distinct` random rows (a few one-hot-like columns and small integers) repeated to `n` rows, shuffled. */
function repeated(n: number, d: number, distinct: number, seed: number, scale = 1): Float64Array {
  const rnd = xorshift(seed);
  const base = Float64Array.from({ length: distinct * d }, () => scale * (Math.floor(rnd() * 3) - 1));
  const X = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const src = Math.floor(rnd() * distinct);
    X.set(base.subarray(src * d, (src + 1) * d), i * d);
  }
  return X;
}

function reference(X: Float64Array, n: number, d: number, Q: Float64Array, nq: number, k: number, self: boolean) {
  const indices = new Int32Array(nq * k);
  const distances = new Float64Array(nq * k);
  exhaustiveSearch(X, n, d, Q, null, k, self, indices, distances);
  return { indices, distances };
}

const ENGINES: [string, KNeighborsParams][] = [
  ['int16, 1 thread', { algorithm: 'brute', kernel: 'wasm-i16', threads: 1 }],
  ['float32, 2 threads', { algorithm: 'brute', kernel: 'wasm-f32', threads: 2 }],
  ['js', { algorithm: 'brute', kernel: 'js', threads: 1 }],
];

describe('KNeighbors on data with repeated rows', () => {
  for (const [name, params] of ENGINES) {
    it(`${name}: k identical rows answer a query, the k of smallest index, distance 0 as exhaustively`, () => {
      const n = 3000;
      const d = 9;
      const k = 5;
      // 150 distinct rows, 20 copies each on average: some rows have fewer than k + 1 copies
      const X = repeated(n, d, 150, 7);
      const nn = new KNeighbors(params).fit(X, n, d);
      const got = nn.kneighbors(X, n, k, { excludeSelf: true });
      expect(nn.lastRun.duplicates).toBeGreaterThan(n / 2);
      const want = reference(X, n, d, X, n, k, true);
      expect(Array.from(got.indices)).toEqual(Array.from(want.indices));
      expect(Array.from(got.distances)).toEqual(Array.from(want.distances));
      // a separate query array (hashed on its own), without excludeSelf
      const Q = X.slice(0, 1500 * d);
      const got2 = nn.kneighbors(Q, 1500, k);
      const want2 = reference(X, n, d, Q, 1500, k, false);
      expect(nn.lastRun.duplicates).toBeGreaterThan(0);
      expect(Array.from(got2.indices)).toEqual(Array.from(want2.indices));
      expect(Array.from(got2.distances)).toEqual(Array.from(want2.distances));
    });
  }

  it('rows that differ only in the sign of a zero are identical; rows with too few copies are searched', () => {
    const n = 2000;
    const d = 8;
    const X = repeated(n, d, 400, 11);
    for (let i = 0; i < n; i += 3) for (let t = 0; t < d; t++) if (X[i * d + t] === 0) X[i * d + t] = -0;
    const nn = new KNeighbors({ algorithm: 'brute' }).fit(X, n, d);
    for (const k of [1, 3, 8]) {
      const got = nn.kneighbors(X, n, k, { excludeSelf: true });
      const want = reference(X, n, d, X, n, k, true);
      expect(Array.from(got.indices)).toEqual(Array.from(want.indices));
      expect(Array.from(got.distances)).toEqual(Array.from(want.distances));
    }
    // no row has 40 copies: every query is searched
    nn.kneighbors(X, n, 40, { excludeSelf: true });
    expect(nn.lastRun.duplicates).toBe(0);
  });

  it('is off when values are so small that different rows can be at distance 0 (squares underflow)', () => {
    const n = 2000;
    const d = 8;
    // columns of -1, 0, 1 and a last column of 0, 1e-170, 2e-170: rows that differ only there are
    // at a distance whose square underflows, so identical values are not the only rows at 0
    const X = repeated(n, d, 100, 3);
    const rnd = xorshift(5);
    for (let i = 0; i < n; i++) X[i * d + d - 1] = 1e-170 * Math.floor(rnd() * 3);
    const nn = new KNeighbors({ algorithm: 'brute' }).fit(X, n, d);
    const got = nn.kneighbors(X, n, 5, { excludeSelf: true });
    expect(nn.lastRun.duplicates).toBe(0);
    // (the engine ranks such rows by their true distances: its range-safe search, tested elsewhere)
    expect(got.distances.every((v) => Number.isFinite(v))).toBe(true);
  });

  it('one-hot rows (distances tied in bands wider than the candidates) are answered exactly', () => {
    // 10 categorical features of 5 values, one-hot: squared distances are 2 × the mismatches
    const n = 3000;
    const d = 50;
    const rnd = xorshift(21);
    const X = new Float64Array(n * d);
    for (let i = 0; i < n; i++) for (let f = 0; f < 10; f++) X[i * d + f * 5 + Math.floor(rnd() * 5)] = 1;
    const nn = new KNeighbors().fit(X, n, d);
    const got = nn.kneighbors(X, n, 5, { excludeSelf: true });
    expect(nn.lastRun.rescanned).toBeGreaterThan(0);
    const want = reference(X, n, d, X, n, 5, true);
    expect(Array.from(got.indices)).toEqual(Array.from(want.indices));
    expect(Array.from(got.distances)).toEqual(Array.from(want.distances));
  });
});

describe('largestPrefixGroup (the pre-check that skips the index on data without repeats)', () => {
  it('bounds the largest group of equal rows by the groups of equal first four values', () => {
    const d = 6;
    // rows 0, 2, 5 equal in all values; rows 1, 3 equal in the first four only; row 4 alone
    // biome-ignore format: one row per line
    const X = Float64Array.from([
      1, 2, 3, 4, 5, 6,
      0, 2, 3, 4, 5, 6,
      1, 2, 3, 4, 5, 6,
      -0, 2, 3, 4, 9, 9,
      7, 7, 7, 7, 7, 7,
      1, 2, 3, 4, 5, 6,
    ]);
    expect(largestPrefixGroup(X, 6, d)).toBe(3);
    // +0 and −0 are one value (rows 1 and 3 now share their first four with a fourth row)
    const Y = Float64Array.from([...X, 0, 2, 3, 4, 1, 1]);
    expect(largestPrefixGroup(Y, 7, d)).toBe(3);
    expect(largestPrefixGroup(Float64Array.from([...Y, -0, 2, 3, 4, 0, 0]), 8, d)).toBe(4);
    // fewer columns than the prefix; no rows
    expect(largestPrefixGroup(Float64Array.from([1, 1, 2, 1]), 4, 1)).toBe(3);
    expect(largestPrefixGroup(new Float64Array(0), 0, 3)).toBe(0);
  });

  it('is 1 on continuous rows, and is never below the true largest group (randomised)', () => {
    const rnd = xorshift(11);
    const n = 5000;
    const d = 8;
    const X = Float64Array.from({ length: n * d }, () => rnd() - 0.5);
    expect(largestPrefixGroup(X, n, d)).toBe(1);
    for (let trial = 0; trial < 20; trial++) {
      const distinct = 1 + Math.floor(rnd() * 300);
      const R = repeated(2000, 5, distinct, 100 + trial);
      // the true largest group, by exact comparison of whole rows
      const groups = new Map<string, number>();
      for (let i = 0; i < 2000; i++) {
        const key = Array.from(R.subarray(i * 5, i * 5 + 5), (v) => v + 0).join(',');
        groups.set(key, (groups.get(key) ?? 0) + 1);
      }
      expect(largestPrefixGroup(R, 2000, 5)).toBeGreaterThanOrEqual(Math.max(...groups.values()));
    }
  });

  it('with distinct rows the search needs no index and gives the exhaustive answer', () => {
    const rnd = xorshift(5);
    const n = 4000;
    const d = 16;
    const X = Float64Array.from({ length: n * d }, () => Math.round(rnd() * 1e6) / 1e3);
    const nn = new KNeighbors({ algorithm: 'brute', kernel: 'wasm-i16', threads: 1 }).fit(X, n, d);
    const got = nn.kneighbors(X, n, 5, { excludeSelf: true });
    const want = reference(X, n, d, X, n, 5, true);
    expect(Array.from(got.indices)).toEqual(Array.from(want.indices));
    expect(nn.lastRun?.duplicates).toBe(0);
  });
});
