import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { DataValidationError, InvalidParameterError } from '../../src/core/errors.js';
import { Random } from '../../src/core/Random.js';
import { denseRowSource } from '../../src/core/rowSource.js';
import { MLPClassifier } from '../../src/mlp.js';
import type { MLPClassifierOptions } from '../../src/mlp.js';
import { hasRelaxedSimd } from '../../src/model/kernels/module.js';
import { liveWorkers } from '../../src/model/parallel/ThreadPool.js';
import { firstDifference } from '../../src/testing/index.js';

/** Four Gaussian classes in 12 dimensions. */
function blobs(n: number, seed: number): { X: number[][]; y: number[] } {
  const rng = new Random(seed);
  const centres = Array.from({ length: 4 }, () => Array.from({ length: 12 }, () => 1.5 * rng.normal()));
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 4;
    X.push((centres[c] as number[]).map((v) => v + rng.normal()));
    y.push(c);
  }
  return { X, y };
}

const KERNELS: MLPClassifierOptions = {
  hiddenLayers: [32, 16],
  epochs: 4,
  batchSize: 37,
  learningRate: 3e-3,
  seed: 5,
  backend: 'wasm',
  validationFraction: 0.2,
  earlyStopping: { patience: 2, monitor: 'valMacroF1' },
};

const state = (m: MLPClassifier): unknown => {
  const s = m.toJSON().state as { history: Record<string, unknown>[] };
  return { ...s, history: s.history.map(({ seconds: _s, ...h }) => h) };
};

async function noWorkersLeft(): Promise<number> {
  for (let i = 0; i < 200 && liveWorkers() > 0; i++) await new Promise((r) => setTimeout(r, 10));
  return liveWorkers();
}

const { X, y } = blobs(400, 1);
const test = blobs(200, 1);

afterAll(async () => {
  await MLPClassifier.ready('cpu');
});

