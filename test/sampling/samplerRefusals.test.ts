/** The refusals of imbalanced-learn 0.10 for the samplers added with BorderlineSMOTE …, as our typed errors. */
import { describe, expect, it } from 'vitest';
import {
  BorderlineSMOTE,
  ClusterCentroids,
  DataValidationError,
  FunctionSampler,
  ImbalancedTabularError,
  InstanceHardnessThreshold,
  InvalidParameterError,
  KMeansSMOTE,
  type Label,
  Matrix,
  RandomOverSampler,
  SMOTE,
  SMOTEN,
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
