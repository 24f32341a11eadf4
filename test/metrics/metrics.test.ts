import { describe, expect, expectTypeOf, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { DataValidationError, InvalidParameterError } from '../../src/core/errors.js';
import { Random } from '../../src/core/random.js';
import type { Label } from '../../src/core/matrix.js';
import { binaryAuc, binaryClfCurve } from '../../src/metrics/_common.js';
import { pyFixed } from '../../src/metrics/_format.js';
import {
  Metrics,
  accuracyScore,
  averagePrecisionScore,
  balancedAccuracyScore,
  classificationReport,
  classificationReportImbalanced,
  cohenKappaScore,
  confusionMatrix,
  f1Score,
  fbetaScore,
  geometricMeanScore,
  logLoss,
  matthewsCorrcoef,
  precisionRecallCurve,
  precisionRecallFscoreSupport,
  precisionScore,
  recallScore,
  rocAucScore,
  rocCurve,
  sensitivitySpecificitySupport,
  topKAccuracyScore,
} from '../../src/metrics/index.js';
import * as pkg from '../../src/index.js';

const throwsData = (fn: () => unknown, param?: string): void => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DataValidationError);
    if (param) expect((e as DataValidationError).param).toBe(param);
    return;
  }
  throw new Error('expected a DataValidationError');
};
const throwsParam = (fn: () => unknown, param: string): void => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidParameterError);
    expect((e as InvalidParameterError).param).toBe(param);
    return;
  }
  throw new Error('expected an InvalidParameterError');
};

function randomProba(r: Random, n: number, k: number): number[][] {
  return Array.from({ length: n }, () => {
    const row = Array.from({ length: k }, () => Math.floor(r.float() * 4) + 0.5);
    const s = row.reduce((a, b) => a + b, 0);
    return row.map((v) => v / s);
  });
}

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

