import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { typeOfTarget } from '../../src/core/labels.js';
import { Random } from '../../src/core/Random.js';
import {
  accuracyScore,
  averagePrecisionScore,
  classificationReport,
  confusionMatrix,
  evaluate,
  f1Score,
  geometricMeanScore,
  logLoss,
  matthewsCorrcoef,
  rocAucScore,
  rocCurve,
  topKAccuracyScore,
} from '../../src/metrics/index.js';
import { randomProba, throwsData } from './support.js';

describe('bad input: typed errors naming the argument', () => {
  it('a DataView is bytes, not a list of labels, scores or weights', () => {
    const view = () => new DataView(new ArrayBuffer(8));
    const y = [0, 1, 0, 0, 1, 1, 0, 1];
    throwsData(() => accuracyScore(view() as never, y), 'yTrue');
    expect(() => accuracyScore(view() as never, y)).toThrow(/must be an array of labels .*DataView/);
    throwsData(() => accuracyScore(y, view() as never), 'yPred');
    throwsData(() => rocAucScore(y, view() as never), 'yScore');
    expect(() => rocAucScore(y, view() as never)).not.toThrow(/undefined/);
    throwsData(() => confusionMatrix(y, y, { sampleWeight: view() as never }), 'sampleWeight');
    expect(typeOfTarget(view() as never)).toBe('unknown');
  });
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
      evaluate(yt, yp, fp);
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
