/**
 * The lazy forms obey the rules of the eager ones (fast-check): SMOTE's and ADASYN's synthetic rows
 * lie on a segment to one of the k nearest same-class rows, SMOTENC's categorical values are a most
 * frequent value among the base row's neighbours, the per-epoch class targets hold, the originals
 * are exact rows of X, every original is seen, the random samplers draw afresh, and the fit learns
 * what `fitResample` learns on the same rows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ADASYN,
  type Label,
  RandomOverSampler,
  RandomUnderSampler,
  SMOTE,
  SMOTENC,
  type Sampler,
} from '../../../src/index.js';
import { deepFreeze } from '../../../src/testing/index.js';
import { X as X0, y as y0 } from '../samplerTestData.js';
import {
  type Data,
  dataset,
  type EpochRows,
  hamilton,
  keyOf,
  knn,
  onSegment32,
  readEpoch,
  rowSource,
  rowsOf,
  sq,
} from '../propertyData.js';

const RUNS = { numRuns: 30 };

/** Sorted distinct labels. */
const classesOf = (y: number[]) => [...new Set(y)].sort((a, b) => a - b);

/**
 * The per-epoch targets from the definition: `e_c` by largest remainder over the resampled counts,
 * `o_c = round(e_c · n_c / T_c)` originals (half up).
 */
function targets(s: Sampler, data: Data, E?: number) {
  const cls = classesOf(data.y);
  const T = cls.map((c) => s.fitted.counts.get(c) as number);
  const epochRows =
    E ??
    Math.min(
      data.y.length,
      T.reduce((a, b) => a + b, 0),
    );
  const e = hamilton(epochRows, T);
  const nOrig = cls.map((c, i) => Math.min(rowsOf(data.y, c).length, T[i]!));
  const o = e.map((ec, i) => Math.floor((2 * ec * nOrig[i]! + T[i]!) / (2 * T[i]!)));
  return { cls, epochRows, e, o };
}

/**
 * Checks an epoch's class counts and originals, and returns its rows that are not exact copies of
 * a row of their class (the synthetic ones, bar coincidences).
 */
function checkEpoch(data: Data, ep: EpochRows, t: ReturnType<typeof targets>): Array<[Float32Array, number]> {
  expect(ep.rows.length).toBe(t.epochRows);
  const synthetic: Array<[Float32Array, number]> = [];
  t.cls.forEach((c, i) => {
    const keys = new Set(rowsOf(data.y, c).map((r) => keyOf(data.X[r]!)));
    let copies = 0;
    let total = 0;
    ep.rows.forEach((row, r) => {
      if (ep.y[r] !== c) return;
      total++;
      if (keys.has(keyOf(row))) copies++;
      else synthetic.push([row, c]);
    });
    expect(total).toBe(t.e[i]);
    expect(copies).toBeGreaterThanOrEqual(t.o[i]!);
  });
  return synthetic;
}

describe('lazy SMOTE (fast-check)', () => {
  it('synthetic rows lie on a segment to one of the k nearest same-class rows; epoch targets; exact originals', () => {
    fc.assert(
      fc.property(dataset(), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 23 }), (data, k, B) => {
        const { X, y, seed, source } = data;
        const before = Float32Array.from(X.flat());
        const fy = deepFreeze([...y]);
        const s = new SMOTE({ kNeighbors: k, seed });
        const src = s.fitStream(source, fy);
        expect(s.fitted.samplingStrategy).toEqual(new SMOTE({ kNeighbors: k }).plan(y));
        const t = targets(s, data);
        expect([...src.epochCounts.values()]).toEqual(t.e);
        const cols = [...Array(X[0]!.length).keys()];
        const dist = sq(X, cols);
        const neigh = new Map<number, number[]>();
        for (const e of [0, 1]) {
          for (const [x, c] of checkEpoch(data, readEpoch(src, e, B), t)) {
            const members = rowsOf(y, c);
            const ok = members.some((b) => {
              if (!neigh.has(b)) neigh.set(b, knn(dist, b, members, k));
              return neigh.get(b)!.some((q) => onSegment32(x, X[b]!, X[q]!, cols));
            });
            expect(ok).toBe(true);
          }
        }
        const again = new SMOTE({ kNeighbors: k, seed }).fitStream(rowSource(X), y);
        expect(readEpoch(again, 1, B)).toEqual(readEpoch(src, 1, B));
        expect(Float32Array.from(X.flat())).toEqual(before);
      }),
      RUNS,
    );
  });
});

