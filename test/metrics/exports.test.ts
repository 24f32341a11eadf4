import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Matrix } from 'ml-matrix';
import type { Label } from '../../src/core/matrix.js';
import {
  confusionMatrix,
  f1Score,
  precisionRecallFscoreSupport,
  precisionScore,
  recallScore,
  rocAucScore,
} from '../../src/metrics/index.js';
import * as pkg from '../../src/index.js';

describe('public surface', () => {
  it('is exported from the core entry with the names of the issue', () => {
    for (const name of [
      'accuracyScore',
      'balancedAccuracyScore',
      'f1Score',
      'precisionScore',
      'recallScore',
      'matthewsCorrcoef',
      'cohenKappaScore',
      'confusionMatrix',
      'geometricMeanScore',
      'logLoss',
      'rocAucScore',
      'averagePrecisionScore',
      'classificationReport',
      'Metrics',
      'rocCurve',
      'precisionRecallCurve',
      'topKAccuracyScore',
      'fbetaScore',
      'precisionRecallFscoreSupport',
      'sensitivitySpecificitySupport',
      'classificationReportImbalanced',
    ]) {
      expect(name in pkg, name).toBe(true);
    }
  });
  it('types: average null gives Maps, an average gives numbers', () => {
    expectTypeOf(f1Score([0], [0])).toEqualTypeOf<number>();
    expectTypeOf(f1Score([0], [0], { average: 'macro' })).toEqualTypeOf<number>();
    expectTypeOf(f1Score([0], [0], { average: null })).toEqualTypeOf<Map<Label, number>>();
    expectTypeOf(rocAucScore([0, 1], [0.1, 0.9])).toEqualTypeOf<number>();
    expectTypeOf(precisionRecallFscoreSupport([0], [0]).precision).toEqualTypeOf<number[]>();
    expectTypeOf(precisionRecallFscoreSupport([0], [0], { average: 'macro' }).precision).toEqualTypeOf<number>();
    expectTypeOf(confusionMatrix([0], [0])).toEqualTypeOf<Matrix>();
  });
  it('per-class results are Maps in label order, never records', () => {
    const r = precisionScore(['b', 'a', 'c', 'a'], ['b', 'a', 'a', 'a'], { average: null, labels: ['c', 'a', 'b'] });
    expect(r).toBeInstanceOf(Map);
    expect([...r.keys()]).toEqual(['c', 'a', 'b']);
    expect([...r.values()]).toEqual([0, 2 / 3, 1]);
    const num = recallScore([10, 2, 2], [10, 2, 10], { average: null });
    expect([...num.keys()]).toEqual([2, 10]); // numeric order, not string order
  });
});
