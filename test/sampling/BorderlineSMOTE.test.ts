import { describe, expect, it } from 'vitest';
import { BorderlineSMOTE, DataValidationError, InvalidParameterError, type Label } from '../../src/index.js';
import { dataset, readFixture } from './samplerFixtures.js';
import { describeConformance, expectUnknownOption, X, y } from './samplerTestData.js';

describeConformance({
  name: 'BorderlineSMOTE',
  create: (seed: number) => new BorderlineSMOTE({ seed }),
  fromJSON: BorderlineSMOTE.fromJSON,
});
describeConformance({
  name: 'BorderlineSMOTE borderline-2',
  create: (seed: number) => new BorderlineSMOTE({ seed, kind: 'borderline-2' }),
  fromJSON: BorderlineSMOTE.fromJSON,
});

interface Case {
  dataset: string;
  mNeighbors: number;
  samplingStrategy: 'auto' | 'not minority';
  plan: Array<[Label, number]>;
  danger: Array<[Label, number[]]>;
  counts: Record<'borderline-1' | 'borderline-2', Array<[Label, number]>>;
}
const { cases } = readFixture<{ cases: Case[] }>('borderline.json');

const dist2 = (a: number[], b: number[]) => a.reduce((s, v, t) => s + (v - b[t]!) ** 2, 0);

/** The k nearest other rows of row i among `among` (brute force, ties by smaller index). */
function nearest(Xs: number[][], i: number, among: number[], k: number): number[] {
  return among
    .filter((j) => j !== i)
    .map((j) => [j, dist2(Xs[i]!, Xs[j]!)] as const)
    .sort((a, b) => a[1] - b[1] || a[0] - b[0])
    .slice(0, k)
    .map(([j]) => j);
}

/** The step u with s = a + u (b − a), or undefined when s is not on that line. */
function stepOn(s: number[], a: number[], b: number[]): number | undefined {
  let u: number | undefined;
  for (let t = 0; t < s.length; t++) {
    const d = b[t]! - a[t]!;
    if (Math.abs(d) < 1e-12) {
      if (Math.abs(s[t]! - a[t]!) > 1e-9) return undefined;
      continue;
    }
    const ut = (s[t]! - a[t]!) / d;
    if (u === undefined) u = ut;
    else if (Math.abs(ut - u) > 1e-9) return undefined;
  }
  return u ?? 0;
}

describe('BorderlineSMOTE on the imbalanced-learn 0.10 fixtures', () => {
  for (const c of cases) {
    const ds = dataset(c.dataset);
    for (const kind of ['borderline-1', 'borderline-2'] as const) {
      it(`${c.dataset}, m = ${c.mNeighbors}, ${c.samplingStrategy}, ${kind}: the same danger rows and counts`, () => {
        const s = new BorderlineSMOTE({
          mNeighbors: c.mNeighbors,
          kNeighbors: 3,
          kind,
          samplingStrategy: c.samplingStrategy,
          seed: 0,
        });
        const out = s.fitResample(ds.X, ds.y);
        const danger = [...s.fitted.danger].map(([label, rows]) => [label, [...rows]]);
        expect(danger).toEqual(c.danger);
        const counts = [...s.fitted.counts];
        if (kind === 'borderline-1') {
          expect(counts).toEqual(c.counts[kind]);
        } else {
          // exactly the plan for every class with danger rows (imbalanced-learn 0.10 can make one fewer)
          const expected = new Map(c.counts['borderline-1']);
          expect(counts).toEqual([...expected]);
          for (const [label, n] of c.counts[kind])
            expect(n).toBeGreaterThanOrEqual((expected.get(label) as number) - 1);
        }
        expect(out.y.length).toBe(counts.reduce((n, [, m]) => n + m, 0));
      });
    }
  }
});

