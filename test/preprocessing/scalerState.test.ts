import { describe, expect, it } from 'vitest';
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