describe('bad input: typed errors naming the argument', () => {
  it('length mismatch and empty input', () => {
    throwsData(() => accuracyScore([0, 1], [0]), 'yPred');
    throwsData(() => f1Score([], []), 'yTrue');
    throwsData(() => rocAucScore([0, 1], [0.5]), 'yScore');
    throwsData(() => logLoss([0, 1, 1], [[0.5, 0.5]]), 'yProb');
    throwsData(() => confusionMatrix([0, 1], [0, 1], { sampleWeight: [1] }), 'sampleWeight');
    throwsData(() => accuracyScore(['a', 'b'], [0, 1]), 'yPred');
  });
  it('probability matrix whose columns do not match labels', () => {
    throwsData(
      () =>
        logLoss(
          ['a', 'b', 'c'],
          [
            [0.5, 0.5],
            [0.5, 0.5],
            [0.5, 0.5],
          ],
        ),
      'yProb',
    );
    throwsData(() => rocAucScore([0, 1, 2], randomProba(new Random(1), 3, 4), { multiClass: 'ovr' }), 'yScore');
    throwsData(
      () => rocAucScore([0, 1, 2], randomProba(new Random(1), 3, 3), { multiClass: 'ovr', labels: [0, 1, 2, 3] }),
      'yScore',
    );
    throwsData(() => topKAccuracyScore([0, 1, 2], randomProba(new Random(1), 3, 2), { labels: [0, 1, 2] }), 'yScore');
  });
  it('NaN scores', () => {
    throwsData(() => rocAucScore([0, 1], [0.5, Number.NaN]), 'yScore');
    throwsData(() => rocCurve([0, 1], [Number.NaN, 0.5]), 'yScore');
    throwsData(() => averagePrecisionScore([0, 1], [0.5, Number.POSITIVE_INFINITY]), 'yScore');
    throwsData(
      () =>
        logLoss(
          [0, 1],
          [
            [0.5, 0.5],
            [Number.NaN, 0.5],
          ],
        ),
      'yProb',
    );
  });
  it('a single class where ROC AUC needs two', () => {
    throwsData(() => rocAucScore([1, 1, 1], [0.2, 0.4, 0.9]), 'yTrue');
    throwsData(
      () =>
        rocAucScore(
          ['a', 'a', 'c'],
          [
            [0.2, 0.4, 0.4],
            [0.1, 0.1, 0.8],
            [0.3, 0.3, 0.4],
          ],
          { multiClass: 'ovr', labels: ['a', 'b', 'c'] },
        ),
      'yTrue',
    );
    throwsData(
      () =>
        rocAucScore(
          [0, 0],
          [
            [0.2, 0.4, 0.4],
            [0.1, 0.1, 0.8],
          ],
          { multiClass: 'ovo', labels: [0, 1, 2] },
        ),
      'yTrue',
    );
    throwsData(() => logLoss([1, 1], [0.3, 0.4]), 'labels');
  });
  it("average 'binary' on multiclass data, and posLabel problems", () => {
    throwsData(() => f1Score([0, 1, 2], [0, 1, 1]), 'yTrue');
    throwsParam(() => f1Score(['a', 'b'], ['a', 'b']), 'posLabel');
    throwsParam(() => rocCurve(['a', 'b'], [0.1, 0.2]), 'posLabel');
    throwsParam(() => averagePrecisionScore(['a', 'b'], [0.1, 0.2]), 'posLabel');
  });
  it('rows not summing to 1 for multiclass ROC AUC; multiClass required', () => {
    const p = [
      [0.2, 0.2, 0.2],
      [0.1, 0.1, 0.8],
      [0.3, 0.3, 0.4],
    ];
    throwsData(() => rocAucScore([0, 1, 2], p, { multiClass: 'ovr' }), 'yScore');
    throwsParam(
      () =>
        rocAucScore(
          [0, 1, 2],
          [
            [0.2, 0.4, 0.4],
            [0.1, 0.1, 0.8],
            [0.3, 0.3, 0.4],
          ],
        ),
      'multiClass',
    );
    throwsParam(
      () =>
        rocAucScore(
          [0, 1, 2],
          [
            [0.2, 0.4, 0.4],
            [0.1, 0.1, 0.8],
            [0.3, 0.3, 0.4],
          ],
          { multiClass: 'ovo', sampleWeight: [1, 1, 1] },
        ),
      'sampleWeight',
    );
    throwsParam(
      () =>
        rocAucScore(
          [0, 1, 2],
          [
            [0.2, 0.4, 0.4],
            [0.1, 0.1, 0.8],
            [0.3, 0.3, 0.4],
          ],
          { multiClass: 'ovo', average: 'micro' },
        ),
      'average',
    );
  });
  it('bad options', () => {
    throwsParam(() => f1Score([0, 1], [0, 1], { zeroDivision: 'warn' as never }), 'zeroDivision');
    throwsParam(() => f1Score([0, 1], [0, 1], { average: 'samples' as never }), 'average');
    throwsParam(() => fbetaScore([0, 1], [0, 1], { beta: -1 }), 'beta');
    throwsParam(() => confusionMatrix([0, 1], [0, 1], { normalize: 'rows' as never }), 'normalize');
    throwsParam(() => cohenKappaScore([0, 1], [0, 1], { weights: 'cubic' as never }), 'weights');
    throwsParam(() => f1Score([0, 1], [0, 1], { average: 'macro', labels: [0, 0] }), 'labels');
    throwsParam(() => topKAccuracyScore([0, 1], [0.1, 0.2], { k: 0 }), 'k');
    throwsData(() => confusionMatrix([0, 1], [0, 1], { labels: [5] }), 'labels');
  });
});

describe('ranking kernels', () => {
  it('the threshold sweep (weighted and unweighted) matches a brute-force count per distinct score', () => {
    const r = new Random(7);
    for (let trial = 0; trial < 20; trial++) {
      const n = 1 + r.int(200);
      const pos = new Uint8Array(n);
      const s = new Float64Array(n);
      const w = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        pos[i] = r.int(2);
        const pick = r.int(5);
        s[i] =
          pick === 0
            ? -0
            : pick === 1
              ? 0
              : pick === 2
                ? Math.round(r.normal() * 3)
                : pick === 3
                  ? r.normal() * 1e300
                  : r.normal() * 1e-300;
        w[i] = r.int(3);
      }
      for (const weighted of [false, true]) {
        const c = binaryClfCurve(pos, s, weighted ? w : undefined);
        const keep = (i: number): boolean => !weighted || w[i] !== 0;
        const distinct = [
          ...new Set(
            Array.from(s)
              .filter((_, i) => keep(i))
              .map((v) => (v === 0 ? 0 : v)),
          ),
        ].sort((a, b) => b - a);
        expect(Array.from(c.thresholds, (v) => v + 0)).toEqual(distinct); // -0 and 0 are one threshold
        distinct.forEach((t, g) => {
          let tp = 0;
          let fp = 0;
          for (let i = 0; i < n; i++) {
            if (!keep(i) || (s[i] as number) < t) continue;
            const wi = weighted ? (w[i] as number) : 1;
            if (pos[i]) tp += wi;
            else fp += wi;
          }
          expect(c.tps[g]).toBe(tp);
          expect(c.fps[g]).toBe(fp);
        });
      }
    }
  });
  it('binary AUC equals the Mann–Whitney statistic with ½ credit for ties', () => {
    const r = new Random(11);
    for (let trial = 0; trial < 30; trial++) {
      const n = 2 + r.int(60);
      const pos = new Uint8Array(n);
      const s = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        pos[i] = r.float() < 0.3 ? 1 : 0;
        s[i] = Math.floor(r.float() * 5) / 5 + (pos[i] ? 0.1 : 0);
      }
      pos[0] = 1;
      pos[1] = 0;
      let num = 0;
      let pairs = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          if (!pos[i] || pos[j]) continue;
          pairs++;
          num += (s[i] as number) > (s[j] as number) ? 1 : s[i] === s[j] ? 0.5 : 0;
        }
      }
      expect(binaryAuc(pos, s)).toBeCloseTo(num / pairs, 12);
    }
  });
  it('ROC AUC is invariant to strictly increasing transforms of the score', () => {
    const r = new Random(3);
    const y = Array.from({ length: 200 }, (_, i) => (i < 2 ? i : r.int(2)));
    const s = y.map((v) => r.normal() + v);
    expect(
      rocAucScore(
        y,
        s.map((v) => Math.exp(3 * v) - 7),
      ),
    ).toBeCloseTo(rocAucScore(y, s), 14);
  });
  it('rocCurve starts at (0, 0) with an infinite threshold and ends at (1, 1)', () => {
    const c = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(c.thresholds[0]).toBe(Number.POSITIVE_INFINITY);
    expect([c.fpr[0], c.tpr[0]]).toEqual([0, 0]);
    expect([c.fpr.at(-1), c.tpr.at(-1)]).toEqual([1, 1]);
    const pr = precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(pr.precision.length).toBe(pr.thresholds.length + 1);
  });
});

