import { describe, expect, it } from 'vitest';
import {
  ADASYN,
  DataValidationError,
  InvalidParameterError,
  Matrix,
  NotFittedError,
  RandomOverSampler,
  RandomUnderSampler,
  type Sampler,
  SerializationError,
  SMOTE,
  SMOTENC,
  type NeighborSearch,
} from '../../src/index.js';
import { samplerChecks, type SamplerSpec } from '../../src/testing/index.js';
import { BruteNeighbors } from '../support/bruteNeighbors.js';
import { KNeighbors } from '../../src/sampling/neighbors/index.js';
import { Jitter } from '../../examples/custom-sampler.js';

// A small 3-class dataset (40 / 14 / 9 rows) with 3 features; column 2 holds category codes.
function data(): { X: number[][]; y: number[] } {
  let s = 7;
  const r = () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 63; i++) {
    const c = i % 7 === 0 ? 2 : i % 3 === 0 ? 1 : 0;
    X.push([r() + c, r() * 2 - c, Math.floor(r() * 3)]);
    y.push(c);
  }
  return { X, y };
}
const { X, y } = data();

const specs: Array<Omit<SamplerSpec<Sampler>, 'X' | 'y'>> = [
  { name: 'SMOTE', create: (seed: number) => new SMOTE({ seed }), fromJSON: SMOTE.fromJSON },
  { name: 'ADASYN', create: (seed: number) => new ADASYN({ seed }), fromJSON: ADASYN.fromJSON },
  {
    name: 'SMOTENC',
    create: (seed: number) => new SMOTENC({ categoricalFeatures: [2], seed }),
    fromJSON: SMOTENC.fromJSON,
  },
  {
    name: 'RandomOverSampler',
    create: (seed: number) => new RandomOverSampler({ seed }),
    fromJSON: RandomOverSampler.fromJSON,
  },
  {
    name: 'RandomOverSampler(shrinkage)',
    create: (seed: number) => new RandomOverSampler({ seed, shrinkage: 0.5 }),
    fromJSON: RandomOverSampler.fromJSON,
  },
  {
    name: 'RandomUnderSampler',
    create: (seed: number) => new RandomUnderSampler({ seed }),
    fromJSON: RandomUnderSampler.fromJSON,
    keepsOriginals: false,
  },
  { name: 'Jitter (examples/custom-sampler.ts)', create: (seed: number) => new Jitter({ seed }) },
];

describe('conformance', () => {
  for (const spec of specs) {
    describe(spec.name, () => {
      for (const c of samplerChecks({ ...spec, X, y })) it(c.name, c.run);
    });
  }
});

