import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../src/core/errors.js';
import { MLPClassifier } from '../../src/mlp.js';

const X = Array.from({ length: 64 }, (_, i) => [i % 7, (i * 3) % 5, i / 64]);
const y = X.map((_, i) => (i % 3 === 0 ? 'a' : 'b'));

describe('training that cannot stay finite is refused with the option to change', () => {
  for (const backend of ['wasm', 'cpu'] as const) {
    it(`${backend}: diverging updates stop at the first non-finite loss, naming learningRate`, async () => {
      const mlp = new MLPClassifier({
        hiddenLayers: [8],
        epochs: 5,
        batchSize: 16,
        seed: 0,
        learningRate: 1e300,
        backend,
      });
      const err = await mlp.fit(X, y).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(InvalidParameterError);
      expect((err as InvalidParameterError).param).toBe('learningRate');
      expect((err as Error).message).toMatch(
        /training loss became (NaN|Infinity) at epoch 1, batch \d+ \(learningRate 1e\+300\)/,
      );
      expect(() => mlp.predict(X)).toThrow(/needs a fitted/);
    });
  }

  it('the default learning rate on the same data trains (the check does not fire on ordinary data)', async () => {
    const mlp = await new MLPClassifier({ hiddenLayers: [8], epochs: 2, batchSize: 16, seed: 0 }).fit(X, y);
    expect(mlp.fitted.history.every((h) => Number.isFinite(h.loss))).toBe(true);
  });

  it('a network too large to train is refused before anything is allocated, stating its size', async () => {
    const huge = new MLPClassifier({ hiddenLayers: [1e12], epochs: 1, seed: 0 });
    await expect(huge.fit(X, y)).rejects.toThrow(InvalidParameterError);
    await expect(huge.fit(X, y)).rejects.toThrow(
      /hiddenLayers \[1000000000000\] with 3 input features and 2 classes has 6\.000e\+12 parameters/,
    );
    const wide = new MLPClassifier({ hiddenLayers: [50_000, 50_000], epochs: 1, seed: 0 });
    await expect(wide.fit(X, y)).rejects.toThrow(/at most 268,435,456 parameters/);
  });

  it('a mini-batch whose activations cannot fit is refused naming batchSize', async () => {
    const mlp = new MLPClassifier({ hiddenLayers: [2_000_000], batchSize: 4096, epochs: 1, seed: 0 });
    const err = await mlp.fit(X, y).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InvalidParameterError);
    expect((err as InvalidParameterError).param).toBe('batchSize');
  });
});
