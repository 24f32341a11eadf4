import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ADASYN,
  DataValidationError,
  RandomOverSampler,
  RandomUnderSampler,
  SMOTE,
  SMOTENC,
  type Label,
  type NeighborSearch,
  type SamplingStrategy,
} from '../../src/index.js';
import { BruteNeighbors } from '../../src/sampling/_bruteNeighbors.js';

interface Fixture {
  versions: Record<string, string>;
  X: number[][];
  Xnc: number[][];
  y: number[];
  categoricalFeatures: number[];
  resampled: Array<{ sampler: string; strategy: string; data: 'X' | 'Xnc'; counts: Array<[number, number]> }>;
  adasyn: Array<{
    strategy: string;
    classes: Array<{ class: number; G: number; indices: number[]; neighbors: number[][]; rowCounts: number[] }>;
    counts?: Array<[number, number]>;
    error?: string;
  }>;
  smotenc: {
    perClass: Array<{ class: number; medianStd: number; neighbors: number[][] }>;
    imblearn010MinorityClass: number;
    imblearn010MedianStd: number;
  };
}
const fx = JSON.parse(
  readFileSync(join(import.meta.dirname, '../fixtures/sampling/resampling.json'), 'utf8'),
) as Fixture;
const STRATEGIES: Record<string, SamplingStrategy> = {
  auto: 'auto',
  minority: 'minority',
  'not minority': 'not minority',
  'not majority': 'not majority',
  majority: 'majority',
  all: 'all',
  map: new Map([
    [1, 45],
    [3, 40],
  ]),
  small: new Map([
    [1, 33],
    [2, 19],
    [3, 15],
  ]),
  medium: new Map([
    [1, 37],
    [2, 25],
    [3, 21],
  ]),
};
const UNDER_MAP = new Map([
  [0, 20],
  [2, 10],
]);

function run(sampler: string, strategy: string, X: number[][]): Map<Label, number> {
  const s = STRATEGIES[strategy] as SamplingStrategy;
  switch (sampler) {
    case 'SMOTE':
      return counts(new SMOTE({ samplingStrategy: s, seed: 0 }).fitResample(X, fx.y).y);
    case 'ADASYN':
      return counts(new ADASYN({ samplingStrategy: s, seed: 0 }).fitResample(X, fx.y).y);
    case 'SMOTENC':
      return counts(
        new SMOTENC({ categoricalFeatures: fx.categoricalFeatures, samplingStrategy: s, seed: 0 }).fitResample(X, fx.y)
          .y,
      );
    case 'RandomOverSampler':
      return counts(new RandomOverSampler({ samplingStrategy: s, seed: 0 }).fitResample(X, fx.y).y);
    default:
      return counts(
        new RandomUnderSampler({ samplingStrategy: strategy === 'map' ? UNDER_MAP : s, seed: 0 }).fitResample(X, fx.y)
          .y,
      );
  }
}

function counts(y: Label[]): Map<Label, number> {
  const m = new Map<Label, number>();
  for (const v of y) m.set(v, (m.get(v) ?? 0) + 1);
  return new Map([...m].sort((a, b) => (a[0] as number) - (b[0] as number)));
}

describe(`class counts after resampling agree with imbalanced-learn ${fx.versions['imbalanced-learn']}`, () => {
  for (const r of fx.resampled) {
    it(`${r.sampler} ${r.strategy} → ${JSON.stringify(r.counts)}`, () => {
      expect([...run(r.sampler, r.strategy, r.data === 'X' ? fx.X : fx.Xnc)]).toEqual(r.counts);
    });
  }
});

describe('ADASYN per-row allocation agrees with imbalanced-learn given the same neighbour table', () => {
  it('our exact k-NN finds scikit-learn NearestNeighbors neighbour sets on the fixture data', () => {
    const rows = fx.X.length;
    const data = Float64Array.from(fx.X.flat());
    const nn = new BruteNeighbors().fit(data, rows, 4);
    for (const c of (fx.adasyn[0] as Fixture['adasyn'][number]).classes) {
      const q = Float64Array.from(c.indices.flatMap((i) => fx.X[i] as number[]));
      const res = nn.kneighbors(q, c.indices.length, 6);
      c.neighbors.forEach((row, i) => {
        expect(Array.from(res.indices.subarray(i * 6 + 1, i * 6 + 6))).toEqual(row);
      });
    }
  });
  for (const a of fx.adasyn) {
    it(`strategy ${a.strategy}: ${a.error ?? JSON.stringify(a.counts)}`, () => {
      const ada = new ADASYN({ samplingStrategy: STRATEGIES[a.strategy] as SamplingStrategy, seed: 0 });
      if (a.error) {
        expect(() => ada.fitResample(fx.X, fx.y)).toThrow(/No samples will be generated/);
        return;
      }
      const out = ada.fitResample(fx.X, fx.y);
      for (const c of a.classes) {
        expect(Array.from(ada.fitted.rowCounts.get(c.class) as Int32Array)).toEqual(c.rowCounts);
        expect(ada.fitted.realized.get(c.class)).toBe(c.rowCounts.reduce((s, v) => s + v, 0));
        expect(ada.fitted.samplingStrategy.get(c.class)).toBe(c.G);
      }
      expect([...counts(out.y)]).toEqual(a.counts);
    });
  }
});

