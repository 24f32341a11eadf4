/**
 * The round trip: a fitted Encoder → Scaler → SMOTE → MLPClassifier pipeline through JSON
 * text gives the same predictProba to the last bit; and cross-validating it frees every fold's
 * tensors.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { Random } from '../../src/core/Random.js';
import { MLPClassifier } from '../../src/mlp.js';
import { Encoder, Scaler } from '../../src/preprocessing/index.js';
import { SMOTE } from '../../src/sampling/index.js';
import { Pipeline, crossValidate } from '../../src/pipeline/index.js';
import { classifierChecks, firstDifference } from '../../src/testing/index.js';

function table(n: number, seed: number): { rows: Array<Record<string, string | number | null>>; y: string[] } {
  const rng = new Random(seed);
  const areas = ['Central', 'Newton', 'Hollywood'];
  const rows: Array<Record<string, string | number | null>> = [];
  const y: string[] = [];
  for (let i = 0; i < n; i++) {
    const cls = i % 8 === 0 ? 'AA' : i % 3 === 0 ? 'AO' : 'IC';
    rows.push({
      AREA: areas[(rng.int(3) + (cls === 'AA' ? 1 : 0)) % 3] as string,
      'Vict Sex': rng.float() < 0.5 ? 'F' : 'M',
      'Vict Age': Math.round(30 + 10 * rng.normal() + (cls === 'AO' ? 10 : 0)),
    });
    y.push(cls);
  }
  return { rows, y };
}

const { rows, y } = table(96, 2);
const build = () =>
  new Pipeline([
    ['encode', new Encoder({ categorical: ['AREA', 'Vict Sex'], numeric: ['Vict Age'] })],
    ['scale', new Scaler({ method: 'standard' })],
    ['smote', new SMOTE({ kNeighbors: 3, seed: 1 })],
    ['mlp', new MLPClassifier({ hiddenLayers: [8], epochs: 3, batchSize: 32, seed: 1, backend: 'cpu' })],
  ]);

describe('Pipeline with MLPClassifier', () => {
  it('round-trips a fitted Encoder → Scaler → SMOTE → MLP pipeline with bit-identical predictProba', async () => {
    const pipe = build();
    await pipe.fit(rows, y);
    const text = JSON.stringify(pipe.toJSON());
    const again = Pipeline.fromJSON(JSON.parse(text), { Encoder, Scaler, SMOTE, MLPClassifier });
    try {
      const p = pipe.predictProba(rows);
      expect(p.columns).toBe(3);
      expect(firstDifference(again.predictProba(rows), p)).toBeUndefined();
      expect(again.predict(rows)).toEqual(pipe.predict(rows));
      expect(JSON.stringify(again.toJSON())).toBe(text);
    } finally {
      pipe.dispose();
      again.dispose();
    }
  });

  it('cross-validation disposes every fold model (no tensor growth)', async () => {
    const before = tf.memory().numTensors;
    const res = await crossValidate(build(), rows, y, { cv: 3, scoring: ['balancedAccuracy', 'rocAucOvr'] });
    expect(res.folds.length).toBe(3);
    expect(tf.memory().numTensors).toBe(before);
    // Kept estimators hold their weights until disposed.
    const kept = await crossValidate(build(), rows, y, { cv: 3, returnEstimators: true });
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    for (const f of kept.folds) f.estimator?.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('Pipeline (Scaler → SMOTE → MLPClassifier) passes the classifier conformance suite', () => {
  const rng = new Random(4);
  const X = Array.from({ length: 40 }, (_, i) => [rng.normal() + (i < 30 ? 0 : 2), rng.normal(), rng.float()]);
  const yc = X.map((_, i) => (i < 30 ? 0 : 1));
  const classes = { Scaler, SMOTE, MLPClassifier };
  for (const c of classifierChecks({
    name: 'Pipeline',
    create: () =>
      new Pipeline([
        ['scale', new Scaler()],
        ['smote', new SMOTE({ kNeighbors: 3, seed: 1 })],
        ['mlp', new MLPClassifier({ hiddenLayers: [4], epochs: 2, seed: 1, backend: 'cpu' })],
      ]),
    fromJSON: (json) => Pipeline.fromJSON(json, classes),
    X,
    y: yc,
    // any steps form a pipeline (a step may be null: passthrough), an unfitted state is null and
    // an unseeded step is legitimate; the steps' own fields are checked by their loaders
    jsonTamper: {
      freeValues: ['params.**', 'state.**'],
      optional: [
        'state',
        'params.steps',
        'params.steps[*][1]',
        'params.steps[*][1].state',
        'params.steps[*][1].params.seed',
      ],
    },
  }))
    it(c.name, c.run);
});
