import { describe, expect, it } from 'vitest';
import {
  type ClusterEstimator,
  DataValidationError,
  InvalidParameterError,
  KMeans,
  KMeansSMOTE,
  type Label,
  MiniBatchKMeans,
  Random,
  SerializationError,
} from '../../src/index.js';
import { dataset, readFixture } from './samplerFixtures.js';
import { SAMPLER_TAMPER } from '../../src/testing/jsonTamper.js';
import { describeConformance, expectUnknownOption, X, y } from './samplerTestData.js';

describeConformance({
  name: 'KMeansSMOTE',
  create: (seed: number) => new KMeansSMOTE({ seed, kmeansEstimator: 2, clusterBalanceThreshold: 0.05 }),
  fromJSON: KMeansSMOTE.fromJSON,
  // 'auto' or a number: either is a legitimate document.
  jsonTamper: { ...SAMPLER_TAMPER, optional: [...SAMPLER_TAMPER.optional, 'params.densityExponent'] },
});

interface RecordedCluster {
  cluster: number;
  classRows: number;
  sparsity: number;
  ceil: number;
}
interface Case {
  dataset: string;
  nClusters: number;
  labels: number[];
  kNeighbors: number;
  clusterBalanceThreshold: 'auto' | number;
  densityExponent: 'auto' | number;
  counts?: Array<[Label, number]>;
  error?: string;
  classes: Array<[Label, RecordedCluster[]]>;
}
const { cases } = readFixture<{ cases: Case[] }>('kmeansSmote.json');

/** A clusterer that returns fixed labels (the fixture's FixedClusters). */
function fixed(labels: number[]): ClusterEstimator {
  return { fit: () => undefined, predict: () => labels };
}

describe('KMeansSMOTE on the imbalanced-learn 0.10 fixtures (fixed clusters)', () => {
  for (const c of cases) {
    const name =
      `${c.dataset}, ${c.nClusters} clusters, k = ${c.kNeighbors}, ` +
      `threshold ${c.clusterBalanceThreshold}, exponent ${c.densityExponent}`;
    it(name, () => {
      const ds = dataset(c.dataset);
      const s = new KMeansSMOTE({
        kmeansEstimator: fixed(c.labels),
        kNeighbors: c.kNeighbors,
        clusterBalanceThreshold: c.clusterBalanceThreshold,
        densityExponent: c.densityExponent,
        seed: 0,
      });
      if (c.error) {
        const label = /samples of class (\S+)\. /.exec(c.error)?.[1];
        expect(() => s.fitResample(ds.X, ds.y)).toThrow(DataValidationError);
        const want = typeof ds.y[0] === 'string' ? JSON.stringify(label) : label;
        expect(() => s.fitResample(ds.X, ds.y)).toThrow(`no cluster has enough rows of class ${want} `);
        return;
      }
      s.fitResample(ds.X, ds.y);
      for (const [label, recorded] of c.classes) {
        const ours = s.fitted.clusters.get(label) ?? [];
        expect(ours.map((v) => v.cluster)).toEqual(recorded.map((r) => r.cluster));
        expect(ours.map((v) => v.classRows)).toEqual(recorded.map((r) => r.classRows));
        ours.forEach((v, i) => {
          expect(Math.abs(v.sparsity - recorded[i]!.sparsity)).toBeLessThanOrEqual(
            1e-9 * Math.abs(recorded[i]!.sparsity),
          );
          // largest remainder never exceeds imbalanced-learn's ceil, and sums to the plan
          expect(v.generated).toBeLessThanOrEqual(recorded[i]!.ceil);
        });
        const g = s.fitted.samplingStrategy.get(label) as number;
        expect(ours.reduce((n, v) => n + v.generated, 0)).toBe(g);
        expect(recorded.reduce((n, r) => n + r.ceil, 0)).toBeGreaterThanOrEqual(g);
      }
      // exactly the plan, where imbalanced-learn's ceil may add rows
      for (const [label, n] of c.counts ?? []) {
        const planned = (ds.y.filter((v) => v === label).length +
          (s.fitted.samplingStrategy.get(label) ?? 0)) as number;
        expect(s.fitted.counts.get(label)).toBe(planned);
        expect(n).toBeGreaterThanOrEqual(planned);
      }
    });
  }
});

