import { describe, expect, it } from 'vitest';
import {
  DataValidationError,
  InvalidParameterError,
  KMeans,
  type Matrix,
  NotFittedError,
  SerializationError,
} from '../../src/index.js';
import { dataset, readFixture, versions } from './samplerFixtures.js';

interface Case {
  dataset: string;
  nClusters: number;
  init: number[][];
  labels: number[];
  centers: number[][];
  inertia: number;
  nIter: number;
}
const { cases } = readFixture<{ cases: Case[] }>('kmeans.json');

it('fixtures come from scikit-learn 1.2', () => {
  expect(versions['scikit-learn']).toMatch(/^1\.2\./);
});

describe("KMeans reproduces scikit-learn's Lloyd iterations from the same starting centres", () => {
  for (const c of cases) {
    it(`${c.dataset}, k = ${c.nClusters}`, () => {
      const km = new KMeans({ nClusters: c.nClusters, init: c.init });
      const labels = km.fitPredict(dataset(c.dataset).X);
      expect([...labels]).toEqual(c.labels);
      expect(km.fitted.nIter).toBe(c.nIter);
      const centers = km.fitted.clusterCenters.to2DArray();
      centers.forEach((row, j) => {
        row.forEach((v, t) => expect(v).toBeCloseTo(c.centers[j]![t]!, 10));
      });
      expect(km.fitted.inertia).toBeCloseTo(c.inertia, 8);
      expect([...km.predict(dataset(c.dataset).X)]).toEqual(c.labels);
    });
  }
});

describe('KMeans', () => {
  const X = dataset('quad5d').X;

  it('k-means++ starts: same seed, same clusters; the seed is recorded', () => {
    const a = new KMeans({ nClusters: 6, seed: 3 });
    const b = new KMeans({ nClusters: 6, seed: 3 });
    expect([...a.fitPredict(X)]).toEqual([...b.fitPredict(X)]);
    expect(a.fitted.seed).toBe(3);
    const c = new KMeans({ nClusters: 6 });
    c.fit(X);
    const again = new KMeans({ nClusters: 6, seed: c.fitted.seed });
    again.fit(X);
    expect(again.fitted.clusterCenters.to2DArray()).toEqual(c.fitted.clusterCenters.to2DArray());
  });

  it('more starts never give a larger inertia than the first of them', () => {
    const one = new KMeans({ nClusters: 7, seed: 1 }).fit(X).fitted.inertia;
    const five = new KMeans({ nClusters: 7, seed: 1, nInit: 5 }).fit(X).fitted.inertia;
    expect(five).toBeLessThanOrEqual(one);
  });

  it("init 'random' and a function of the rows", () => {
    const r = new KMeans({ nClusters: 4, init: 'random', seed: 2 });
    expect(r.fitPredict(X).length).toBe(X.length);
    const first = new KMeans({ nClusters: 4, init: (rows: Matrix, k: number) => rows.to2DArray().slice(0, k) });
    const explicit = new KMeans({ nClusters: 4, init: X.slice(0, 4) });
    expect([...first.fitPredict(X)]).toEqual([...explicit.fitPredict(X)]);
  });

  it('the bounds change nothing: same result as a plain Lloyd loop on many clusters', () => {
    // many clusters, many iterations: Hamerly's bounds skip most rows
    const km = new KMeans({ nClusters: 40, seed: 9 });
    const labels = km.fitPredict(X);
    const centers = km.fitted.clusterCenters.to2DArray();
    // every row is assigned to its nearest final centre (ties: smaller index)
    X.forEach((row, i) => {
      let best = 0;
      let bestD = Infinity;
      centers.forEach((c, j) => {
        const d = c.reduce((s, v, t) => s + (v - row[t]!) ** 2, 0);
        if (d < bestD) {
          bestD = d;
          best = j;
        }
      });
      expect(labels[i]).toBe(best);
    });
  });

  it('refuses bad options and too few rows; fitted before fit throws', () => {
    expect(() => new KMeans({ n_clusters: 3 } as never)).toThrow(
      'KMeans: unknown option "n_clusters" — did you mean \'nClusters\'?',
    );
    expect(() => new KMeans({ nClusters: 0 })).toThrow(InvalidParameterError);
    expect(() => new KMeans({ init: 'kmeans' as never })).toThrow(InvalidParameterError);
    expect(() => new KMeans({ nClusters: 2, init: [[0, 0]] })).toThrow(/2 centres/);
    expect(() => new KMeans({ nClusters: 1, init: [[0, 0]], nInit: 3 })).toThrow(InvalidParameterError);
    expect(() => new KMeans({ nClusters: 5 }).fit([[0], [1]])).toThrow(DataValidationError);
    expect(() => new KMeans().fitted).toThrow(NotFittedError);
    expect(() => new KMeans().predict([[0]])).toThrow(NotFittedError);
  });

  it('JSON round trip keeps options and centres; a function init cannot be saved', () => {
    const km = new KMeans({ nClusters: 3, seed: 4 }).fit(X);
    const back = KMeans.fromJSON(JSON.parse(JSON.stringify(km.toJSON())));
    expect(back.fitted.clusterCenters.to2DArray()).toEqual(km.fitted.clusterCenters.to2DArray());
    expect([...back.predict(X)]).toEqual([...km.predict(X)]);
    expect(
      KMeans.fromJSON(
        new KMeans({
          nClusters: 2,
          init: [
            [0, 1],
            [2, 3],
          ],
        }).toJSON(),
      ).params.nClusters,
    ).toBe(2);
    expect(() => new KMeans({ init: () => [[0]] }).toJSON()).toThrow(/init is a function/);
  });

  it('does not modify its input', () => {
    const input = X.map((r) => [...r]);
    new KMeans({ nClusters: 3, seed: 1 }).fit(input);
    expect(input).toEqual(X);
  });
});

