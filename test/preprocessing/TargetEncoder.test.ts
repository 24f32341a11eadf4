import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cell, ColumnarTable, Label } from '../../src/core/index.js';
import { StratifiedKFold } from '../../src/core/StratifiedKFold.js';
import {
  DataValidationError,
  InvalidParameterError,
  NotFittedError,
  SerializationError,
} from '../../src/core/errors.js';
import { Random } from '../../src/core/Random.js';
import { type Category, TargetEncoder, type TargetEncoderOptions } from '../../src/preprocessing/index.js';
import { kFoldTestFolds } from '../../src/preprocessing/targetEncoding.js';

const root = join(import.meta.dirname, '..', '..');

interface Case {
  name: string;
  columns: string[];
  rows: Cell[][];
  y: Label[];
  options: { cv: number; smooth?: 'auto' | number; targetType?: 'binary'; categories?: Record<string, Category[]> };
  testRows: Cell[][];
  expected: {
    targetType: string;
    classes: Label[] | null;
    categories: Category[][];
    targetMean: number[];
    encodings: number[][];
    folds: number[];
    fitTransform: number[][];
    transform: number[][];
  };
}

const fixture = JSON.parse(readFileSync(join(root, 'test/fixtures/targetEncoder/targetEncoder.json'), 'utf8')) as {
  versions: Record<string, string>;
  cases: Case[];
};

const TOL = 1e-12;
function expectClose(actual: ReadonlyArray<ArrayLike<number>>, expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => {
    const e = expected[i] as number[];
    expect(row.length).toBe(e.length);
    for (let j = 0; j < e.length; j++) {
      const a = row[j] as number;
      const b = e[j] as number;
      if (Math.abs(a - b) > TOL * Math.max(1, Math.abs(b))) {
        throw new Error(`[${i}][${j}]: ${a} ≠ ${b}`);
      }
    }
  });
}

const records = (columns: string[], rows: Cell[][]) =>
  rows.map((r) => Object.fromEntries(columns.map((c, j) => [c, r[j]])));

function columnar(columns: string[], rows: Cell[][]): ColumnarTable {
  const cols = new Map();
  columns.forEach((c, j) => {
    const dict: (string | number)[] = [];
    const codes = Int32Array.from(rows, (r) => {
      const v = r[j];
      if (v === null || v === undefined) return -1;
      let k = dict.indexOf(v);
      if (k < 0) k = dict.push(v) - 1;
      return k;
    });
    cols.set(c, { kind: 'categorical', codes, categories: dict });
  });
  return { nRows: rows.length, columns: cols };
}

function optionsOf(c: Case): TargetEncoderOptions {
  return { columns: c.columns, shuffle: false, ...c.options };
}

describe('TargetEncoder matches the scikit-learn 1.3 algorithm (fixtures from generate.py)', () => {
  it('fixtures record their versions', () => {
    expect(fixture.versions.algorithm).toMatch(/scikit-learn 1\.3/);
    expect(fixture.versions.numpy).toBeTruthy();
  });

  for (const c of fixture.cases) {
    describe(c.name, () => {
      const X = { columns: c.columns, rows: c.rows };

      it('fit learns the categories, classes, target mean and encodings', () => {
        const st = new TargetEncoder(optionsOf(c)).fit(X, c.y).fitted;
        expect(st.targetType).toBe(c.expected.targetType);
        expect(st.classes).toEqual(c.expected.classes);
        expect(st.categories).toEqual(c.expected.categories);
        expectClose([st.targetMean], [c.expected.targetMean]);
        expectClose(st.encodings, c.expected.encodings);
      });

      it('the folds are scikit-learn’s (shuffle: false)', () => {
        const folds =
          c.expected.targetType === 'continuous'
            ? kFoldTestFolds(c.y.length, c.options.cv, undefined)
            : new StratifiedKFold({ nSplits: c.options.cv }).testFolds(c.y);
        expect([...folds]).toEqual(c.expected.folds);
      });

      it('fitTransform is cross-fitted; transform uses the full fit (unknowns → target mean)', () => {
        const enc = new TargetEncoder(optionsOf(c));
        expectClose(enc.fitTransform(X, c.y).to2DArray(), c.expected.fitTransform);
        expectClose(enc.transform({ columns: c.columns, rows: c.testRows }).to2DArray(), c.expected.transform);
      });

      it('row objects and a ColumnarTable give the same outputs', () => {
        for (const input of [records(c.columns, c.rows), columnar(c.columns, c.rows)]) {
          const enc = new TargetEncoder(optionsOf(c));
          expectClose(enc.fitTransform(input, c.y).to2DArray(), c.expected.fitTransform);
          expectClose(enc.transform(records(c.columns, c.testRows)).to2DArray(), c.expected.transform);
        }
      });
    });
  }
});