describe('MLPClassifier on the WebAssembly kernels', () => {
  beforeAll(async () => {
    await MLPClassifier.ready('wasm');
  });

  it('same seed → bit-identical weights; 1, 2 and 3 threads → the same bits', async () => {
    const runs: MLPClassifier[] = [];
    for (const threads of [2, 2, 1, 3]) runs.push(await new MLPClassifier({ ...KERNELS, threads }).fit(X, y));
    for (const m of runs.slice(1)) expect(firstDifference(state(runs[0] as MLPClassifier), state(m))).toBeUndefined();
    const other = await new MLPClassifier({ ...KERNELS, seed: 6 }).fit(X, y);
    expect(firstDifference(state(runs[0] as MLPClassifier), state(other))).toBeDefined();
    expect(firstDifference(runs[0]?.predictProba(test.X), runs[2]?.predictProba(test.X))).toBeUndefined();
    for (const m of [...runs, other]) m.dispose();
    expect(await noWorkersLeft()).toBe(0);
  });

  it('relaxedSimd: false → the plain kernels: the same bits on any thread count; FMA differs slightly', async () => {
    const plain: MLPClassifier[] = [];
    for (const threads of [2, 1, 2]) {
      plain.push(await new MLPClassifier({ ...KERNELS, threads, relaxedSimd: false }).fit(X, y));
    }
    const first = plain[0] as MLPClassifier;
    for (const m of plain.slice(1)) expect(firstDifference(state(first), state(m))).toBeUndefined();
    const fused = await new MLPClassifier({ ...KERNELS, threads: 2 }).fit(X, y);
    // Node 20 gets relaxed SIMD from the flag the library sets (hasRelaxedSimd(true) tries it too).
    if (hasRelaxedSimd(true)) expect(firstDifference(state(first), state(fused))).toBeDefined();
    else expect(firstDifference(state(first), state(fused))).toBeUndefined();
    expect(Math.abs(first.score(test.X, test.y) - fused.score(test.X, test.y))).toBeLessThan(0.03);
    for (const m of [...plain, fused]) m.dispose();
    expect(await noWorkersLeft()).toBe(0);
  });

  it('learns as the tfjs path does, records backend wasm, and makes no tfjs tensors', async () => {
    const before = tf.memory().numTensors;
    const mine = await new MLPClassifier({ ...KERNELS, threads: 2 }).fit(X, y);
    expect(tf.memory().numTensors).toBe(before);
    expect(mine.fitted.backend).toBe('wasm');
    const ref = await new MLPClassifier({ ...KERNELS, backend: 'cpu' }).fit(X, y);
    const a = mine.score(test.X, test.y);
    expect(a).toBeGreaterThan(0.9);
    expect(Math.abs(a - ref.score(test.X, test.y))).toBeLessThan(0.03);
    // The same network as tfjs-layers: toLayersModel predicts what the kernels predict.
    const model = mine.toLayersModel();
    const P = tf.tidy(() => (model.predict(tf.tensor2d(test.X)) as tf.Tensor).arraySync() as number[][]);
    model.dispose();
    const Q = mine.predictProba(test.X).to2DArray();
    for (let i = 0; i < 20; i++) for (let j = 0; j < 4; j++) expect(Q[i]?.[j]).toBeCloseTo(P[i]?.[j] as number, 5);
    mine.dispose();
    ref.dispose();
    expect(await noWorkersLeft()).toBe(0);
  });

  it('predicts many chunks on 2 threads (the next read meanwhile) as on one; a bad chunk throws', async () => {
    const big = blobs(2600, 9); // three passes of up to 1024 rows
    const one = await new MLPClassifier({ ...KERNELS, threads: 1 }).fit(X, y);
    const two = await new MLPClassifier({ ...KERNELS, threads: 2 }).fit(X, y);
    const M = new Matrix(big.X);
    const P1 = one.predictProba(M);
    expect(firstDifference(two.predictProba(M), P1)).toBeUndefined();
    const bad = new Matrix(big.X);
    bad.set(2100, 3, Number.NaN);
    try {
      two.predict(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DataValidationError);
      expect((e as DataValidationError).row).toBe(2100);
    }
    expect(firstDifference(two.predictProba(M), P1)).toBeUndefined();
    one.dispose();
    two.dispose();
    expect(await noWorkersLeft()).toBe(0);
  });

  it('predicts a RowSource as its matrix, and a model read back from JSON predicts the same bits', async () => {
    const clf = await new MLPClassifier({ ...KERNELS, threads: 2 }).fit(X, y);
    const P = clf.predictProba(test.X);
    const src = denseRowSource(Float32Array.from(test.X.flat()), test.X.length, 12);
    expect(firstDifference(clf.predictProba(src), P)).toBeUndefined();
    const again = MLPClassifier.fromJSON(JSON.parse(JSON.stringify(clf.toJSON())));
    expect(firstDifference(again.predictProba(test.X), P)).toBeUndefined();
    // dispose frees the threads; a later predict rebuilds the kernel network.
    clf.dispose();
    expect(firstDifference(clf.predictProba(test.X), P)).toBeUndefined();
    for (const m of [clf, again]) m.dispose();
    expect(await noWorkersLeft()).toBe(0);
  });

  it('runs dropout after ReLU on the kernels, with the same masks as tfjs', async () => {
    const before = tf.memory().numTensors;
    const opts = { ...KERNELS, dropout: 0.3, epochs: 2, seed: 4 };
    const kernels = await new MLPClassifier(opts).fit(X, y);
    expect(tf.memory().numTensors).toBe(before); // no tfjs network: the kernels hold the weights
    const onTfjs = await new MLPClassifier({ ...opts, backend: 'cpu' }).fit(X, y);
    // Same seeds, same masks: the two paths differ by rounding only.
    const a = kernels.predictProba(test.X).to2DArray().flat();
    const b = onTfjs.predictProba(test.X).to2DArray().flat();
    expect(Math.max(...a.map((v, i) => Math.abs(v - (b[i] as number))))).toBeLessThan(1e-4);
    kernels.dispose();
    onTfjs.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('runs dropout after tanh and batch normalization on tfjs (wasm), and frees it all on dispose', async () => {
    const before = tf.memory().numTensors;
    const clf = await new MLPClassifier({ ...KERNELS, activation: 'tanh', dropout: 0.1, epochs: 1 }).fit(X, y);
    expect(clf.fitted.backend).toBe('wasm');
    expect(tf.memory().numTensors).toBeGreaterThan(before); // the tfjs network holds the weights
    clf.predict(test.X);
    clf.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('checks the threads option', () => {
    for (const threads of [0, 1.5, 65, '2']) {
      try {
        new MLPClassifier({ threads: threads as number });
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidParameterError);
        expect((e as InvalidParameterError).param).toBe('threads');
      }
    }
    expect(new MLPClassifier().params.threads).toBeUndefined();
    expect(new MLPClassifier({ threads: 3 }).params.threads).toBe(3);
    // Not part of the JSON form: results do not depend on it.
    expect(JSON.stringify(new MLPClassifier({ threads: 3 }).toJSON())).not.toContain('threads');
  });
});
