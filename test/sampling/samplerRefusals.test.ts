/** The refusals of imbalanced-learn 0.10 for the samplers added with BorderlineSMOTE …, as our typed errors. */
import { describe, expect, it } from 'vitest';
import {
  ADASYN,
  AllKNN,
  BorderlineSMOTE,
  ClusterCentroids,
  CondensedNearestNeighbour,
  DataValidationError,
  EditedNearestNeighbours,
  FunctionSampler,
  ImbalancedTabularError,
  InstanceHardnessThreshold,
  InvalidParameterError,
  KMeansSMOTE,
  type Label,
  Matrix,
  NearMiss,
  NeighbourhoodCleaningRule,
  OneSidedSelection,
  RandomOverSampler,
  RepeatedEditedNearestNeighbours,
  SMOTE,
  SMOTEN,
  SMOTENC,
} from '../../src/index.js';
import { type Dataset, datasets, readFixture } from './samplerFixtures.js';

interface Case {
  sampler: string;
  params: Record<string, unknown>;
  dataset: string;
  error: string;
  stage: 'construct' | 'fit';
}
const { cases } = readFixture<{ cases: Case[] }>('errors.json');
const categorical = new Map(
  readFixture<{ datasets: Dataset[] }>('smoten.json').datasets.map((d) => [d.name, d] as const),
);

const uniform = {
  classes: [] as Label[],
  clone: () => uniform,
  fit(_X: unknown, y: ReadonlyArray<Label>) {
    uniform.classes = [...new Set(y)].sort();
    return uniform;
  },
  predict: () => [] as Label[],
  predictProba: (X: Matrix) => new Matrix(X.rows, uniform.classes.length).fill(1 / uniform.classes.length),
};

// biome-ignore lint/suspicious/noExplicitAny: constructors with different option types
const build: Record<string, (params: any) => { fitResample(X: number[][], y: Label[]): unknown }> = {
  BorderlineSMOTE: (p) => new BorderlineSMOTE({ ...p, seed: 0 }),
  SMOTEN: (p) => new SMOTEN({ ...p, seed: 0 }),
  KMeansSMOTE: (p) => new KMeansSMOTE({ ...p, seed: 0 }),
  ClusterCentroids: (p) => new ClusterCentroids({ ...p, seed: 0 }),
  InstanceHardnessThreshold: (p) => new InstanceHardnessThreshold({ ...p, estimator: uniform, seed: 0 }),
  FunctionSampler: (p) => new FunctionSampler(p),
};

describe('the same refusals as imbalanced-learn 0.10, with typed errors', () => {
  for (const c of cases) {
    it(`${c.sampler}(${JSON.stringify(c.params)}): ${c.error.slice(0, 60)}…`, () => {
      const ds = datasets.get(c.dataset) ?? (categorical.get(c.dataset) as Dataset);
      if (c.stage === 'construct') {
        // imbalanced-learn validates parameters at fit; we do it in the constructor
        expect(() => build[c.sampler]!(c.params)).toThrow(InvalidParameterError);
        return;
      }
      let err: unknown;
      try {
        build[c.sampler]!(c.params).fitResample(ds.X, ds.y);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ImbalancedTabularError);
      // a strategy name is refused at construction, data-dependent refusals at fit
      if (!('samplingStrategy' in c.params)) expect(err).toBeInstanceOf(DataValidationError);
    });
  }
});

describe('a sampling target no output can hold', () => {
  it('1e15 new rows is a DataValidationError stating the size, before anything is allocated', () => {
    const X = [[0], [1], [2], [3]];
    const y = [0, 0, 1, 1];
    for (const s of [
      new RandomOverSampler({ samplingStrategy: new Map([[1, 1e15]]) }),
      new SMOTE({ kNeighbors: 1, samplingStrategy: new Map([[1, 1e15]]) }),
    ]) {
      let err: unknown;
      try {
        s.fitResample(X, y);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DataValidationError);
      expect((err as DataValidationError).param).toBe('samplingStrategy');
      expect((err as Error).message).toMatch(/asks for 999999999999998 new rows .* Lower the target counts/);
    }
  });
});

