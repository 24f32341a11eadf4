import { describe, expect, it } from 'vitest';
import { DataValidationError } from '../../src/core/errors.js';
import { Scaler } from '../../src/preprocessing/index.js';

describe('Scaler state, one type per method', () => {
  const X = [
    [1, 10],
    [3, 30],
    [8, 20],
  ];
  it("'standard' has mean and variance, no data range", () => {
    const st = new Scaler().fit(X).fitted;
    expect(st.method).toBe('standard');
    if (st.method !== 'standard') throw new Error('narrowing');
    expect([...st.mean]).toEqual([4, 20]);
    expect(st.variance[1]).toBe(200 / 3);
    expect(st.dataMin).toBeUndefined();
  });
  it("'minmax' has the data range; center is scikit-learn's min_ and scale its scale_", () => {
    const st = new Scaler({ method: 'minmax', featureRange: [-1, 1] }).fit(X).fitted;
    if (st.method !== 'minmax') throw new Error('narrowing');
    expect([...st.dataMin]).toEqual([1, 10]);
    expect([...st.dataMax]).toEqual([8, 30]);
    expect(st.scale[0]).toBe(2 / 7);
    expect(st.center[0]).toBe(-1 - 1 * (2 / 7));
    expect(st.mean).toBeUndefined();
  });
  it("'robust' has median and IQR only", () => {
    const st = new Scaler({ method: 'robust' }).fit(X).fitted;
    expect(st.method).toBe('robust');
    expect([...st.center]).toEqual([3, 20]);
    expect([...st.scale]).toEqual([3.5, 10]);
    expect(st.mean === undefined && st.dataMin === undefined).toBe(true);
  });
  it('is frozen, and a refit replaces it as a whole', () => {
    const s = new Scaler().fit(X);
    const before = s.fitted;
    expect(Object.isFrozen(before)).toBe(true);
    expect(() => s.fit([[1, 2, 3]])).not.toThrow();
    expect(s.fitted).not.toBe(before);
    expect(s.fitted.nFeaturesIn).toBe(3);
  });
});

describe("'minmax' factors beyond doubles: a typed error naming featureRange and the column", () => {
  const cases: Array<[string, [number, number], number[][]]> = [
    ['a scale that overflows', [0, 1e308], [[0], [1e-10]]],
    ['a scale that underflows to 0', [0, 1e-300], [[0], [1e300]]],
    ['a subnormal scale with too few bits left', [0, 1e-300], [[0], [1e20]]],
    ['a width that overflows over a small range', [-1.7e308, 1.7e308], [[0], [1]]],
  ];
  for (const [what, featureRange, data] of cases) {
    it(what, () => {
      const s = new Scaler({ method: 'minmax', featureRange });
      expect(() => s.fit(data)).toThrow(DataValidationError);
      expect(() => s.fit(data)).toThrow(/column 0 spans .* featureRange .* gives a scale of/);
      try {
        s.fit(data);
      } catch (e) {
        expect((e as DataValidationError).param).toBe('featureRange');
        expect((e as DataValidationError).column).toBe(0);
      }
    });
  }
  it('a width beyond doubles over a range where the factor fits is computed from the halves', () => {
    const out = new Scaler({ method: 'minmax', featureRange: [-1.7e308, 1.7e308] }).fitTransform([[0], [10], [5]]);
    expect(out.to2DArray().flat()).toEqual([-1.7e308, 1.7e308, 0]);
  });
  it('an all-NaN column is NaN in and NaN out (as scikit-learn), not an error', () => {
    const s = new Scaler({ method: 'minmax' }).fit([
      [Number.NaN, 1],
      [Number.NaN, 2],
    ]);
    expect(Array.from(s.fitted.scale)).toEqual([Number.NaN, 1]);
    expect(s.transform([[Number.NaN, 1.5]]).to2DArray()).toEqual([[Number.NaN, 0.5]]);
    expect(Scaler.fromJSON(JSON.parse(JSON.stringify(s.toJSON()))).toJSON()).toEqual(s.toJSON());
  });
});
