import { describe, expect, it } from 'vitest';
import { InvalidParameterError, Pipeline, RandomOverSampler, Scaler, SMOTE } from '../../src/index.js';
import { MLPClassifier } from '../../src/mlp.js';

// 3 classes (60 / 20 / 10 rows), 3 features.
const X: number[][] = [];
const y: string[] = [];
for (let i = 0; i < 90; i++) {
  const c = i < 60 ? 'a' : i < 80 ? 'b' : 'c';
  const o = c === 'a' ? 0 : c === 'b' ? 2 : 4;
  X.push([o + ((i * 7) % 11) / 11, ((i * 5) % 13) / 13 - o, (i % 3) / 3]);
  y.push(c);
}
const mlp = (seed = 1) =>
  new MLPClassifier({ hiddenLayers: [8], epochs: 2, batchSize: 16, seed, validationFraction: 0.2 });

describe("Pipeline({ resampling: 'lazy' })", () => {
  it('hands the sampler to the final classifier, which streams it; predicts without resampling', async () => {
    const clf = mlp();
    const smote = new SMOTE({ kNeighbors: 3, seed: 2 });
    const pipe = new Pipeline(
      [
        ['scale', new Scaler()],
        ['smote', smote],
        ['mlp', clf],
      ],
      { resampling: 'lazy' },
    );
    await pipe.fit(X, y);
    // The sampler was fitted by its lazy form on the training rows the MLP kept (originals only).
    expect(smote.fitted.counts).toEqual(new Map([...smote.fitted.counts.keys()].map((k) => [k, 48])));
    expect(clf.fitted.nValidation).toBe(18);
    expect(pipe.fitted.nSamplesIn).toBe(90);
    expect(pipe.fitted.nSamplesFinal).toBe(3 * 48);
    expect(pipe.predictProba(X).rows).toBe(90);
    const again = Pipeline.fromJSON(JSON.parse(JSON.stringify(pipe.toJSON())), { Scaler, SMOTE, MLPClassifier });
    expect(again.params.resampling).toBe('lazy');
    expect(again.predictProba(X).to2DArray()).toEqual(pipe.predictProba(X).to2DArray());
    pipe.dispose();
    again.dispose();
  });

  it("'eager' stays the default and its JSON is unchanged", () => {
    const pipe = new Pipeline([
      ['smote', new SMOTE()],
      ['mlp', mlp()],
    ]);
    expect(pipe.params.resampling).toBe('eager');
    expect(Object.keys(pipe.toJSON().params as object)).toEqual(['steps']);
  });

  it('refuses what cannot stream, naming why', () => {
    const lazy = (steps: ConstructorParameters<typeof Pipeline>[0]) => () =>
      new Pipeline(steps, { resampling: 'lazy' });
    expect(lazy([['mlp', mlp()]])).toThrow(/exactly one sampler step, found 0/);
    expect(
      lazy([
        ['a', new SMOTE()],
        ['b', new RandomOverSampler()],
        ['mlp', mlp()],
      ]),
    ).toThrow(/found 2/);
    expect(
      lazy([
        ['smote', new SMOTE()],
        ['scale', new Scaler()],
        ['mlp', mlp()],
      ]),
    ).toThrow(/right before the final classifier/);
    const plain = { fit: () => undefined, predict: () => [] };
    expect(
      lazy([
        ['smote', new SMOTE()],
        ['clf', plain],
      ]),
    ).toThrow(/not a LazyResamplingClassifier/);
    expect(() => new Pipeline([['mlp', mlp()]], { resampling: 'lazzy' as never })).toThrow(InvalidParameterError);
    expect(() => new Pipeline([['mlp', mlp()]], { resampleing: 'lazy' } as never)).toThrow(/did you mean 'resampling'/);
  });
});
