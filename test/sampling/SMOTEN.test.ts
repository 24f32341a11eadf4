import { describe, expect, it } from 'vitest';
import { DataValidationError, InvalidParameterError, type Label, SMOTEN } from '../../src/index.js';
import { classCodes } from '../../src/sampling/cleaningStrategy.js';
import { fitValueDifference, vdmDistance, vdmNeighbourhoods } from '../../src/sampling/valueDifference.js';
import { classCounts } from '../../src/core/labels.js';
import type { Dataset } from './samplerFixtures.js';
import { readFixture } from './samplerFixtures.js';
import { describeConformance, expectUnknownOption } from './samplerTestData.js';

interface Case {
  dataset: string;
  plan: Array<[Label, number]>;
  distances: Array<[Label, number[][]]>;
  counts: Array<[Label, number]>;
}
const fixture = readFixture<{ datasets: Dataset[]; cases: Case[] }>('smoten.json');
const cat = new Map(fixture.datasets.map((d) => [d.name, d]));
const cat3 = cat.get('cat3') as Dataset;

describeConformance({
  name: 'SMOTEN',
  create: (seed: number) => new SMOTEN({ seed, kNeighbors: 3 }),
  fromJSON: SMOTEN.fromJSON,
});

function metric(ds: Dataset) {
  const data = Float64Array.from(ds.X.flat());
  const counts = classCounts(ds.y);
  return fitValueDifference(data, ds.X.length, ds.X[0]!.length, classCodes(ds.y, counts), counts.size);
}

describe('SMOTEN on the imbalanced-learn 0.10 fixtures', () => {
  for (const c of fixture.cases) {
    const ds = cat.get(c.dataset) as Dataset;
    it(`${c.dataset}: the value difference between the rows of each resampled class, to the last bit`, () => {
      const vd = metric(ds);
      for (const [label, expected] of c.distances) {
        const idx = ds.y.flatMap((v, i) => (v === label ? [i] : []));
        idx.forEach((i, p) => {
          idx.forEach((j, q) => expect(vdmDistance(vd, i, j)).toBe(expected[p]![q]));
        });
      }
    });
    it(`${c.dataset}: the class counts of imbalanced-learn`, () => {
      const s = new SMOTEN({ kNeighbors: 3, seed: 0 });
      s.fitResample(ds.X, ds.y);
      expect([...s.fitted.counts]).toEqual(c.counts);
      expect([...s.fitted.samplingStrategy]).toEqual(c.plan);
    });
  }
});

describe('SMOTEN', () => {
  it('each new value is the per-column mode of a row and its k nearest same-class rows (ties: smallest)', () => {
    const k = 3;
    const s = new SMOTEN({ kNeighbors: k, seed: 4 });
    const out = s.fitResample(cat3.X, cat3.y);
    const vd = metric(cat3);
    const rows = out.X.to2DArray();
    const candidates = new Map<Label, string[]>();
    for (const label of [1, 2]) {
      const idx = Int32Array.from(cat3.y.flatMap((v, i) => (v === label ? [i] : [])));
      const nb = vdmNeighbourhoods(vd, idx, k);
      const modes: string[] = [];
      for (let q = 0; q < idx.length; q++) {
        const members = [...nb.subarray(q * (k + 1), (q + 1) * (k + 1))].map((p) => cat3.X[idx[p]!]!);
        const row = members[0]!.map((_, f) => {
          const tally = new Map<number, number>();
          for (const m of members) tally.set(m[f]!, (tally.get(m[f]!) ?? 0) + 1);
          return [...tally].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
        });
        modes.push(JSON.stringify(row));
      }
      candidates.set(label, modes);
    }
    for (let p = cat3.X.length; p < rows.length; p++) {
      expect(candidates.get(out.y[p] as Label)).toContain(JSON.stringify(rows[p]));
    }
    // every value is one of its column's categories
    for (const row of rows) row.forEach((v, f) => expect(cat3.X.some((r) => r[f] === v)).toBe(true));
  });

  it('the neighbourhood is the row itself and its k nearest others, ties to the smaller index', () => {
    // one column, three categories; class 'a' rows 0..3, class 'b' row 4
    const X = [[0], [1], [0], [1], [2]];
    const y = ['a', 'a', 'a', 'a', 'b'];
    const counts = classCounts(y);
    const vd = fitValueDifference(Float64Array.from(X.flat()), 5, 1, classCodes(y, counts), counts.size);
    // rows 0 and 2 are equal, as are rows 1 and 3 (distance 0); 0 vs 1: δ = 0 (both only in 'a')
    expect([...vdmNeighbourhoods(vd, Int32Array.from([0, 1, 2, 3]), 2)]).toEqual([0, 1, 2, 1, 0, 2, 2, 0, 1, 3, 0, 1]);
  });

  it('refuses unknown options, bad kNeighbors and classes too small', () => {
    expectUnknownOption(() => new SMOTEN({ k_neighbors: 3 } as never), 'SMOTEN', 'k_neighbors', 'kNeighbors');
    expect(() => new SMOTEN({ kNeighbors: 0 })).toThrow(InvalidParameterError);
    expect(() => new SMOTEN().fitResample([[0], [1], [0], [1], [2], [2], [0]], [0, 0, 0, 0, 0, 1, 1])).toThrow(
      DataValidationError,
    );
    expect(() => new SMOTEN().fitResample([[0], [1], [0], [1], [2], [2], [0]], [0, 0, 0, 0, 0, 1, 1])).toThrow(
      'SMOTEN.fitResample: class 1 has 2 samples, fewer than kNeighbors + 1 = 6.',
    );
  });
});
