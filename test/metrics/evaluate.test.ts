import { describe, expect, it } from 'vitest';
import { Random } from '../../src/core/Random.js';
import {
  Metrics,
  accuracyScore,
  averagePrecisionScore,
  classificationReport,
  classificationReportImbalanced,
  cohenKappaScore,
  confusionMatrix,
  evaluate,
  f1Score,
  geometricMeanScore,
  logLoss,
  matthewsCorrcoef,
  rocAucScore,
} from '../../src/metrics/index.js';
import { randomProba, throwsData } from './support.js';

describe('evaluate', () => {
  const yt = ['a', 'b', 'c', 'a', 'b', 'c', 'a', 'a'];
  const yp = ['a', 'b', 'b', 'a', 'c', 'c', 'a', 'b'];
  const p = randomProba(new Random(9), 8, 3);
  it('agrees with the individual functions and is plain JSON', () => {
    const ev = evaluate(yt, yp, p);
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
    const ev = evaluate(yt, yp, p4, { labels });
    expect(ev.confusionMatrix.length).toBe(4);
    expect(ev.rocAucOvrMacro).toBeNull();
    expect(ev.rocAucOvoMacro).toBe(rocAucScore(yt, p4, { multiClass: 'ovo', labels }));
    expect(ev.perClass[3]?.rocAuc).toBeNull();
    expect(ev.notes.join(' ')).toMatch(/"d"/);
    throwsData(() => evaluate(yt, yp, p4), 'yScore');
  });
  it('binary problems with a 1-D score', () => {
    const y = [0, 1, 1, 0, 1, 0];
    const s = [0.2, 0.9, 0.4, 0.1, 0.6, 0.7];
    const ev = evaluate(
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
    const ev = evaluate(yt, yp);
    expect(ev.rocAucOvrMacro).toBeNull();
    expect(ev.logLoss).toBeNull();
  });
  it('Metrics.evaluate is the same function', () => {
    expect(Metrics.evaluate).toBe(evaluate);
    expect(Object.isFrozen(Metrics)).toBe(true);
  });
});
