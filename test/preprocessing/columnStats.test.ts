import { describe, expect, it } from 'vitest';
import { Float32Matrix } from '../../src/core/Float32Matrix.js';
import { denseRowSource } from '../../src/core/rowSource.js';
import {
  EncodedMatrix,
  Encoder,
  type EncoderOptions,
  Scaler,
  type ScalerOptions,
  type ScalerState,
} from '../../src/preprocessing/index.js';
import { CATEGORICAL, NUMERIC, randomTable } from './randomTables.js';

/** Relative agreement to `tol` (NaN where NaN). */
function expectRel(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, tol = 1e-12): void {
  expect(actual.length, what).toBe(expected.length);
  for (let j = 0; j < expected.length; j++) {
    const a = actual[j] as number;
    const e = expected[j] as number;
    if (Number.isNaN(e)) expect(a, `${what}[${j}]`).toBeNaN();
    else if (!(Math.abs(a - e) <= tol * Math.max(Math.abs(a), Math.abs(e)))) {
      expect.unreachable(`${what}[${j}]: expected ${e}, got ${a}`);
    }
  }
}

const FIELDS = ['center', 'scale', 'nSamplesSeen', 'mean', 'variance', 'dataMin', 'dataMax'] as const;
function expectSameState(a: ScalerState, b: ScalerState, what: string, tol = 1e-12): void {
  expect(a.scaled).toEqual(b.scaled);
  for (const k of FIELDS) {
    const x = (a as unknown as Record<string, Float64Array | undefined>)[k];
    const y = (b as unknown as Record<string, Float64Array | undefined>)[k];
    if (x === undefined || y === undefined) expect(x, `${what}.${k}`).toBe(y);
    else expectRel(x, y, `${what}.${k}`, tol);
  }
}

const ENCODINGS: Array<[string, EncoderOptions]> = [
  ['one-hot, missing numeric values kept', { categorical: CATEGORICAL, numeric: NUMERIC, handleUnknown: 'ignore' }],
  [
    'one-hot with drop and imputation',
    { categorical: CATEGORICAL, numeric: NUMERIC, drop: 'first', handleUnknown: 'ignore', impute: 'median' },
  ],
  [
    'ordinal, unknown → -1',
    { categorical: CATEGORICAL, numeric: NUMERIC, encoding: 'ordinal', handleUnknown: 'ignore', impute: 'mean' },
  ],
  [
    'ordinal, unknown → NaN',
    { categorical: CATEGORICAL, numeric: NUMERIC, encoding: 'ordinal', handleUnknown: 'ignore', unknownValue: NaN },
  ],
];
const SCALERS: ScalerOptions[] = [
  { method: 'standard' },
  { method: 'standard', withCentering: false },
  { method: 'minmax', featureRange: [-1, 2], clip: true },
  { method: 'robust' },
  { method: 'robust', quantileRange: [10, 90], unitVariance: true, columns: [0, 2, 3, 5, 8] },
];

describe('Scaler on an EncodedMatrix: exact statistics from codes, lazy exact output', () => {
  const train = randomTable(500, 11);
  const test = randomTable(200, 12, true);
  for (const [title, encOptions] of ENCODINGS) {
    const enc = new Encoder({ ...encOptions, output: 'compact' }).fit(train.columnar);
    const E = enc.transform(train.columnar);
    const D = E.toMatrix();
    const T = enc.transform(test.columnar);
    for (const o of SCALERS) {
      it(`${title}, ${JSON.stringify(o)}: fitted state as the dense Scaler's to 1e-12`, () => {
        const lazy = new Scaler(o).fit(E);
        const dense = new Scaler(o).fit(D);
        expectSameState(lazy.fitted, dense.fitted, 'state');
      });
      it(`${title}, ${JSON.stringify(o)}: transform is a scaled EncodedMatrix giving the dense result`, () => {
        const s = new Scaler(o).fit(E);
        const V = s.transform(T);
        expect(V).toBeInstanceOf(EncodedMatrix);
        expect(V.scaled).toBe(true);
        const dense = s.transform(T.toMatrix());
        expect(V.toMatrix().to2DArray()).toEqual(dense.to2DArray());
        const idx = [0, 3, 3, T.rows - 1];
        const out = new Float32Array(idx.length * V.columns);
        V.gatherRows(idx, out);
        expect([...out]).toEqual(idx.flatMap((i) => dense.getRow(i).map(Math.fround)));
        expect(new Scaler({ ...o, dtype: 'float32' }).fit(E).transform(T).data).toEqual(
          Float32Array.from(dense.to2DArray().flat()),
        );
      });
    }
  }
  it('a one-hot column with count c of n rows has mean c/n and variance p(1 − p), exactly', () => {
    const E = new Encoder({ categorical: ['area'], output: 'compact' }).fitTransform(train.columnar);
    const st = new Scaler().fit(E).fitted;
    const counts = E.slotCounts(0);
    counts.forEach((c, k) => {
      const p = c / E.rows;
      expect(st.mean?.[k]).toBe(p);
      expect(st.variance?.[k]).toBeCloseTo(p * (1 - p), 15);
    });
  });
  it('fitTransform equals fit then transform; a scaled EncodedMatrix is scaled again as a row source', () => {
    const E = new Encoder({ ...ENCODINGS[2]?.[1], output: 'compact' }).fitTransform(train.columnar);
    const a = new Scaler({ method: 'robust' }).fitTransform(E).toMatrix().to2DArray();
    const s = new Scaler({ method: 'robust' }).fit(E);
    expect(s.transform(E).toMatrix().to2DArray()).toEqual(a);
    const twice = new Scaler().fitTransform(s.transform(E));
    expect(twice).not.toBeInstanceOf(EncodedMatrix);
    expect(twice.columns).toBe(E.columns);
  });
});

describe('Scaler on any RowSource reads it in chunks', () => {
  const n = 3000;
  const cols = 4;
  const data = Float32Array.from({ length: n * cols }, (_, k) => ((k * 7919) % 1009) / 7 - (k % cols) * 3);
  data[5] = Number.NaN;
  const rows = Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * cols, (i + 1) * cols)));
  for (const o of SCALERS.slice(0, 4)) {
    it(`${o.method}: the state of the dense Scaler on the same (float32) values, bit for bit`, () => {
      const src = denseRowSource(data, n, cols);
      expectSameState(new Scaler(o).fit(src).fitted, new Scaler(o).fit(rows).fitted, 'state', 0);
      expectSameState(
        new Scaler(o).fit(new Float32Matrix(data, n, cols)).fitted,
        new Scaler(o).fit(rows).fitted,
        'state',
        0,
      );
      const view = new Scaler(o).fit(src).transform(src);
      const out = new Float32Array(2 * cols);
      view.gatherRows([1, n - 1], out);
      const dense = new Scaler(o).fit(rows).transform([rows[1] as number[], rows[n - 1] as number[]]);
      expect([...out]).toEqual(dense.to2DArray().flat().map(Math.fround));
    });
  }
  it('rejects ±Infinity in a row source, naming row and column', () => {
    const bad = Float32Array.of(1, 2, 3, Number.POSITIVE_INFINITY);
    expect(() => new Scaler().fit(denseRowSource(bad, 2, 2))).toThrow(
      'Scaler.fit: X[1][1] is Infinity; only finite values are accepted. Clip or remove infinite values.',
    );
  });
  it('checks the column count of a row source at transform', () => {
    const s = new Scaler().fit(denseRowSource(data, n, cols));
    expect(() => s.transform(denseRowSource(Float32Array.of(1, 2), 1, 2))).toThrow(
      /X has 2 columns, but 4 were expected/,
    );
  });
});
