import { describe, expect, it } from 'vitest';
import { Encoder, Matrix, Pipeline, Scaler, SMOTENC } from 'imbalanced-tabular';
import { MLPClassifier } from 'imbalanced-tabular/mlp';
import { CodesToOneHot } from '../../../examples/lapd/codesToOneHot.js';

describe('CodesToOneHot', () => {
  const X = new Matrix([
    [0, 2, 1.5],
    [1, 0, -2],
    [0, 1, 0],
  ]);
  it('one-hot encodes the code columns (sorted codes), numeric columns after them', () => {
    const t = new CodesToOneHot({ categorical: [0, 1] }).fit(X);
    expect(t.transform(X).to2DArray()).toEqual([
      [1, 0, 0, 0, 1, 1.5],
      [0, 1, 1, 0, 0, -2],
      [1, 0, 0, 1, 0, 0],
    ]);
  });
  it('maps an unseen code to all zeros', () => {
    const t = new CodesToOneHot({ categorical: [0, 1] }).fit(X);
    expect(t.transform(new Matrix([[5, 0, 1]])).to2DArray()).toEqual([[0, 0, 1, 0, 0, 1]]);
  });
  it('round-trips through JSON and refuses other envelopes', () => {
    const t = new CodesToOneHot({ categorical: [1] }).fit(X);
    const back = CodesToOneHot.fromJSON(JSON.parse(JSON.stringify(t.toJSON())));
    expect(back.transform(X).to2DArray()).toEqual(t.transform(X).to2DArray());
    expect(() => CodesToOneHot.fromJSON({ format: 'x' })).toThrow(/CodesToOneHot.fromJSON/);
    expect(() => new CodesToOneHot({ categorical: [0] }).transform(X)).toThrow(/CodesToOneHot/);
  });
  it('works in a Pipeline after SMOTENC on the ordinal encoding, and the fitted pipeline round-trips', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({
      a: ['x', 'y', 'z'][i % 3]!,
      b: i % 7 === 0 ? 'rare' : 'common',
      v: (i % 11) / 10,
    }));
    const y = rows.map((_, i) => (i % 6 === 0 ? 'minor' : 'major'));
    const pipe = new Pipeline([
      ['encode', new Encoder({ encoding: 'ordinal', categorical: ['a', 'b'], numeric: ['v'] })],
      ['scale', new Scaler({ method: 'standard', columns: [2] })],
      ['sample', new SMOTENC({ categoricalFeatures: [0, 1], kNeighbors: 3, seed: 1 })],
      ['onehot', new CodesToOneHot({ categorical: [0, 1] })],
      ['mlp', new MLPClassifier({ hiddenLayers: [4], epochs: 2, seed: 1, backend: 'cpu' })],
    ]);
    await pipe.fit(rows, y);
    expect(pipe.fitted.classCountsFinal.get('minor')).toBe(100);
    const back = Pipeline.fromJSON(JSON.parse(JSON.stringify(pipe.toJSON())), {
      Encoder,
      Scaler,
      SMOTENC,
      CodesToOneHot,
      MLPClassifier,
    });
    expect(back.predictProba(rows).to2DArray()).toEqual(pipe.predictProba(rows).to2DArray());
    pipe.dispose();
    back.dispose();
  });
});

describe('CodesToOneHot on compact data', () => {
  const rows = Array.from({ length: 60 }, (_, i) => ({
    a: ['x', 'y', 'z'][i % 3]!,
    b: i % 7 === 0 ? 'rare' : 'common',
    v: (i % 11) / 10,
  }));
  const y = rows.map((_, i) => (i % 5 === 0 ? 'minor' : 'major'));
  const enc = () => new Encoder({ encoding: 'ordinal', categorical: ['a', 'b'], numeric: ['v'], output: 'compact' });
  it('fits from the codes an ordinal EncodedMatrix declares; gathered rows equal the dense transform', () => {
    const X = enc().fitTransform(rows);
    const t = new CodesToOneHot({ categorical: [0, 1] }).fit(X);
    const dense = new CodesToOneHot({ categorical: [0, 1] }).fit(X.toMatrix()).transform(X.toMatrix());
    const lazy = t.transform(X);
    expect(lazy.columns).toBe(dense.columns);
    const out = new Float32Array(rows.length * lazy.columns);
    lazy.gatherRows(
      Array.from({ length: rows.length }, (_, i) => i),
      out,
    );
    expect(Array.from(out)).toEqual(Array.from(Float32Array.from(dense.to1DArray())));
    expect(() => new CodesToOneHot({ categorical: [2] }).fit(X)).toThrow(/column 2 of X is not an ordinal code column/);
  });
  it('expands the batches of a lazy SMOTENC stream', () => {
    const X = enc().fitTransform(rows);
    const t = new CodesToOneHot({ categorical: [0, 1] }).fit(X);
    const codes = new SMOTENC({ categoricalFeatures: [0, 1], kNeighbors: 3, seed: 2 }).fitStream(X, y);
    const stream = t.transformStream(codes);
    expect(stream.nFeatures).toBe(t.transform(X).columns);
    expect(stream.epochRows).toBe(codes.epochRows);
    const [raw] = [...codes.batches(0, 16)];
    const [hot] = [...stream.batches(0, 16)];
    expect(hot!.size).toBe(raw!.size);
    expect(Array.from(hot!.y.subarray(0, hot!.size))).toEqual(Array.from(raw!.y.subarray(0, raw!.size)));
    const expected = t.transform(
      new Matrix(Array.from({ length: raw!.size }, (_, r) => [...raw!.x.subarray(r * 3, r * 3 + 3)])),
    );
    expect(Array.from(hot!.x.subarray(0, hot!.size * stream.nFeatures))).toEqual(
      Array.from(Float32Array.from(expected.to1DArray())),
    );
  });
});
