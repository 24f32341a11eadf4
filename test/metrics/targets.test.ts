/**
 * Score columns follow `labels`, which must then be sorted (scikit-learn: "Parameter 'labels'
 * must be ordered"), for every metric that reads score or probability columns.
 */
import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../src/core/errors.js';
import { evaluate, logLoss, rocAucScore, topKAccuracyScore } from '../../src/metrics/index.js';
import { Pipeline, crossValidate } from '../../src/pipeline/index.js';
import { Centroid, blobs } from '../pipeline/standins.js';
import { throwsParam } from './support.js';

const yt = [0, 1, 2, 2];
const proba = [
  [0.5, 0.2, 0.3],
  [0.3, 0.4, 0.3],
  [0.2, 0.4, 0.4],
  [0.7, 0.2, 0.1],
];

describe('unordered labels are refused where columns follow them', () => {
  it('topKAccuracyScore, rocAucScore (multiclass), logLoss, evaluate with scores', () => {
    throwsParam(() => topKAccuracyScore(yt, proba, { labels: [0, 2, 1] }), 'labels');
    expect(() => topKAccuracyScore(yt, proba, { labels: [0, 2, 1] })).toThrow(
      /labels must be ordered \(scikit-learn: "Parameter 'labels' must be ordered"\): 2 comes before 1/,
    );
    throwsParam(() => rocAucScore(yt, proba, { multiClass: 'ovr', labels: [2, 1, 0] }), 'labels');
    throwsParam(() => rocAucScore(yt, proba, { multiClass: 'ovo', labels: ['b', 'a', 'c'] as never }), 'labels');
    throwsParam(() => logLoss(yt, proba, { labels: [1, 0, 2] }), 'labels');
    throwsParam(() => logLoss(['b', 'a'], [0.4, 0.6], { labels: ['b', 'a'] }), 'labels');
    throwsParam(() => evaluate(yt, [0, 1, 2, 1], proba, { labels: [0, 2, 1] }), 'labels');
    // Without score columns the order is only the order of the report's rows.
    expect(evaluate(yt, [0, 1, 2, 1], undefined, { labels: [2, 1, 0] }).labels).toEqual([2, 1, 0]);
    // Sorted labels (numbers ascending, strings by code unit) are fine.
    expect(topKAccuracyScore(yt, proba, { labels: [0, 1, 2], k: 2 })).toBe(0.75);
    expect(() =>
      rocAucScore(['B', 'a', 'b'], proba.slice(1), { multiClass: 'ovr', labels: ['B', 'a', 'b'] }),
    ).not.toThrow();
  });

  it('crossValidate arranges the columns itself, so its labels may come in any order', async () => {
    const { X, y } = blobs([20, 10, 8], ['a', 'b', 'c'], 2, 2, 5);
    const scoring = ['rocAucOvr', 'rocAucOvo', 'logLoss', 'accuracy'] as const;
    const pipe = () => new Pipeline([['clf', new Centroid()]]);
    const sorted = await crossValidate(pipe(), X, y, { cv: 3, scoring: [...scoring], labels: ['a', 'b', 'c'] });
    const shuffled = await crossValidate(pipe(), X, y, { cv: 3, scoring: [...scoring], labels: ['c', 'a', 'b'] });
    for (const s of scoring) expect(shuffled.mean[s]).toBe(sorted.mean[s]);
    expect(shuffled.labels).toEqual(['c', 'a', 'b']);
  });

  it('the error is an InvalidParameterError (an option, checked before the scores are read)', () => {
    expect(() => topKAccuracyScore(yt, proba, { labels: [2, 1, 0] })).toThrow(InvalidParameterError);
  });
});
