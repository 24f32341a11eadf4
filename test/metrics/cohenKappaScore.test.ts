import { describe, expect, it } from 'vitest';
import { DataValidationError } from '../../src/core/errors.js';
import { cohenKappaScore } from '../../src/metrics/index.js';
import { throwsParam } from './support.js';

describe('cohenKappaScore when kappa is undefined', () => {
  it('throws by default; replaceUndefinedBy gives a value (scikit-learn >= 1.7: replace_undefined_by)', () => {
    const same = ['a', 'a', 'a'];
    expect(() => cohenKappaScore(same, same)).toThrow(DataValidationError);
    expect(() => cohenKappaScore(same, same)).toThrow(/expected disagreement is 0.*replaceUndefinedBy/);
    expect(cohenKappaScore(same, same, { replaceUndefinedBy: 'nan' })).toBeNaN();
    expect(cohenKappaScore(same, same, { replaceUndefinedBy: 1 })).toBe(1);
    expect(cohenKappaScore(same, same, { weights: 'linear', replaceUndefinedBy: -0.5 })).toBe(-0.5);
    // No sample has a label in labels.
    expect(() => cohenKappaScore(['a', 'b'], ['a', 'b'], { labels: ['c'] })).toThrow(/no sample has a label in labels/);
    expect(cohenKappaScore(['a', 'b'], ['a', 'b'], { labels: ['c'], replaceUndefinedBy: 0 })).toBe(0);
    // A defined kappa ignores the option.
    expect(cohenKappaScore(['a', 'b'], ['a', 'b'], { replaceUndefinedBy: 0 })).toBe(1);
  });
  it('replaceUndefinedBy must be a number in [-1, 1] or "nan"', () => {
    for (const bad of [2, -1.5, Number.NaN, 'NaN', null, '0']) {
      throwsParam(() => cohenKappaScore([0, 1], [0, 1], { replaceUndefinedBy: bad as never }), 'replaceUndefinedBy');
    }
  });
});