describe('KMeans on finite values near ±1.8e308', () => {
  it('squared distances beyond doubles: a DataValidationError naming the row and column, not NaN centres', () => {
    const X = [[-1.7e308], [1.7e308], [-1e308], [1.5e308], [0], [1]];
    let err: unknown;
    try {
      new KMeans({ nClusters: 2, seed: 0 }).fit(X);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataValidationError);
    expect((err as DataValidationError).row).toBe(0);
    expect((err as DataValidationError).column).toBe(0);
    expect((err as Error).message).toMatch(/exceed the range of doubles .* Rescale X/);
  });
});

describe('KMeans.fromJSON reads its state with the shared readers', () => {
  const saved = () =>
    JSON.parse(JSON.stringify(new KMeans({ nClusters: 2, seed: 1 }).fit([[0], [1], [9], [10]]).toJSON()));
  const edits: Array<[string, unknown, RegExp]> = [
    ['inertia', [1, 2], /state\.inertia must be a number in \[0, ∞\)|state\.inertia/],
    ['nIter', 'NaN', /state\.nIter/],
    ['seed', -3, /state\.seed/],
    ['clusterCenters', [0, '-Infinity'], /state\.clusterCenters\[1\]/],
    ['nFeaturesIn', 2, /state\.clusterCenters must be an array of numbers of length 4/],
  ];
  for (const [field, value, message] of edits) {
    it(`state.${field} = ${JSON.stringify(value)}: SerializationError naming the field`, () => {
      const doc = saved();
      doc.state[field] = value;
      expect(() => KMeans.fromJSON(doc)).toThrow(SerializationError);
      expect(() => KMeans.fromJSON(doc)).toThrow(message);
    });
  }
  it('a missing field is named too, and the untampered document loads back', () => {
    const doc = saved();
    delete doc.state.inertia;
    expect(() => KMeans.fromJSON(doc)).toThrow(/inertia/);
    expect(KMeans.fromJSON(saved()).toJSON()).toEqual(saved());
  });
  it('explicit starting centres of another width than the fitted rows: refused, as by MiniBatchKMeans', () => {
    const fitted = new KMeans({ nClusters: 2, init: [[0], [9]] }).fit([[0], [1], [9], [10]]);
    const doc = JSON.parse(JSON.stringify(fitted.toJSON()));
    expect(KMeans.fromJSON(doc).fitted.nFeaturesIn).toBe(1);
    doc.params.init = [0, 1, 9, 10];
    expect(() => KMeans.fromJSON(doc)).toThrow(SerializationError);
    expect(() => KMeans.fromJSON(doc)).toThrow(/params\.init and state\.nFeaturesIn disagree/);
  });
});
