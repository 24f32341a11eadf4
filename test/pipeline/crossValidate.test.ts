import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { InvalidParameterError } from '../../src/core/errors.js';
import type { Label } from '../../src/core/matrix.js';
import { Pipeline, StratifiedKFold, crossValidate } from '../../src/pipeline/index.js';
import type { FoldResult, ScoringContext } from '../../src/pipeline/index.js';
import { Center, Centroid, Duplicate, OneNN, accuracy, balancedAccuracy, blobs } from './standins.js';

interface Parity {
  X: number[][];
  y: string[];
  nSplits: number;
  scores: Record<string, number[]>;
  mean: Record<string, number>;
  std: Record<string, number>;
}
const fx = JSON.parse(readFileSync(new URL('../fixtures/pipeline/pipeline.json', import.meta.url), 'utf8')) as {
  cv_parity: Parity[];
};

const { X, y } = blobs([30, 12, 5], ['a', 'b', 'c'], 3, 2, 7);

describe('crossValidate vs scikit-learn cross_validate', () => {
  it('per-fold scores, mean and std of a nearest-centroid classifier agree to 1e-12', async () => {
    for (const c of fx.cv_parity) {
      const names = Object.keys(c.scores) as Array<
        'accuracy' | 'balancedAccuracy' | 'f1Macro' | 'f1Weighted' | 'recallMacro'
      >;
      const res = await crossValidate(new Centroid(), c.X, c.y, { cv: c.nSplits, scoring: names });
      for (const k of names) {
        res.folds.forEach((f, i) => expect(f.scores[k]).toBeCloseTo(c.scores[k]![i]!, 12));
        expect(res.mean[k]).toBeCloseTo(c.mean[k]!, 12);
        expect(res.std[k]).toBeCloseTo(c.std[k]!, 12);
      }
    }
  });
});

describe('crossValidate', () => {
  it('fits a fresh clone per fold and leaves the estimator untouched', async () => {
    const pipe = new Pipeline([
      ['center', new Center()],
      ['dup', new Duplicate({ seed: 1 })],
      ['clf', new OneNN()],
    ]);
    const seen: FoldResult<Pipeline>[] = [];
    const res = await crossValidate(pipe, X, y, {
      cv: new StratifiedKFold({ nSplits: 3, shuffle: true, seed: 2 }),
      scoring: ['accuracy', 'balancedAccuracy'],
      returnEstimators: true,
      onFold: (f, total) => {
        expect(total).toBe(3);
        seen.push(f);
      },
    });
    expect(() => pipe.predict(X)).toThrow(/fit has not been called/);
    expect(res.folds.length).toBe(3);
    expect(seen).toEqual(res.folds);
    const ests = res.folds.map((f) => f.estimator as Pipeline);
    expect(new Set(ests).size).toBe(3);
    for (const f of res.folds) {
      const est = f.estimator as Pipeline;
      // Each fold's pipeline was fitted on that fold's training rows only (after duplication: 3 × majority).
      expect(est.fitted.nSamplesIn).toBe(f.train.length);
      const yTe = Array.from(f.test, (i) => y[i] as Label);
      const pred = est.predict(Array.from(f.test, (i) => X[i] as number[]));
      expect(f.scores.accuracy).toBe(accuracy(yTe, pred));
      expect(f.scores.balancedAccuracy).toBeCloseTo(balancedAccuracy(yTe, pred), 14);
      expect(f.fitSeconds).toBeGreaterThanOrEqual(0);
      expect(f.scoreSeconds).toBeGreaterThanOrEqual(0);
    }
    const acc = res.folds.map((f) => f.scores.accuracy as number);
    const m = acc.reduce((a, b) => a + b) / 3;
    expect(res.mean.accuracy).toBeCloseTo(m, 14);
    expect(res.std.accuracy).toBeCloseTo(Math.sqrt(acc.reduce((a, b) => a + (b - m) ** 2, 0) / 3), 14);
    expect(res.labels).toEqual(['a', 'b', 'c']);
  });

  it('scores with the labels of the whole y and aligns probabilities when a fold lacks a class', async () => {
    // Fold 0 trains without class 'c' and tests on rows that include it.
    const cIdx = y.map((l, i) => (l === 'c' ? i : -1)).filter((i) => i >= 0);
    const aIdx = y.map((l, i) => (l === 'a' ? i : -1)).filter((i) => i >= 0);
    const bIdx = y.map((l, i) => (l === 'b' ? i : -1)).filter((i) => i >= 0);
    const test0 = [...cIdx, ...aIdx.slice(0, 5), ...bIdx.slice(0, 5)];
    const train0 = [...aIdx.slice(5), ...bIdx.slice(5)];
    const contexts: Array<{ labels: Label[]; proba: number[][]; classes: Label[] }> = [];
    const res = await crossValidate(new Centroid(), X, y, {
      cv: [
        { train: train0, test: test0 },
        {
          train: [...aIdx.slice(0, 20), ...bIdx.slice(0, 8), ...cIdx.slice(0, 3)],
          test: [...aIdx.slice(20), ...bIdx.slice(8), ...cIdx.slice(3)],
        },
      ],
      scoring: {
        probe: (ctx: ScoringContext) => {
          contexts.push({
            labels: ctx.labels,
            proba: ctx.proba().to2DArray(),
            classes: (ctx.estimator as Centroid).classes,
          });
          return 0;
        },
        f1Macro: 'f1Macro',
        rocAucOvr: 'rocAucOvr',
        logLoss: 'logLoss',
      },
    });
    expect(contexts[0]!.labels).toEqual(['a', 'b', 'c']);
    expect(contexts[0]!.classes).toEqual(['a', 'b']);
    expect(contexts[0]!.proba.every((r) => r.length === 3 && r[2] === 0)).toBe(true);
    expect(Number.isFinite(res.folds[0]!.scores.f1Macro)).toBe(true);
    expect(Number.isFinite(res.folds[0]!.scores.rocAucOvr)).toBe(true);
    expect(res.folds[1]!.scores.logLoss).toBeGreaterThan(0);
  });

  it('binary probability scorers use P(labels[1])', async () => {
    const bin = blobs([40, 12], ['neg', 'pos'], 2, 1.5, 3);
    const res = await crossValidate(new Centroid(), bin.X, bin.y, {
      cv: 3,
      scoring: ['rocAuc', 'rocAucOvr', 'averagePrecision', 'f1', 'recall'],
    });
    for (const f of res.folds) {
      expect(f.scores.rocAuc).toBe(f.scores.rocAucOvr);
      expect(f.scores.rocAuc).toBeGreaterThan(0.5);
    }
    await expect(crossValidate(new Centroid(), X, y, { cv: 3, scoring: 'rocAuc' })).rejects.toThrow(/two classes/);
  });

  it('rejects unknown scorers, bad folds and unclonable estimators before fitting', async () => {
    let fits = 0;
    class Counting extends Centroid {
      override async fit(Xf: number[][] | Matrix, yf: ReadonlyArray<Label>): Promise<this> {
        fits++;
        return super.fit(Xf, yf);
      }
    }
    await expect(crossValidate(new Counting(), X, y, { scoring: 'nope' as never })).rejects.toThrow(
      InvalidParameterError,
    );
    await expect(crossValidate(new Counting(), X, y, { cv: [{ train: [0, 1], test: [999] }] })).rejects.toThrow(
      InvalidParameterError,
    );
    await expect(crossValidate(new Counting(), X, y, { cv: 'five' as never })).rejects.toThrow(InvalidParameterError);
    await expect(crossValidate({ fit: async () => {}, predict: () => [] }, X, y)).rejects.toThrow(/clone/);
    await expect(crossValidate(new Counting(), X, y.slice(1))).rejects.toThrow(/labels but X has/);
    await expect(crossValidate(new Counting(), X, y, { returnEstimator: true } as never)).rejects.toThrow(
      /^crossValidate: unknown option "returnEstimator" — did you mean 'returnEstimators'\?/,
    );
    await expect(crossValidate(new Counting(), X, y, { returnEstimators: 1 as never })).rejects.toThrow(
      InvalidParameterError,
    );
    await expect(crossValidate(new Counting(), X, y, { onFold: 'log' as never })).rejects.toThrow(
      InvalidParameterError,
    );
    expect(fits).toBe(0);
  });

  it('accepts a Matrix and disposes fold estimators it does not return', async () => {
    let disposed = 0;
    class Disposable extends Centroid {
      dispose(): void {
        disposed++;
      }
    }
    const res = await crossValidate(new Pipeline([['clf', new Disposable()]]), new Matrix(X), y, { cv: 4 });
    expect(res.folds.length).toBe(4);
    expect(disposed).toBe(4);
    expect(res.folds[0]!.estimator).toBeUndefined();
    // A fold that fails to fit is disposed too, and the error is passed through.
    disposed = 0;
    class Failing extends Disposable {
      override async fit(): Promise<this> {
        throw new Error('boom');
      }
    }
    await expect(crossValidate(new Failing(), X, y, { cv: 3, returnEstimators: true })).rejects.toThrow('boom');
    expect(disposed).toBe(1);
  });
});

