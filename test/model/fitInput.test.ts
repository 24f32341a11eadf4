import { beforeAll, describe, expect, it } from 'vitest';
import type { BatchSource, Progress } from '../../src/core/batchSource.js';
import { DataValidationError, InvalidParameterError } from '../../src/core/errors.js';
import { uniqueSorted } from '../../src/core/labels.js';
import { Random } from '../../src/core/Random.js';
import { denseRowSource } from '../../src/core/rowSource.js';
import type { RowSource } from '../../src/core/rowSource.js';
import { MLPClassifier } from '../../src/mlp.js';
import type { MLPClassifierOptions } from '../../src/mlp.js';
import { stratifiedHoldout } from '../../src/core/stratify.js';
import { firstDifference } from '../../src/testing/index.js';
import { IndexOverSampler } from './indexOverSampler.js';

const FAST: MLPClassifierOptions = {
  hiddenLayers: [16],
  epochs: 3,
  batchSize: 16,
  learningRate: 3e-3,
  seed: 7,
  backend: 'cpu',
};

/** Imbalanced blobs: class c has about (c + 1)² · 8 rows. */
function data(seed: number): { X: number[][]; y: string[] } {
  const rng = new Random(seed);
  const X: number[][] = [];
  const y: string[] = [];
  for (const [c, n] of [8, 32, 72].entries()) {
    for (let i = 0; i < n; i++) {
      X.push([c + rng.normal(), 2 * c - rng.normal(), rng.normal(), c * rng.float()]);
      y.push(`k${c}`);
    }
  }
  return { X, y };
}

const toSource = (X: number[][]): RowSource => denseRowSource(Float32Array.from(X.flat()), X.length, 4);
const state = (m: MLPClassifier): unknown => {
  const s = m.toJSON().state as { history: Record<string, unknown>[] };
  return { ...s, history: s.history.map(({ seconds: _s, ...h }) => h) };
};

beforeAll(async () => {
  await MLPClassifier.ready('cpu');
});

describe('MLPClassifier.fit with a lazy sampler', () => {
  it('validates on exactly the original rows of the stratified hold-out; training never sees them', async () => {
    const { X, y } = data(1);
    for (const Xin of [X, toSource(X)]) {
      const sampler = new IndexOverSampler(4);
      const clf = new MLPClassifier({ ...FAST, validationFraction: 0.25 });
      await clf.fit(Xin, y, { sampler });
      // The hold-out fit() draws first from its generator, on the original labels.
      const classes = uniqueSorted(y);
      const split = stratifiedHoldout(y, 0.25, Random.from(FAST.seed), 't');
      expect(sampler.fittedRows).toEqual([split.train]);
      for (const v of split.validation) expect(sampler.yielded.has(v)).toBe(false);
      expect(clf.fitted.nValidation).toBe(split.validation.length);
      expect(clf.fitted.nTrain).toBe(3 * 54); // every class topped up to the largest training class
      // The last epoch's validation loss is the log loss of the final model on those original rows.
      const P = clf.predictProba(Array.from(split.validation, (i) => X[i] as number[]));
      let ll = 0;
      split.validation.forEach((r, i) => (ll -= Math.log(P.get(i, classes.indexOf(y[r] as string)))));
      expect(clf.history.at(-1)?.valLoss).toBeCloseTo(ll / split.validation.length, 5);
      clf.dispose();
    }
  });

  it('passes validationData through and fits the sampler on every row; forwards onProgress', async () => {
    const { X, y } = data(2);
    const sampler = new IndexOverSampler(1);
    const seen: Progress[] = [];
    const clf = new MLPClassifier({
      ...FAST,
      validationData: { X: toSource(X.slice(0, 20)), y: y.slice(0, 20) },
      earlyStopping: { patience: 5 },
      onProgress: (p) => void seen.push(p),
    });
    await clf.fit(X, y, { sampler });
    expect(sampler.fittedRows).toEqual([undefined]);
    expect(sampler.progressCalls).toBe(1);
    expect(clf.fitted.nValidation).toBe(20);
    const nBatches = Math.ceil((3 * 72) / 16);
    expect(seen[0]).toEqual({ phase: 'fit', done: 1, total: 1, unit: 'samplers' });
    const epochs = seen.filter((p) => p.phase === 'epoch');
    expect(epochs).toEqual([1, 2, 3].map((done) => ({ phase: 'epoch', done, total: 3, unit: 'epochs' })));
    const batches = seen.filter((p) => p.phase === 'batch');
    expect(batches.length).toBe(3 * nBatches);
    expect(batches[nBatches - 1]).toEqual({ phase: 'batch', done: nBatches, total: nBatches, unit: 'batches' });
    clf.dispose();
  });

  it('rejects unknown fit options (closest name), a sampler without fitStream, a stream that misfits', async () => {
    const { X, y } = data(3);
    const clf = new MLPClassifier(FAST);
    await expect(clf.fit(X, y, { samplr: new IndexOverSampler(1) } as never)).rejects.toThrow(
      /MLPClassifier\.fit: unknown option "samplr" — did you mean 'sampler'\?/,
    );
    await expect(clf.fit(X, y, { sampler: {} as never })).rejects.toThrow(InvalidParameterError);
    const narrow = { fitStream: () => ({ ...new IndexOverSampler(1).fitStream(toSource(X), y), nFeatures: 3 }) };
    await expect(clf.fit(X, y, { sampler: narrow })).rejects.toThrow(/has 3 features, expected 4/);
  });
});

