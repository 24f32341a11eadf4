import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../src/core/errors.js';
import {
  accuracyScore,
  averagePrecisionScore,
  balancedAccuracyScore,
  classificationReport,
  classificationReportImbalanced,
  cohenKappaScore,
  confusionMatrix,
  evaluate,
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
import { throwsData, throwsParam } from './support.js';

const yt = [0, 1, 1, 0];
const yp = [0, 1, 0, 0];
const score = [0.2, 0.9, 0.4, 0.1];
const proba = score.map((s) => [1 - s, s]);

/** [metric, call with the misspelt option, the option, the suggested name (undefined: none)] */
const typos: Array<[string, (o: never) => unknown, string, string | undefined]> = [
  ['accuracyScore', (o) => accuracyScore(yt, yp, o), 'sample_weight', 'sampleWeight'],
  ['balancedAccuracyScore', (o) => balancedAccuracyScore(yt, yp, o), 'adjust', 'adjusted'],
  ['confusionMatrix', (o) => confusionMatrix(yt, yp, o), 'normalise', 'normalize'],
  ['precisionRecallFscoreSupport', (o) => precisionRecallFscoreSupport(yt, yp, o), 'zero_division', 'zeroDivision'],
  ['precisionScore', (o) => precisionScore(yt, yp, o), 'pos_label', 'posLabel'],
  ['recallScore', (o) => recallScore(yt, yp, o), 'averge', 'average'],
  ['f1Score', (o) => f1Score(yt, yp, o), 'beta', undefined], // f1 has no beta; fbetaScore does
  ['fbetaScore', (o) => fbetaScore(yt, yp, o), 'Beta', 'beta'],
  ['matthewsCorrcoef', (o) => matthewsCorrcoef(yt, yp, o), 'labels', undefined],
  ['cohenKappaScore', (o) => cohenKappaScore(yt, yp, o), 'weight', 'weights'],
  ['logLoss', (o) => logLoss(yt, proba, o), 'eps', undefined],
  ['topKAccuracyScore', (o) => topKAccuracyScore(yt, score, o), 'K', 'k'],
  ['rocCurve', (o) => rocCurve(yt, score, o), 'drop_intermediate', 'dropIntermediate'],
  ['rocAucScore', (o) => rocAucScore(yt, score, o), 'multi_class', 'multiClass'],
  ['precisionRecallCurve', (o) => precisionRecallCurve(yt, score, o), 'pos_label', 'posLabel'],
  ['averagePrecisionScore', (o) => averagePrecisionScore(yt, score, o), 'pos_label', 'posLabel'],
  ['sensitivitySpecificitySupport', (o) => sensitivitySpecificitySupport(yt, yp, o), 'warn_for', undefined],
  ['geometricMeanScore', (o) => geometricMeanScore(yt, yp, o), 'corection', 'correction'],
  ['classificationReport', (o) => classificationReport(yt, yp, o), 'target_names', 'targetNames'],
  ['classificationReportImbalanced', (o) => classificationReportImbalanced(yt, yp, o), 'output_dict', undefined],
  ['evaluate', (o) => evaluate(yt, yp, score, o), 'label', 'labels'],
];

describe('options', () => {
  it.each(typos)('%s rejects an unknown option, suggesting the closest name', (who, call, key, guess) => {
    const suggestion = guess === undefined ? '\\.' : ` — did you mean '${guess}'\\?`;
    const expected = new RegExp(`^${who}: unknown option "${key}"${suggestion} Known options: `);
    let error: unknown;
    try {
      call({ [key]: 1 } as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as InvalidParameterError).param).toBe(key);
    expect((error as Error).message).toMatch(expected);
  });

  it('rejects an options argument that is not a plain object', () => {
    throwsParam(() => accuracyScore(yt, yp, null as never), 'options');
    throwsParam(() => rocAucScore(yt, score, [] as never), 'options');
  });

  it('rejects bad option values, naming the option', () => {
    throwsParam(() => f1Score([0, 1], [0, 1], { zeroDivision: 'warn' as never }), 'zeroDivision');
    throwsParam(() => f1Score([0, 1], [0, 1], { average: 'samples' as never }), 'average');
    throwsParam(() => fbetaScore([0, 1], [0, 1], { beta: -1 }), 'beta');
    throwsParam(() => confusionMatrix([0, 1], [0, 1], { normalize: 'rows' as never }), 'normalize');
    throwsParam(() => cohenKappaScore([0, 1], [0, 1], { weights: 'cubic' as never }), 'weights');
    throwsParam(() => f1Score([0, 1], [0, 1], { average: 'macro', labels: [0, 0] }), 'labels');
    throwsParam(() => topKAccuracyScore([0, 1], [0.1, 0.2], { k: 0 }), 'k');
    throwsData(() => confusionMatrix([0, 1], [0, 1], { labels: [5] }), 'labels');
    throwsParam(() => accuracyScore(yt, yp, { normalize: 'no' as never }), 'normalize');
    throwsParam(() => balancedAccuracyScore(yt, yp, { adjusted: 1 as never }), 'adjusted');
    throwsParam(() => logLoss(yt, proba, { normalize: 0 as never }), 'normalize');
    throwsParam(() => rocCurve(yt, score, { dropIntermediate: 'yes' as never }), 'dropIntermediate');
    throwsParam(() => rocAucScore(yt, score, { multiClass: 'ovx' as never }), 'multiClass');
    throwsParam(() => averagePrecisionScore(yt, score, { average: 'samples' as never }), 'average');
    throwsParam(() => geometricMeanScore(yt, yp, { average: 'multi' as never }), 'average');
    throwsParam(() => geometricMeanScore(yt, yp, { correction: -1 }), 'correction');
    throwsParam(() => classificationReport(yt, yp, { digits: 2.5 }), 'digits');
    throwsParam(() => classificationReportImbalanced(yt, yp, { alpha: Number.NaN }), 'alpha');
    throwsParam(() => evaluate(yt, yp, undefined, { zeroDivision: 'warn' as never }), 'zeroDivision');
    throwsParam(() => evaluate(yt, yp, undefined, { digits: -1 }), 'digits');
  });
  it('accepts beta = Infinity (recall) and 0 (precision)', () => {
    expect(fbetaScore(yt, yp, { beta: Number.POSITIVE_INFINITY })).toBe(recallScore(yt, yp));
    expect(fbetaScore(yt, yp, { beta: 0 })).toBe(precisionScore(yt, yp));
  });
});