describe('lazy SMOTENC (fast-check)', () => {
  it('categorical values are a most frequent value among the base’s neighbours; continuous on the segment', () => {
    fc.assert(
      fc.property(dataset(), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 17 }), (d0, k, B) => {
        const X = d0.X.map((r, i) => [...r, (((i * 7 + (r[0] ?? 0) * 4) % 3) + 3) % 3]);
        const data = { ...d0, X, source: rowSource(X) };
        const cat = X[0]!.length - 1;
        const cont = [...Array(cat).keys()];
        const s = new SMOTENC({ categoricalFeatures: [cat], kNeighbors: k, seed: data.seed });
        const src = s.fitStream(data.source, data.y);
        const eager = new SMOTENC({ categoricalFeatures: [cat], kNeighbors: k, seed: 1 });
        eager.fitResample(X, data.y);
        expect(s.fitted.medianStd).toEqual(eager.fitted.medianStd);
        const t = targets(s, data);
        for (const [x, c] of checkEpoch(data, readEpoch(src, 0, B), t)) {
          const members = rowsOf(data.y, c);
          const med = s.fitted.medianStd.get(c) as number;
          const dist = (a: number, b: number) => sq(X, cont)(a, b) + (X[a]![cat] !== X[b]![cat] ? med * med : 0);
          const ok = members.some((b) => {
            const nb = knn(dist, b, members, k);
            const freq = new Map<number, number>();
            for (const q of nb) freq.set(X[q]![cat]!, (freq.get(X[q]![cat]!) ?? 0) + 1);
            if (freq.get(x[cat]!) !== Math.max(...freq.values())) return false;
            return nb.some((q) => onSegment32(x, X[b]!, X[q]!, cont));
          });
          expect(ok).toBe(true);
        }
      }),
      { numRuns: 20 },
    );
  });
});

describe('lazy ADASYN (fast-check)', () => {
  it('a blocked difficulty search gives fitResample’s per-row counts; rows interpolate within the class', () => {
    fc.assert(
      fc.property(dataset(), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 40 }), (data, k, blockRows) => {
        const { X, y, seed, source } = data;
        const eager = new ADASYN({ nNeighbors: k, seed });
        let err: string | undefined;
        try {
          eager.fitResample(X, y);
        } catch (e) {
          err = (e as Error).message;
        }
        const lazy = new ADASYN({ nNeighbors: k, seed });
        if (err !== undefined) {
          expect(() => lazy.fitStream(source, y, { blockRows })).toThrow(err.replace('fitResample', 'fitStream'));
          return;
        }
        const src = lazy.fitStream(source, y, { blockRows });
        expect(lazy.fitted.rowCounts).toEqual(eager.fitted.rowCounts);
        expect(lazy.fitted.realized).toEqual(eager.fitted.realized);
        expect(lazy.fitted.counts).toEqual(eager.fitted.counts);
        const cols = [...Array(X[0]!.length).keys()];
        const dist = sq(X, cols);
        for (const [x, c] of checkEpoch(data, readEpoch(src, 0, 16), targets(lazy, data))) {
          const members = rowsOf(y, c);
          expect(members.some((b) => knn(dist, b, members, k).some((q) => onSegment32(x, X[b]!, X[q]!, cols)))).toBe(
            true,
          );
        }
      }),
      RUNS,
    );
  });
});

describe('lazy random samplers (fast-check)', () => {
  it('RandomOverSampler: every row is a copy of a row of its class; with shrinkage, finite rows near them', () => {
    fc.assert(
      fc.property(dataset(), fc.boolean(), (data, shrink) => {
        const s = new RandomOverSampler({ seed: data.seed, ...(shrink ? { shrinkage: 0.5 } : {}) });
        const src = s.fitStream(data.source, data.y);
        const synthetic = checkEpoch(data, readEpoch(src, 0, 9), targets(s, data));
        if (!shrink) expect(synthetic).toEqual([]);
        for (const [x] of synthetic) expect(x.every(Number.isFinite)).toBe(true);
      }),
      RUNS,
    );
  });

  it('RandomUnderSampler: rows of X only; without replacement no row twice; untouched classes whole', () => {
    fc.assert(
      fc.property(dataset(7, 16, false), fc.boolean(), (data, replacement) => {
        const s = new RandomUnderSampler({ seed: data.seed, replacement });
        const src = s.fitStream(data.source, data.y);
        const t = targets(s, data);
        for (const e of [0, 1]) {
          const ep = readEpoch(src, e, 5);
          expect(checkEpoch(data, ep, t)).toEqual([]);
          for (const c of t.cls) {
            const have = new Map<string, number>();
            for (const r of rowsOf(data.y, c)) have.set(keyOf(data.X[r]!), (have.get(keyOf(data.X[r]!)) ?? 0) + 1);
            const got = new Map<string, number>();
            ep.rows.forEach((row, i) => ep.y[i] === c && got.set(keyOf(row), (got.get(keyOf(row)) ?? 0) + 1));
            if (!s.fitted.samplingStrategy.has(c)) expect(got).toEqual(have);
            else if (!replacement) for (const [key, m] of got) expect(m).toBeLessThanOrEqual(have.get(key)!);
          }
        }
      }),
      RUNS,
    );
  });

  it('the random samplers draw afresh every epoch', () => {
    const ros = new RandomOverSampler({ seed: 1 }).fitStream(rowSource(X0), y0);
    const rus = new RandomUnderSampler({ seed: 1 }).fitStream(rowSource(X0), y0);
    for (const src of [ros, rus]) {
      const sorted = (e: number) => readEpoch(src, e, 8).rows.map(keyOf).sort();
      expect(sorted(0)).not.toEqual(sorted(1));
    }
  });
});

