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
    expect(() => Scaler.fromJSON(env)).toThrow(
      /state\.mean must be an array of 3 numbers \(method 'standard' has one\), received null/,
    );
    const mm = JSON.parse(JSON.stringify(new Scaler({ method: 'minmax' }).fit(X).toJSON()));
    mm.state.dataMax = [1];
    expect(() => Scaler.fromJSON(mm)).toThrow(
      /state\.dataMax must be an array of numbers of length 3, received an array of length 1/,
    );
  });
  it('fromJSON wraps params that do not build a Scaler', () => {
    const env = new Scaler().toJSON() as { params: Record<string, unknown> };
    const bad = { ...env, params: { ...env.params, method: 'zscore' } };
    expect(() => Scaler.fromJSON(bad)).toThrow(
      /Scaler.fromJSON: params.method must be one of 'standard', 'minmax', 'robust', received "zscore"/,
    );
  });
});

describe('Scaler.fromJSON: every field checked, the document loaded exactly or refused', () => {
  const fitted = (o: ConstructorParameters<typeof Scaler>[0] = {}) =>
    JSON.parse(
      JSON.stringify(
        new Scaler(o)
          .fit([
            [1, 2],
            [3, 7],
            [4, 4],
          ])
          .toJSON(),
      ),
    );
  it('params.method is required (a document without it is not read as standard)', () => {
    const d = fitted({ method: 'robust' });
    delete d.params.method;
    expect(() => Scaler.fromJSON(d)).toThrow(/params\.method is missing/);
  });
  it('a scale of 0, a negative count or a deleted default are refused', () => {
    const d = fitted();
    d.state.scale[1] = 0;
    expect(() => Scaler.fromJSON(d)).toThrow(/state\.scale\[1\] must be a finite number > 0 \(or NaN\)/);
    const c = fitted();
    c.state.nSamplesSeen[0] = -3;
    expect(() => Scaler.fromJSON(c)).toThrow(/state\.nSamplesSeen\[0\] must be an integer ≥ 0/);
    const m = fitted({ method: 'minmax', featureRange: [-1, 1] });
    delete m.params.featureRange;
    expect(() => Scaler.fromJSON(m)).toThrow(SerializationError);
  });
  it('state.scaled must follow params.columns', () => {
    const d = fitted({ columns: [1] });
    d.state.scaled = [true, true];
    expect(() => Scaler.fromJSON(d)).toThrow(/state\.scaled\[0\] must be false \(params\.columns\)/);
  });
});

describe('Scaler on finite data near ±1.8e308', () => {
  const big = [[-1.7e308], [1.7e308], [1e308], [-1e308]];
  it('standard: mean and spread without overflow, finite output', () => {
    const out = new Scaler().fitTransform(big).to2DArray().flat();
    expect(out.every(Number.isFinite)).toBe(true);
    expect(out[0]).toBeCloseTo(-1.7 / Math.sqrt((1.7 ** 2 + 1) / 2), 12);
  });
  it('minmax: [−1.7e308, 1.7e308] maps onto [0, 1], not collapsed', () => {
    const out = new Scaler({ method: 'minmax' }).fitTransform(big).to2DArray().flat();
    expect(out[0]).toBeCloseTo(0, 12);
    expect(out[1]).toBeCloseTo(1, 12);
  });
  it('robust: the median and quantile range from the halves; a range beyond doubles is refused', () => {
    const out = new Scaler({ method: 'robust' }).fitTransform(big.map(([v]) => [(v as number) / 2])).to2DArray();
    expect(out.flat().every(Number.isFinite)).toBe(true);
    expect(() => new Scaler({ method: 'robust' }).fit(big)).toThrow(/column 0's quantile range exceeds the range/);
  });
});

describe("Scaler.fromJSON: a 'minmax' state's factors follow featureRange, dataMin and dataMax", () => {
  const saved = () =>
    JSON.parse(
      JSON.stringify(
        new Scaler({ method: 'minmax', featureRange: [0, 10] })
          .fit([
            [0, 5],
            [2, 7],
          ])
          .toJSON(),
      ),
    );
  // biome-ignore lint/suspicious/noExplicitAny: a parsed document, edited in place
  const edits: Array<[string, (d: any) => void, RegExp]> = [
    ['featureRange edited alone', (d) => (d.params.featureRange = [0, 1e308]), /state\.scale\[0\] must be 5e\+307/],
    [
      'featureRange whose width overflows (the factor from the halves)',
      (d) => (d.params.featureRange = [-1.7e308, 1.7e308]),
      /state\.scale\[0\] must be 1\.7e\+308/,
    ],
    ['a scale edited alone', (d) => (d.state.scale[1] = 1e-320), /state\.scale\[1\] must be 5/],
    ['a center edited alone', (d) => (d.state.center[0] = 3), /state\.center\[0\] must be 0/],
    ['dataMin above dataMax', (d) => (d.state.dataMin[0] = 4), /state\.dataMin\[0\] must be a number ≤ dataMax/],
    ['dataMax edited alone', (d) => (d.state.dataMax[1] = 9), /state\.scale\[1\] must be 2\.5/],
  ];
  for (const [what, edit, message] of edits) {
    it(`${what}: SerializationError naming the field`, () => {
      const doc = saved();
      edit(doc);
      expect(() => Scaler.fromJSON(doc)).toThrow(SerializationError);
      expect(() => Scaler.fromJSON(doc)).toThrow(message);
    });
  }
  it('the untampered document loads back bit for bit', () => {
    expect(Scaler.fromJSON(saved()).toJSON()).toEqual(saved());
  });
});

describe('Scaler.fromJSON: statistics are NaN only where a column has no values, never ±Infinity', () => {
  const savedOf = (method: 'standard' | 'robust') =>
    JSON.parse(
      JSON.stringify(
        new Scaler({ method, columns: [0] })
          .fit([
            [1, 5],
            [3, 6],
          ])
          .toJSON(),
      ),
    );
  // biome-ignore lint/suspicious/noExplicitAny: a parsed document, edited in place
  const edits: Array<['standard' | 'robust', (d: Record<string, any>) => void, RegExp]> = [
    ['standard', (d) => (d.state.center[0] = '-Infinity'), /state\.center\[0\] must be a finite number, or "NaN"/],
    ['standard', (d) => (d.state.mean[0] = 'Infinity'), /state\.mean\[0\]/],
    ['standard', (d) => (d.state.variance[0] = 'NaN'), /state\.variance\[0\] must be a finite number \(column 0 is/],
    ['standard', (d) => (d.state.variance[0] = -0.5), /state\.variance\[0\] must be a number ≥ 0/],
    ['standard', (d) => (d.state.scale[0] = 'NaN'), /state\.scale\[0\] must be a finite number \(column 0 is/],
    ['robust', (d) => (d.state.center[1] = 'NaN'), /state\.center\[1\] must be 0 \(column 1 is not scaled\)/],
    ['robust', (d) => (d.state.scale[1] = 2), /state\.scale\[1\] must be 1 \(column 1 is not scaled\)/],
  ];
  for (const [method, edit, message] of edits) {
    it(`${method}: ${message.source}`, () => {
      const doc = savedOf(method);
      edit(doc);
      expect(() => Scaler.fromJSON(doc)).toThrow(SerializationError);
      expect(() => Scaler.fromJSON(doc)).toThrow(message);
    });
  }
});
