import { Matrix } from 'ml-matrix';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Transformer } from '../../src/core/contracts.js';
import { Float32Matrix } from '../../src/core/Float32Matrix.js';
import type { MatrixInput } from '../../src/core/matrix.js';
import { denseRowSource, type RowSource } from '../../src/core/rowSource.js';
import {
  type EncodedMatrix,
  Encoder,
  ScaledRowSource,
  Scaler,
  type ScalerOptions,
} from '../../src/preprocessing/index.js';

const X = [
  [1, 10, 0.5, 7],
  [2, NaN, 0.25, 7],
  [3, 30, -1, 7],
  [4, 20, 2, 7],
  [5, 50, 1, 7],
];
const METHODS: ScalerOptions[] = [{ method: 'standard' }, { method: 'minmax', clip: true }, { method: 'robust' }];

describe("Scaler copy: false scales an ml-matrix Matrix in place (scikit-learn's copy=False)", () => {
  for (const o of METHODS) {
    it(`${o.method}: returns the input, overwritten with what copy: true returns`, () => {
      const expected = new Scaler(o).fitTransform(X).to2DArray();
      const contiguous = new Encoder({ numeric: ['a', 'b', 'c', 'd'] }).fitTransform(
        X.map(([a, b, c, d]) => ({ a, b, c, d })),
      );
      for (const m of [new Matrix(X), contiguous]) {
        const s = new Scaler({ ...o, copy: false });
        const out = s.fitTransform(m);
        expect(out).toBe(m);
        expect(m.to2DArray()).toEqual(expected);
        expect(s.fitted).toEqual(new Scaler(o).fit(X).fitted);
        expect(s.inverseTransform(m)).toBe(m);
        m.to2DArray().forEach((r, i) =>
          r.forEach((v, j) => {
            const x = X[i]?.[j] as number;
            if (Number.isNaN(x)) expect(v).toBeNaN();
            else expect(v).toBeCloseTo(x, 12);
          }),
        );
        const again = new Matrix(X);
        expect(s.transform(again)).toBe(again);
      }
    });
  }
  it('copies other inputs as before (arrays of rows are never modified)', () => {
    const rows = X.map((r) => [...r]);
    const out = new Scaler({ copy: false }).fitTransform(rows);
    expect(out).toBeInstanceOf(Matrix);
    expect(rows).toEqual(X);
  });
  it('checks what it reads in place as a copy would', () => {
    const bad = new Matrix([
      [1, 2],
      [3, Infinity],
    ]);
    expect(() => new Scaler({ copy: false }).fit(bad)).toThrow(
      'Scaler.fit: X[1][1] is Infinity; only finite values are accepted. Clip or remove infinite values.',
    );
    const s = new Scaler({ copy: false }).fit(new Matrix(X));
    expect(() => s.transform(new Matrix([[1, 2]]))).toThrow(/X has 2 columns, but 4 were expected/);
  });
});

describe("Scaler dtype: 'float32' returns a dense Float32Matrix", () => {
  for (const o of METHODS) {
    it(`${o.method}: each value computed in float64 from the float32 input and rounded once`, () => {
      const X32 = X.map((r) => r.map(Math.fround));
      const s = new Scaler({ ...o, dtype: 'float32' });
      const out = s.fitTransform(X);
      expect(out).toBeInstanceOf(Float32Matrix);
      const ref = new Scaler(o);
      expect(s.fitted).toEqual(ref.fit(X32).fitted);
      expect(Array.from(out.data)).toEqual(ref.transform(X32).to2DArray().flat().map(Math.fround));
      const back = s.inverseTransform(out);
      expect(back).toBeInstanceOf(Float32Matrix);
      expect(back).not.toBe(out);
    });
  }
  it('with copy: false, a Float32Matrix is scaled (and unscaled) in place', () => {
    const m = new Float32Matrix(Float32Array.from(X.flat()), X.length, 4);
    const s = new Scaler({ dtype: 'float32', copy: false });
    const expected = new Scaler({ dtype: 'float32' }).fitTransform(m).data;
    expect(s.fitTransform(m)).toBe(m);
    expect(m.data).toEqual(expected);
    expect(s.inverseTransform(m)).toBe(m);
  });
  it('a Float32Matrix is otherwise a row source: the float64 Scaler gives a lazy view', () => {
    const m = new Float32Matrix(Float32Array.from(X.flat()), X.length, 4);
    const view = new Scaler().fitTransform(m);
    expect(view).toBeInstanceOf(ScaledRowSource);
    expect(Array.from(m.data)).toEqual(X.flat().map(Math.fround));
    expect(new Scaler().fit(m).inverseTransform(m)).toBeInstanceOf(Matrix);
  });
});

describe('Scaler options copy and dtype', () => {
  it('are validated, with unknown keys rejected', () => {
    expect(() => new Scaler({ copy: 0 as never })).toThrow('Scaler: copy must be true or false, received 0.');
    expect(() => new Scaler({ dtype: 'float16' as never })).toThrow(
      "Scaler: dtype must be one of 'float64', 'float32', received \"float16\".",
    );
    expect(() => new Scaler({ dtypes: 'float32' } as never)).toThrow(/did you mean 'dtype'\?/);
  });
  it('are written to JSON only when not the default, and come back', () => {
    const plain = new Scaler().fit(X).toJSON();
    expect(Object.keys(plain.params as object)).not.toContain('copy');
    expect(Object.keys(plain.params as object)).not.toContain('dtype');
    const s = new Scaler({ method: 'robust', copy: false, dtype: 'float32' }).fit(X);
    const again = Scaler.fromJSON(JSON.stringify(s.toJSON()), { dtype: 'float32' });
    expect(again.params).toEqual(s.params);
    expect(again.toJSON()).toEqual(s.toJSON());
    expect(Scaler.fromJSON(s.toJSON()).params.dtype).toBe('float32');
  });
  it('type the outputs', () => {
    const s = new Scaler();
    const f = new Scaler({ dtype: 'float32' });
    const E = new Encoder({ numeric: ['a'], output: 'compact' }).fitTransform([{ a: 1 }, { a: 2 }]);
    expectTypeOf(() => s.transform(X)).returns.toEqualTypeOf<Matrix>();
    expectTypeOf(() => f.transform(X)).returns.toEqualTypeOf<Float32Matrix>();
    expectTypeOf(() => s.transform(E)).returns.toEqualTypeOf<EncodedMatrix>();
    expectTypeOf(() => f.transform(E)).returns.toEqualTypeOf<Float32Matrix>();
    expectTypeOf(() => s.transform(denseRowSource(Float32Array.of(1), 1, 1))).returns.toEqualTypeOf<RowSource>();
    expectTypeOf(() => Scaler.fromJSON('')).returns.toEqualTypeOf<Scaler>();
    expectTypeOf<Scaler>().toMatchTypeOf<Transformer<MatrixInput>>();
    expectTypeOf<Encoder>().toMatchTypeOf<Transformer<Parameters<Encoder['fit']>[0]>>();
  });
});