describe('KMeansSMOTE', () => {
  const ds = dataset('quad5d');

  it('new rows lie between two rows of their class in the same cluster', () => {
    const labels = new KMeans({ nClusters: 4, seed: 1 }).fitPredict(ds.X);
    const s = new KMeansSMOTE({ kmeansEstimator: fixed([...labels]), clusterBalanceThreshold: 0.05, seed: 3 });
    const out = s.fitResample(ds.X, ds.y);
    const rows = out.X.to2DArray();
    for (let p = ds.X.length; p < rows.length; p++) {
      const label = out.y[p];
      const same = ds.X.map((_, i) => i).filter((i) => ds.y[i] === label);
      const ok = same.some((a) =>
        same.some((b) => {
          if (a === b || labels[a] !== labels[b]) return false;
          const xa = ds.X[a]!;
          const xb = ds.X[b]!;
          let u: number | undefined;
          for (let t = 0; t < xa.length; t++) {
            const ut = (rows[p]![t]! - xa[t]!) / (xb[t]! - xa[t]!);
            if (u === undefined) u = ut;
            else if (Math.abs(ut - u) > 1e-9) return false;
          }
          return u !== undefined && u >= -1e-12 && u < 1;
        }),
      );
      expect(ok, `row ${p}`).toBe(true);
    }
  });

  /** Rows per cluster id, as the clusterer labelled them. */
  const sizes = (labels: ArrayLike<number>) => {
    const out = new Map<number, number>();
    for (const id of Array.from(labels)) out.set(id, (out.get(id) ?? 0) + 1);
    return out;
  };

  it('the default clusterer is a MiniBatchKMeans seeded first from the stream: same seed, same rows', () => {
    const make = () => new KMeansSMOTE({ kmeansEstimator: 3, clusterBalanceThreshold: 0.05, seed: 5 });
    const s = make();
    const a = s.fitResample(ds.X, ds.y);
    expect(a.X.to2DArray()).toEqual(make().fitResample(ds.X, ds.y).X.to2DArray());
    const own = sizes(new MiniBatchKMeans({ nClusters: 3, seed: new Random(5).childSeed() }).fitPredict(ds.X));
    const used = [...s.fitted.clusters.values()].flat();
    expect(used.length).toBeGreaterThan(0);
    for (const c of used) expect(c.size).toBe(own.get(c.cluster));
  });

  it('a KMeans passed as kmeansEstimator clusters instead (full Lloyd iterations, the previous default)', () => {
    const km = new KMeans({ nClusters: 3, seed: 2 });
    const s = new KMeansSMOTE({ kmeansEstimator: km, clusterBalanceThreshold: 0.05, seed: 5 });
    s.fitResample(ds.X, ds.y);
    const own = sizes(km.predict(ds.X));
    for (const c of [...s.fitted.clusters.values()].flat()) expect(c.size).toBe(own.get(c.cluster));
  });

  it('clusters whose rows of the class are all equal share the rows evenly (no division by zero)', () => {
    const Xd = [
      [0, 0],
      [0, 0],
      [0, 0],
      [5, 5],
      [5, 5],
      [5, 5],
      [1, 1],
      [2, 2],
      [6, 6],
      [7, 7],
      [1, 2],
      [6, 7],
    ];
    const yd = [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
    const yy = [...yd, 0, 0, 0, 0];
    const XX = [...Xd, [1, 0], [0, 1], [6, 5], [5, 6]];
    const s = new KMeansSMOTE({
      kmeansEstimator: fixed(XX.map((r) => (r[0]! < 3 ? 0 : 1))),
      clusterBalanceThreshold: 0.1,
      seed: 0,
    });
    s.fitResample(XX, yy);
    const used = s.fitted.clusters.get(1) ?? [];
    expect(used.map((v) => v.sparsity)).toEqual([0, 0]);
    expect(used.map((v) => v.generated)).toEqual([2, 2]);
  });

  it('refusals: options, clusterer output, no qualifying cluster', () => {
    expectUnknownOption(
      () => new KMeansSMOTE({ density_exponent: 2 } as never),
      'KMeansSMOTE',
      'density_exponent',
      'densityExponent',
    );
    expect(() => new KMeansSMOTE({ kmeansEstimator: 0 })).toThrow(InvalidParameterError);
    expect(() => new KMeansSMOTE({ kmeansEstimator: {} as never })).toThrow(/It has no fit and no predict/);
    expect(() => new KMeansSMOTE({ clusterBalanceThreshold: 'high' as never })).toThrow(InvalidParameterError);
    expect(() => new KMeansSMOTE({ densityExponent: Number.NaN })).toThrow(InvalidParameterError);
    const bad = new KMeansSMOTE({ kmeansEstimator: { fit: () => 0, predict: () => [0, 1] } });
    expect(() => bad.fitResample(X, y)).toThrow(/instead of one cluster id per row \(63\)/);
    const frac = new KMeansSMOTE({ kmeansEstimator: { fit: () => 0, predict: () => X.map(() => 0.5) } });
    expect(() => frac.fitResample(X, y)).toThrow(/not an integer cluster id/);
    expect(() => new KMeansSMOTE({ clusterBalanceThreshold: 1.01, seed: 0 }).fitResample(X, y)).toThrow(
      'KMeansSMOTE.fitResample: no cluster has enough rows of class 1 (at least kNeighbors + 1 = 3, and a share of ' +
        'at least 1.01 of the cluster). Lower clusterBalanceThreshold or use more clusters (kmeansEstimator).',
    );
  });

  it('a custom clusterer cannot be written to JSON; a number of clusters can', () => {
    expect(() => new KMeansSMOTE({ kmeansEstimator: fixed([0]) }).toJSON()).toThrow(SerializationError);
    const back = KMeansSMOTE.fromJSON(JSON.parse(JSON.stringify(new KMeansSMOTE({ kmeansEstimator: 5 }).toJSON())));
    expect(back.params.kmeansEstimator).toBe(5);
  });
});
