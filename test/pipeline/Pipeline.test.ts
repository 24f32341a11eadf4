import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { InvalidParameterError, NotFittedError, SerializationError } from '../../src/core/errors.js';
import type { Label } from '../../src/core/matrix.js';
import { Pipeline, cloneEstimator, crossValidate, StratifiedKFold, trainTestSplit } from '../../src/pipeline/index.js';
import type { ScoringContext } from '../../src/pipeline/index.js';
import { firstDifference } from '../../src/testing/index.js';
import { Center, Centroid, Duplicate, OneNN, accuracy, balancedAccuracy, blobs } from './standins.js';

const { X, y } = blobs([40, 12, 6], ['maj', 'mid', 'rare'], 3, 2.5, 1);

describe('Pipeline construction', () => {
  it('classifies steps and rejects bad step lists', () => {
    const both = { fit() {}, transform: () => new Matrix(1, 1), fitResample: () => ({ X: new Matrix(1, 1), y: [] }) };
    expect(
      () =>
        new Pipeline([
          ['x', both as never],
          ['clf', new OneNN()],
        ]),
    ).toThrow(/both a sampler and a transformer/);
    expect(
      () =>
        new Pipeline([
          ['x', both as never],
          ['clf', new OneNN()],
        ]),
    ).toThrow(InvalidParameterError);
    expect(() => new Pipeline([])).toThrow(InvalidParameterError);
    expect(
      () =>
        new Pipeline([
          ['a', new Center()],
          ['a', new OneNN()],
        ]),
    ).toThrow(/used twice/);
    const c = new Center();
    expect(
      () =>
        new Pipeline([
          ['a', c],
          ['b', c],
        ]),
    ).toThrow(/same object/);
    expect(
      () =>
        new Pipeline([
          ['clf', new OneNN()],
          ['c', new Center()],
        ]),
    ).toThrow(/intermediate step/);
    expect(() => new Pipeline([['', new OneNN()]])).toThrow(/non-empty/);
    expect(() => new Pipeline([['x', 42 as never]])).toThrow(InvalidParameterError);
  });

  it('reaches steps by name; passthrough and null steps are allowed', () => {
    const center = new Center();
    const pipe = new Pipeline([
      ['center', center],
      ['skip', 'passthrough'],
      ['none', null],
      ['clf', new OneNN()],
    ]);
    expect(pipe.named<Center>('center')).toBe(center);
    expect(pipe.steps.map(([n]) => n)).toEqual(['center', 'skip', 'none', 'clf']);
    expect(() => pipe.named('nope')).toThrow(/no step is called "nope"/);
    expect(Object.isFrozen(pipe.params.steps)).toBe(true);
  });
});

