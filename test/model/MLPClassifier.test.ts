import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { Matrix } from 'ml-matrix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DataValidationError,
  InvalidParameterError,
  NotFittedError,
  SerializationError,
} from '../../src/core/errors.js';
import { Random } from '../../src/core/Random.js';
import { MLPClassifier } from '../../src/mlp.js';
import type { MLPClassifierOptions } from '../../src/mlp.js';
import { loadJSON, saveJSON } from '../../src/node.js';
import { classifierChecks, firstDifference } from '../../src/testing/index.js';

interface Block {
  dataSeed: number;
  minorityClass: number;
  XTrain: number[][];
  yTrain: number[];
  XTest: number[][];
  yTest: number[];
  sklearn: { meanAccuracy: number; meanMinorityRecall: number; accuracy: number[] };
}
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/model/mlp.json'), 'utf8')) as {
  versions: Record<string, string>;
  balanced: Block;
  imbalanced: Block;
};

/** Small, fast settings on the deterministic cpu backend. */
const FAST: MLPClassifierOptions = {
  hiddenLayers: [32],
  epochs: 30,
  batchSize: 32,
  learningRate: 3e-3,
  seed: 1,
  backend: 'cpu',
};

function _accuracy(pred: ReadonlyArray<unknown>, y: ReadonlyArray<unknown>): number {
  return pred.filter((p, i) => p === y[i]).length / y.length;
}

function recallOf(pred: ReadonlyArray<unknown>, y: ReadonlyArray<unknown>, c: unknown): number {
  let hit = 0;
  let n = 0;
  y.forEach((v, i) => {
    if (v === c) {
      n++;
      if (pred[i] === c) hit++;
    }
  });
  return hit / n;
}

/** Small blobs problem for fast checks. */
function blobs(n: number, d: number, k: number, seed: number, spread = 1): { X: number[][]; y: number[] } {
  const rng = new Random(seed);
  const centers = Array.from({ length: k }, () => Array.from({ length: d }, () => 2 * rng.normal()));
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % k;
    X.push((centers[c] as number[]).map((v) => v + spread * rng.normal()));
    y.push(c);
  }
  return { X, y };
}

beforeAll(async () => {
  await MLPClassifier.ready('cpu');
});

