/** Type tests of the public signatures of the samplers added with BorderlineSMOTE … makeImbalance. */
import { describe, expectTypeOf, it } from 'vitest';
import {
  BorderlineSMOTE,
  type BorderlineSMOTEOptions,
  ClusterCentroids,
  type ClusterCentroidsOptions,
  FunctionSampler,
  InstanceHardnessThreshold,
  type KMeans,
  KMeansSMOTE,
  type KMeansSMOTEOptions,
  type Label,
  makeImbalance,
  type MakeImbalanceResult,
  type Matrix,
  type ResampleResult,
  type SamplerLike,
  SMOTEENN,
  SMOTEN,
  SMOTETomek,
} from '../../src/index.js';

const estimator = {
  classes: [0, 1] as Label[],
  clone: () => estimator,
  fit: () => undefined,
  predict: () => [] as Label[],
  predictProba: (X: Matrix) => X,
};

describe('the new samplers', () => {
  it('are samplers returning ResampleResult', () => {
    for (const s of [
      new BorderlineSMOTE(),
      new SMOTEN(),
      new KMeansSMOTE(),
      new ClusterCentroids(),
      new SMOTEENN(),
      new SMOTETomek(),
      new InstanceHardnessThreshold({ estimator }),
      new FunctionSampler(),
    ]) {
      expectTypeOf(s).toMatchTypeOf<SamplerLike>();
      expectTypeOf(s.fitResample).returns.toEqualTypeOf<ResampleResult>();
    }
  });

  it('option types: string-literal unions and typed estimators', () => {
    expectTypeOf<'borderline-3'>().not.toMatchTypeOf<BorderlineSMOTEOptions['kind']>();
    expectTypeOf<'mean'>().not.toMatchTypeOf<ClusterCentroidsOptions['voting']>();
    expectTypeOf<KMeans>().toMatchTypeOf<NonNullable<ClusterCentroidsOptions['estimator']>>();
    expectTypeOf<KMeans>().toMatchTypeOf<NonNullable<KMeansSMOTEOptions['kmeansEstimator']>>();
    expectTypeOf<'auto'>().toMatchTypeOf<KMeansSMOTEOptions['clusterBalanceThreshold']>();
  });

  it('fitted records and the asynchronous path', () => {
    expectTypeOf<BorderlineSMOTE['fitted']['danger']>().toEqualTypeOf<ReadonlyMap<Label, Int32Array>>();
    expectTypeOf<SMOTEENN['fitted']['resampled']>().toEqualTypeOf<ReadonlyMap<Label, number>>();
    expectTypeOf<InstanceHardnessThreshold['fitResampleAsync']>().returns.toEqualTypeOf<Promise<ResampleResult>>();
    expectTypeOf<InstanceHardnessThreshold['fitted']['probability']>().toEqualTypeOf<Float64Array>();
    expectTypeOf(makeImbalance).returns.toEqualTypeOf<MakeImbalanceResult>();
    expectTypeOf<KMeans['fitPredict']>().returns.toEqualTypeOf<Int32Array>();
  });
});
