import { describe, expect, it } from 'vitest';
import { balancedAccuracyScore, cohenKappaScore, confusionMatrix, matthewsCorrcoef } from '../../src/metrics/index.js';

describe('metrics of the confusion counts', () => {
  it('balanced accuracy drops classes only predicted', () => {
    expect(balancedAccuracyScore([0, 0, 1, 1], [0, 2, 1, 1])).toBe(0.75);
  });
  it('confusionMatrix normalizes a zero row to zeros; MCC is 0 for a constant prediction; kappa is symmetric', () => {
    const cm = confusionMatrix([0, 0, 1], [0, 1, 1], { labels: [0, 1, 2], normalize: 'true' });
    expect(cm.to2DArray()).toEqual([
      [0.5, 0.5, 0],
      [0, 1, 0],
      [0, 0, 0],
    ]);
    expect(matthewsCorrcoef([0, 1, 1, 0], [1, 1, 1, 1])).toBe(0);
    const a = ['x', 'y', 'y', 'z', 'x'];
    const b = ['x', 'y', 'z', 'z', 'y'];
    expect(cohenKappaScore(a, b)).toBeCloseTo(cohenKappaScore(b, a), 15);
  });
});
