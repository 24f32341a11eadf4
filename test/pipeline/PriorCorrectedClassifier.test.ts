import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import {
  InvalidParameterError,
  NotFittedError,
  Pipeline,
  PriorCorrectedClassifier,
  RandomOverSampler,
  SerializationError,
  SMOTE,
  Scaler,
  balancedAccuracyScore,
} from '../../src/index.js';
import { Random } from '../../src/core/Random.js';
import type { Envelope, Label } from '../../src/index.js';
import { MLPClassifier } from '../../src/mlp.js';

/** A stand-in whose probabilities are its input rows: the rule is tested on known numbers. */
class Echo {
  classes: Label[] = [];
  fits = 0;
  fit(_X: ReadonlyArray<ReadonlyArray<number>>, y: ReadonlyArray<Label>): this {
    this.classes = [...new Set(y)].sort();
    this.fits++;
    return this;
  }
  predictProba(X: ReadonlyArray<ReadonlyArray<number>> | Matrix): Matrix {
    return X instanceof Matrix ? X.clone() : new Matrix(X.map((r) => [...r]));
  }
  predict(X: ReadonlyArray<ReadonlyArray<number>>): Label[] {
    return X.map((r) => this.classes[r.indexOf(Math.max(...r))] as Label);
  }
  toJSON(): Envelope {
    return { format: 'imbalanced-tabular/Echo', version: 1, params: {}, state: { classes: this.classes } };
  }
  static fromJSON(json: Envelope): Echo {
    const e = new Echo();
    e.classes = (json.state as { classes: Label[] }).classes;
    return e;
  }
}

// 80 'a', 20 'b'. Rows of 'b' have p(b) 0.4 (below p(a)): the plain argmax never predicts 'b'.
const X: number[][] = [];
const y: string[] = [];
for (let i = 0; i < 100; i++) {
  const b = i >= 80;
  X.push(b ? [0.6, 0.4] : [0.95 - (i % 4) * 0.02, 0.05 + (i % 4) * 0.02]);
  y.push(b ? 'b' : 'a');
}

