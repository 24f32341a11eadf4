import { describe, expect, it } from 'vitest';
import { KNeighbors, NearMiss, type NearMissOptions, Random } from '../../../src/index.js';
import { QUERY_BLOCK } from '../../../src/sampling/neighboursAmong.js';
import { pairwiseSum } from '../../../src/sampling/numpyArithmetic.js';
import { caseName, casesOf, datasets, expectCase, optionsOf } from './cleaningFixtures.js';

describe('NearMiss matches imbalanced-learn 0.10 row by row', () => {
  for (const c of casesOf('nearMiss.json')) {
    if (c.error) continue; // refusals: see the refusal tests
    it(caseName(c), () => {
      const ds = datasets.get(c.dataset)!;
      expectCase(new NearMiss(optionsOf(c) as NearMissOptions).fitResample(ds.X, ds.y), c);
    });
  }
});

describe('NearMiss-2: the tiled farthest scan gives the direct sums', () => {
  it('keeps the rows a direct reference keeps, for sizes that are not multiples of the 4 × 4 tile', () => {
    const rng = new Random(11);
    for (let trial = 0; trial < 40; trial++) {
      const rows = 9 + rng.int(40);
      const cols = 1 + rng.int(6);
      const X = Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.int(4) + rng.int(2) * 0.5));
      const y = Array.from({ length: rows }, (_, i) => (i % 6 === 0 ? 'm' : i % 3 === 1 ? 'b' : 'a'));
      const nNeighbors = 1 + rng.int(5);
      const out = new NearMiss({ version: 2, nNeighbors }).fitResample(X, y);
      const minority = X.filter((_, i) => y[i] === 'm');
      const expected: number[] = [];
      for (const label of ['a', 'b']) {
        const idx = y.flatMap((c, i) => (c === label ? [i] : []));
        const score = idx.map((i) => {
          const d = minority.map((m) => Math.sqrt(m.reduce((s, v, t) => s + (X[i]![t]! - v) ** 2, 0)));
          const far = Float64Array.from(d.sort((a, b) => a - b).slice(-Math.min(nNeighbors, d.length)));
          return pairwiseSum(far);
        });
        const order = idx.map((_, p) => p).sort((p, q) => score[p]! - score[q]!);
        expected.push(...order.slice(0, minority.length).map((p) => idx[p]!));
      }
      expected.push(...y.flatMap((c, i) => (c === 'm' ? [i] : [])));
      expect(Array.from(out.sampleIndices as Int32Array)).toEqual(expected);
    }
  });
});

describe('NearMiss-1 and -3: one fit on the minority scores every class', () => {
  const rng = new Random(5);
  const X = Array.from({ length: 300 }, () => Array.from({ length: 7 }, () => rng.int(9) / 3));
  const y = X.map((_, i) => (i % 10 === 0 ? 'm' : i % 3 === 0 ? 'b' : i % 3 === 1 ? 'a' : 'c'));
  for (const version of [1, 3] as const) {
    it(`version ${version}: the minority is fitted once, and the rows kept are the engine's`, () => {
      const fits: number[] = [];
      const inner = new KNeighbors();
      const counting = {
        fit(data: Float64Array, rows: number, cols: number) {
          fits.push(rows);
          inner.fit(data, rows, cols);
          return this;
        },
        kneighbors: (q: Float64Array, n: number, k: number) => inner.kneighbors(q, n, k),
      };
      const got = new NearMiss({ version, neighbors: counting as never }).fitResample(X, y);
      const want = new NearMiss({ version }).fitResample(X, y);
      expect(got.sampleIndices).toEqual(want.sampleIndices);
      // version 3 fits each targeted class (sorted: a, b, c) for its candidates, then the minority once
      expect(fits).toEqual(version === 1 ? [30] : [90, 90, 90, 30]);
    });
  }

  it('version 1: a class of more rows than one query block (QUERY_BLOCK) is scored block by block', () => {
    const r = new Random(9);
    const rows = 4 * QUERY_BLOCK + 100;
    const Xb = Array.from({ length: rows }, () => [r.int(40) / 8, r.int(40) / 8]);
    const yb = Xb.map((_, i) => (i % 1000 === 7 ? 'm' : 'a'));
    const out = new NearMiss({ version: 1, nNeighbors: 2 }).fitResample(Xb, yb);
    const minority = Xb.filter((_, i) => yb[i] === 'm');
    const idx = yb.flatMap((c, i) => (c === 'a' ? [i] : []));
    const score = idx.map((i) => {
      const d = minority.map((m) => Math.sqrt((Xb[i]![0]! - m[0]!) ** 2 + (Xb[i]![1]! - m[1]!) ** 2));
      return pairwiseSum(Float64Array.from(d.sort((a, b) => a - b).slice(0, 2)));
    });
    const order = idx.map((_, p) => p).sort((p, q) => score[p]! - score[q]!);
    const expected = [
      ...order.slice(0, minority.length).map((p) => idx[p]!),
      ...yb.flatMap((c, i) => (c === 'm' ? [i] : [])),
    ];
    expect(Array.from(out.sampleIndices as Int32Array)).toEqual(expected);
  });
});
