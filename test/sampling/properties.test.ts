import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ADASYN,
  RandomOverSampler,
  RandomUnderSampler,
  SMOTE,
  SMOTENC,
  type Label,
  type ResampleResult,
} from '../../src/index.js';
import { deepFreeze } from '../../src/testing/index.js';
import { dataset as gridDataset, knn, rowsOf, sq } from './propertyData.js';

/** A random labelled dataset: 2–3 classes of 7–16 rows, 1–4 features on a coarse grid (ties and duplicates happen). */
const dataset = gridDataset();

const RUNS = { numRuns: 40 };

/** Is x = b + u (q − b) with u in [0, 1) on the columns `cols`? */
function onSegment(x: ArrayLike<number>, b: number[], q: number[], cols: number[]): boolean {
  let jm = -1;
  let m = 0;
  for (const j of cols) {
    const dlt = Math.abs(q[j]! - b[j]!);
    if (dlt > m) {
      m = dlt;
      jm = j;
    }
  }
  if (jm < 0) return cols.every((j) => Math.abs(x[j]! - b[j]!) <= 1e-12);
  const u = (x[jm]! - b[jm]!) / (q[jm]! - b[jm]!);
  if (!(u >= -1e-12 && u <= 1 + 1e-12)) return false;
  return cols.every((j) => Math.abs(b[j]! + u * (q[j]! - b[j]!) - x[j]!) <= 1e-9 * (1 + Math.abs(x[j]!)));
}

function checkPrefixAndCounts(X: number[][], y: number[], out: ResampleResult, plan: Map<Label, number>): void {
  const n = y.length;
  for (let i = 0; i < n; i++) {
    expect(Array.from(out.X.getRow(i))).toEqual(X[i]);
    expect(out.y[i]).toBe(y[i]);
  }
  const added = new Map<Label, number>();
  for (let i = n; i < out.y.length; i++) added.set(out.y[i] as Label, (added.get(out.y[i] as Label) ?? 0) + 1);
  expect(new Map([...plan].filter(([, v]) => v > 0))).toEqual(added);
  // grouped by class in sorted order
  const tail = out.y.slice(n) as number[];
  expect(tail).toEqual([...tail].sort((a, b) => a - b));
}

describe('SMOTE properties (fast-check)', () => {
  // Every synthetic row lies on a segment to one of its k nearest same-class neighbours; the counts hit the
  // plan; the originals are an untouched prefix; the same seed gives the same output.
  it('synthetic rows lie on segments to k nearest same-class neighbours; counts; untouched prefix', () => {
    fc.assert(
      fc.property(dataset, fc.integer({ min: 1, max: 6 }), ({ X, y, seed }, k) => {
        const frozenX = deepFreeze(X.map((r) => [...r]));
        const frozenY = deepFreeze([...y]);
        const s = new SMOTE({ kNeighbors: k, seed });
        const plan = s.plan(y);
        const out = s.fitResample(frozenX, frozenY);
        expect(frozenX).toEqual(X);
        checkPrefixAndCounts(X, y, out, plan);
        const cols = [...Array(X[0]!.length).keys()];
        const dist = sq(X, cols);
        const neigh = new Map<number, number[]>();
        for (let i = y.length; i < out.y.length; i++) {
          const c = out.y[i] as number;
          const members = rowsOf(y, c);
          const x = out.X.getRow(i);
          const ok = members.some((b) => {
            if (!neigh.has(b)) neigh.set(b, knn(dist, b, members, k));
            return (neigh.get(b) as number[]).some((q) => onSegment(x, X[b]!, X[q]!, cols));
          });
          expect(ok).toBe(true);
        }
        const again = new SMOTE({ kNeighbors: k, seed }).fitResample(X, y);
        expect(again.X.to2DArray()).toEqual(out.X.to2DArray());
      }),
      RUNS,
    );
  });
});

