import { describe, expect, it } from 'vitest';
import {
  ClusterCentroids,
  EditedNearestNeighbours,
  FunctionSampler,
  InstanceHardnessThreshold,
  KMeans,
  KMeansSMOTE,
  type Label,
  Matrix,
  type SamplerLike,
  SMOTE,
  SMOTEENN,
  SMOTETomek,
} from '../../src/index.js';
import { cloneEstimator } from '../../src/core/clone.js';
import { X, y } from './samplerTestData.js';

class Constant {
  classes: Label[] = [];
  clone() {
    return new Constant();
  }
  fit(_X: unknown, yf: ReadonlyArray<Label>) {
    this.classes = [...new Set(yf)].sort();
    return this;
  }
  predict(): Label[] {
    return [];
  }
  predictProba(Xq: Matrix) {
    return new Matrix(Xq.to2DArray().map((r) => this.classes.map((_, j) => (j === 0 ? 0.5 + r[0]! / 100 : 0.25))));
  }
}

describe('samplers with object options can be cloned (cross-validation), not only those JSON can hold', () => {
  const cases: Array<[string, SamplerLike & { clone(): SamplerLike }]> = [
    ['InstanceHardnessThreshold', new InstanceHardnessThreshold({ estimator: new Constant(), cv: 3, seed: 1 })],
    ['ClusterCentroids', new ClusterCentroids({ estimator: new KMeans({ nInit: 2 }), seed: 1 })],
    [
      'KMeansSMOTE',
      new KMeansSMOTE({
        kmeansEstimator: new KMeans({ nClusters: 2, seed: 3 }),
        clusterBalanceThreshold: 0.05,
        seed: 1,
      }),
    ],
    ['SMOTEENN', new SMOTEENN({ smote: new SMOTE({ seed: 2 }), enn: new EditedNearestNeighbours() })],
    ['SMOTETomek', new SMOTETomek({ smote: new SMOTE({ seed: 2 }) })],
    ['FunctionSampler', new FunctionSampler({ func: (Xf, yf) => ({ X: Xf as Matrix, y: yf }), kwArgs: { a: 1 } })],
  ];
  for (const [name, sampler] of cases) {
    it(`${name}: cloneEstimator gives an equal, separate sampler`, () => {
      const copy = cloneEstimator(sampler);
      expect(copy).not.toBe(sampler);
      expect(copy.constructor).toBe(sampler.constructor);
      const a = sampler.fitResample(X, y);
      const b = copy.fitResample(X, y);
      expect(b.X.to2DArray()).toEqual(a.X.to2DArray());
      expect(b.y).toEqual(a.y);
    });
  }
});