describe('epochs (fast-check)', () => {
  it('over-samplers see every original row in the first ⌈n_c / o_c⌉ epochs, whatever epochRows', () => {
    fc.assert(
      fc.property(dataset(), fc.integer({ min: 1, max: 120 }), (data, epochRows) => {
        const s = new SMOTE({ kNeighbors: 3, seed: data.seed });
        const src = s.fitStream(data.source, data.y, { epochRows });
        expect(src.epochRows).toBe(epochRows);
        const t = targets(s, data, epochRows);
        t.cls.forEach((c, i) => {
          const o = t.o[i]!;
          if (o === 0) return;
          const members = rowsOf(data.y, c);
          const want = new Set(members.map((r) => keyOf(data.X[r]!)));
          const seen = new Set<string>();
          for (let e = 0; e < Math.ceil(members.length / o); e++) {
            const ep = readEpoch(src, e, 11);
            ep.rows.forEach((row, r) => ep.y[r] === c && seen.add(keyOf(row)));
          }
          for (const key of want) expect(seen.has(key)).toBe(true);
        });
      }),
      { numRuns: 25 },
    );
  });

  it('an epoch’s row order and labels do not depend on the batch size (synthetic values aside)', () => {
    fc.assert(
      fc.property(dataset(), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), (data, b1, b2) => {
        const rus = new RandomUnderSampler({ seed: data.seed }).fitStream(data.source, data.y);
        expect(readEpoch(rus, 2, b1).rows).toEqual(readEpoch(rus, 2, b2).rows);
        const smote = new SMOTE({ kNeighbors: 2, seed: data.seed }).fitStream(data.source, data.y);
        expect(readEpoch(smote, 1, b1).y).toEqual(readEpoch(smote, 1, b2).y);
      }),
      RUNS,
    );
  });
});

describe('fitStream learns what fitResample learns on the same rows', () => {
  const rows = Int32Array.from(X0.keys()).filter((i) => i % 4 !== 1);
  const subX = [...rows].map((i) => Array.from(Float32Array.from(X0[i]!))); // the values a RowSource holds
  const subY = [...rows].map((i) => y0[i]!);
  const makers: Array<() => Sampler<never, object>> = [
    () => new SMOTE({ seed: 2, kNeighbors: 'auto' }) as never,
    () => new ADASYN({ seed: 2, nNeighbors: 3 }) as never,
    () => new SMOTENC({ seed: 2, categoricalFeatures: [2] }) as never,
    () => new RandomOverSampler({ seed: 2, samplingStrategy: 'minority' }) as never,
    () => new RandomUnderSampler({ seed: 2 }) as never,
  ];
  for (const make of makers) {
    it(`${make().constructor.name}: fitted after fitStream({ rows }) equals fitted after fitResample(subset)`, () => {
      const lazy = make();
      const src = lazy.fitStream(rowSource(X0), y0, { rows });
      const eager = make();
      eager.fitResample(subX, subY);
      const { seed: _a, ...l } = lazy.fitted as unknown as Record<string, unknown>;
      const { seed: _b, ...e } = eager.fitted as unknown as Record<string, unknown>;
      expect(l).toEqual(e);
      expect(src.epochRows).toBe(
        Math.min(
          rows.length,
          [...eager.fitted.counts.values()].reduce((a, b) => a + b),
        ),
      );
      // only selected rows appear as originals
      const keys = new Set([...rows].map((i) => keyOf(Float32Array.from(X0[i]!))));
      const unselected = new Set(
        [...X0.keys()].filter((i) => !rows.includes(i)).map((i) => keyOf(Float32Array.from(X0[i]!))),
      );
      for (const row of readEpoch(src, 0, 10).rows) {
        if (unselected.has(keyOf(row))) expect(keys.has(keyOf(row))).toBe(true);
      }
    });
  }
});

/** Labels of y0 as strings, to check label types. */
const ys: Label[] = y0.map((v) => `c${v}`);

describe('labels', () => {
  it('string labels give the batches of number labels', () => {
    const a = readEpoch(new SMOTE({ seed: 3 }).fitStream(rowSource(X0), y0), 0, 9);
    const b = readEpoch(new SMOTE({ seed: 3 }).fitStream(rowSource(X0), ys), 0, 9);
    expect(b.rows).toEqual(a.rows);
    expect(b.y).toEqual(a.y.map((v) => `c${v}`));
  });
});