describe('neighbour counts beyond the rows available: a DataValidationError naming the parameter and counts', () => {
  // 14 rows, class 'min' of 4 and 'maj' of 10; every neighbour count 50.
  const X = Array.from({ length: 14 }, (_, i) => [Math.sin(i) * 3, (i * 7) % 5]);
  const y = X.map((_, i) => (i < 4 ? 'min' : 'maj'));
  const K = 50;
  const cases: Array<[string, () => { fitResample: (X: number[][], y: string[]) => unknown }, RegExp]> = [
    ['SMOTE', () => new SMOTE({ kNeighbors: K }), /class "min" has 4 samples, fewer than kNeighbors \+ 1 = 51/],
    ['ADASYN', () => new ADASYN({ nNeighbors: K }), /class "min" has 4 samples, fewer than nNeighbors \+ 1 = 51/],
    ['SMOTENC', () => new SMOTENC({ categoricalFeatures: [1], kNeighbors: K }), /"min" has 4 .* kNeighbors \+ 1/],
    ['SMOTEN', () => new SMOTEN({ kNeighbors: K }), /class "min" has 4 samples, fewer than kNeighbors \+ 1 = 51/],
    ['BorderlineSMOTE m', () => new BorderlineSMOTE({ mNeighbors: K }), /X has 14 rows; .* mNeighbors \+ 1 = 51/],
    [
      'BorderlineSMOTE-2 k',
      () => new BorderlineSMOTE({ kNeighbors: K, kind: 'borderline-2' }),
      /X has 14 rows, fewer than kNeighbors \+ 1 = 51/,
    ],
    ['KMeansSMOTE k', () => new KMeansSMOTE({ kNeighbors: K, seed: 0 }), /class "min" .* kNeighbors \+ 1 = 51/],
    [
      'KMeansSMOTE clusters',
      () => new KMeansSMOTE({ kmeansEstimator: K, seed: 0 }),
      /14 rows, fewer than nClusters = 50/,
    ],
    ['NearMiss-1', () => new NearMiss({ version: 1, nNeighbors: K }), /"min" has 4 rows, fewer than nNeighbors = 50/],
    [
      'NearMiss-3',
      () => new NearMiss({ version: 3, nNeighborsVer3: K }),
      /"maj" has 10 rows, fewer than nNeighborsVer3 = 50/,
    ],
    ['CNN', () => new CondensedNearestNeighbour({ nNeighbors: K, seed: 0 }), /"maj" .* 50-NN vote .* only 5 rows/],
    ['OSS', () => new OneSidedSelection({ nNeighbors: K, seed: 0 }), /"maj" .* 50-NN vote .* only 5 rows/],
    ['ENN', () => new EditedNearestNeighbours({ nNeighbors: K }), /nNeighbors = 50 needs at least 51 rows .* only 14/],
    ['RENN', () => new RepeatedEditedNearestNeighbours({ nNeighbors: K }), /nNeighbors = 50 needs at least 51 rows/],
    ['NCR', () => new NeighbourhoodCleaningRule({ nNeighbors: K }), /nNeighbors = 50 needs at least 51 rows/],
  ];
  for (const [name, make, message] of cases) {
    it(`${name}: ${message.source.slice(0, 50)}`, () => {
      let err: unknown;
      try {
        make().fitResample(X, y);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DataValidationError);
      expect((err as Error).message).toMatch(message);
    });
  }
  it('AllKNN stops when a class would vanish (as imbalanced-learn 0.10: one row left), not an error', () => {
    const out = new AllKNN({ nNeighbors: K }).fitResample(X, y);
    expect(out.y.length).toBe(1);
  });
});
