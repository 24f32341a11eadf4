import { describe, expect, it } from 'vitest';
import { NearMiss, type NearMissOptions, Random } from '../../../src/index.js';
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