describe('MLPClassifier learns', () => {
  it(`reaches scikit-learn's accuracy on a 3-class problem (sklearn ${fixture.versions.sklearn})`, async () => {
    const f = fixture.balanced;
    const clf = new MLPClassifier(FAST);
    await clf.fit(f.XTrain, f.yTrain);
    const acc = clf.score(f.XTest, f.yTest);
    // sklearn MLPClassifier((32,), max_iter=300) over seeds 0..4: mean ≈ 0.917, min ≈ 0.907.
    expect(acc).toBeGreaterThanOrEqual(Math.min(...f.sklearn.accuracy) - 0.01);
    expect(clf.classes).toEqual([0, 1, 2]);
    clf.dispose();
  });

  it("classWeight: 'balanced' raises minority recall on an imbalanced variant", async () => {
    const f = fixture.imbalanced;
    const plain = new MLPClassifier(FAST);
    const weighted = new MLPClassifier({ ...FAST, classWeight: 'balanced' });
    await plain.fit(f.XTrain, f.yTrain);
    await weighted.fit(f.XTrain, f.yTrain);
    const rPlain = recallOf(plain.predict(f.XTest), f.yTest, f.minorityClass);
    const rWeighted = recallOf(weighted.predict(f.XTest), f.yTest, f.minorityClass);
    expect(rWeighted).toBeGreaterThan(rPlain);
    expect(rWeighted).toBeGreaterThan(f.sklearn.meanMinorityRecall);
    // 'balanced' = n / (nClasses · n_c), scikit-learn's compute_class_weight.
    const counts = [0, 1, 2].map((c) => f.yTrain.filter((v) => v === c).length);
    for (const c of [0, 1, 2])
      expect(weighted.fitted.classWeight.get(c)).toBeCloseTo(f.yTrain.length / (3 * (counts[c] as number)), 12);
    plain.dispose();
    weighted.dispose();
  });

  it('string labels give the same probabilities as number labels, columns in sorted order', async () => {
    const { X, y } = blobs(90, 3, 3, 5);
    const names = ['zeta', 'alpha', 'mid'];
    const ys = y.map((v) => names[v] as string);
    const a = new MLPClassifier({ ...FAST, epochs: 3 });
    const b = new MLPClassifier({ ...FAST, epochs: 3 });
    await a.fit(X, y);
    await b.fit(X, ys);
    expect(b.classes).toEqual(['alpha', 'mid', 'zeta']);
    const pa = a.predictProba(X);
    const pb = b.predictProba(X);
    // Encoded class order differs, so the nets differ — but every row sums to 1 and predict maps back.
    for (let i = 0; i < X.length; i++) {
      expect(pa.getRow(i).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
      expect(pb.getRow(i).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    }
    expect(b.predict(X).every((l) => names.includes(l as string))).toBe(true);
    a.dispose();
    b.dispose();
  });
});

describe('MLPClassifier network', () => {
  it('inference matches the same network rebuilt with tfjs-layers (toLayersModel)', async () => {
    const { X, y } = blobs(120, 4, 3, 9);
    for (const opts of [
      { batchNormalization: true, activation: 'tanh' as const, dropout: 0.2 },
      { activation: 'elu' as const },
    ]) {
      const clf = new MLPClassifier({ ...FAST, hiddenLayers: [8, 6], epochs: 3, ...opts });
      await clf.fit(X, y);
      const model = clf.toLayersModel();
      const ref = tf.tidy(() => (model.predict(tf.tensor2d(X)) as tf.Tensor).arraySync() as number[][]);
      const mine = clf.predictProba(X).to2DArray();
      for (let i = 0; i < X.length; i++)
        for (let j = 0; j < 3; j++) expect(mine[i]?.[j]).toBeCloseTo(ref[i]?.[j] as number, 5);
      model.dispose();
      clf.dispose();
    }
  });
});

describe('MLPClassifier validation, early stopping, learning rate', () => {
  it('early stopping stops and restores the best epoch (val loss of the restored model = best recorded)', async () => {
    const { X, y } = blobs(150, 4, 3, 2, 2.5);
    const v = blobs(60, 4, 3, 2, 2.5); // same centres (same seed), different noise draws below
    const vX = v.X.map((r, i) => r.map((x, j) => x + 0.3 * Math.sin(i + j)));
    const clf = new MLPClassifier({
      ...FAST,
      hiddenLayers: [64],
      learningRate: 0.05,
      epochs: 60,
      validationData: { X: vX, y: v.y },
      earlyStopping: { patience: 3, restoreBestWeights: true },
    });
    await clf.fit(X, y);
    const h = clf.history;
    const f = clf.fitted;
    expect(f.stoppedEpoch).toBeDefined();
    expect(h.length).toBeLessThan(60);
    const losses = h.map((e) => e.valLoss as number);
    const best = Math.min(...losses);
    expect(f.bestEpoch).toBe(losses.indexOf(best));
    expect(h.length - 1 - (f.bestEpoch as number)).toBe(3); // stopped after `patience` epochs without improvement
    const P = clf.predictProba(vX);
    let ll = 0;
    v.y.forEach((c, i) => (ll -= Math.log(Math.min(1 - 1e-7, Math.max(1e-7, P.get(i, c))))));
    expect(ll / v.y.length).toBeCloseTo(best, 5);
    expect(ll / v.y.length).not.toBeCloseTo(losses[losses.length - 1] as number, 5);
    clf.dispose();
  });

  it('monitors valMacroF1 with a stratified hold-out and records every validation metric', async () => {
    const { X, y } = blobs(200, 3, 4, 8, 1.5);
    const seen: number[] = [];
    let batches = 0;
    const clf = new MLPClassifier({
      ...FAST,
      epochs: 4,
      batchSize: 50,
      validationFraction: 0.2,
      earlyStopping: { monitor: 'valMacroF1', patience: 10 },
      onEpochEnd: (e) => void seen.push(e),
      onBatchEnd: () => void batches++,
    });
    await clf.fit(X, y);
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(clf.fitted.nValidation).toBe(40);
    expect(clf.fitted.nTrain).toBe(160);
    expect(batches).toBe(4 * 4);
    for (const e of clf.history) {
      for (const key of [
        'valLoss',
        'valAccuracy',
        'valMacroF1',
        'valBalancedAccuracy',
        'loss',
        'accuracy',
        'learningRate',
        'seconds',
      ] as const) {
        expect(Number.isFinite(e[key])).toBe(true);
      }
    }
    clf.dispose();
  });

  it('reduceLROnPlateau lowers the learning rate after `patience` epochs without improvement', async () => {
    const { X, y } = blobs(60, 3, 2, 3);
    for (const optimizer of ['adam', 'sgd', 'rmsprop'] as const) {
      const clf = new MLPClassifier({
        ...FAST,
        optimizer,
        epochs: 8,
        learningRate: 0.01,
        reduceLROnPlateau: { monitor: 'loss', factor: 0.5, patience: 2, minDelta: 1e9, minLr: 0.002 },
      });
      await clf.fit(X, y);
      // epoch 0 improves on +∞; later epochs never do (minDelta is huge) → reduce after epochs 2, 4, 6,
      // floored at minLr.
      expect(clf.history.map((e) => e.learningRate)).toEqual([0.01, 0.01, 0.01, 0.005, 0.005, 0.0025, 0.0025, 0.002]);
      clf.dispose();
    }
  });
});

describe('MLPClassifier determinism, persistence, memory', () => {
  it('same seed + data + cpu backend → identical weights and predictions; another seed differs', async () => {
    const { X, y } = blobs(120, 4, 3, 1);
    const opts: MLPClassifierOptions = {
      ...FAST,
      hiddenLayers: [16, 8],
      epochs: 4,
      dropout: 0.3,
      batchNormalization: true,
      validationFraction: 0.2,
    };
    const a = new MLPClassifier(opts);
    const b = new MLPClassifier(opts);
    const c = new MLPClassifier({ ...opts, seed: 2 });
    await a.fit(X, y);
    await b.fit(X, y);
    await c.fit(X, y);
    const strip = (j: ReturnType<MLPClassifier['toJSON']>): unknown => ({ ...(j.state as object), history: null });
    expect(firstDifference(strip(a.toJSON()), strip(b.toJSON()))).toBeUndefined();
    expect(firstDifference(a.predictProba(X), b.predictProba(X))).toBeUndefined();
    expect(firstDifference(strip(a.toJSON()), strip(c.toJSON()))).toBeDefined();
    for (const m of [a, b, c]) m.dispose();
  });

  it('without a seed one is drawn and recorded, and replaying it gives the same model', async () => {
    const { X, y } = blobs(60, 3, 2, 4);
    const { seed: _omit, ...noSeed } = FAST;
    const a = new MLPClassifier({ ...noSeed, epochs: 2 });
    await a.fit(X, y);
    const b = new MLPClassifier({ ...noSeed, epochs: 2, seed: a.fitted.seed });
    await b.fit(X, y);
    expect(firstDifference(a.predictProba(X), b.predictProba(X))).toBeUndefined();
    a.dispose();
    b.dispose();
  });

  it('JSON round trip (through text) and saveJSON/loadJSON give bit-identical predictions', async () => {
    const { X, y } = blobs(90, 4, 3, 6);
    const ys = y.map((v) => `class ${v}`);
    const clf = new MLPClassifier({
      ...FAST,
      hiddenLayers: [12, 6],
      epochs: 3,
      batchNormalization: true,
      classWeight: new Map([['class 1', 2.5]]),
      earlyStopping: { monitor: 'loss', patience: 5 },
    });
    await clf.fit(X, ys);
    const P = clf.predictProba(X);
    const text = JSON.stringify(clf.toJSON());
    const again = MLPClassifier.fromJSON(JSON.parse(text));
    expect(firstDifference(again.predictProba(X), P)).toBeUndefined();
    expect(again.predict(X)).toEqual(clf.predict(X));
    expect(JSON.stringify(again.toJSON())).toBe(text);
    expect(again.classes).toEqual(['class 0', 'class 1', 'class 2']);
    expect(again.summary()).toEqual(clf.summary());
    const dir = mkdtempSync(join(tmpdir(), 'mlp-'));
    try {
      const file = await saveJSON(join(dir, 'models', 'mlp.json'), clf);
      const loaded = MLPClassifier.fromJSON(await loadJSON(file));
      expect(firstDifference(loaded.predictProba(X), P)).toBeUndefined();
      loaded.dispose();
      await expect(loadJSON(join(dir, 'missing.json'))).rejects.toThrow(SerializationError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // NaN-safe: special values in the history survive the text round trip.
    const env = clf.toJSON();
    ((env.state as { history: Record<string, unknown>[] }).history[0] as Record<string, unknown>).loss = 'NaN';
    expect(Number.isNaN(MLPClassifier.fromJSON(JSON.parse(JSON.stringify(env))).history[0]?.loss)).toBe(true);
    expect(() => MLPClassifier.fromJSON({ ...env, version: 99 })).toThrow(SerializationError);
    const broken = JSON.parse(text);
    broken.state.layers[0].kernel.pop();
    expect(() => MLPClassifier.fromJSON(broken)).toThrow(/kernel/);
    again.dispose();
    clf.dispose();
  });

  it('does not leak tensors across fit, predict, refit and dispose', async () => {
    const { X, y } = blobs(80, 3, 3, 7);
    const before = tf.memory().numTensors;
    const clf = new MLPClassifier({
      ...FAST,
      hiddenLayers: [8, 8],
      epochs: 3,
      dropout: 0.1,
      batchNormalization: true,
      validationFraction: 0.2,
      earlyStopping: { patience: 1 },
      reduceLROnPlateau: { patience: 1 },
    });
    await clf.fit(X, y);
    const afterFit = tf.memory().numTensors;
    clf.predictProba(X);
    clf.predict(X);
    clf.score(X, y);
    expect(tf.memory().numTensors).toBe(afterFit);
    await clf.fit(X, y);
    expect(tf.memory().numTensors).toBe(afterFit);
    clf.dispose();
    expect(tf.memory().numTensors).toBe(before);
    // After dispose the stored values rebuild the tensors on demand.
    expect(clf.predict(X).length).toBe(X.length);
    clf.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('summary() describes layers, shapes and parameter counts', async () => {
    const { X, y } = blobs(60, 5, 3, 2);
    const clf = new MLPClassifier({
      ...FAST,
      hiddenLayers: [16, 8],
      epochs: 1,
      batchNormalization: true,
      dropout: 0.5,
    });
    await clf.fit(X, y);
    const s = clf.summary();
    expect(s.layers.map((l) => l.type)).toEqual([
      'Dense',
      'BatchNormalization',
      'Activation',
      'Dropout',
      'Dense',
      'BatchNormalization',
      'Activation',
      'Dropout',
      'Dense',
    ]);
    expect(s.layers[0]).toEqual({
      name: 'dense_1',
      type: 'Dense',
      inputShape: [null, 5],
      outputShape: [null, 16],
      params: 5 * 16 + 16,
      activation: null,
    });
    expect(s.layers.at(-1)).toEqual({
      name: 'dense_3',
      type: 'Dense',
      inputShape: [null, 8],
      outputShape: [null, 3],
      params: 8 * 3 + 3,
      activation: 'softmax',
    });
    expect(s.totalParams).toBe(96 + 64 + 136 + 32 + 27);
    expect(s.trainableParams).toBe(s.totalParams - 2 * 16 - 2 * 8); // moving mean and variance
    const model = clf.toLayersModel();
    expect(model.countParams()).toBe(s.totalParams);
    model.dispose();
    expect(s.text).toContain('Total params: 355');
    clf.dispose();
  });
});

describe('MLPClassifier bad input and options', () => {
  const { X, y } = blobs(40, 3, 2, 1);
  let clf: MLPClassifier;
  beforeAll(async () => {
    clf = new MLPClassifier({ ...FAST, epochs: 1 });
    await clf.fit(X, y);
  });
  afterAll(() => clf.dispose());

  it('rejects a wrong feature count, NaN and Infinity at predict, naming X', () => {
    expect(() => clf.predict(X.map((r) => r.slice(1)))).toThrow(DataValidationError);
    expect(() => clf.predict([[1, NaN, 2]])).toThrow(/NaN/);
    try {
      clf.predictProba([[1, 2, Infinity]]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DataValidationError);
      expect((e as DataValidationError).param).toBe('X');
      expect((e as DataValidationError).column).toBe(2);
    }
  });

  it('rejects NaN in X, a single class, a length mismatch and unknown labels in fit / score', async () => {
    const m = new MLPClassifier({ ...FAST, epochs: 1 });
    await expect(
      m.fit(
        X.map((r, i) => (i === 3 ? [NaN, 0, 0] : r)),
        y,
      ),
    ).rejects.toThrow(DataValidationError);
    await expect(
      m.fit(
        X,
        y.map(() => 0),
      ),
    ).rejects.toThrow(/single class/);
    await expect(m.fit(X, y.slice(1))).rejects.toThrow(/labels but X has/);
    await expect(
      new MLPClassifier({ ...FAST, validationData: { X, y: y.map((v) => v + 5) } }).fit(X, y),
    ).rejects.toThrow(/validationData.y/);
    await expect(new MLPClassifier({ ...FAST, classWeight: new Map([['0', 2]]) }).fit(X, y)).rejects.toThrow(
      InvalidParameterError,
    );
    expect(() =>
      clf.score(
        X,
        y.map((v) => v + 7),
      ),
    ).toThrow(DataValidationError);
    expect(() => new MLPClassifier().predict(X)).toThrow(NotFittedError);
    expect(() => new MLPClassifier().summary()).toThrow(NotFittedError);
  });

  it('validates options in the constructor, naming the option', () => {
    const cases: [MLPClassifierOptions, string][] = [
      [{ hiddenLayers: [0] }, 'hiddenLayers'],
      [{ activation: 'gelu' as never }, 'activation'],
      [{ dropout: 1 }, 'dropout'],
      [{ optimizer: 'adamw' as never }, 'optimizer'],
      [{ learningRate: 0 }, 'learningRate'],
      [{ epochs: 1.5 }, 'epochs'],
      [{ batchSize: 0 }, 'batchSize'],
      [{ validationFraction: 1 }, 'validationFraction'],
      [{ earlyStopping: { monitor: 'valLoss' }, validationFraction: 0 }, 'validationFraction'],
      [{ earlyStopping: { patience: -1 } }, 'earlyStopping.patience'],
      [{ reduceLROnPlateau: { factor: 1 } }, 'reduceLROnPlateau.factor'],
      [{ classWeight: 'auto' as never }, 'classWeight'],
      [{ classWeight: new Map([[0, -1]]) }, 'classWeight'],
      [{ seed: -3 }, 'seed'],
      [{ backend: 'webgl' as never }, 'backend'],
    ];
    for (const [opts, param] of cases) {
      try {
        new MLPClassifier(opts);
        expect.unreachable(`${param} accepted`);
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidParameterError);
        expect((e as InvalidParameterError).param).toBe(param);
      }
    }
    // A validation monitor defaults the hold-out to 10 %.
    expect(new MLPClassifier({ earlyStopping: {} }).params.validationFraction).toBe(0.1);
    expect(new MLPClassifier().params.validationFraction).toBe(0);
    expect(Object.isFrozen(new MLPClassifier().params)).toBe(true);
    // An unfitted model round-trips its options (state null) and stays unfitted.
    const unfitted = MLPClassifier.fromJSON(
      JSON.parse(
        JSON.stringify(
          new MLPClassifier({
            hiddenLayers: [3, 2],
            classWeight: new Map([['a', 2]]),
            earlyStopping: { patience: 2 },
          }).toJSON(),
        ),
      ),
    );
    expect(unfitted.params.hiddenLayers).toEqual([3, 2]);
    expect(unfitted.params.classWeight).toEqual(new Map([['a', 2]]));
    expect(unfitted.params.earlyStopping).toEqual({
      monitor: 'valLoss',
      patience: 2,
      minDelta: 0,
      restoreBestWeights: true,
    });
    expect(() => unfitted.fitted).toThrow(NotFittedError);
  });

  it('accepts typed-array rows and ml-matrix input with identical results', async () => {
    const a = new MLPClassifier({ ...FAST, epochs: 2 });
    await a.fit(
      X.map((r) => Float64Array.from(r)),
      y,
    );
    const b = new MLPClassifier({ ...FAST, epochs: 2 });
    await b.fit(new Matrix(X), y);
    expect(
      firstDifference(a.predictProba(new Matrix(X)), b.predictProba(X.map((r) => Float32Array.from(r)))),
    ).toBeUndefined();
    a.dispose();
    b.dispose();
  });
});

describe('MLPClassifier on the wasm backend', () => {
  it("fits and predicts on wasm; 'auto' picks wasm in Node", async () => {
    const { X, y } = blobs(120, 4, 3, 3);
    const clf = new MLPClassifier({ ...FAST, epochs: 3, backend: 'auto' });
    await clf.fit(X, y);
    expect(clf.fitted.backend).toBe('wasm');
    expect(clf.score(X, y)).toBeGreaterThan(0.8);
    const again = MLPClassifier.fromJSON(clf.toJSON());
    expect(firstDifference(again.predictProba(X), clf.predictProba(X))).toBeUndefined();
    again.dispose();
    clf.dispose();
    await MLPClassifier.ready('cpu');
  });
});

describe('MLPClassifier conformance', () => {
  const { X, y } = blobs(60, 3, 3, 12);
  for (const c of classifierChecks({
    name: 'MLPClassifier',
    create: () => new MLPClassifier({ ...FAST, hiddenLayers: [8], epochs: 2 }),
    fromJSON: (j) => MLPClassifier.fromJSON(j),
    X,
    y,
    // an unseeded model (params.seed null) records the seed it drew in state.seed: legitimate
    jsonTamper: { freeValues: ['params.**', 'state.**'], optional: ['state', 'params.seed'] },
  })) {
    it(c.name, c.run);
  }
});
