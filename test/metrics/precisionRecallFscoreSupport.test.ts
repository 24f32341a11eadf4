import { describe, expect, it } from 'vitest';
import { f1Score, precisionScore } from '../../src/metrics/index.js';
import { throwsData, throwsParam } from './support.js';

describe('precision, recall and F', () => {
  it("average 'binary' on multiclass data, and posLabel problems", () => {
    throwsData(() => f1Score([0, 1, 2], [0, 1, 1]), 'yTrue');
    throwsParam(() => f1Score(['a', 'b'], ['a', 'b']), 'posLabel');
  });
  it("zeroDivision 'nan' skips undefined classes in averages", () => {
    // class 2 is never predicted: its precision is NaN and is left out of the macro mean
    expect(precisionScore([0, 1, 2], [0, 1, 1], { average: 'macro', zeroDivision: 'nan' })).toBeCloseTo(0.75, 15);
    expect(precisionScore([0, 1, 2], [0, 1, 1], { average: 'macro', zeroDivision: 0 })).toBeCloseTo(0.5, 15);
  });
});