describe('Sampler base contract', () => {
  it('fitted throws NotFittedError before the first fitResample, then records plan, seed and counts', () => {
    const s = new SMOTE({ seed: 3 });
    expect(() => s.fitted).toThrow(NotFittedError);
    const plan = s.plan(y);
    s.fitResample(X, y);
    expect(s.fitted.samplingStrategy).toEqual(plan);
    expect(s.fitted.realized).toEqual(plan);
    expect(s.fitted.seed).toBe(3);
    expect(s.fitted.counts).toEqual(
      new Map([
        [0, 36],
        [1, 36],
        [2, 36],
      ]),
    );
    expect(s.fitted.nFeaturesIn).toBe(3);
    expect(Object.isFrozen(s.params)).toBe(true);
  });

  it('without a seed a fresh seed is drawn and recorded, and replaying it reproduces the output', () => {
    const s = new SMOTE();
    const a = s.fitResample(X, y);
    const seed = s.fitted.seed;
    expect(Number.isInteger(seed)).toBe(true);
    expect(new SMOTE({ seed }).fitResample(X, y).X.to2DArray()).toEqual(a.X.to2DArray());
  });

  it('accepts typed-array rows and Matrix input, returns an ml-matrix Matrix', () => {
    const out = new SMOTE({ seed: 1 }).fitResample(new Matrix(X), y);
    expect(out.X).toBeInstanceOf(Matrix);
    expect(out.X.rows).toBe(108);
  });

  it('over-samplers copy X once: the output shares one buffer whose prefix is the copy of X', () => {
    for (const [s, exact] of [
      [new SMOTE({ seed: 1 }), true],
      [new RandomOverSampler({ seed: 1 }), true],
      [new ADASYN({ seed: 1 }), false], // room for the rounding slack (≤ n_c / 2 rows per class)
    ] as const) {
      const out = s.fitResample(X, y);
      const rows = (out.X as unknown as { data: Float64Array[] }).data;
      const buf = rows[0]!.buffer;
      expect(rows.every((r, i) => r.buffer === buf && r.byteOffset === i * 3 * 8)).toBe(true);
      if (exact) expect(buf.byteLength).toBe(out.X.rows * 3 * 8);
      else {
        // the room reserved before resampling (not a second buffer sized after it): > realized rows
        expect(buf.byteLength).toBeGreaterThan(out.X.rows * 3 * 8);
        expect(buf.byteLength).toBeLessThanOrEqual((out.X.rows + 40) * 3 * 8);
      }
      for (let i = 0; i < X.length; i++) expect(Array.from(rows[i]!)).toEqual(X[i]);
    }
  });

  it('validates X before y when X is not a matrix at all, as before', () => {
    expect(() => new SMOTE().fitResample('x' as never, [1])).toThrow(/X must be a number\[\]\[\]/);
    expect(() => new SMOTE().fitResample([], [])).toThrow(/X has 0 rows/);
  });

  it('rejects invalid options at construction', () => {
    expect(() => new SMOTE({ kNeighbors: 0 })).toThrow(InvalidParameterError);
    expect(() => new SMOTE({ kNeighbors: 2.5 })).toThrow(/integer/);
    expect(() => new SMOTE({ seed: -1 })).toThrow(InvalidParameterError);
    expect(() => new SMOTE({ neighbors: {} as never })).toThrow(/NeighborSearch/);
    expect(() => new ADASYN({ nNeighbors: 'five' as never })).toThrow(InvalidParameterError);
    expect(() => new RandomUnderSampler({ replacement: 'yes' as never })).toThrow(InvalidParameterError);
    expect(() => new RandomOverSampler({ shrinkage: -1 })).toThrow(/needs to be >= 0/);
    expect(() => new RandomOverSampler({ shrinkage: new Map([[1, -0.5]]) })).toThrow(/for class 1/);
  });

  it('JSON: params only; functions and custom searches cannot be written', () => {
    const s = new SMOTE({ kNeighbors: 3, seed: 9, samplingStrategy: new Map([[2, 30]]) });
    const env = JSON.parse(JSON.stringify(s.toJSON()));
    expect(env).toEqual({
      format: 'imbalanced-tabular/SMOTE',
      version: 1,
      params: { kNeighbors: 3, seed: 9, samplingStrategy: { $map: [[2, 30]] } },
      state: null,
    });
    const back = SMOTE.fromJSON(env);
    expect(back.params.samplingStrategy).toEqual(new Map([[2, 30]]));
    expect(back.fitResample(X, y).X.to2DArray()).toEqual(s.fitResample(X, y).X.to2DArray());
    expect(() => new SMOTE({ samplingStrategy: () => new Map() }).toJSON()).toThrow(SerializationError);
    expect(() => new SMOTE({ neighbors: new BruteNeighbors() }).toJSON()).toThrow(SerializationError);
    expect(() => ADASYN.fromJSON(env)).toThrow(SerializationError);
  });
});

