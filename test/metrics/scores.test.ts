/**
 * Probabilities must be probabilities where a metric reads them as such: values in [0, 1] and,
 * for a matrix, rows summing to 1 within NumPy's allclose tolerances (float32 outputs pass).
 */
import { describe, expect, it } from 'vitest';
import { DataValidationError } from '../../src/core/errors.js';
import { evaluate, logLoss, rocAucScore, topKAccuracyScore } from '../../src/metrics/index.js';
import { checkProbabilities } from '../../src/metrics/scores.js';
import { throwsData } from './support.js';

describe('checkProbabilities', () => {
  it('names the cell (row, column) outside [0, 1] and the row that does not sum to 1', () => {
    let err: unknown;
    try {
      checkProbabilities('f', [0.5, 0.5, 1.5, -0.5], 2, 2, 'yProb', 'log loss');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataValidationError);
    expect((err as DataValidationError).message).toBe(
      'f: yProb[1][0] is 1.5, but log loss needs probabilities in [0, 1] (e.g. predictProba output). ' +
        'Pass probabilities, not decision scores or logits.',
    );
    expect([(err as DataValidationError).row, (err as DataValidationError).column]).toEqual([1, 0]);
    expect(() => checkProbabilities('f', [0.5, 0.4], 1, 2, 'p', 'x')).toThrow(/row 0 of p sums to 0\.9/);
    expect(() => checkProbabilities('f', [2], 1, 1, 'p', 'x')).toThrow(/p\[0\] is 2/);
  });

  it('float32 softmax rows pass (they sum to 1 only within about 1e-7)', () => {
    const k = 21;
    const row = Float32Array.from({ length: k }, (_, j) => Math.exp(j / 7));
    const sum = row.reduce((a, b) => a + b, 0);
    const p = Float32Array.from(row, (v) => v / sum);
    expect(() => checkProbabilities('f', Array.from(p), 1, k, 'p', 'x')).not.toThrow();
  });
});

describe('metrics that read probabilities refuse what is not one', () => {
  const yt = [0, 1, 2, 2];
  const good = [
    [0.5, 0.2, 0.3],
    [0.3, 0.4, 0.3],
    [0.2, 0.4, 0.4],
    [0.7, 0.2, 0.1],
  ];
  const outside = good.map((r, i) => (i === 2 ? [1.2, -0.4, 0.2] : r)); // sums to 1
  const unnormalised = good.map((r) => r.map((v) => v * 2));
  it('logLoss, multiclass rocAucScore and evaluate', () => {
    for (const bad of [outside, unnormalised]) {
      throwsData(() => logLoss(yt, bad), 'yProb');
      throwsData(() => rocAucScore(yt, bad, { multiClass: 'ovr' }), 'yScore');
      throwsData(() => rocAucScore(yt, bad, { multiClass: 'ovo' }), 'yScore');
      throwsData(() => evaluate(yt, [0, 1, 2, 1], bad), 'yScore');
    }
    throwsData(() => evaluate([0, 1, 1], [0, 1, 0], [0.2, 1.7, 0.5]), 'yScore');
    throwsData(() => logLoss([0, 1, 1], [0.2, 1.7, 0.5]), 'yProb');
    // A two-column binary yScore is a probability matrix too.
    throwsData(
      () =>
        rocAucScore(
          [0, 1],
          [
            [0.3, 0.3],
            [0.5, 0.5],
          ],
        ),
      'yScore',
    );
  });
  it('scores that are not probabilities stay accepted where scikit-learn accepts them', () => {
    expect(rocAucScore([0, 1, 1, 0], [-3, 2.5, 0.1, -0.2])).toBe(1);
    expect(topKAccuracyScore(yt, unnormalised, { k: 1 })).toBe(topKAccuracyScore(yt, good, { k: 1 }));
  });
});