/** A random categorical table with a binary, multiclass or continuous target. */
function randomProblem(seed: number, kind: 'binary' | 'multiclass' | 'continuous') {
  const rng = new Random(seed);
  const n = 40 + rng.int(40);
  const rows: Cell[][] = [];
  const y: Label[] = [];
  for (let i = 0; i < n; i++) {
    const a = `a${rng.int(6)}`;
    const b = rng.int(10) === 0 ? null : rng.int(4);
    rows.push([a, b]);
    if (kind === 'continuous') y.push(rng.float() * 10 + (a === 'a0' ? 5 : 0));
    else y.push(['x', 'y', 'z'][rng.int(kind === 'binary' ? 2 : 3)] as string);
  }
  return { X: { columns: ['a', 'b'], rows }, y };
}

describe('TargetEncoder cross fitting (properties)', () => {
  for (const kind of ['binary', 'multiclass', 'continuous'] as const) {
    it(`${kind}: each row is encoded by a fit on the other folds only`, () => {
      for (let seed = 0; seed < 5; seed++) {
        const { X, y } = randomProblem(seed, kind);
        const enc = new TargetEncoder({ columns: ['a', 'b'], cv: 4, seed, smooth: seed % 2 ? 3 : 'auto' });
        const out = enc.fitTransform(X, y).to2DArray();
        const st = enc.fitted;
        const folds =
          kind === 'continuous'
            ? kFoldTestFolds(y.length, 4, st.seed)
            : new StratifiedKFold({ nSplits: 4, shuffle: true, seed: st.seed as number }).testFolds(y);
        const categories = { a: [...(st.categories[0] as Category[])], b: [...(st.categories[1] as Category[])] };
        for (let f = 0; f < 4; f++) {
          const train = [...folds.keys()].filter((i) => folds[i] !== f);
          const test = [...folds.keys()].filter((i) => folds[i] === f);
          const sub = new TargetEncoder({ columns: ['a', 'b'], categories, smooth: seed % 2 ? 3 : 'auto' });
          sub.fit(
            { columns: X.columns, rows: train.map((i) => X.rows[i] as Cell[]) },
            train.map((i) => y[i] as Label),
          );
          const expected = sub.transform({ columns: X.columns, rows: test.map((i) => X.rows[i] as Cell[]) });
          expectClose(
            test.map((i) => out[i] as number[]),
            expected.to2DArray(),
          );
        }
      }
    });
  }

  it("continuous: changing a row's own target never changes its encoding", () => {
    const { X, y } = randomProblem(7, 'continuous');
    const enc = new TargetEncoder({ columns: ['a', 'b'], seed: 3 });
    const base = enc.fitTransform(X, y).to2DArray();
    for (let i = 0; i < y.length; i += 7) {
      const y2 = [...y];
      y2[i] = (y2[i] as number) + 1000;
      const out = new TargetEncoder({ columns: ['a', 'b'], seed: 3 }).fitTransform(X, y2).to2DArray();
      expect(out[i]).toEqual(base[i]);
      expect(out).not.toEqual(base); // other rows did see it
    }
  });

  it('same seed → same output; no seed → one drawn and recorded', () => {
    const { X, y } = randomProblem(1, 'multiclass');
    const a = new TargetEncoder({ columns: ['a'], seed: 5 }).fitTransform(X, y).to2DArray();
    const b = new TargetEncoder({ columns: ['a'], seed: 5 }).fitTransform(X, y).to2DArray();
    expect(a).toEqual(b);
    const free = new TargetEncoder({ columns: ['a'] });
    const c = free.fitTransform(X, y).to2DArray();
    const replay = new TargetEncoder({ columns: ['a'], seed: free.fitted.seed as number }).fitTransform(X, y);
    expect(replay.to2DArray()).toEqual(c);
  });

  it('multiclass: one column per class, named column_class', () => {
    const { X, y } = randomProblem(2, 'multiclass');
    const enc = new TargetEncoder({ columns: ['a', 'b'], seed: 0 });
    expect(enc.fitTransform(X, y).columns).toBe(6);
    expect(enc.fitted.featureNames).toEqual(['a_x', 'a_y', 'a_z', 'b_x', 'b_y', 'b_z']);
  });
});

