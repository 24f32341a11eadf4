import { describe, expect, it } from 'vitest';
import {
  classificationReportImbalanced,
  geometricMeanScore,
  recallScore,
  sensitivitySpecificitySupport,
} from '../../src/metrics/index.js';

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

describe("average 'binary' on a single-class input (imbalanced-learn 0.10)", () => {
  // [yTrue, yPred, posLabel, sensitivity, specificity], from imbalanced-learn 0.10.0.
  const cases: Array<[Array<number | string>, Array<number | string>, number | string, number, number]> = [
    [[0, 0, 0], [0, 0, 0], 1, 0, 0],
    [[0, 0, 0], [0, 0, 0], 0, 1, 0],
    [[1, 1, 1], [1, 1, 1], 1, 1, 0],
    [[1, 1, 1], [1, 1, 1], 0, 0, 0],
    [[0, 0, 0], [0, 1, 1], 1, 0, 1 / 3],
    [[0, 0, 0], [0, 1, 1], 0, 1 / 3, 0],
    [[1, 1, 1], [1, 0, 0], 1, 1 / 3, 0],
    [[1, 1, 1], [1, 0, 0], 0, 0, 1 / 3],
    [['a', 'a'], ['a', 'a'], 'a', 1, 0],
    [['a', 'a'], ['a', 'a'], 1, 0, 0],
  ];
  it('specificity is 0 when posLabel is absent, as imbalanced-learn (the counts would give 1)', () => {
    for (const [yt, yp, posLabel, sens, spec] of cases) {
      const r = sensitivitySpecificitySupport(yt, yp, { average: 'binary', posLabel });
      expect(r.sensitivity, `${yt} ${yp} ${posLabel}`).toBeCloseTo(sens, 15);
      expect(r.specificity, `${yt} ${yp} ${posLabel}`).toBeCloseTo(spec, 15);
      expect(geometricMeanScore(yt, yp, { average: 'binary', posLabel })).toBe(0);
    }
  });
});

describe('weighted true negatives', () => {
  it('are never negative: rounding gave specificity -2.2e-16 and a NaN geometric mean', () => {
    const yt = [1, 1, 0, 0, 0, 0];
    const yp = [1, 1, 1, 1, 1, 1];
    const sampleWeight = [0.1, 0.7, 0.15, 0.3, 0.35, 0.2];
    const r = sensitivitySpecificitySupport(yt, yp, { sampleWeight });
    expect(r.specificity).toEqual([1, 0]);
    expect([...(geometricMeanScore(yt, yp, { sampleWeight, average: null }) as Map<number, number>).values()]).toEqual([
      0, 0,
    ]);
  });
});