describe('Pipeline fit / predict', () => {
  it('fits transformers on the previous output, runs samplers only in fit, and skips them in predict', async () => {
    const center = new Center();
    const dup = new Duplicate({ seed: 3 });
    const clf = new OneNN();
    const pipe = new Pipeline([
      ['center', center],
      ['dup', dup],
      ['clf', clf],
    ]);
    expect(() => pipe.predict(X)).toThrow(NotFittedError);
    expect(() => pipe.fitted).toThrow(NotFittedError);
    await pipe.fit(X, y);
    expect(dup.calls).toBe(1);
    // The classifier saw the resampled (balanced) rows; the transformer saw the original rows.
    expect(clf.seen).toEqual(
      new Map([
        ['maj', 40],
        ['mid', 40],
        ['rare', 40],
      ]),
    );
    expect(center.fitRows).toEqual([58]);
    expect(pipe.fitted.nSamplesIn).toBe(58);
    expect(pipe.fitted.nSamplesFinal).toBe(120);
    expect(pipe.fitted.classCountsIn).toEqual(
      new Map([
        ['maj', 40],
        ['mid', 12],
        ['rare', 6],
      ]),
    );
    expect(pipe.classes).toEqual(['maj', 'mid', 'rare']);
    const pred = pipe.predict(X.slice(0, 10));
    const proba = pipe.predictProba(X.slice(0, 10));
    expect(dup.calls).toBe(1); // never called outside fit
    expect(pred.length).toBe(10);
    expect(proba.rows).toBe(10);
    expect(proba.columns).toBe(3);
    // A memorizing 1-NN predicts its own (centered) training rows exactly.
    expect(pipe.score(X, y)).toBe(1);
    expect(pipe.score(X, y)).toBe(accuracy(y, pipe.predict(X)));
  });

  it('predict equals fitting the steps by hand (center fitted on the training rows only)', async () => {
    const split = trainTestSplit(X, y, { testSize: 0.3, stratify: true, seed: 4 });
    const pipe = new Pipeline([
      ['center', new Center()],
      ['dup', new Duplicate({ seed: 1 })],
      ['clf', new Centroid()],
    ]);
    await pipe.fit(split.train.X, split.train.y);
    const c = new Center().fit(split.train.X);
    const res = new Duplicate({ seed: 1 }).fitResample(c.transform(split.train.X), split.train.y);
    const clf = await new Centroid().fit(res.X, res.y);
    expect(
      firstDifference(pipe.predictProba(split.test.X), clf.predictProba(c.transform(split.test.X))),
    ).toBeUndefined();
  });

  it('transform applies transformers (a final one too) and skips samplers', async () => {
    const prep = new Pipeline([
      ['center', new Center()],
      ['dup', new Duplicate({ seed: 1 })],
      ['again', new Center()],
    ]);
    await prep.fit(X, y);
    const out = prep.transform(X);
    expect(out.rows).toBe(X.length);
    expect(() => prep.predict(X)).toThrow(/not a classifier/);
    const withClf = new Pipeline([
      ['center', new Center()],
      ['clf', new OneNN()],
    ]);
    await withClf.fit(X, y);
    expect(() => withClf.transform(X)).toThrow(InvalidParameterError);
  });

  it('rejects y of the wrong length; a failed fit leaves the pipeline unfitted', async () => {
    const pipe = new Pipeline([['clf', new OneNN()]]);
    await expect(pipe.fit(X, y.slice(1))).rejects.toThrow(/labels but X has/);
    await pipe.fit(X, y);
    const bad = new Pipeline([
      ['c', new Center()],
      ['clf', new OneNN()],
    ]);
    await bad.fit(X, y);
    await expect(
      bad.fit(
        [
          [1, 2, 3],
          [1, 2],
        ] as never,
        ['a', 'b'],
      ),
    ).rejects.toThrow();
    expect(() => bad.predict(X)).toThrow(NotFittedError);
  });

  it('does not mutate frozen inputs', async () => {
    const fx = Object.freeze(X.map((r) => Object.freeze([...r]))) as unknown as number[][];
    const fy = Object.freeze([...y]) as Label[];
    const pipe = new Pipeline([
      ['center', new Center()],
      ['dup', new Duplicate({ seed: 2 })],
      ['clf', new Centroid()],
    ]);
    await pipe.fit(fx, fy);
    pipe.predictProba(fx);
    expect(fx).toEqual(X);
    expect(fy).toEqual(y);
  });
});

describe('Pipeline clone and JSON', () => {
  it('clone gives unfitted, independent steps with the same params', async () => {
    const pipe = new Pipeline([
      ['center', new Center()],
      ['dup', new Duplicate({ seed: 9 })],
      ['clf', new Centroid({ temperature: 2 })],
    ]);
    await pipe.fit(X, y);
    const copy = pipe.clone();
    expect(() => copy.predict(X)).toThrow(NotFittedError);
    expect(copy.named('dup')).not.toBe(pipe.named('dup'));
    expect(copy.named<Duplicate>('dup').params).toEqual({ seed: 9 });
    expect(copy.named<Centroid>('clf').params).toEqual({ temperature: 2 });
    await copy.fit(X, y);
    expect(firstDifference(copy.predictProba(X), pipe.predictProba(X))).toBeUndefined();
    expect(() => cloneEstimator({ fit() {} })).toThrow(InvalidParameterError);
  });

  it('round-trips through JSON text with bit-identical predictProba', async () => {
    const pipe = new Pipeline([
      ['center', new Center()],
      ['skip', 'passthrough'],
      ['dup', new Duplicate({ seed: 5 })],
      ['clf', new Centroid({ temperature: 0.7 })],
    ]);
    await pipe.fit(X, y);
    const text = JSON.stringify(pipe.toJSON());
    const again = Pipeline.fromJSON(JSON.parse(text), { Center, Duplicate, Centroid });
    expect(firstDifference(again.predictProba(X), pipe.predictProba(X))).toBeUndefined();
    expect(again.predict(X)).toEqual(pipe.predict(X));
    expect(again.fitted).toEqual(pipe.fitted);
    expect(JSON.stringify(again.toJSON())).toBe(text);
    expect(Pipeline.fromJSON(text, { Center, Duplicate, Centroid }).predict(X)).toEqual(pipe.predict(X));
    // Nested pipelines load with Pipeline itself.
    const outer = new Pipeline([
      ['inner', new Pipeline([['center', new Center()]]) as never],
      ['clf', new Centroid()],
    ]);
    await outer.fit(X, y);
    const outer2 = Pipeline.fromJSON(JSON.parse(JSON.stringify(outer.toJSON())), { Center, Centroid });
    expect(firstDifference(outer2.predictProba(X), outer.predictProba(X))).toBeUndefined();
  });

  it('the loader builds only the classes it is given, and refuses foreign documents', async () => {
    const pipe = new Pipeline([
      ['center', new Center()],
      ['clf', new Centroid()],
    ]);
    await pipe.fit(X, y);
    const json = pipe.toJSON();
    expect(() => Pipeline.fromJSON(json, { Center })).toThrow(SerializationError);
    expect(() => Pipeline.fromJSON(json, { Center })).toThrow(/saved by Centroid, but no Centroid was passed/);
    expect(() =>
      Pipeline.fromJSON({ format: 'imbalanced-tabular/Scaler', version: 1, params: {}, state: null }, { Center }),
    ).toThrow(SerializationError);
    expect(() => Pipeline.fromJSON({ ...json, version: 99 }, { Center, Centroid })).toThrow(SerializationError);
    const unfitted = Pipeline.fromJSON(new Pipeline([['clf', new Centroid()]]).toJSON(), { Centroid });
    expect(() => unfitted.predict(X)).toThrow(NotFittedError);
    const noJSON = new Pipeline([['clf', { fit: async () => {}, predict: () => [] }]]);
    expect(() => noJSON.toJSON()).toThrow(SerializationError);
  });
});