describe('SMOTE', () => {
  it('a class smaller than kNeighbors + 1 fails up front, naming the class, its count and the fix', () => {
    const yy = y.map((v, i) => (v === 2 && i > 20 ? 0 : v)); // class 2 keeps 3 rows
    let err: unknown;
    try {
      new SMOTE({ seed: 1 }).fitResample(X, yy);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataValidationError);
    expect((err as Error).message).toBe(
      'SMOTE.fitResample: class 2 has 3 samples, fewer than kNeighbors + 1 = 6. Lower kNeighbors to at most 2, or use RandomOverSampler.',
    );
    // a class that is not resampled may be small
    expect(() =>
      new SMOTE({ seed: 1, samplingStrategy: new Map([[2, 36]]) }).fitResample(
        X,
        y.map((v, i) => (v === 1 && i > 9 ? 0 : v)),
      ),
    ).not.toThrow();
  });

  it("kNeighbors: 'auto' (opt-in) clamps k to the class size − 1 and records it; a 1-row class still fails", () => {
    const yy = y.map((v, i) => (v === 2 && i > 20 ? 0 : v)); // class 2 keeps 3 rows
    const s = new SMOTE({ seed: 1, kNeighbors: 'auto' });
    const out = s.fitResample(X, yy);
    expect(s.fitted.kNeighbors).toEqual(
      new Map([
        [1, 5],
        [2, 2],
      ]),
    );
    expect(out.y.filter((v) => v === 2).length).toBe(s.fitted.counts.get(0));
    const nc = new SMOTENC({ seed: 1, kNeighbors: 'auto', categoricalFeatures: [2] });
    nc.fitResample(X, yy);
    expect(nc.fitted.kNeighbors.get(2)).toBe(2);
    const y1 = y.map((v, i) => (v === 2 && i > 0 ? 0 : v)); // class 2 keeps 1 row
    expect(() => new SMOTE({ kNeighbors: 'auto' }).fitResample(X, y1)).toThrow(
      /class 2 has 1 sample.*RandomOverSampler/,
    );
    expect(() => new SMOTE({ kNeighbors: 'five' as never })).toThrow(/or 'auto'/);
  });

  it('uses a custom neighbour search, fitted on each resampled class and queried with excludeSelf', () => {
    const calls: Array<{ rows: number; excludeSelf: boolean | undefined }> = [];
    const inner = new BruteNeighbors();
    const spy: NeighborSearch = {
      fit(d, rows, cols) {
        calls.push({ rows, excludeSelf: undefined });
        inner.fit(d, rows, cols);
        return this;
      },
      kneighbors(q, n, k, o) {
        (calls[calls.length - 1] as { excludeSelf: boolean | undefined }).excludeSelf = o?.excludeSelf;
        return inner.kneighbors(q, n, k, o);
      },
    };
    const a = new SMOTE({ seed: 5, neighbors: spy }).fitResample(X, y);
    expect(calls).toEqual([
      { rows: 18, excludeSelf: true },
      { rows: 9, excludeSelf: true },
    ]);
    // the default engine gives the same output as the brute-force reference
    expect(new SMOTE({ seed: 5 }).fitResample(X, y).X.to2DArray()).toEqual(a.X.to2DArray());
    expect(new SMOTE({ seed: 5, neighbors: new KNeighbors({ kernel: 'js' }) }).fitResample(X, y).X.to2DArray()).toEqual(
      a.X.to2DArray(),
    );
  });

  it('a binary ratio adds trunc(N_maj · α − N_min) rows', () => {
    const yb = y.map((v) => (v === 0 ? 0 : 1));
    const out = new SMOTE({ samplingStrategy: 0.95, seed: 1 }).fitResample(X, yb);
    expect(out.y.length - yb.length).toBe(Math.trunc(36 * 0.95 - 27));
  });
});