describe('inputs', () => {
  const y = [0, 1, 2, 2, 1, 0, 2, 1];
  const p = randomProba(new Random(5), 8, 3);
  it('accepts number[][], typed-array rows and ml-matrix Matrix alike', () => {
    const a = rocAucScore(y, p, { multiClass: 'ovo' });
    expect(
      rocAucScore(
        y,
        p.map((r) => Float64Array.from(r)),
        { multiClass: 'ovo' },
      ),
    ).toBe(a);
    expect(rocAucScore(y, new Matrix(p), { multiClass: 'ovo' })).toBe(a);
    expect(logLoss(y, new Matrix(p))).toBe(logLoss(y, p));
  });
  it('never mutates its inputs (frozen arrays pass)', () => {
    const yt = Object.freeze([...y]);
    const yp = Object.freeze([0, 1, 2, 1, 1, 0, 2, 2]);
    const fp = Object.freeze(p.map((r) => Object.freeze([...r])));
    expect(() => {
      Metrics.evaluate(yt, yp, fp);
      classificationReport(yt, yp);
      rocAucScore(yt, fp, { multiClass: 'ovr', average: null });
    }).not.toThrow();
    expect(fp[0]).toEqual(p[0]);
  });
  it('string and numeric labels give the same numbers', () => {
    const names = ['x', 'y', 'z'];
    const ys = y.map((v) => names[v] as string);
    expect(rocAucScore(ys, p, { multiClass: 'ovr', average: 'weighted' })).toBe(
      rocAucScore(y, p, { multiClass: 'ovr', average: 'weighted' }),
    );
    expect(geometricMeanScore(ys, ys)).toBe(1);
    expect(matthewsCorrcoef(ys, ys)).toBe(1);
  });
});

