import { describe, expect, it } from 'vitest';
import { exhaustiveSearch } from '../../../src/sampling/neighbors/exhaustive.js';
import {
  answerByIndicators,
  buildIndicatorIndex,
  type IndicatorHolder,
} from '../../../src/sampling/neighbors/indicators.js';
import { KNeighbors } from '../../../src/sampling/neighbors/index.js';
import { xorshift } from '../../support/seededRandom.js';

/**
 * An encoded table as the example's pipeline makes it: `blocks` one-hot blocks of `width`
 * categories with Zipf-like frequencies, `multi` multi-hot code columns (a few per row), `numeric`
 * Gaussian-ish columns, all standard-scaled (so each indicator column takes two values). `round`
 * rounds the numeric columns to that many steps per unit (ties at equal distances).
 */
function encoded(
  n: number,
  seed: number,
  opts: { blocks?: number; width?: number; multi?: number; numeric?: number; round?: number } = {},
) {
  const { blocks = 12, width = 30, multi = 40, numeric = 4, round } = opts;
  const rnd = xorshift(seed);
  const d = blocks * width + multi + numeric;
  const X = new Float64Array(n * d);
  const zipf = Array.from({ length: width }, (_, c) => 1 / (c + 1) ** 1.5);
  const zsum = zipf.reduce((a, b) => a + b, 0);
  const pick = (): number => {
    let u = rnd() * zsum;
    for (let c = 0; c < width; c++) {
      u -= zipf[c] as number;
      if (u <= 0) return c;
    }
    return width - 1;
  };
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let b = 0; b < blocks; b++) X[o + b * width + pick()] = 1;
    for (let m = 0; m < multi; m++) if (rnd() < 0.3 / (m + 1)) X[o + blocks * width + m] = 1;
    for (let t = 0; t < numeric; t++) {
      const v = rnd() + rnd() + rnd() - 1.5;
      X[o + blocks * width + multi + t] = round ? Math.round(v * round) / round : v;
    }
  }
  // standard-scale every column
  for (let t = 0; t < d; t++) {
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) s += X[i * d + t] as number;
    const mean = s / n;
    for (let i = 0; i < n; i++) s2 += ((X[i * d + t] as number) - mean) ** 2;
    const sd = Math.sqrt(s2 / n) || 1;
    for (let i = 0; i < n; i++) X[i * d + t] = ((X[i * d + t] as number) - mean) / sd;
  }
  return { X, d };
}

/**
 * The indicator path's answers against the exhaustive search's, for up to `check` of the queries it
 * answered (spread over all of them); the queries it left must be untouched.
 */
function compare(
  X: Float64Array,
  n: number,
  d: number,
  Q: Float64Array,
  nq: number,
  k: number,
  self: boolean,
  check = 300,
) {
  const indices = new Int32Array(nq * k).fill(-1);
  const distances = new Float64Array(nq * k);
  const holder = { data: X, n, d };
  const { todo, answered } = answerByIndicators(holder, Q, nq, null, k, self, indices, distances, 0);
  const left = new Set(todo ?? []);
  const done: number[] = [];
  for (let i = 0; i < nq; i++) {
    if (left.has(i)) expect(indices[i * k]).toBe(-1);
    else done.push(i);
  }
  expect(done.length).toBe(answered);
  const step = Math.max(1, Math.floor(done.length / check));
  const sub = Int32Array.from(done.filter((_, p) => p % step === 0));
  const wantI = new Int32Array(nq * k);
  const wantD = new Float64Array(nq * k);
  exhaustiveSearch(X, n, d, Q, sub, k, self, wantI, wantD);
  for (const i of sub) {
    expect(Array.from(indices.subarray(i * k, (i + 1) * k))).toEqual(Array.from(wantI.subarray(i * k, (i + 1) * k)));
    expect(Array.from(distances.subarray(i * k, (i + 1) * k))).toEqual(Array.from(wantD.subarray(i * k, (i + 1) * k)));
  }
  return { answered, left: left.size, holder };
}

describe('the indicator index', () => {
  it('finds the two-valued columns, their rarer value and weight, and both posting directions', () => {
    const n = 5000;
    const { X, d } = encoded(n, 1);
    const index = buildIndicatorIndex(X, n, d);
    expect(index).not.toBeNull();
    if (index === null) return;
    const numeric = Array.from(index.numeric);
    expect(numeric).toEqual([d - 4, d - 3, d - 2, d - 1]);
    for (let t = 0; t < d - 4; t++) {
      if (index.kind[t] !== 1) continue; // a category never drawn is constant
      let rare = 0;
      for (let i = 0; i < n; i++) if (X[i * d + t] === index.rare[t]) rare++;
      expect(rare).toBeLessThanOrEqual(n / 2);
      expect(index.colStart[t + 1]! - index.colStart[t]!).toBe(rare);
      expect(index.w[t]).toBe((index.rare[t]! - index.common[t]!) ** 2);
    }
    // row i's list holds t exactly when column t's list holds i
    for (let i = 0; i < 50; i++) {
      for (let r = index.rowStart[i]!; r < index.rowStart[i + 1]!; r++) {
        const t = index.rowCols[r]!;
        expect(Array.from(index.colRows.subarray(index.colStart[t], index.colStart[t + 1]))).toContain(i);
      }
    }
  });

  it('is not built for few rows or mostly numeric columns', () => {
    const small = encoded(1000, 2);
    expect(buildIndicatorIndex(small.X, 1000, small.d)).toBeNull();
    const rnd = xorshift(3);
    const G = Float64Array.from({ length: 5000 * 20 }, () => rnd());
    expect(buildIndicatorIndex(G, 5000, 20)).toBeNull();
  });
});