describe('ADASYN', () => {
  it('fails like imbalanced-learn when no row has an other-class neighbour, and says to use SMOTE', () => {
    // two far-apart groups: 12 rows of class 0, 8 of class 1; every neighbour is of the own class
    const Xs = [...Array(20).keys()].map((i) => [i < 12 ? i : 1000 + i, 0]);
    const ys = Xs.map((_, i) => (i < 12 ? 0 : 1));
    expect(() => new ADASYN({ seed: 1, nNeighbors: 3 }).fitResample(Xs, ys)).toThrow(
      /Not any neigbours belong to the majority class.*Use SMOTE/,
    );
  });

  it('searches the class neighbours of generating rows only (k + 1, self dropped); output unchanged', () => {
    const calls: Array<{ rows: number; nQuery: number; k: number; excludeSelf: boolean | undefined }> = [];
    const inner = new BruteNeighbors();
    const spy: NeighborSearch = {
      fit(d, rows, cols) {
        calls.push({ rows, nQuery: -1, k: -1, excludeSelf: undefined });
        inner.fit(d, rows, cols);
        return this;
      },
      kneighbors(q, n, k, o) {
        const last = calls[calls.length - 1] as (typeof calls)[number];
        if (last.nQuery >= 0) calls.push({ ...last });
        Object.assign(calls[calls.length - 1] as object, { nQuery: n, k, excludeSelf: o?.excludeSelf });
        return inner.kneighbors(q, n, k, o);
      },
    };
    const a = new ADASYN({ seed: 3, neighbors: spy, samplingStrategy: 'minority' });
    const out = a.fitResample(X, y);
    const g = a.fitted.rowCounts.get(2) as Int32Array;
    const generating = g.filter((v) => v > 0).length;
    expect(generating).toBeLessThan(g.length); // some rows add nothing: their neighbours are not needed
    // phase 1: all 9 rows of class 2 against all 63 rows; phase 2: the generating rows against class 2
    expect(calls).toEqual([
      { rows: 63, nQuery: 9, k: 6, excludeSelf: undefined },
      { rows: 9, nQuery: generating, k: 6, excludeSelf: undefined },
    ]);
    // the default engine gives the same output
    expect(new ADASYN({ seed: 3, samplingStrategy: 'minority' }).fitResample(X, y).X.to2DArray()).toEqual(
      out.X.to2DArray(),
    );
  });

  it('realized counts can differ from the plan (rounding), and fitted reports both', () => {
    const a = new ADASYN({ seed: 1 });
    const out = a.fitResample(X, y);
    const added = out.y.length - y.length;
    expect([...a.fitted.realized.values()].reduce((s, v) => s + v, 0)).toBe(added);
    for (const [c, n] of a.fitted.counts) expect(out.y.filter((v) => v === c).length).toBe(n);
  });
});

describe('RandomOverSampler', () => {
  it('shrinkage 0 equals a plain bootstrap; shrinkage perturbs copies with h = (4/((p+2)N))^(1/(p+4))', () => {
    const plain = new RandomOverSampler({ seed: 2 }).fitResample(X, y);
    const zero = new RandomOverSampler({ seed: 2, shrinkage: 0 }).fitResample(X, y);
    expect(zero.X.to2DArray()).toEqual(plain.X.to2DArray());
    expect(Array.from(zero.sampleIndices as Int32Array)).toEqual(Array.from(plain.sampleIndices as Int32Array));
    const smooth = new RandomOverSampler({ seed: 2, shrinkage: 1 }).fitResample(X, y);
    expect(Array.from(smooth.sampleIndices as Int32Array).slice(0, 63 + 18)).toEqual(
      Array.from(plain.sampleIndices as Int32Array).slice(0, 63 + 18),
    );
    // the perturbation of class 2, feature 0 has the right scale on average (loose statistical check)
    const idx = smooth.sampleIndices as Int32Array;
    const cls2 = y.flatMap((v, i) => (v === 2 ? [X[i]![0]!] : []));
    const mean = cls2.reduce((s, v) => s + v, 0) / cls2.length;
    const sd = Math.sqrt(cls2.reduce((s, v) => s + (v - mean) ** 2, 0) / cls2.length);
    const h = (4 / (5 * 63)) ** (1 / 7);
    const z: number[] = [];
    for (let i = 63; i < smooth.y.length; i++)
      if (smooth.y[i] === 2) z.push((smooth.X.get(i, 0) - X[idx[i]!]![0]!) / (h * sd));
    const zsd = Math.sqrt(z.reduce((s, v) => s + v * v, 0) / z.length);
    expect(zsd).toBeGreaterThan(0.6);
    expect(zsd).toBeLessThan(1.4);
  });

  it('a shrinkage Map must cover every resampled class', () => {
    expect(() => new RandomOverSampler({ shrinkage: new Map([[1, 1]]) }).fitResample(X, y)).toThrow(
      /missing classes are: 2/,
    );
  });
});

describe('RandomUnderSampler', () => {
  it('keeps the minority count of every other class by default, output grouped by sorted class', () => {
    const u = new RandomUnderSampler({ seed: 4 });
    const out = u.fitResample(X, y);
    expect(u.fitted.counts).toEqual(
      new Map([
        [0, 9],
        [1, 9],
        [2, 9],
      ]),
    );
    expect(out.y).toEqual([...Array(9).fill(0), ...Array(9).fill(1), ...Array(9).fill(2)]);
    expect(Array.from(out.sampleIndices as Int32Array).slice(18)).toEqual(y.flatMap((v, i) => (v === 2 ? [i] : [])));
  });
});