describe('leakage', () => {
  // Pure noise: the features say nothing about the class, so an honest estimate of balanced
  // accuracy is about 0.5. Oversampling before splitting puts copies of minority rows on both
  // sides of the split; a memorizing 1-NN classifier finds the copy and looks far better.
  const noise = blobs([300, 60], [0, 1], 4, 0, 11);
  const balAcc = { balAcc: (c: ScoringContext) => balancedAccuracy(c.yTrue, c.yPred()) };

  it('oversampling before the split inflates the score; the pipeline does not', async () => {
    const cv = new StratifiedKFold({ nSplits: 5, shuffle: true, seed: 0 });
    // The trap: resample everything, then cross-validate the classifier on the resampled rows.
    const leaked = new Duplicate({ seed: 1 }).fitResample(noise.X, noise.y);
    const wrong = await crossValidate(new OneNN(), leaked.X, leaked.y, { cv, scoring: balAcc });
    // The trap with a single split.
    const split = trainTestSplit(leaked.X, leaked.y, { testSize: 0.25, stratify: true, seed: 2 });
    const nn = await new OneNN().fit(split.train.X, split.train.y);
    const wrongSplit = balancedAccuracy(split.test.y, nn.predict(split.test.X));
    // The right way: the sampler inside the pipeline, resampling each training fold only.
    const pipe = new Pipeline([
      ['dup', new Duplicate({ seed: 1 })],
      ['clf', new OneNN()],
    ]);
    const right = await crossValidate(pipe, noise.X, noise.y, { cv, scoring: balAcc });
    expect(wrong.mean.balAcc).toBeGreaterThan(0.75);
    expect(wrongSplit).toBeGreaterThan(0.75);
    expect(right.mean.balAcc).toBeLessThan(0.6);
    expect(right.mean.balAcc).toBeGreaterThan(0.4);
  });

  it('inside crossValidate, the classifier never sees a test row (or a copy of one) while fitting', async () => {
    const rows = noise.X.map((r, i) => [...r, i]); // last column: the original row id
    const seenIds: Set<number>[] = [];
    class Spy extends OneNN {
      override async fit(Xf: number[][] | Matrix, yf: ReadonlyArray<Label>): Promise<this> {
        const m = Xf instanceof Matrix ? Xf.to2DArray() : Xf;
        seenIds.push(new Set(m.map((r) => r[r.length - 1] as number)));
        return super.fit(Xf, yf);
      }
    }
    const cv = new StratifiedKFold({ nSplits: 4, shuffle: true, seed: 1 });
    const res = await crossValidate(
      new Pipeline([
        ['dup', new Duplicate({ seed: 3 })],
        ['clf', new Spy()],
      ]),
      rows,
      noise.y,
      {
        cv,
        scoring: { acc: (c) => accuracy(c.yTrue, c.yPred()) },
      },
    );
    expect(seenIds.length).toBe(4);
    res.folds.forEach((f, k) => {
      for (const t of f.test) expect(seenIds[k]!.has(t)).toBe(false);
      expect(seenIds[k]!.size).toBe(f.train.length);
    });
  });
});