describe('queries answered from the posting lists', () => {
  it('equal the exhaustive search, excluding each row itself', () => {
    const n = 6000;
    const { X, d } = encoded(n, 4);
    const Q = X.slice(0, 400 * d);
    // the fitted rows themselves as the query (excludeSelf needs the fitted row count)
    const r = compare(X, n, d, X, n, 5, true);
    expect(r.answered).toBeGreaterThan(n / 4);
    // a separate query array holding fitted rows, without excludeSelf: each finds itself first
    const r2 = compare(X, n, d, Q, 400, 6, false);
    expect(r2.answered).toBeGreaterThan(100);
  });

  it('equal the exhaustive search with many ties (rounded numeric columns, repeated rows)', () => {
    const n = 6000;
    const { X, d } = encoded(n, 4, { round: 8 });
    // every 10th row repeated from the row before it: ties at distance 0
    for (let i = 1; i < n; i += 10) X.copyWithin(i * d, (i - 1) * d, i * d);
    const r = compare(X, n, d, X, n, 5, true);
    expect(r.answered).toBeGreaterThan(n / 4);
  });

  it('equal the exhaustive search for queries off the fitted values (computed directly there)', () => {
    const n = 5000;
    const { X, d } = encoded(n, 6);
    const rnd = xorshift(7);
    const nq = 300;
    const Q = X.slice(0, nq * d);
    // some indicator values neither of the fitted ones, some constant columns moved
    for (let i = 0; i < nq; i++) {
      for (let c = 0; c < 3; c++) Q[i * d + Math.floor(rnd() * (d - 4))] = rnd() * 4 - 2;
    }
    const r = compare(X, n, d, Q, nq, 5, false);
    expect(r.answered).toBeGreaterThan(0);
  });

  it('leaves the queries it cannot close to the brute-force search, and turns itself off where most are', () => {
    const n = 5000;
    // one block of two equally common categories and many numeric columns of large spread: the
    // indicator weights (≈ 4) never exceed a neighbour's distance
    const { X, d } = encoded(n, 8, { blocks: 30, width: 2, multi: 0, numeric: 25 });
    const holder: IndicatorHolder = { data: X, n, d };
    const indices = new Int32Array(n * 5);
    const distances = new Float64Array(n * 5);
    const { todo, answered } = answerByIndicators(holder, X, n, null, 5, true, indices, distances, 0);
    expect(answered).toBeLessThan(64);
    expect(todo?.length).toBe(n - answered);
    expect(holder.indicators).toBeNull();
  });

  it('does nothing below its work threshold', () => {
    const n = 5000;
    const { X, d } = encoded(n, 9);
    const holder: IndicatorHolder = { data: X, n, d };
    const r = answerByIndicators(holder, X, 10, null, 5, false, new Int32Array(50), new Float64Array(50));
    expect(r).toEqual({ todo: null, answered: 0 });
    expect(holder.indicators).toBeUndefined();
  });

  it('KNeighbors uses them on a large search and returns the exhaustive answer', () => {
    const n = 6000;
    const k = 5;
    const { X, d } = encoded(n, 4);
    const nn = new KNeighbors().fit(X, n, d);
    const got = nn.kneighbors(X, n, k, { excludeSelf: true });
    expect(nn.lastRun.indicators).toBeGreaterThan(n / 4);
    // an explicit kernel keeps the scan
    const scan = new KNeighbors({ kernel: 'wasm-f32' }).fit(X, n, d);
    const got2 = scan.kneighbors(X, n, k, { excludeSelf: true });
    expect(scan.lastRun.indicators).toBe(0);
    const sub = Int32Array.from({ length: 250 }, (_, i) => i * 24);
    const wantI = new Int32Array(n * k);
    const wantD = new Float64Array(n * k);
    exhaustiveSearch(X, n, d, X, sub, k, true, wantI, wantD);
    for (const i of sub) {
      const want = Array.from(wantI.subarray(i * k, (i + 1) * k));
      expect(Array.from(got.indices.subarray(i * k, (i + 1) * k))).toEqual(want);
      expect(Array.from(got2.indices.subarray(i * k, (i + 1) * k))).toEqual(want);
      expect(Array.from(got.distances.subarray(i * k, (i + 1) * k))).toEqual(
        Array.from(wantD.subarray(i * k, (i + 1) * k)),
      );
    }
  });
});
