import { describe, expect, it } from 'vitest';
import { SerializationError } from '../../src/core/errors.js';
import { Scaler } from '../../src/preprocessing/index.js';

const X = [
  [1, 2, -0],
  [Number.NaN, 4, 0.5],
  [3, 6, 1],
];
const params = (method: string) =>
  `"params":{"method":"${method}","featureRange":[0,1],"clip":false,"quantileRange":[25,75],` +
  '"unitVariance":false,"withCentering":true,"withScaling":true,"columns":[0,2]}';

describe('Scaler JSON format (version 1)', () => {
  it('is byte-identical to the format written before the per-method state', () => {
    const json = (method: 'standard' | 'minmax' | 'robust') =>
      JSON.stringify(new Scaler({ method, columns: [0, 2] }).fit(X).toJSON());
    const head = '{"format":"imbalanced-tabular/Scaler","version":1,';
    expect(json('standard')).toBe(
      `${head}${params('standard')},"state":{"nFeaturesIn":3,"scaled":[true,false,true],"center":[2,0,0.5],` +
        '"scale":[1,1,0.408248290463863],"mean":[2,"NaN",0.5],"variance":[1,"NaN",0.16666666666666666],' +
        '"dataMin":null,"dataMax":null,"nSamplesSeen":[2,3,3]}}',
    );
    expect(json('minmax')).toBe(
      `${head}${params('minmax')},"state":{"nFeaturesIn":3,"scaled":[true,false,true],"center":[-0.5,0,0],` +
        '"scale":[0.5,1,1],"mean":null,"variance":null,"dataMin":[1,"NaN","-0"],"dataMax":[3,"NaN",1],' +
        '"nSamplesSeen":[2,3,3]}}',
    );
    expect(json('robust')).toBe(
      `${head}${params('robust')},"state":{"nFeaturesIn":3,"scaled":[true,false,true],"center":[2,0,0.5],` +
        '"scale":[1,1,0.5],"mean":null,"variance":null,"dataMin":null,"dataMax":null,"nSamplesSeen":[2,3,3]}}',
    );
  });
  it('fromJSON gives back the per-method state', () => {
    for (const method of ['standard', 'minmax', 'robust'] as const) {
      const s = new Scaler({ method }).fit(X);
      const again = Scaler.fromJSON(JSON.stringify(s.toJSON()));
      expect(again.fitted).toEqual(s.fitted);
      expect(again.fitted.method).toBe(method);
    }
  });
  it("fromJSON requires the statistics of the saved method (mean for 'standard', dataMin for 'minmax')", () => {
    const env = JSON.parse(JSON.stringify(new Scaler().fit(X).toJSON()));
    env.state.mean = null;
    expect(() => Scaler.fromJSON(env)).toThrow(SerializationError);
    expect(() => Scaler.fromJSON(env)).toThrow(/state\.mean is missing/);
    const mm = JSON.parse(JSON.stringify(new Scaler({ method: 'minmax' }).fit(X).toJSON()));
    mm.state.dataMax = [1];
    expect(() => Scaler.fromJSON(mm)).toThrow(/state\.dataMax has 1 values, expected 3/);
  });
  it('fromJSON wraps params that do not build a Scaler', () => {
    const env = new Scaler().toJSON() as { params: Record<string, unknown> };
    const bad = { ...env, params: { ...env.params, method: 'zscore' } };
    expect(() => Scaler.fromJSON(bad)).toThrow(/Scaler.fromJSON: invalid params \(Scaler: method must be one of/);
  });
});
