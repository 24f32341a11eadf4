import { describe, expect, it } from 'vitest';
import { rocCurve } from '../../src/metrics/index.js';
import { throwsData } from './support.js';

describe('rocCurve without both classes', () => {
  it('throws instead of returning all-NaN rates (scikit-learn warns and returns NaN)', () => {
    throwsData(() => rocCurve([1, 1, 1], [0.2, 0.5, 0.9]), 'yTrue');
    expect(() => rocCurve([0, 0], [0.2, 0.5])).toThrow(/no positive sample/);
    // Weighted: the negatives all weigh 0.
    expect(() => rocCurve([0, 1, 1], [0.1, 0.5, 0.9], { sampleWeight: [0, 1, 2] })).toThrow(
      /no negative sample of positive weight/,
    );
  });
  it('with both classes the rates are finite and end at (1, 1)', () => {
    const r = rocCurve([0, 1, 1, 0], [0.1, 0.4, 0.35, 0.8], { sampleWeight: [1, 0, 2, 1] });
    expect(r.fpr.every(Number.isFinite) && r.tpr.every(Number.isFinite)).toBe(true);
    expect([r.fpr.at(-1), r.tpr.at(-1)]).toEqual([1, 1]);
  });
});