describe('TargetEncoder options and errors', () => {
  it('refuses unknown options with the closest name', () => {
    expect(() => new TargetEncoder({ columns: ['a'], target_type: 'binary' } as never)).toThrow(
      /TargetEncoder: unknown option "target_type" — did you mean 'targetType'\?/,
    );
    expect(() => new TargetEncoder({ columns: ['a'], randomState: 1 } as never)).toThrow(InvalidParameterError);
  });

  it.each([
    [{ columns: [] }, /columns must be a non-empty array/],
    [{ columns: ['a', 'a'] }, /columns\[1\] must be a column not already listed/],
    [{ columns: ['a'], smooth: -1 }, /smooth must be a number in \[0, ∞\)/],
    [{ columns: ['a'], smooth: 'high' }, /smooth must be/],
    [{ columns: ['a'], cv: 1 }, /cv must be an integer/],
    [{ columns: ['a'], targetType: 'regression' }, /targetType must be one of/],
    [{ columns: ['a'], shuffle: false, seed: 1 }, /seed has no effect/],
    [{ columns: ['a'], categories: { b: ['x'] } }, /not in columns/],
    [{ columns: ['a'], categories: { a: ['x', 'x'] } }, /categories\["a"\]\[1\] must be a category not already/],
    [{ columns: ['a'], categories: { a: ['x', 1] } }, /must be a string like the others/],
  ])('refuses %j', (options, message) => {
    expect(() => new TargetEncoder(options as TargetEncoderOptions)).toThrow(message);
  });

  it('throws typed data errors', () => {
    const X = { columns: ['a'], rows: [['p'], ['q'], ['p'], ['q']] };
    const enc = new TargetEncoder({ columns: ['a'], cv: 2, seed: 0 });
    expect(() => enc.fitted).toThrow(NotFittedError);
    expect(() => enc.transform(X)).toThrow(NotFittedError);
    expect(() => enc.fit(X, [0, 1])).toThrow(/y has 2 targets but X has 4 rows/);
    expect(() => enc.fit({ columns: ['b'], rows: [['p']] }, [0])).toThrow(/column "a" is not in the table/);
    expect(() => enc.fit(X, [0, 1, true, 0] as never)).toThrow(DataValidationError);
    expect(() => new TargetEncoder({ columns: ['a'], targetType: 'binary' }).fit(X, [0, 1, 2, 0])).toThrow(
      /'binary' but y has 3 classes/,
    );
    expect(() => new TargetEncoder({ columns: ['a'], targetType: 'multiclass' }).fit(X, [0, 1, 1, 0])).toThrow(
      /'multiclass' but y has 2 classes/,
    );
    expect(() => new TargetEncoder({ columns: ['a'], targetType: 'continuous' }).fit(X, ['a', 'b', 'a', 'b'])).toThrow(
      /continuous target holds finite numbers/,
    );
    expect(() => new TargetEncoder({ columns: ['a'], cv: 3, seed: 0 }).fitTransform(X, [0, 1, 1, 0])).toThrow(
      /cv = 3 stratified folds need a class with at least 3 rows/,
    );
    expect(() => new TargetEncoder({ columns: ['a'], cv: 5, seed: 0 }).fitTransform(X, [0.5, 1, 1, 0])).toThrow(
      /cv = 5 folds need at least 5 rows/,
    );
    expect(() => enc.fit({ columns: ['a'], rows: [[{}], ['q'], ['p'], ['q']] } as never, [0, 1, 1, 0])).toThrow(
      /row 0, column "a" holds/,
    );
  });
});

