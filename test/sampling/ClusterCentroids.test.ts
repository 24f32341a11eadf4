import { describe, expect, it } from 'vitest';
import {
  ClusterCentroids,
  DataValidationError,
  InvalidParameterError,
  KMeans,
  type Label,
  type Matrix,
  SerializationError,
} from '../../src/index.js';
import { dataset, readFixture } from './samplerFixtures.js';
import { describeConformance, expectUnknownOption, X, y } from './samplerTestData.js';

describeConformance({
  name: 'ClusterCentroids',
  create: (seed: number) => new ClusterCentroids({ seed }),
  fromJSON: ClusterCentroids.fromJSON,
  keepsOriginals: false,
});
describeConformance({
  name: 'ClusterCentroids hard',
  create: (seed: number) => new ClusterCentroids({ seed, voting: 'hard' }),
  fromJSON: ClusterCentroids.fromJSON,
  keepsOriginals: false,
});

interface Case {
  dataset: string;
  samplingStrategy: 'auto' | { $map: Array<[Label, number]> };
  voting: 'soft' | 'hard';
  X: number[][];
  y: Label[];
}
const { cases } = readFixture<{ cases: Case[] }>('clusterCentroids.json');

/** The fixture's deterministic start: the first rows of the class. */
const firstRows = (rows: Matrix, k: number) => rows.to2DArray().slice(0, k);

describe('ClusterCentroids on the imbalanced-learn 0.10 fixtures (k-means started from the first rows)', () => {
  for (const c of cases) {
    const strategy = c.samplingStrategy === 'auto' ? 'auto' : new Map(c.samplingStrategy.$map);
    it(`${c.dataset}, ${c.samplingStrategy === 'auto' ? 'auto' : 'a Map'}, ${c.voting}`, () => {
      const ds = dataset(c.dataset);
      const s = new ClusterCentroids({
        estimator: new KMeans({ init: firstRows }),
        voting: c.voting,
        samplingStrategy: strategy,
      });
      const out = s.fitResample(ds.X, ds.y);
      expect(out.y).toEqual(c.y);
      const rows = out.X.to2DArray();
      if (c.voting === 'hard') {
        // The row nearest each centre; a centre midway between two rows (a 2-row cluster) is a tie
        // that rounding decides (scikit-learn's centres differ from ours in the last bits).
        const soft = cases.find(
          (k) =>
            k.voting === 'soft' &&
            k.dataset === c.dataset &&
            JSON.stringify(k.samplingStrategy) === JSON.stringify(c.samplingStrategy),
        ) as Case;
        rows.forEach((r, p) => {
          if (JSON.stringify(r) === JSON.stringify(c.X[p])) return;
          const centre = soft.X[p]!;
          const d = (a: number[]) => Math.sqrt(a.reduce((s2, v, t) => s2 + (v - centre[t]!) ** 2, 0));
          expect(Math.abs(d(r) - d(c.X[p]!))).toBeLessThan(1e-9);
        });
      } else rows.forEach((r, p) => r.forEach((v, t) => expect(v).toBeCloseTo(c.X[p]![t]!, 10)));
      const idx = out.sampleIndices as Int32Array;
      out.y.forEach((label, p) => {
        const targeted = s.fitted.samplingStrategy.has(label);
        if (c.voting === 'soft' && targeted) expect(idx[p]).toBe(-1);
        else expect(ds.X[idx[p]!]).toEqual(rows[p]);
      });
    });
  }
});

describe('ClusterCentroids', () => {
  it("'hard' returns real rows of the class; 'auto' is 'soft' (centres)", () => {
    const ds = dataset('quad5d');
    const hard = new ClusterCentroids({ voting: 'hard', seed: 2 }).fitResample(ds.X, ds.y);
    hard.X.to2DArray().forEach((row, p) => {
      const i = hard.sampleIndices![p]!;
      expect(ds.X[i]).toEqual(row);
      expect(ds.y[i]).toBe(hard.y[p]);
    });
    const auto = new ClusterCentroids({ seed: 2 });
    const soft = auto.fitResample(ds.X, ds.y);
    expect(auto.fitted.voting).toBe('soft');
    expect(soft.y).toEqual(hard.y);
    const kept = [...auto.fitted.samplingStrategy.values()].reduce((a, b) => a + b, 0);
    expect([...soft.sampleIndices!].filter((i) => i === -1).length).toBe(kept);
  });

  it('a KMeans template: its options are kept, nClusters set per class', () => {
    const km = new KMeans({ nClusters: 99, nInit: 2, maxIter: 5, seed: 7 });
    const a = new ClusterCentroids({ estimator: km }).fitResample(X, y);
    const b = new ClusterCentroids({ estimator: km, seed: 123 }).fitResample(X, y);
    expect(a.X.to2DArray()).toEqual(b.X.to2DArray()); // the template's seed wins
    expect(a.y.filter((v) => v === 0).length).toBe(9);
  });

  it('refusals', () => {
    expectUnknownOption(() => new ClusterCentroids({ n_clusters: 3 } as never), 'ClusterCentroids', 'n_clusters');
    expect(() => new ClusterCentroids({ voting: 'mean' as never })).toThrow(InvalidParameterError);
    expect(() => new ClusterCentroids({ estimator: {} as never })).toThrow('estimator must be a KMeans');
    expect(() => new ClusterCentroids({ estimator: new KMeans({ nClusters: 1, init: [[0, 0]] }) })).toThrow(
      /without explicit starting centres/,
    );
    expect(() => new ClusterCentroids({ samplingStrategy: 'minority' })).toThrow(InvalidParameterError);
    expect(() => new ClusterCentroids({ samplingStrategy: new Map([[0, 0]]) }).fitResample(X, y)).toThrow(
      DataValidationError,
    );
    expect(() => new ClusterCentroids({ estimator: new KMeans() }).toJSON()).toThrow(SerializationError);
  });
});
