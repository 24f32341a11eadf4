/**
 * The pipeline with the library's own Encoder, Scaler and samplers (the MLP round trip lives in
 * mlp.test.ts, which loads tfjs).
 */
import { describe, expect, it } from 'vitest';
import type { Label } from '../../src/core/matrix.js';
import { Random } from '../../src/core/Random.js';
import { Encoder, Scaler } from '../../src/preprocessing/index.js';
import { RandomOverSampler, SMOTE } from '../../src/sampling/index.js';
import { Pipeline, cloneEstimator, crossValidate, StratifiedKFold, trainTestSplit } from '../../src/pipeline/index.js';
import { firstDifference } from '../../src/testing/index.js';
import { Centroid, OneNN } from './standins.js';

/** A small crime-like table: two categorical columns, one numeric, an imbalanced target. */
function table(n: number, seed: number): { rows: Array<Record<string, string | number | null>>; y: string[] } {
  const rng = new Random(seed);
  const areas = ['Central', 'Newton', 'Hollywood', '77th Street'];
  const rows: Array<Record<string, string | number | null>> = [];
  const y: string[] = [];
  for (let i = 0; i < n; i++) {
    const u = rng.float();
    const cls = u < 0.7 ? 'IC' : u < 0.9 ? 'AO' : 'AA';
    const area = areas[(rng.int(areas.length) + (cls === 'AA' ? 1 : 0)) % areas.length] as string;
    rows.push({
      AREA: area,
      'Vict Sex': rng.float() < 0.5 ? 'F' : 'M',
      'Vict Age': Math.round(20 + 10 * rng.normal() + (cls === 'AO' ? 12 : 0)),
    });
    y.push(cls);
  }
  return { rows, y };
}

const { rows, y } = table(240, 3);
const build = () =>
  new Pipeline([
    ['encode', new Encoder({ categorical: ['AREA', 'Vict Sex'], numeric: ['Vict Age'] })],
    ['scale', new Scaler({ method: 'standard' })],
    ['smote', new SMOTE({ kNeighbors: 3, seed: 5 })],
    ['clf', new Centroid()],
  ]);

describe('Pipeline with Encoder → Scaler → SMOTE', () => {
  it('fits on table rows, resamples only the training rows, and predicts table rows', async () => {
    const { train, test } = trainTestSplit(rows, y, { testSize: 0.25, stratify: true, seed: 1 });
    const pipe = build();
    await pipe.fit(train.X, train.y);
    const counts = [...pipe.fitted.classCountsFinal.values()];
    expect(new Set(counts).size).toBe(1); // SMOTE balanced the training rows
    expect(pipe.fitted.nSamplesIn).toBe(train.X.length);
    const proba = pipe.predictProba(test.X);
    expect(proba.rows).toBe(test.X.length);
    expect(pipe.classes).toEqual(['AA', 'AO', 'IC']);
    // The same by hand: every step fitted on the training rows only.
    const enc = new Encoder({ categorical: ['AREA', 'Vict Sex'], numeric: ['Vict Age'] }).fit(train.X);
    const sc = new Scaler({ method: 'standard' }).fit(enc.transform(train.X));
    const res = new SMOTE({ kNeighbors: 3, seed: 5 }).fitResample(sc.transform(enc.transform(train.X)), train.y);
    const clf = await new Centroid().fit(res.X, res.y);
    expect(firstDifference(proba, clf.predictProba(sc.transform(enc.transform(test.X))))).toBeUndefined();
  });

  it('accepts a { columns, rows } table in trainTestSplit, fit and crossValidate', async () => {
    const columns = ['AREA', 'Vict Sex', 'Vict Age'];
    const table2 = { columns, rows: rows.map((r) => columns.map((c) => r[c] as string | number | null)) };
    const { train, test } = trainTestSplit(table2, y, { testSize: 0.25, stratify: true, seed: 1 });
    expect(train.X.columns).toBe(columns);
    train.indices.forEach((ix, j) => expect(train.X.rows[j]).toBe(table2.rows[ix]));
    const a = build();
    await a.fit(train.X, train.y);
    const b = build();
    const objTrain = trainTestSplit(rows, y, { testSize: 0.25, stratify: true, seed: 1 });
    await b.fit(objTrain.train.X, objTrain.train.y);
    expect(firstDifference(a.predictProba(test.X), b.predictProba(objTrain.test.X))).toBeUndefined();
    const res = await crossValidate(build(), table2, y, { cv: 3, scoring: 'f1Macro' });
    expect(res.folds.length).toBe(3);
  });

  it('round-trips through JSON with bit-identical probabilities, loading only the classes passed', async () => {
    const pipe = build();
    await pipe.fit(rows, y);
    const text = JSON.stringify(pipe.toJSON());
    const again = Pipeline.fromJSON(JSON.parse(text), { Encoder, Scaler, SMOTE, Centroid });
    expect(firstDifference(again.predictProba(rows), pipe.predictProba(rows))).toBeUndefined();
    expect(JSON.stringify(again.toJSON())).toBe(text);
    expect(() => Pipeline.fromJSON(JSON.parse(text), { Encoder, Scaler, Centroid })).toThrow(/no SMOTE was passed/);
  });

  it('clones each real estimator through its params', () => {
    const steps = build().steps;
    for (const [, step] of steps) {
      const c = cloneEstimator(step as object);
      expect(c).not.toBe(step);
      expect(c.constructor).toBe((step as object).constructor);
      expect((c as unknown as { params: unknown }).params).toEqual((step as unknown as { params: unknown }).params);
      if ('fitted' in (c as object) && !('fitResample' in (c as object)))
        expect(() => (c as unknown as { fitted: unknown }).fitted).toThrow(/fit has not been called/);
    }
  });

  it('cross-validates table rows with real metrics', async () => {
    const res = await crossValidate(build(), rows, y, {
      cv: new StratifiedKFold({ nSplits: 4, shuffle: true, seed: 1 }),
      scoring: ['balancedAccuracy', 'f1Macro', 'rocAucOvr', 'geometricMean', 'logLoss'],
    });
    expect(res.folds.length).toBe(4);
    for (const k of ['balancedAccuracy', 'f1Macro', 'rocAucOvr', 'geometricMean']) {
      expect(res.mean[k]).toBeGreaterThan(0);
      expect(res.mean[k]).toBeLessThanOrEqual(1);
    }
    expect(res.mean.logLoss).toBeGreaterThan(0);
  });

  it('leakage with the real RandomOverSampler: oversample-then-split inflates, the pipeline does not', async () => {
    const rng = new Random(8);
    const X = Array.from({ length: 300 }, () => [rng.normal(), rng.normal(), rng.normal()]);
    const yNoise: Label[] = X.map((_, i) => (i % 6 === 0 ? 'rare' : 'common'));
    const cv = new StratifiedKFold({ nSplits: 5, shuffle: true, seed: 3 });
    const leaked = new RandomOverSampler({ seed: 1 }).fitResample(X, yNoise);
    const wrong = await crossValidate(new OneNN(), leaked.X, leaked.y, { cv, scoring: 'balancedAccuracy' });
    const right = await crossValidate(
      new Pipeline([
        ['ros', new RandomOverSampler({ seed: 1 })],
        ['clf', new OneNN()],
      ]),
      X,
      yNoise,
      {
        cv,
        scoring: 'balancedAccuracy',
      },
    );
    expect(wrong.mean.balancedAccuracy).toBeGreaterThan(0.75);
    expect(right.mean.balancedAccuracy).toBeLessThan(0.62);
  });
});