// biome-ignore lint/suspicious/noExplicitAny: the tests edit untyped JSON.
type Doc = Record<string, any>;

describe('TargetEncoder JSON', () => {
  const c = fixture.cases.find((k) => k.name.startsWith('multiclass auto')) as Case;
  const X = { columns: c.columns, rows: c.rows };

  it('round-trips fitted and unfitted encoders exactly', () => {
    const enc = new TargetEncoder({ columns: c.columns, categories: { premise: [101, 102, null] }, seed: 4 });
    const unfitted = TargetEncoder.fromJSON(JSON.stringify(enc.toJSON()));
    expect(unfitted.params).toEqual(enc.params);
    expect(() => unfitted.fitted).toThrow(NotFittedError);
    enc.fitTransform(X, c.y);
    const back = TargetEncoder.fromJSON(JSON.parse(JSON.stringify(enc.toJSON())));
    expect(back.fitted).toEqual(enc.fitted);
    expect(back.transform(X).to2DArray()).toEqual(enc.transform(X).to2DArray());
  });

  it('state.seed is the seed of the last fitTransform: params.seed when given, none without a shuffle', () => {
    const seeded = new TargetEncoder({ columns: c.columns, seed: 4 });
    seeded.fitTransform(X, c.y);
    const doc = JSON.parse(JSON.stringify(seeded.toJSON()));
    expect(doc.state.seed).toBe(4);
    expect(TargetEncoder.fromJSON(doc).toJSON()).toEqual(doc);
    doc.state.seed = 7;
    expect(() => TargetEncoder.fromJSON(doc)).toThrow(/state\.seed must be null or params\.seed = 4, received 7/);
    const plain = new TargetEncoder({ columns: c.columns, shuffle: false });
    plain.fitTransform(X, c.y);
    const d2 = JSON.parse(JSON.stringify(plain.toJSON()));
    d2.state.seed = 3;
    expect(() => TargetEncoder.fromJSON(d2)).toThrow(SerializationError);
    expect(() => TargetEncoder.fromJSON(d2)).toThrow(/params\.shuffle is false/);
  });

  it('names the path of a bad field', () => {
    const doc = JSON.parse(JSON.stringify(new TargetEncoder({ columns: c.columns, seed: 0 }).fit(X, c.y).toJSON()));
    const tamper = (f: (d: Doc) => void) => {
      const d = structuredClone(doc);
      f(d);
      return () => TargetEncoder.fromJSON(d);
    };
    const cases: Array<[(d: Doc) => void, RegExp]> = [
      [(d) => (d.state.encodings[1] = [0.5]), /state\.encodings\[1\] must be an array of numbers of length 8/],
      [(d) => d.state.encodings.pop(), /state\.encodings must be an array of length 6/],
      [(d) => (d.state.encodings[0][2] = 'x'), /state\.encodings\[0\]\[2\] must be a finite number/],
      [(d) => (d.state.targetMean = [0.5]), /state\.targetMean must be an array of numbers of length 3/],
      [(d) => (d.state.classes = ['B', 'A', 'C']), /state\.classes\[1\] must be sorted after/],
      [(d) => (d.state.categories[0][1] = 'd01'), /state\.categories\[0\]\[1\] must be a category not already/],
      [(d) => (d.state.targetType = 'ordinal'), /state\.targetType must be one of/],
      [(d) => delete d.state.seed, /state\.seed is missing/],
      [(d) => (d.state.extra = 1), /state\.extra is not a known field/],
      [(d) => (d.params.smooth = -2), /invalid params .*smooth must be/],
      [(d) => (d.params.categories = [['district', [1, 'a']]]), /params\.categories\[0\]\[1\]\[1\] must be a number/],
    ];
    for (const [f, message] of cases) {
      expect(tamper(f)).toThrow(SerializationError);
      expect(tamper(f)).toThrow(message);
    }
  });
});