describe('crossValidate: scorer names are data', () => {
  it('a scoring object parsed from JSON keeps "__proto__", "constructor", "toString" … as own keys', async () => {
    const scoring = JSON.parse(
      '{"__proto__":"accuracy","constructor":"f1Macro","toString":"balancedAccuracy",' +
        '"hasOwnProperty":"recallMacro","valueOf":"precisionMacro"}',
    );
    const res = await crossValidate(new Centroid(), X, y, { cv: 3, scoring });
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
    for (const obj of [res.mean, res.std, ...res.folds.map((f) => f.scores)]) {
      expect(Object.keys(obj)).toEqual(names);
      for (const k of names) expect(typeof Object.getOwnPropertyDescriptor(obj, k)?.value).toBe('number');
      expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
    }
    const plain = await crossValidate(new Centroid(), X, y, { cv: 3, scoring: ['accuracy'] });
    expect(Object.getOwnPropertyDescriptor(res.mean, '__proto__')?.value).toBe(plain.mean.accuracy);
  });

  it('a scorer name that is an Object.prototype member is not a built-in scorer', async () => {
    await expect(crossValidate(new Centroid(), X, y, { scoring: 'toString' as never })).rejects.toThrow(
      /unknown scorer "toString"/,
    );
    await expect(crossValidate(new Centroid(), X, y, { scoring: { a: 'constructor' as never } })).rejects.toThrow(
      InvalidParameterError,
    );
  });

  it('a custom scorer must return a number', async () => {
    const scoring = { bad: () => 'high' as unknown as number };
    await expect(crossValidate(new Centroid(), X, y, { cv: 3, scoring })).rejects.toThrow(
      /scorer "bad" returned "high" on fold 0; a scorer returns a number/,
    );
  });
});

describe('crossValidate: labels', () => {
  it('refuses a class listed twice (its probability column would be ambiguous)', async () => {
    await expect(crossValidate(new Centroid(), X, y, { labels: ['a', 'b', 'a', 'c'] })).rejects.toThrow(
      /labels\[2\] must be a label not already in the list/,
    );
  });
});
