import { describe, expect, it } from 'vitest';
import { InvalidParameterError, SerializationError } from '../../src/core/errors.js';
import { checkIterations, MAX_ITERATIONS } from '../../src/core/validate.js';
import { MLPClassifier } from '../../src/model/index.js';
import { KMeans, MiniBatchKMeans, RepeatedEditedNearestNeighbours } from '../../src/sampling/index.js';
import { thrownBy } from '../support/thrown.js';

/** Each loop-count option: how to build with it, and how to load a saved document with it edited. */
const OPTIONS: Array<[string, string, (v: number) => unknown]> = [
  ['KMeans', 'nInit', (v) => new KMeans({ nInit: v })],
  ['KMeans', 'maxIter', (v) => new KMeans({ maxIter: v })],
  ['MiniBatchKMeans', 'nInit', (v) => new MiniBatchKMeans({ nInit: v })],
  ['MiniBatchKMeans', 'maxIter', (v) => new MiniBatchKMeans({ maxIter: v })],
  ['RepeatedEditedNearestNeighbours', 'maxIter', (v) => new RepeatedEditedNearestNeighbours({ maxIter: v })],
  ['MLPClassifier', 'epochs', (v) => new MLPClassifier({ epochs: v })],
];

describe('iteration counts are bounded (no option makes a fit run for years)', () => {
  it('checkIterations accepts 1 … MAX_ITERATIONS and names the parameter, value and bound otherwise', () => {
    expect(MAX_ITERATIONS).toBe(1_000_000);
    expect(checkIterations('W', 'maxIter', 1_000_000)).toBe(1_000_000);
    expect(checkIterations('W', 'maxIter', undefined, 7)).toBe(7);
    for (const bad of [0, 1_000_001, 1e15, 2.5, Number.NaN, '3']) {
      const e = thrownBy(InvalidParameterError, () => checkIterations('W', 'maxIter', bad));
      expect(e.param).toBe('maxIter');
      expect(e.message).toMatch(/^W: maxIter must be an integer from 1 to 1000000, received /);
    }
  });

  it.each(OPTIONS)('%s %s: 1e6 is accepted, 1e6 + 1 and 1e15 are an InvalidParameterError', (who, param, make) => {
    expect(() => make(MAX_ITERATIONS)).not.toThrow();
    for (const v of [MAX_ITERATIONS + 1, 1e15]) {
      const e = thrownBy(InvalidParameterError, () => make(v));
      expect(e.param).toBe(param);
      expect(e.message).toContain(`${who}: ${param} must be an integer from 1 to 1000000, received ${v}.`);
    }
  });

  it('a saved document with such a count is a SerializationError at its path', async () => {
    const X = Array.from({ length: 12 }, (_, i) => [i % 4, (i * 5) % 7]);
    const y = X.map((_, i) => (i % 3 === 0 ? 'a' : 'b'));
    const docs: Array<[unknown, (d: unknown) => unknown, string]> = [
      [new KMeans({ nClusters: 2, seed: 0 }).fit(X).toJSON(), (d) => KMeans.fromJSON(d as never), 'maxIter'],
      [
        new MiniBatchKMeans({ nClusters: 2, seed: 0 }).fit(X).toJSON(),
        (d) => MiniBatchKMeans.fromJSON(d as never),
        'nInit',
      ],
      [
        (() => {
          const s = new RepeatedEditedNearestNeighbours({ nNeighbors: 1 });
          s.fitResample(X, y);
          return s.toJSON();
        })(),
        (d) => RepeatedEditedNearestNeighbours.fromJSON(d as never),
        'maxIter',
      ],
      [
        (await new MLPClassifier({ epochs: 1, hiddenLayers: [2], seed: 0 }).fit(X, y)).toJSON(),
        (d) => MLPClassifier.fromJSON(d as never),
        'epochs',
      ],
    ];
    for (const [doc, load, param] of docs) {
      const d = JSON.parse(JSON.stringify(doc));
      d.params[param] = 1e15;
      const e = thrownBy(SerializationError, () => load(d));
      expect(e.path).toBe(`params.${param}`);
    }
  });
});