describe('PriorCorrectedClassifier', () => {
  it('divides by prior^alpha, the priors of the labels it was trained on', async () => {
    const plain = await new PriorCorrectedClassifier(new Echo(), { alpha: 0 }).fit(X, y);
    expect(plain.predict(X).filter((p) => p === 'b')).toHaveLength(0);
    const clf = await new PriorCorrectedClassifier(new Echo(), { alpha: 1 }).fit(X, y);
    expect(clf.fitted.priors).toEqual([0.8, 0.2]);
    expect(clf.fitted.offsets).toEqual([0, 0]);
    // 'b' rows: 0.6 / 0.8 = 0.75 < 0.4 / 0.2 = 2, so 'b'.
    expect(clf.predict(X)).toEqual(y);
    expect(clf.predictProba(X).to2DArray()).toEqual(X);
    expect(clf.decide(new Matrix([[0.5, 0.5]]))).toEqual(['b']);
  });

  it('tunes alpha on a stratified hold-out to maximise the metric', async () => {
    const clf = new PriorCorrectedClassifier(new Echo(), { tune: { seed: 3 } });
    await clf.fit(X, y);
    expect(clf.fitted.nValidation).toBe(10);
    expect(clf.fitted.validationScore).toBe(1);
    // 0.6 / 0.8^α < 0.4 / 0.2^α ⇔ α > log(1.5) / log(4) ≈ 0.29: the smallest grid α that wins.
    expect(clf.fitted.alpha).toBe(0.3);
    expect(balancedAccuracyScore(y, clf.predict(X))).toBe(1);
    const offsets = await new PriorCorrectedClassifier(new Echo(), {
      tune: { search: 'offsets', metric: 'macroF1' },
    }).fit(X, y);
    expect(offsets.fitted.validationScore).toBe(1);
  });

  it('takes the priors of a lazy sampler’s epochs and round-trips through the pipeline JSON', async () => {
    const Xn: number[][] = [];
    const yn: string[] = [];
    for (let i = 0; i < 90; i++) {
      const c = i < 60 ? 'a' : i < 80 ? 'b' : 'c';
      const o = c === 'a' ? 0 : c === 'b' ? 2 : 4;
      Xn.push([o + ((i * 7) % 11) / 11, ((i * 5) % 13) / 13 - o, (i % 3) / 3]);
      yn.push(c);
    }
    const mlp = new MLPClassifier({ hiddenLayers: [8], epochs: 2, batchSize: 16, seed: 1, validationFraction: 0.2 });
    const rule = new PriorCorrectedClassifier(mlp, { tune: { search: 'offsets' } });
    expect(rule.acceptsLazySampler).toBe(true);
    const pipe = new Pipeline(
      [
        ['scale', new Scaler()],
        ['smote', new SMOTE({ kNeighbors: 3, seed: 2 })],
        ['rule', rule],
      ],
      { resampling: 'lazy' },
    );
    await pipe.fit(Xn, yn);
    // SMOTE balances the epochs: the priors are uniform, not the 60 / 20 / 10 of the input.
    for (const p of rule.fitted.priors) expect(p).toBeCloseTo(1 / 3, 1);
    expect(pipe.classes).toEqual(['a', 'b', 'c']);
    const json = JSON.parse(JSON.stringify(pipe.toJSON()));
    const again = Pipeline.fromJSON(json, { Scaler, SMOTE, MLPClassifier, PriorCorrectedClassifier });
    expect(again.predict(Xn)).toEqual(pipe.predict(Xn));
    expect(again.named<PriorCorrectedClassifier>('rule').fitted).toEqual(rule.fitted);
    pipe.dispose();
    again.dispose();
  });

  it('with an eager sampler the priors are those of the resampled labels', async () => {
    const rule = new PriorCorrectedClassifier(new Echo());
    const pipe = new Pipeline([
      ['ros', new RandomOverSampler({ seed: 1 })],
      ['rule', rule],
    ]);
    await pipe.fit(X, y);
    expect(rule.fitted.priors).toEqual([0.5, 0.5]);
  });

  it('validates options, unknown keys included', () => {
    expect(() => new PriorCorrectedClassifier(new Echo(), { alhpa: 1 } as never)).toThrow(/did you mean 'alpha'/);
    expect(() => new PriorCorrectedClassifier(new Echo(), { tune: { metrc: 'x' } } as never)).toThrow(
      /did you mean 'metric'/,
    );
    expect(() => new PriorCorrectedClassifier(new Echo(), { alpha: 3 })).toThrow(InvalidParameterError);
    expect(() => new PriorCorrectedClassifier(new Echo(), { tune: { metric: 'auc' as never } })).toThrow(
      InvalidParameterError,
    );
    expect(() => new PriorCorrectedClassifier({} as never)).toThrow(InvalidParameterError);
    expect(() => new PriorCorrectedClassifier(new Echo()).fitted).toThrow(NotFittedError);
  });

  it('fromJSON checks every field and names its path', async () => {
    const clf = await new PriorCorrectedClassifier(new Echo(), { tune: {} }).fit(X, y);
    const good = JSON.parse(JSON.stringify(clf.toJSON()));
    const again = PriorCorrectedClassifier.fromJSON(good, { Echo });
    expect(again.fitted).toEqual(clf.fitted);
    expect(again.predict(X)).toEqual(clf.predict(X));
    // biome-ignore lint/suspicious/noExplicitAny: the edits reach into arbitrary JSON
    const bad = (edit: (j: any) => void, path: string) => {
      const j = structuredClone(good);
      edit(j);
      try {
        PriorCorrectedClassifier.fromJSON(j, { Echo });
      } catch (e) {
        expect(e).toBeInstanceOf(SerializationError);
        expect((e as SerializationError).path).toBe(path);
        return;
      }
      throw new Error(`no error for ${path}`);
    };
    bad((j) => (j.params.alpha = -1), 'params.alpha');
    bad((j) => (j.params.tune.metric = 'auc'), 'params.tune.metric');
    bad((j) => (j.params.tune.seed = 0.5), 'params.tune.seed');
    bad((j) => (j.state.priors = [0.5]), 'state.priors');
    bad((j) => (j.state.priors[0] = 2), 'state.priors[0]');
    bad((j) => (j.state.offsets[1] = 'x'), 'state.offsets[1]');
    bad((j) => (j.state.classes = ['b', 'a']), 'state.classes[1]');
    bad((j) => (j.state.classes = ['a', 'c']), 'state.classes');
    bad((j) => (j.state.nValidation = -1), 'state.nValidation');
    // a tuned rule records its validation rows and score; an untuned one neither
    bad((j) => (j.state.validationScore = null), 'state.validationScore');
    bad((j) => (j.state.nValidation = 0), 'state.validationScore');
    bad((j) => delete j.state.alpha, 'state.alpha');
    bad((j) => (j.params.classifier.format = 'imbalanced-tabular/Nope'), 'params.classifier.format');
    expect(() => PriorCorrectedClassifier.fromJSON(good, {})).toThrow(/no Echo was passed/);
  });

  it("search 'linear' on out-of-fold probabilities: the balanced logistic optimum, applied by decide", async () => {
    // Three classes whose probabilities are miscalibrated: 'c' (10 rows) is always scored low.
    const rng = new Random(3);
    const P: number[][] = [];
    const yy: string[] = [];
    const counts = { a: 120, b: 40, c: 10 };
    for (const [label, count] of Object.entries(counts)) {
      for (let i = 0; i < count; i++) {
        const z = [rng.normal(), rng.normal(), rng.normal() - 2];
        z[label.charCodeAt(0) - 97]! += 1.5;
        const e = z.map(Math.exp);
        const sum = e.reduce((s, v) => s + v, 0);
        P.push(e.map((v) => v / sum));
        yy.push(label);
      }
    }
    const oof = new Matrix(P);
    /** Echo with out-of-fold probabilities (those of the rows fitted); loadable under Echo's name. */
    class OofEcho extends Echo {
      outOfFoldProba(): Matrix {
        return oof;
      }
      static override fromJSON(json: Envelope): OofEcho {
        return Object.assign(new OofEcho(), { classes: Echo.fromJSON(json).classes });
      }
    }
    const echo = new OofEcho();
    const clf = await new PriorCorrectedClassifier(echo, {
      tune: { search: 'linear', validation: 'outOfFold' },
    }).fit(P, yy);
    const f = clf.fitted;
    expect(echo.fits).toBe(1);
    expect(f.nValidation).toBe(170);
    expect(f.alpha).toBe(0);
    const W = f.weights as number[][];
    expect(W).toHaveLength(3);
    // The objective written out independently: no coordinate step improves it (convex → optimum).
    const classes = ['a', 'b', 'c'];
    const w = classes.map((c) => 170 / (3 * counts[c as 'a']));
    const objective = (Wm: number[][], b: number[]): number => {
      let loss = 0;
      let wSum = 0;
      P.forEach((p, i) => {
        const x = p.map((v) => Math.max(Math.log(v), Math.log(1e-7)));
        const z = Wm.map((row, c) => row.reduce((s, v, j) => s + v * (x[j] as number), b[c] as number));
        const m = Math.max(...z);
        const lse = m + Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0));
        const yi = classes.indexOf(yy[i] as string);
        loss += (w[yi] as number) * (lse - (z[yi] as number));
        wSum += w[yi] as number;
      });
      let pen = 0;
      Wm.forEach((row, c) => row.forEach((v, j) => (pen += 0.5e-3 * (v - (c === j ? 1 : 0)) ** 2)));
      b.forEach((v) => (pen += 0.5e-6 * v * v));
      return loss / wSum + pen;
    };
    const b = [...f.offsets];
    const best = objective(W, b);
    for (let q = 0; q < 12; q++) {
      for (const h of [1e-3, -1e-3]) {
        const W2 = W.map((r) => [...r]);
        const b2 = [...b];
        if (q < 9) W2[Math.floor(q / 3)]![q % 3]! += h;
        else b2[q - 9]! += h;
        expect(objective(W2, b2)).toBeGreaterThanOrEqual(best - 1e-12);
      }
    }
    // decide is the argmax of W·log p + b, and it recalls 'c' where the plain argmax does not
    const expected = P.map((p) => {
      const x = p.map((v) => Math.max(Math.log(v), Math.log(1e-7)));
      const z = W.map((row, c) => row.reduce((s, v, j) => s + v * (x[j] as number), b[c] as number));
      return classes[z.indexOf(Math.max(...z))];
    });
    expect(clf.decide(oof)).toEqual(expected);
    const plain = await new PriorCorrectedClassifier(new Echo(), { alpha: 0 }).fit(P, yy);
    expect(balancedAccuracyScore(yy, clf.predict(P))).toBeGreaterThan(
      balancedAccuracyScore(yy, plain.predict(P)) + 0.1,
    );
    expect(f.validationScore).toBeCloseTo(balancedAccuracyScore(yy, clf.predict(P)), 12);
    // saved and loaded: the same rule
    const back = PriorCorrectedClassifier.fromJSON(JSON.parse(JSON.stringify(clf.toJSON())), { Echo: OofEcho });
    expect(back.fitted.weights).toEqual(f.weights);
    expect(back.params.tune?.validation).toBe('outOfFold');
    expect(back.predict(P)).toEqual(clf.predict(P));
    const j = JSON.parse(JSON.stringify(clf.toJSON()));
    j.state.weights[1] = [1, 'x', 0];
    expect(() => PriorCorrectedClassifier.fromJSON(j, { Echo: OofEcho })).toThrow(/state\.weights\[1\]/);
    j.state.weights = [[1, 0, 0]];
    expect(() => PriorCorrectedClassifier.fromJSON(j, { Echo: OofEcho })).toThrow(/state\.weights/);
  });

  it("validation 'outOfFold' needs a classifier with outOfFoldProba of the right shape", async () => {
    expect(() => new PriorCorrectedClassifier(new Echo(), { tune: { validation: 'outOfFold' } })).toThrow(
      /outOfFoldProba/,
    );
    expect(() => new PriorCorrectedClassifier(new Echo(), { tune: { validation: 'cv' as never } })).toThrow(
      InvalidParameterError,
    );
    const short = new (class extends Echo {
      outOfFoldProba(): Matrix {
        return new Matrix(X.slice(1));
      }
    })();
    await expect(new PriorCorrectedClassifier(short, { tune: { validation: 'outOfFold' } }).fit(X, y)).rejects.toThrow(
      /out-of-fold probabilities of 100 rows × 2 classes/,
    );
  });

  it('fromJSON refuses a validation score on an untuned rule', async () => {
    const clf = await new PriorCorrectedClassifier(new Echo()).fit(X, y);
    const j = JSON.parse(JSON.stringify(clf.toJSON()));
    expect(j.state.nValidation).toBe(0);
    j.state.validationScore = 0.5;
    expect(() => PriorCorrectedClassifier.fromJSON(j, { Echo })).toThrow(/state\.validationScore must be null/);
  });
});