describe('BorderlineSMOTE generates from danger rows only', () => {
  const ds = dataset('quad5d');
  const Xs = ds.X;
  const n = Xs.length;
  const all = Xs.map((_, i) => i);

  it('borderline-1: on a segment from a danger row towards one of its k nearest same-class rows', () => {
    const s = new BorderlineSMOTE({ kNeighbors: 4, mNeighbors: 6, seed: 1 });
    const out = s.fitResample(Xs, ds.y);
    const rows = out.X.to2DArray();
    for (let p = n; p < rows.length; p++) {
      const label = out.y[p] as Label;
      const danger = [...(s.fitted.danger.get(label) as Int32Array)];
      const same = all.filter((i) => ds.y[i] === label);
      const ok = danger.some((d) =>
        nearest(Xs, d, same, 4).some((j) => {
          const u = stepOn(rows[p]!, Xs[d]!, Xs[j]!);
          return u !== undefined && u >= 0 && u < 1;
        }),
      );
      expect(ok, `row ${p}`).toBe(true);
    }
  });

  it('borderline-2: towards any of the k nearest rows, with u in [0, 0.5) towards another class', () => {
    const s = new BorderlineSMOTE({ kNeighbors: 4, mNeighbors: 6, seed: 2, kind: 'borderline-2' });
    const out = s.fitResample(Xs, ds.y);
    const rows = out.X.to2DArray();
    let towardsOther = 0;
    for (let p = n; p < rows.length; p++) {
      const label = out.y[p] as Label;
      const danger = [...(s.fitted.danger.get(label) as Int32Array)];
      const ok = danger.some((d) =>
        nearest(Xs, d, all, 4).some((j) => {
          const u = stepOn(rows[p]!, Xs[d]!, Xs[j]!);
          if (u === undefined || u < 0) return false;
          if (ds.y[j] === label) return u < 1;
          if (u < 0.5) towardsOther++;
          return u < 0.5;
        }),
      );
      expect(ok, `row ${p}`).toBe(true);
    }
    expect(towardsOther).toBeGreaterThan(0);
  });

  it('borderline-2 follows the published algorithm, not imbalanced-learn 0.10', () => {
    // 0.10 pairs each danger row with rows of the other classes picked by the positions of its
    // same-class neighbours, so its rows "towards another class" are not near the danger row. Here
    // every neighbour of another class is among the danger row's k nearest rows of all X (above),
    // and the count is the plan: tri3d class 1 gets 89 rows where 0.10 made 88.
    const c = cases.find((k) => k.dataset === 'tri3d' && k.mNeighbors === 3 && k.samplingStrategy === 'auto');
    const old = new Map(c!.counts['borderline-2']);
    const s = new BorderlineSMOTE({ mNeighbors: 3, kNeighbors: 3, kind: 'borderline-2', seed: 0 });
    s.fitResample(dataset('tri3d').X, dataset('tri3d').y);
    expect(old.get(1)).toBe(88);
    expect(s.fitted.counts.get(1)).toBe(89);
  });

  it('a class without danger rows gets no rows, and fitted.realized says so', () => {
    const b = dataset('bin2d');
    const s = new BorderlineSMOTE({ seed: 0 });
    const out = s.fitResample(b.X, b.y);
    expect(out.y.length).toBe(b.y.length);
    expect(s.fitted.realized).toEqual(new Map([[1, 0]]));
    expect(s.fitted.samplingStrategy).toEqual(new Map([[1, 44]]));
  });
});

describe('BorderlineSMOTE refusals', () => {
  it('unknown options, bad kind, bad counts', () => {
    expectUnknownOption(
      () => new BorderlineSMOTE({ m_neighbors: 3 } as never),
      'BorderlineSMOTE',
      'm_neighbors',
      'mNeighbors',
    );
    expect(() => new BorderlineSMOTE({ kind: 'borderline-3' as never })).toThrow(InvalidParameterError);
    expect(() => new BorderlineSMOTE({ kind: 'borderline-3' as never })).toThrow(
      "BorderlineSMOTE: kind must be one of 'borderline-1', 'borderline-2'",
    );
    expect(() => new BorderlineSMOTE({ mNeighbors: 0 })).toThrow(InvalidParameterError);
    expect(() => new BorderlineSMOTE({ kNeighbors: 1.5 })).toThrow(InvalidParameterError);
  });

  it('too few rows for mNeighbors, and a class with danger rows too small for kNeighbors', () => {
    expect(() => new BorderlineSMOTE({ mNeighbors: 63 }).fitResample(X, y)).toThrow(DataValidationError);
    expect(() => new BorderlineSMOTE({ mNeighbors: 63 }).fitResample(X, y)).toThrow(/mNeighbors \+ 1 = 64/);
    expect(() => new BorderlineSMOTE({ kNeighbors: 9, seed: 1 }).fitResample(X, y)).toThrow(
      /class 2 has 9 samples, fewer than kNeighbors \+ 1 = 10/,
    );
  });
});
