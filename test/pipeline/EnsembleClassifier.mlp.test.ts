/**
 * The EnsembleClassifier over MLPClassifier members: the classifier conformance suite, a lazy
 * pipeline handing its sampler to every member, and the saved pipeline loading back exactly.
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/core/Random.js';
import { MLPClassifier } from '../../src/mlp.js';
import { EnsembleClassifier, Pipeline } from '../../src/pipeline/index.js';
import { Scaler } from '../../src/preprocessing/index.js';
import { SMOTE } from '../../src/sampling/index.js';
import { classifierChecks, firstDifference } from '../../src/testing/index.js';

const rng = new Random(4);
const X = Array.from({ length: 60 }, (_, i) => [rng.normal() + (i < 45 ? 0 : 2), rng.normal(), rng.float()]);
const y = X.map((_, i) => (i < 45 ? 'a' : 'b'));
const mlp = () => new MLPClassifier({ hiddenLayers: [6], epochs: 3, batchSize: 16, backend: 'cpu' });

describe('EnsembleClassifier of MLPClassifier passes the classifier conformance suite', () => {
  for (const c of classifierChecks({
    name: 'EnsembleClassifier(MLP)',
    create: () => new EnsembleClassifier({ estimator: mlp(), nEstimators: 2, seed: 3 }),
    fromJSON: (json) => EnsembleClassifier.fromJSON(json, { MLPClassifier }),
    // absent/null legitimately: an unseeded ensemble (the drawn seed is in state.seed), a factory-built
    // one (no estimator to save), the estimator's own seed (each member is reseeded)
    jsonTamper: {
      freeValues: ['params.**', 'state.**'],
      optional: ['state', 'params.seed', 'params.estimator', 'params.estimator.params.seed'],
    },
    X,
    y,
  }))
    it(c.name, c.run);
});

describe('EnsembleClassifier of MLPClassifier', () => {
  it('members are the MLP with their own seeds; same seed → same probabilities; dispose frees tensors', async () => {
    const before = tf.memory().numTensors;
    const a = await new EnsembleClassifier({ estimator: mlp(), nEstimators: 3, seed: 9 }).fit(X, y);
    const b = await new EnsembleClassifier({ estimator: mlp(), nEstimators: 3, seed: 9 }).fit(X, y);
    expect(a.fitted.members.map((m) => m.params.seed)).toEqual(a.fitted.seeds);
    expect(a.fitted.members.map((m) => m.params.hiddenLayers)).toEqual([[6], [6], [6]]);
    expect(firstDifference(a.predictProba(X), b.predictProba(X))).toBeUndefined();
    const one = a.fitted.members[0]?.predictProba(X).to2DArray();
    expect(a.predictProba(X).to2DArray()).not.toEqual(one);
    a.dispose();
    b.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("streams a lazy pipeline's sampler into every member, and the saved pipeline loads back exactly", async () => {
    const pipe = new Pipeline(
      [
        ['scale', new Scaler()],
        ['smote', new SMOTE({ kNeighbors: 3, seed: 2 })],
        ['clf', new EnsembleClassifier({ estimator: mlp(), nEstimators: 2, bootstrap: true, seed: 1 })],
      ],
      { resampling: 'lazy' },
    );
    await pipe.fit(X, y);
    const text = JSON.stringify(pipe.toJSON());
    const again = Pipeline.fromJSON(text, { Scaler, SMOTE, EnsembleClassifier, MLPClassifier });
    try {
      expect(again.params.resampling).toBe('lazy');
      expect(firstDifference(again.predictProba(X), pipe.predictProba(X))).toBeUndefined();
      expect(JSON.stringify(again.toJSON())).toBe(text);
    } finally {
      pipe.dispose();
      again.dispose();
    }
  });
});
