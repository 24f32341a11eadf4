import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import {
  DataValidationError,
  InvalidParameterError,
  NotFittedError,
  SerializationError,
} from '../../src/core/errors.js';
import type { Label, MatrixInput } from '../../src/core/matrix.js';
import { Random } from '../../src/core/Random.js';
import { type Envelope, makeEnvelope, openEnvelope } from '../../src/core/serialization.js';
import { crossValidate, EnsembleClassifier, Pipeline } from '../../src/pipeline/index.js';
import { Scaler } from '../../src/preprocessing/index.js';
import { blobs } from './standins.js';

const rowsOf = (X: MatrixInput): number[][] =>
  Matrix.isMatrix(X) ? (X as Matrix).to2DArray() : (X as number[][]).map((r) => [...r]);

interface NoisyState {
  classes: Label[];
  centroids: number[][];
  seen: Array<[Label, number]>;
  rows: number;
}

/** Nearest centroid, each centroid moved by seeded noise: members with other seeds differ. */
class NoisyCentroid {
  readonly params: Readonly<{ seed: number | undefined; noise: number }>;
  state: NoisyState | undefined;
  constructor(options: { seed?: number; noise?: number } = {}) {
    this.params = Object.freeze({ seed: options.seed, noise: options.noise ?? 0.5 });
  }
  get classes(): Label[] {
    if (!this.state) throw new NotFittedError('NoisyCentroid', 'classes');
    return this.state.classes;
  }
  async fit(X: MatrixInput, y: ReadonlyArray<Label>): Promise<this> {
    const rows = rowsOf(X);
    const classes = [...new Set(y)].sort();
    const rng = new Random(this.params.seed ?? 0);
    const centroids = classes.map((c) => {
      const m = rows.filter((_, i) => y[i] === c);
      return (m[0] as number[]).map(
        (_, j) => m.reduce((s, r) => s + (r[j] as number), 0) / m.length + this.params.noise * rng.normal(),
      );
    });
    const seen = classes.map((c): [Label, number] => [c, y.filter((l) => l === c).length]);
    this.state = { classes, centroids, seen, rows: rows.length };
    return this;
  }
  predictProba(X: MatrixInput): Matrix {
    if (!this.state) throw new NotFittedError('NoisyCentroid', 'predictProba');
    const { centroids } = this.state;
    return new Matrix(
      rowsOf(X).map((row) => {
        const s = centroids.map((c) => Math.exp(-Math.hypot(...c.map((v, j) => v - (row[j] as number)))));
        const z = s.reduce((a, b) => a + b, 0);
        return s.map((v) => v / z);
      }),
    );
  }
  predict(X: MatrixInput): Label[] {
    return this.predictProba(X)
      .to2DArray()
      .map((r) => this.classes[r.indexOf(Math.max(...r))] as Label);
  }
  toJSON(): Envelope {
    return makeEnvelope(
      'NoisyCentroid',
      1,
      { seed: this.params.seed ?? null, noise: this.params.noise },
      this.state ?? null,
    );
  }
  static fromJSON(json: unknown): NoisyCentroid {
    const env = openEnvelope<{ seed: number | null; noise: number }, NoisyState | null>(json, 'NoisyCentroid', 1);
    const c = new NoisyCentroid({
      noise: env.params.noise,
      ...(env.params.seed === null ? {} : { seed: env.params.seed }),
    });
    if (env.state) c.state = env.state;
    return c;
  }
}

const { X, y } = blobs([30, 12, 6], ['a', 'b', 'c'], 2, 1.5, 3);
const Xtest = blobs([5, 5, 5], ['a', 'b', 'c'], 2, 1.5, 4).X;

