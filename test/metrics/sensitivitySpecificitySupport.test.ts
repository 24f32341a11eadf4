import { describe, expect, it } from 'vitest';
import { classificationReportImbalanced, recallScore, sensitivitySpecificitySupport } from '../../src/metrics/index.js';

describe('sensitivity / specificity', () => {
  it('specificity is the recall of the rest', () => {
    const yt = [0, 1, 2, 0, 1, 2, 2];
    const yp = [0, 2, 1, 0, 0, 1, 2];
    const r = sensitivitySpecificitySupport(yt, yp);
    r.labels.forEach((l, i) => {
      const rest = (v: number): number => (v === l ? 1 : 0);
      const spec = recallScore(yt.map(rest), yp.map(rest), { posLabel: 0 });
      expect(r.specificity[i]).toBeCloseTo(spec, 15);
    });
  });
});

describe('weighted reports', () => {
  it('weighted imbalanced report: specificity in [0, 1] (imbalanced-learn 0.10 can exceed 1), float supports', () => {
    const yt = ['a', 'b', 'b', 'c', 'c', 'c'];
    const yp = ['a', 'b', 'c', 'c', 'c', 'a'];
    const w = [2, 1, 3, 1, 2, 2];
    const r = classificationReportImbalanced(yt, yp, { sampleWeight: w });
    for (const c of r.classes) expect(c.spe >= 0 && c.spe <= 1).toBe(true);
    // specificity of 'a' = weighted tn / (tn + fp): negatives weigh 9, one of weight 2 predicted 'a'
    expect(r.classes[0]?.spe).toBeCloseTo(7 / 9, 15);
    expect(r.text).toMatch(/ 2\.0\n/);
    expect(r.totalSupport).toBe(11);
  });
});
