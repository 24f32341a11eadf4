/**
 * The lazy forms made by one eager run at fit: the cleaning samplers stream the rows `fitResample`
 * keeps ("keep these indices"), the combinations stream the kept originals from X and their kept
 * synthetic rows, and BorderlineSMOTE's stream generates from its danger rows only.
 */
import { describe, expect, it } from 'vitest';
import {
  BorderlineSMOTE,
  CondensedNearestNeighbour,
  EditedNearestNeighbours,
  type Label,
  NeighbourhoodCleaningRule,
  Sampler,
  type SamplerContext,
  SMOTEENN,
  SMOTETomek,
  TomekLinks,
} from '../../../src/index.js';
import { X, y } from '../samplerTestData.js';
import { keyOf, onSegment32, readEpoch, rowSource, rowsOf } from '../propertyData.js';

const f32 = X.map((r) => Float32Array.from(r));
/** X as the float32 row source gives it, so that the eager runs see the same values. */
const X32 = f32.map((r) => Array.from(r));
const cols = [0, 1, 2];
/** Per class, the sorted keys of rows (float32). */
const keysByClass = (rows: ArrayLike<number>[], labels: ReadonlyArray<Label>): Map<Label, string[]> => {
  const m = new Map<Label, string[]>();
  rows.forEach((r, i) => {
    const c = labels[i] as Label;
    m.set(c, [...(m.get(c) ?? []), keyOf(Float32Array.from(r))]);
  });
  for (const v of m.values()) v.sort();
  return new Map([...m].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
};

describe('cleaning samplers stream their fit-time selection', () => {
  const cases: Array<[string, () => Sampler]> = [
    ['TomekLinks', () => new TomekLinks()],
    ['EditedNearestNeighbours', () => new EditedNearestNeighbours()],
    ['NeighbourhoodCleaningRule', () => new NeighbourhoodCleaningRule()],
    ['CondensedNearestNeighbour (seeded)', () => new CondensedNearestNeighbour({ seed: 3 })],
  ];
  for (const [name, make] of cases) {
    it(`${name}: every epoch is exactly the rows fitResample keeps; fitted counts agree`, () => {
      const eager = make();
      const out = eager.fitResample(X32, y);
      const lazy = make();
      const src = lazy.fitStream(rowSource(X), y);
      expect(lazy.fitted.counts).toEqual(eager.fitted.counts);
      expect(src.epochRows).toBe(out.y.length);
      const want = keysByClass(
        Array.from(out.sampleIndices as Int32Array, (i) => f32[i]!),
        out.y,
      );
      for (const e of [0, 3]) {
        const ep = readEpoch(src, e, 8);
        expect(keysByClass(ep.rows, ep.y)).toEqual(want);
      }
    });
  }

  it("a user's under-sampler: its hook runs once at fit, not once per epoch", () => {
    let runs = 0;
    class KeepHalf extends Sampler {
      constructor() {
        super({ name: 'KeepHalf', type: 'under-sampling', seeded: false }, {}, {});
      }
      protected resample(ctx: SamplerContext): object {
        runs++;
        for (const [label] of ctx.plan)
          ctx.keep(
            label,
            ctx.indicesOf(label).filter((_, t) => t % 2 === 0),
          );
        return {};
      }
    }
    const a = new KeepHalf().fitStream(rowSource(X), y);
    const b = new KeepHalf().fitStream(rowSource(X), y);
    expect(runs).toBe(2);
    for (let e = 0; e < 3; e++) readEpoch(a, e, 5);
    expect(runs).toBe(2);
    // no seed option: the stream is seeded with 0, so two fits give the same batches
    expect(readEpoch(a, 1, 5)).toEqual(readEpoch(b, 1, 5));
  });
});

describe('combinations compose: SMOTE, then the cleaning step, once at fit', () => {
  for (const [name, make] of [
    ['SMOTETomek', (seed: number) => new SMOTETomek({ seed })],
    ['SMOTEENN', (seed: number) => new SMOTEENN({ seed })],
  ] as const) {
    it(`${name}: fitted is fitResample's; an epoch of every row is the cleaned output`, () => {
      const eager = make(4);
      const out = eager.fitResample(X32, y);
      const lazy = make(4);
      const src = lazy.fitStream(rowSource(X), y, { epochRows: out.y.length });
      expect(lazy.fitted.counts).toEqual(eager.fitted.counts);
      expect(lazy.fitted.resampled).toEqual(eager.fitted.resampled);
      expect(lazy.fitted.realized).toEqual(eager.fitted.realized);
      const eagerRows = Array.from({ length: out.y.length }, (_, p) => out.X.getRow(p));
      const want = keysByClass(eagerRows, out.y);
      for (const e of [0, 2]) {
        const ep = readEpoch(src, e, 16);
        expect(keysByClass(ep.rows, ep.y)).toEqual(want);
      }
    });

    it(`${name}: the default epoch has min(selected rows, resampled total) rows; replayable`, () => {
      const a = make(5).fitStream(rowSource(X), y);
      const b = make(5).fitStream(rowSource(X), y);
      const s = make(5);
      s.fitResample(X32, y);
      const total = [...s.fitted.counts.values()].reduce((t, v) => t + v, 0);
      expect(a.epochRows).toBe(Math.min(X.length, total));
      expect(readEpoch(b, 2, 7)).toEqual(readEpoch(a, 2, 7));
      readEpoch(a, 0, 7);
      expect(readEpoch(a, 2, 7)).toEqual(readEpoch(b, 2, 7));
      expect(readEpoch(a, 1, 7)).not.toEqual(readEpoch(a, 2, 7));
    });
  }
});

describe("BorderlineSMOTE's lazy form", () => {
  for (const kind of ['borderline-1', 'borderline-2'] as const) {
    it(`${kind}: the danger rows of fitResample; every synthetic row on a segment from one of them`, () => {
      const opts = { kind, kNeighbors: 3, mNeighbors: 6, seed: 2 };
      const eager = new BorderlineSMOTE(opts);
      eager.fitResample(X32, y);
      const lazy = new BorderlineSMOTE(opts);
      const src = lazy.fitStream(rowSource(X), y);
      expect(lazy.fitted.danger).toEqual(eager.fitted.danger);
      expect(lazy.fitted.counts).toEqual(eager.fitted.counts);
      const originals = new Set(f32.map((r) => keyOf(r)));
      let synthetic = 0;
      for (const e of [0, 1]) {
        const ep = readEpoch(src, e, 8);
        ep.rows.forEach((row, i) => {
          if (originals.has(keyOf(row))) return;
          synthetic++;
          const c = ep.y[i] as Label;
          const danger = Array.from(lazy.fitted.danger.get(c) ?? []);
          const pool = kind === 'borderline-1' ? rowsOf(y, c) : X.map((_, j) => j);
          const found = danger.some((d) =>
            pool.some((q) => {
              if (q === d || !onSegment32(row, X[d]!, X[q]!, cols)) return false;
              if (kind === 'borderline-1' || y[q] === c) return true;
              // towards another class: the step is halved, so the row lies in the first half
              const mid = X[d]!.map((v, j) => v + 0.5 * (X[q]![j]! - v));
              return onSegment32(row, X[d]!, mid, cols);
            }),
          );
          expect(found).toBe(true);
        });
      }
      expect(synthetic).toBeGreaterThan(0);
    });
  }
});
