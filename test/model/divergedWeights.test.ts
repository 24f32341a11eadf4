/**
 * A step's loss is computed before its update, so the last update of a fit can overflow float32
 * while every logged loss is finite: `learningRate: 1e20, epochs: 1` trained "successfully" into a
 * model whose predictProba was all NaN. The trained weights are checked, on both engines.
 */
import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../src/core/errors.js';
import { MLPClassifier } from '../../src/mlp.js';

const X = Array.from({ length: 24 }, (_, i) => [(i * 0.37) % 5, ((i * 7) % 11) / 3]);
const y = X.map((_, i) => (i % 3 === 0 ? 'min' : 'maj'));

describe('MLPClassifier refuses weights that diverged in the last updates', () => {
  for (const backend of ['cpu', 'auto'] as const) {
    for (const optimizer of ['adam', 'sgd', 'rmsprop'] as const) {
      it(`${backend}, ${optimizer}: learningRate 1e39 for one epoch`, async () => {
        const m = new MLPClassifier({ hiddenLayers: [3], epochs: 1, seed: 1, backend, optimizer, learningRate: 1e39 });
        await expect(m.fit(X, y)).rejects.toThrow(
          expect.objectContaining({
            constructor: InvalidParameterError,
            param: 'learningRate',
            message: expect.stringMatching(/after 1 epoch\(s\) a weight of layer \d .* is (NaN|-?Infinity)/),
          }),
        );
        expect(() => m.predictProba(X)).toThrow(/fit has not been called/);
      });
    }
  }

  it('a large but stable learning rate still trains to finite probabilities', async () => {
    const m = new MLPClassifier({ hiddenLayers: [3], epochs: 2, seed: 1, backend: 'cpu', learningRate: 10 });
    await m.fit(X, y);
    expect(m.predictProba(X).to2DArray().flat().every(Number.isFinite)).toBe(true);
  });
});
