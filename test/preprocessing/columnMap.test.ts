import { describe, expect, it } from 'vitest';
import { applyFormula, minMaxScale, standardize } from '../../src/preprocessing/columnMap.js';

describe("the Scaler's single-value formulas near ±1.8e308 (dense and lazy paths alike)", () => {
  it('standardize: (x − center) / scale, or the two quotients apart where x − center overflows', () => {
    expect(standardize(3, 1, 2)).toBe(1);
    expect(standardize(1.7e308, -1.7e308, 1.7e308)).toBe(2);
    expect(applyFormula({ mode: 1, center: -1.7e308, scale: 1.7e308, clip: false, lo: 0, hi: 0 }, 1.7e308)).toBe(2);
    expect(Number.isNaN(standardize(Number.NaN, 0, 1))).toBe(true);
  });
  it('minMaxScale: x · scale + center, or twice the halved sum where a term overflows', () => {
    expect(minMaxScale(2, 5, 1)).toBe(11);
    expect(minMaxScale(10, 3.4e307, -1.7e308)).toBe(1.7e308);
    const f = { mode: 2, center: -1.7e308, scale: 3.4e307, clip: true, lo: -1.7e308, hi: 1.7e308 } as const;
    expect(applyFormula(f, 10)).toBe(1.7e308);
    expect(minMaxScale(Number.POSITIVE_INFINITY, 1, 0)).toBe(Number.POSITIVE_INFINITY);
  });
});