describe('MLPClassifier.fit on a BatchSource', () => {
  it('same seed → bit-identical weights; classes and sizes come from the source', async () => {
    const { X, y } = data(4);
    const stream = new IndexOverSampler(3).fitStream(toSource(X), y);
    const a = await new MLPClassifier(FAST).fit(stream);
    const b = await new MLPClassifier(FAST).fit(stream);
    const c = await new MLPClassifier({ ...FAST, seed: 8 }).fit(stream);
    expect(firstDifference(state(a), state(b))).toBeUndefined();
    expect(firstDifference(state(a), state(c))).toBeDefined();
    expect(a.classes).toEqual(['k0', 'k1', 'k2']);
    expect(a.fitted.nTrain).toBe(3 * 72);
    expect(a.fitted.nFeaturesIn).toBe(4);
    expect(a.score(X, y)).toBeGreaterThan(0.6);
    for (const m of [a, b, c]) m.dispose();
  });

  it("'balanced' weighs the classes by the source's epochCounts; validation only from validationData", async () => {
    const { X, y } = data(5);
    const base = new IndexOverSampler(3).fitStream(toSource(X), y);
    const skewed: BatchSource = {
      ...base,
      batches: (e, b) => base.batches(e, b),
      epochCounts: new Map([
        ['k0', 36],
        ['k1', 72],
        ['k2', 108],
      ]),
    };
    const clf = await new MLPClassifier({ ...FAST, epochs: 1, classWeight: 'balanced' }).fit(skewed);
    expect([...clf.fitted.classWeight.values()]).toEqual([216 / (3 * 36), 216 / (3 * 72), 216 / (3 * 108)]);
    await expect(new MLPClassifier({ ...FAST, validationFraction: 0.2 }).fit(base)).rejects.toThrow(
      /validationFraction = 0\.2 cannot hold rows out of a BatchSource/,
    );
    const v = await new MLPClassifier({ ...FAST, epochs: 1, validationData: { X, y } }).fit(base);
    expect(v.history[0]?.valAccuracy).toBeGreaterThan(0);
    for (const m of [clf, v]) m.dispose();
  });

  it('rejects a batch whose labels or size do not fit', async () => {
    const { X, y } = data(6);
    const base = new IndexOverSampler(3).fitStream(toSource(X), y);
    const badLabels: BatchSource = {
      ...base,
      *batches() {
        yield { x: new Float32Array(8), y: Int32Array.of(0, 5), size: 2 };
      },
    };
    await expect(new MLPClassifier(FAST).fit(badLabels)).rejects.toThrow(DataValidationError);
    const single: BatchSource = { ...base, classes: ['k0'] };
    await expect(new MLPClassifier(FAST).fit(single)).rejects.toThrow(/single class/);
  });

  it('an error drawing a batch (drawn while the previous step computes) ends the fit with that error', async () => {
    const { X, y } = data(7);
    const base = new IndexOverSampler(3).fitStream(toSource(X), y);
    const failing: BatchSource = {
      ...base,
      *batches(e, b) {
        let n = 0;
        for (const batch of base.batches(e, b)) {
          if (e === 1 && ++n === 3) throw new RangeError('source broke');
          yield batch;
        }
      },
    };
    for (const threads of [1, 2]) {
      const clf = new MLPClassifier({ ...FAST, epochs: 2, threads });
      await expect(clf.fit(failing)).rejects.toThrow(/^source broke$/);
      // The kernel threads survive it: the same model fits the intact source afterwards.
      await clf.fit(base);
      expect(clf.score(X, y)).toBeGreaterThan(0.3);
      clf.dispose();
    }
  });
});

describe('MLPClassifier on RowSource input', () => {
  it('fit and predict on a RowSource equal the dense matrix input bit for bit', async () => {
    const { X, y } = data(7);
    const opts = { ...FAST, validationFraction: 0.2, dropout: 0.1 };
    const dense = await new MLPClassifier(opts).fit(X, y);
    // A lazy source that computes its rows on demand (here: the rows of X).
    const lazy: RowSource = {
      rows: X.length,
      columns: 4,
      gatherRows(indices, out) {
        for (let t = 0; t < indices.length; t++) out.set(X[indices[t] as number] as number[], t * 4);
      },
    };
    const fromSource = await new MLPClassifier(opts).fit(lazy, y);
    expect(firstDifference(state(dense), state(fromSource))).toBeUndefined();
    expect(firstDifference(dense.predictProba(lazy), dense.predictProba(X))).toBeUndefined();
    expect(dense.predict(toSource(X))).toEqual(dense.predict(X));
    expect(dense.score(lazy, y)).toBe(dense.score(X, y));
    expect(() => dense.predict(denseRowSource(new Float32Array(6), 2, 3))).toThrow(/has 3 columns/);
    for (const m of [dense, fromSource]) m.dispose();
  });
});