describe('ADASYN properties (fast-check)', () => {
  it('per-row counts equal rint(r_i / Σr · G); rows interpolate within the class; realized counts reported', () => {
    fc.assert(
      fc.property(dataset, fc.integer({ min: 1, max: 5 }), ({ X, y, seed }, k) => {
        const a = new ADASYN({ nNeighbors: k, seed });
        let out: ResampleResult;
        try {
          out = a.fitResample(X, y);
        } catch (e) {
          // the documented errors: no other-class neighbour, or rounding to zero rows
          expect((e as Error).message).toMatch(/Not any neigbours|No samples will be generated/);
          return;
        }
        const cols = [...Array(X[0]!.length).keys()];
        const dist = sq(X, cols);
        const all = [...y.keys()];
        for (const [c, G] of a.fitted.samplingStrategy) {
          if (G === 0) continue;
          const members = rowsOf(y, c);
          const other = members.map((i) => knn(dist, i, all, k).filter((j) => y[j] !== c).length);
          const C = other.reduce((s, v) => s + v, 0);
          const g = a.fitted.rowCounts.get(c) as Int32Array;
          other.forEach((ci, t) => {
            const exact = (ci * G) / C;
            const frac = exact - Math.floor(exact);
            if (Math.abs(frac - 0.5) < 1e-9) expect([Math.floor(exact), Math.ceil(exact)]).toContain(g[t]);
            else expect(g[t]).toBe(Math.round(exact));
          });
          expect(a.fitted.realized.get(c)).toBe(Array.from(g).reduce((s, v) => s + v, 0));
        }
        const n = y.length;
        for (let i = 0; i < n; i++) expect(Array.from(out.X.getRow(i))).toEqual(X[i]);
        const neigh = new Map<number, number[]>();
        for (let i = n; i < out.y.length; i++) {
          const c = out.y[i] as number;
          const members = rowsOf(y, c);
          const x = out.X.getRow(i);
          const ok = members.some((b) => {
            if (!neigh.has(b)) neigh.set(b, knn(dist, b, members, k));
            return (neigh.get(b) as number[]).some((q) => onSegment(x, X[b]!, X[q]!, cols));
          });
          expect(ok).toBe(true);
        }
        for (const [c, n2] of a.fitted.counts) expect(out.y.filter((v) => v === c).length).toBe(n2);
      }),
      RUNS,
    );
  });
});

describe('SMOTENC properties (fast-check)', () => {
  // Continuous features lie on a segment to a med²-penalised neighbour; categorical values are a most frequent
  // value among that base row's neighbours.
  it('continuous part on a segment to a med²-penalised neighbour; categories most frequent among neighbours', () => {
    fc.assert(
      fc.property(dataset, fc.integer({ min: 1, max: 5 }), ({ X: X0, y, seed }, k) => {
        // add a categorical column of small integer codes
        const X = X0.map((r, i) => [...r, (((i * 7 + (r[0] ?? 0) * 4) % 3) + 3) % 3]);
        const d = X[0]!.length;
        const cat = d - 1;
        const cont = [...Array(d - 1).keys()];
        const s = new SMOTENC({ categoricalFeatures: [cat], kNeighbors: k, seed });
        const plan = s.plan(y);
        const out = s.fitResample(X, y);
        checkPrefixAndCounts(X, y, out, plan);
        const neigh = new Map<number, number[]>();
        for (let i = y.length; i < out.y.length; i++) {
          const c = out.y[i] as number;
          const members = rowsOf(y, c);
          const med = s.fitted.medianStd.get(c) as number;
          const dist = (a: number, b: number) => sq(X, cont)(a, b) + (X[a]![cat] !== X[b]![cat] ? med * med : 0);
          const x = out.X.getRow(i);
          const ok = members.some((b) => {
            if (!neigh.has(b)) neigh.set(b, knn(dist, b, members, k));
            const nb = neigh.get(b) as number[];
            const freq = new Map<number, number>();
            for (const q of nb) freq.set(X[q]![cat]!, (freq.get(X[q]![cat]!) ?? 0) + 1);
            const best = Math.max(...freq.values());
            if (freq.get(x[cat]!) !== best) return false;
            return nb.some((q) => onSegment(x, X[b]!, X[q]!, cont));
          });
          expect(ok).toBe(true);
          neigh.clear();
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('random samplers (fast-check)', () => {
  it('RandomOverSampler copies rows of the right class, sampleIndices point at them, counts hit the plan', () => {
    fc.assert(
      fc.property(dataset, ({ X, y, seed }) => {
        const s = new RandomOverSampler({ seed });
        const plan = s.plan(y);
        const out = s.fitResample(X, y);
        checkPrefixAndCounts(X, y, out, plan);
        const idx = out.sampleIndices as Int32Array;
        for (let i = 0; i < out.y.length; i++) {
          expect(y[idx[i]!]).toBe(out.y[i]);
          expect(Array.from(out.X.getRow(i))).toEqual(X[idx[i]!]);
        }
      }),
      RUNS,
    );
  });

  it('RandomUnderSampler keeps distinct rows (no replacement), per class in sorted order; counts hit the plan', () => {
    fc.assert(
      fc.property(dataset, fc.boolean(), ({ X, y, seed }, replacement) => {
        const s = new RandomUnderSampler({ seed, replacement });
        const plan = s.plan(y);
        const out = s.fitResample(X, y);
        const idx = Array.from(out.sampleIndices as Int32Array);
        if (!replacement) expect(new Set(idx).size).toBe(idx.length);
        expect(out.y).toEqual([...out.y].sort((a, b) => (a as number) - (b as number)));
        for (const [c, n] of s.fitted.counts) expect(n).toBe(plan.get(c) ?? rowsOf(y, c).length);
        idx.forEach((src, i) => {
          expect(y[src]).toBe(out.y[i]);
          expect(Array.from(out.X.getRow(i))).toEqual(X[src]);
        });
        // untouched classes keep input order
        for (const c of new Set(y)) {
          if (plan.has(c)) continue;
          expect(idx.filter((i) => y[i] === c)).toEqual(rowsOf(y, c));
        }
      }),
      RUNS,
    );
  });
});