describe('semantics chosen where scikit-learn releases differ', () => {
  it('logLoss does not renormalise rows (scikit-learn >= 1.5)', () => {
    expect(
      logLoss(
        [0, 1],
        [
          [0.5, 0.25],
          [0.25, 0.5],
        ],
      ),
    ).toBeCloseTo(-Math.log(0.5), 15);
  });
  it('logLoss clips to [eps, 1 - eps]', () => {
    expect(
      logLoss(
        [0, 1],
        [
          [0, 1],
          [1, 0],
        ],
      ),
    ).toBeCloseTo(-Math.log(2.220446049250313e-16), 12);
  });
  it("zeroDivision 'nan' skips undefined classes in averages", () => {
    // class 2 is never predicted: its precision is NaN and is left out of the macro mean
    expect(precisionScore([0, 1, 2], [0, 1, 1], { average: 'macro', zeroDivision: 'nan' })).toBeCloseTo(0.75, 15);
    expect(precisionScore([0, 1, 2], [0, 1, 1], { average: 'macro', zeroDivision: 0 })).toBeCloseTo(0.5, 15);
  });
  it('balanced accuracy drops classes only predicted', () => {
    expect(balancedAccuracyScore([0, 0, 1, 1], [0, 2, 1, 1])).toBe(0.75);
  });
  it('text reports round exact ties to even like Python', () => {
    expect(pyFixed(0.125, 2)).toBe('0.12');
    expect(pyFixed(0.375, 2)).toBe('0.38');
    expect(pyFixed(0.135, 2)).toBe('0.14');
    expect(pyFixed(2.5, 0)).toBe('2');
    expect(pyFixed(Number.NaN, 2)).toBe('nan');
  });
});

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
  it('imbalanced report: specificity stays in [0, 1] with weights (imbalanced-learn 0.10 can exceed 1) and supports print as floats', () => {
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

describe('Metrics.evaluate', () => {
  const yt = ['a', 'b', 'c', 'a', 'b', 'c', 'a', 'a'];
  const yp = ['a', 'b', 'b', 'a', 'c', 'c', 'a', 'b'];
  const p = randomProba(new Random(9), 8, 3);
  it('agrees with the individual functions and is plain JSON', () => {
    const ev = Metrics.evaluate(yt, yp, p);
    expect(ev.labels).toEqual(['a', 'b', 'c']);
    expect(ev.accuracy).toBe(accuracyScore(yt, yp));
    expect(ev.macroF1).toBe(f1Score(yt, yp, { average: 'macro' }));
    expect(ev.weightedF1).toBe(f1Score(yt, yp, { average: 'weighted' }));
    expect(ev.mcc).toBe(matthewsCorrcoef(yt, yp));
    expect(ev.kappa).toBe(cohenKappaScore(yt, yp));
    expect(ev.geometricMean).toBe(geometricMeanScore(yt, yp));
    expect(ev.rocAucOvrMacro).toBeCloseTo(rocAucScore(yt, p, { multiClass: 'ovr' }), 14);
    expect(ev.rocAucOvrWeighted).toBeCloseTo(rocAucScore(yt, p, { multiClass: 'ovr', average: 'weighted' }), 14);
    expect(ev.rocAucOvoMacro).toBe(rocAucScore(yt, p, { multiClass: 'ovo' }));
    expect(ev.rocAucOvoWeighted).toBe(rocAucScore(yt, p, { multiClass: 'ovo', average: 'weighted' }));
    expect(ev.averagePrecisionMacro).toBeCloseTo(averagePrecisionScore(yt, p) as number, 14);
    expect(ev.averagePrecisionWeighted).toBeCloseTo(
      averagePrecisionScore(yt, p, { average: 'weighted' }) as number,
      14,
    );
    expect(ev.logLoss).toBe(logLoss(yt, p));
    expect(ev.confusionMatrix).toEqual(confusionMatrix(yt, yp).to2DArray());
    expect(ev.report).toBe(classificationReport(yt, yp).text);
    expect(ev.reportImbalanced).toBe(classificationReportImbalanced(yt, yp).text);
    expect(JSON.parse(JSON.stringify(ev))).toEqual(ev);
  });
  it('keeps a class the fold lacks (labels) and explains null ovr AUC', () => {
    const labels = ['a', 'b', 'c', 'd'];
    const p4 = p.map((r) => [...r.map((v) => v * 0.9), 0.1]);
    const ev = Metrics.evaluate(yt, yp, p4, { labels });
    expect(ev.confusionMatrix.length).toBe(4);
    expect(ev.rocAucOvrMacro).toBeNull();
    expect(ev.rocAucOvoMacro).toBe(rocAucScore(yt, p4, { multiClass: 'ovo', labels }));
    expect(ev.perClass[3]?.rocAuc).toBeNull();
    expect(ev.notes.join(' ')).toMatch(/"d"/);
    throwsData(() => Metrics.evaluate(yt, yp, p4), 'yScore');
  });
  it('binary problems with a 1-D score', () => {
    const y = [0, 1, 1, 0, 1, 0];
    const s = [0.2, 0.9, 0.4, 0.1, 0.6, 0.7];
    const ev = Metrics.evaluate(
      y,
      s.map((v) => (v > 0.5 ? 1 : 0)),
      s,
    );
    expect(ev.rocAuc).toBe(rocAucScore(y, s));
    expect(ev.rocAucOvoMacro).toBe(ev.rocAuc);
    expect(ev.averagePrecisionMacro).toBe(averagePrecisionScore(y, s));
    expect(ev.logLoss).toBeCloseTo(logLoss(y, s), 15);
  });
  it('without scores, the ranking fields are null', () => {
    const ev = Metrics.evaluate(yt, yp);
    expect(ev.rocAucOvrMacro).toBeNull();
    expect(ev.logLoss).toBeNull();
  });
});