describe("SMOTENC's median standard deviation and categorical penalty", () => {
  it('median std per class matches NumPy (and imbalanced-learn 0.10 for the minority class)', () => {
    const nc = new SMOTENC({ categoricalFeatures: fx.categoricalFeatures, samplingStrategy: 'all', seed: 0 });
    nc.fitResample(fx.Xnc, fx.y);
    for (const c of fx.smotenc.perClass) {
      if (c.class === 0) continue; // the majority gets 0 new rows under 'all'
      expect(nc.fitted.medianStd.get(c.class)).toBeCloseTo(c.medianStd, 12);
    }
    expect(nc.fitted.medianStd.get(fx.smotenc.imblearn010MinorityClass)).toBeCloseTo(
      fx.smotenc.imblearn010MedianStd,
      12,
    );
  });

  it('neighbours under the med² mismatch penalty equal scikit-learn on one-hot scaled by med/√2', () => {
    const seen: Int32Array[] = [];
    const spy: NeighborSearch = {
      inner: new BruteNeighbors(),
      fit(data: Float64Array, rows: number, cols: number) {
        (this as unknown as { inner: BruteNeighbors }).inner.fit(data, rows, cols);
        return this;
      },
      kneighbors(q: Float64Array, n: number, k: number, o?: { excludeSelf?: boolean }) {
        const r = (this as unknown as { inner: BruteNeighbors }).inner.kneighbors(q, n, k, o);
        seen.push(r.indices);
        return r;
      },
    } as NeighborSearch;
    new SMOTENC({
      categoricalFeatures: fx.categoricalFeatures,
      samplingStrategy: 'all',
      seed: 0,
      neighbors: spy,
    }).fitResample(fx.Xnc, fx.y);
    const expected = fx.smotenc.perClass.filter((c) => c.class !== 0);
    expect(seen.length).toBe(expected.length);
    expected.forEach((c, t) => {
      const got = seen[t] as Int32Array;
      c.neighbors.forEach((row, i) => expect(Array.from(got.subarray(i * 5, i * 5 + 5))).toEqual(row));
    });
  });

  it('categorical output values come from the input categories and continuous features interpolate', () => {
    const out = new SMOTENC({ categoricalFeatures: [false, true, false, true], seed: 4 }).fitResample(fx.Xnc, fx.y);
    const cats1 = new Set(fx.Xnc.map((r) => r[1]));
    const cats3 = new Set(fx.Xnc.map((r) => r[3]));
    for (let i = fx.y.length; i < out.X.rows; i++) {
      expect(cats1.has(out.X.get(i, 1))).toBe(true);
      expect(cats3.has(out.X.get(i, 3))).toBe(true);
    }
  });

  it('rejects all-categorical, no-categorical and out-of-range specs like imbalanced-learn', () => {
    expect(() => new SMOTENC({ categoricalFeatures: [0, 1, 2, 3] }).fitResample(fx.Xnc, fx.y)).toThrow(
      /only with categorical features/,
    );
    expect(() => new SMOTENC({ categoricalFeatures: [] }).fitResample(fx.Xnc, fx.y)).toThrow(
      /only with numerical features/,
    );
    expect(() => new SMOTENC({ categoricalFeatures: [false, false, false, false] }).fitResample(fx.Xnc, fx.y)).toThrow(
      DataValidationError,
    );
    expect(() => new SMOTENC({ categoricalFeatures: [1, 9] }).fitResample(fx.Xnc, fx.y)).toThrow(
      /Indices should be between 0 and 3/,
    );
    expect(() => new SMOTENC({ categoricalFeatures: [true, false] }).fitResample(fx.Xnc, fx.y)).toThrow(
      /mask has 2 entries/,
    );
    expect(() => new SMOTENC({ categoricalFeatures: [-1] })).toThrow(/categoricalFeatures/);
    expect(() => new SMOTENC({} as never)).toThrow(/categoricalFeatures/);
  });
});