describe('EnsembleClassifier', () => {
  it('averages the members’ probabilities; predict is the argmax', async () => {
    const ens = await new EnsembleClassifier({ estimator: new NoisyCentroid(), nEstimators: 4, seed: 1 }).fit(X, y);
    const { members } = ens.fitted;
    expect(members).toHaveLength(4);
    const mean = members
      .map((m) => m.predictProba(Xtest))
      .reduce((a, b) => a.clone().add(b))
      .div(4);
    const P = ens.predictProba(Xtest);
    expect(P.to2DArray()).toEqual(mean.to2DArray());
    expect(ens.classes).toEqual(['a', 'b', 'c']);
    const pred = ens.predict(Xtest);
    P.to2DArray().forEach((r, i) => expect(pred[i]).toBe(['a', 'b', 'c'][r.indexOf(Math.max(...r))]));
  });

  it('same seed → same result; other seeds → other members; no seed → one drawn and recorded', async () => {
    const make = (seed?: number) =>
      new EnsembleClassifier({
        estimator: new NoisyCentroid(),
        nEstimators: 3,
        ...(seed === undefined ? {} : { seed }),
      });
    const a = await make(7).fit(X, y);
    const b = await make(7).fit(X, y);
    const c = await make(8).fit(X, y);
    expect(a.predictProba(Xtest).to2DArray()).toEqual(b.predictProba(Xtest).to2DArray());
    expect(a.predictProba(Xtest).to2DArray()).not.toEqual(c.predictProba(Xtest).to2DArray());
    expect(new Set(a.fitted.seeds).size).toBe(3);
    expect(a.fitted.members.map((m) => m.params.seed)).toEqual(a.fitted.seeds);
    const free = await make().fit(X, y);
    const replay = await make(free.fitted.seed).fit(X, y);
    expect(replay.predictProba(Xtest).to2DArray()).toEqual(free.predictProba(Xtest).to2DArray());
  });

  it('seeds fixes the members’ seeds; a factory builds members', async () => {
    const ens = await new EnsembleClassifier({ estimator: new NoisyCentroid({ noise: 0.1 }), seeds: [3, 1, 4] }).fit(
      X,
      y,
    );
    expect(ens.params.nEstimators).toBe(3);
    expect(ens.fitted.members.map((m) => [m.params.seed, m.params.noise])).toEqual([
      [3, 0.1],
      [1, 0.1],
      [4, 0.1],
    ]);
    const calls: Array<[number, number]> = [];
    const byFactory = await new EnsembleClassifier({
      estimator: (seed, i) => {
        calls.push([seed, i]);
        return new NoisyCentroid({ seed, noise: 0.1 });
      },
      seeds: [3, 1, 4],
    }).fit(X, y);
    expect(calls).toEqual([
      [3, 0],
      [1, 1],
      [4, 2],
    ]);
    expect(byFactory.predictProba(Xtest).to2DArray()).toEqual(ens.predictProba(Xtest).to2DArray());
  });

  it('bootstrap: each member trains on its own sample with every class at its count', async () => {
    const ens = await new EnsembleClassifier({
      estimator: new NoisyCentroid(),
      nEstimators: 3,
      bootstrap: true,
      seed: 2,
    }).fit(X, y);
    const states = ens.fitted.members.map((m) => m.state as NoisyState);
    for (const s of states) {
      expect(s.seen).toEqual([
        ['a', 30],
        ['b', 12],
        ['c', 6],
      ]);
      expect(s.rows).toBe(48);
    }
    const plain = await new EnsembleClassifier({ estimator: new NoisyCentroid(), nEstimators: 3, seed: 2 }).fit(X, y);
    expect(plain.fitted.seeds).toEqual(ens.fitted.seeds);
    // same seeds, other rows: the centroids moved
    const plainState = plain.fitted.members[0]?.state as NoisyState;
    expect(states[0]?.centroids).not.toEqual(plainState.centroids);
  });

  it('crossFit: member i trains without stratified fold i mod k; out-of-fold rows from the others', async () => {
    // X's first column is the row index, so a member's training rows are read back from its fit.
    const Xi = X.map((r, i) => [i, ...(r as number[])]);
    const trained: number[][] = [];
    class Recording extends NoisyCentroid {
      override async fit(Xf: MatrixInput, yf: ReadonlyArray<Label>): Promise<this> {
        trained.push(rowsOf(Xf).map((r) => r[0] as number));
        return super.fit(Xf, yf);
      }
    }
    const ens = await new EnsembleClassifier({
      estimator: (s) => new Recording({ seed: s }),
      nEstimators: 6,
      crossFit: 3,
      seed: 4,
    }).fit(Xi, y);
    expect(trained).toHaveLength(6);
    const n = Xi.length;
    const heldOut = trained.map((rows) => Array.from({ length: n }, (_, i) => i).filter((i) => !rows.includes(i)));
    for (let f = 0; f < 3; f++) {
      // members f and f + 3 share fold f; the three folds cover every row once, each class split evenly
      expect(heldOut[f + 3]).toEqual(heldOut[f]);
      for (const c of ['a', 'b', 'c']) {
        const count = heldOut[f]!.filter((i) => y[i] === c).length;
        expect(count).toBe(y.filter((l) => l === c).length / 3);
      }
    }
    expect(
      heldOut
        .slice(0, 3)
        .flat()
        .sort((a, b) => a - b),
    ).toEqual(Array.from({ length: n }, (_, i) => i));
    const oof = ens.outOfFoldProba();
    expect([oof.rows, oof.columns]).toEqual([n, 3]);
    const members = ens.fitted.members;
    for (let f = 0; f < 3; f++) {
      const rows = heldOut[f]!.map((i) => Xi[i] as number[]);
      const mean = members[f]!.predictProba(rows)
        .add(members[f + 3]!.predictProba(rows))
        .div(2);
      heldOut[f]!.forEach((row, r) => {
        for (let j = 0; j < 3; j++) expect(oof.get(row, j)).toBeCloseTo(mean.get(r, j), 12);
      });
    }
    // nEstimators defaults to crossFit; the JSON keeps crossFit, not the out-of-fold probabilities
    const small = await new EnsembleClassifier({ estimator: new NoisyCentroid(), crossFit: 2, seed: 1 }).fit(X, y);
    expect(small.fitted.members).toHaveLength(2);
    const back = EnsembleClassifier.fromJSON(JSON.parse(JSON.stringify(small.toJSON())), { NoisyCentroid });
    expect(back.params.crossFit).toBe(2);
    expect(back.predictProba(Xtest).to2DArray()).toEqual(small.predictProba(Xtest).to2DArray());
    expect(() => back.outOfFoldProba()).toThrow(/loaded from JSON/);
    const tampered = JSON.parse(JSON.stringify(small.toJSON()));
    tampered.params.crossFit = 3;
    expect(() => EnsembleClassifier.fromJSON(tampered, { NoisyCentroid })).toThrow(/params\.crossFit/);
    expect(back.clone().params.crossFit).toBe(2);
    const plain = await new EnsembleClassifier({ estimator: new NoisyCentroid(), nEstimators: 2, seed: 1 }).fit(X, y);
    expect(() => plain.outOfFoldProba()).toThrow(InvalidParameterError);
    expect(() => new EnsembleClassifier({ estimator: new NoisyCentroid(), crossFit: 2 }).outOfFoldProba()).toThrow(
      NotFittedError,
    );
  });

  it('crossFit: refuses 1 fold, a member count that is not a multiple, and bootstrap', () => {
    const estimator = new NoisyCentroid();
    expect(() => new EnsembleClassifier({ estimator, crossFit: 1 })).toThrow(/crossFit/);
    expect(() => new EnsembleClassifier({ estimator, crossFit: 2.5 })).toThrow(/crossFit/);
    expect(() => new EnsembleClassifier({ estimator, crossFit: 3, nEstimators: 4 })).toThrow(/multiple of crossFit/);
    expect(() => new EnsembleClassifier({ estimator, crossFit: 3, bootstrap: true })).toThrow(
      /crossFit and bootstrap exclude each other/,
    );
    expect(new EnsembleClassifier({ estimator, crossFit: null }).params.crossFit).toBeNull();
    const lone = [...y.slice(0, -1), 'd'];
    return expect(new EnsembleClassifier({ estimator, crossFit: 3 }).fit(X, lone)).rejects.toThrow(
      /class "d" has a single row; with crossFit/,
    );
  });

  it('refuses unknown options with the closest name, and bad values', () => {
    const estimator = new NoisyCentroid();
    expect(() => new EnsembleClassifier({ estimator, n_estimators: 3 } as never)).toThrow(
      /EnsembleClassifier: unknown option "n_estimators" — did you mean 'nEstimators'\?/,
    );
    expect(() => new EnsembleClassifier({ estimator, nEstimators: 0 })).toThrow(/nEstimators must be an integer/);
    expect(() => new EnsembleClassifier({ estimator, seeds: [1, 2], seed: 1 })).toThrow(/seeds or seed, not both/);
    expect(() => new EnsembleClassifier({ estimator, seeds: [1, 2], nEstimators: 3 })).toThrow(
      /nEstimators must be 2 \(the length of seeds\)/,
    );
    expect(() => new EnsembleClassifier({ estimator, seeds: [1, -2] })).toThrow(/seeds\[1\] must be an integer/);
    expect(() => new EnsembleClassifier({ estimator, bootstrap: 'yes' } as never)).toThrow(
      /bootstrap must be true or false/,
    );
    expect(() => new EnsembleClassifier({ estimator: {} } as never)).toThrow(InvalidParameterError);
    const noJSON = { fit: () => undefined, predict: () => [], predictProba: () => new Matrix(0, 0), classes: [] };
    expect(() => new EnsembleClassifier({ estimator: noJSON })).toThrow(/Pass a factory instead/);
  });

  it('throws typed errors in fit and predict', async () => {
    const ens = new EnsembleClassifier({ estimator: new NoisyCentroid(), nEstimators: 2, seed: 0 });
    expect(() => ens.predictProba(Xtest)).toThrow(NotFittedError);
    expect(() => ens.classes).toThrow(NotFittedError);
    await expect(ens.fit(X, y.slice(1))).rejects.toThrow(DataValidationError);
    await expect(
      ens.fit(
        X,
        y.map(() => 'a'),
      ),
    ).rejects.toThrow(/single class/);
    await expect(ens.fit(X, y, { sampler: undefined, extra: 1 } as never)).rejects.toThrow(/unknown option "extra"/);
    const bad = new EnsembleClassifier({ estimator: () => ({}) as unknown as NoisyCentroid, nEstimators: 1 });
    await expect(bad.fit(X, y)).rejects.toThrow(/factory returned/);
  });

  it('round-trips through JSON, alone and inside a Pipeline', async () => {
    const ens = await new EnsembleClassifier({
      estimator: new NoisyCentroid(),
      nEstimators: 3,
      bootstrap: true,
      seed: 5,
    }).fit(X, y);
    const back = EnsembleClassifier.fromJSON(JSON.parse(JSON.stringify(ens.toJSON())), { NoisyCentroid });
    expect(back.predictProba(Xtest).to2DArray()).toEqual(ens.predictProba(Xtest).to2DArray());
    expect(back.fitted.seeds).toEqual(ens.fitted.seeds);
    expect(back.params.bootstrap).toBe(true);
    // refitting the loaded ensemble gives the same members again
    await back.fit(X, y);
    expect(back.predictProba(Xtest).to2DArray()).toEqual(ens.predictProba(Xtest).to2DArray());

    const pipe = new Pipeline([
      ['scale', new Scaler()],
      ['clf', new EnsembleClassifier({ estimator: new NoisyCentroid(), nEstimators: 2, seed: 1 })],
    ]);
    await pipe.fit(X, y);
    const text = JSON.stringify(pipe.toJSON());
    const loaded = Pipeline.fromJSON(text, { Scaler, EnsembleClassifier, NoisyCentroid });
    expect(loaded.predictProba(Xtest).to2DArray()).toEqual(pipe.predictProba(Xtest).to2DArray());
    expect(() => Pipeline.fromJSON(text, { Scaler, EnsembleClassifier })).toThrow(
      /params\.steps\[1\]\[1\].*no NoisyCentroid was passed/s,
    );
  });

  it('names the path of a bad field', async () => {
    const ens = await new EnsembleClassifier({ estimator: new NoisyCentroid(), nEstimators: 2, seed: 5 }).fit(X, y);
    const doc = JSON.parse(JSON.stringify(ens.toJSON()));
    const load = (f: (d: typeof doc) => void) => () => {
      const d = structuredClone(doc);
      f(d);
      return EnsembleClassifier.fromJSON(d, { NoisyCentroid });
    };
    const cases: Array<[(d: typeof doc) => void, RegExp]> = [
      [(d) => d.state.members.pop(), /state\.members must be an array of length 2/],
      [(d) => (d.state.seeds = [1]), /state\.seeds must be an array of seeds of length 2/],
      [(d) => (d.state.classes = ['b', 'a', 'c']), /state\.classes\[1\] must be sorted after/],
      [(d) => (d.state.members[1].format = 'imbalanced-tabular/Other'), /state\.members\[1\] was saved by Other/],
      [(d) => (d.state.members[0].state = null), /state\.members\[0\] must be a fitted classifier/],
      [(d) => (d.params.nEstimators = 0), /params\.nEstimators must be an integer/],
      [(d) => delete d.params.bootstrap, /params\.bootstrap is missing/],
    ];
    for (const [f, message] of cases) {
      expect(load(f)).toThrow(SerializationError);
      expect(load(f)).toThrow(message);
    }
    expect(() => EnsembleClassifier.fromJSON(doc, undefined as never)).toThrow(/second argument/);
  });

  it('a factory-built ensemble saves and predicts, but cannot refit after loading', async () => {
    const ens = await new EnsembleClassifier({
      estimator: (seed) => new NoisyCentroid({ seed }),
      nEstimators: 2,
      seed: 0,
    }).fit(X, y);
    const back = EnsembleClassifier.fromJSON(JSON.stringify(ens.toJSON()), { NoisyCentroid });
    expect(back.predict(Xtest)).toEqual(ens.predict(Xtest));
    await expect(back.fit(X, y)).rejects.toThrow(/saved with an estimator factory/);
  });

  it('is cloned per fold by crossValidate', async () => {
    const ens = new EnsembleClassifier({ estimator: new NoisyCentroid(), nEstimators: 2, seed: 0 });
    const r = await crossValidate(ens, X, y, { cv: 3, scoring: ['balancedAccuracy'] });
    expect(r.folds).toHaveLength(3);
    expect(() => ens.fitted).toThrow(NotFittedError);
  });
});
