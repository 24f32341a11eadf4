import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DataValidationError } from '../../src/core/errors.js';
import { Random } from '../../src/core/Random.js';
import {
  apportion,
  approximateMode,
  drawStrata,
  foldCounts,
  stratifiedHoldout,
  stratify,
} from '../../src/core/stratify.js';

describe('apportion (largest remainder)', () => {
  it('gives floors, then the missing units to the largest remainders', () => {
    expect(Array.from(apportion([2.5, 1.7, 0.8], 5))).toEqual([2, 2, 1]);
    expect(Array.from(apportion([1, 2, 3], 6))).toEqual([1, 2, 3]);
  });
  it('breaks ties in the given order, or at random with a generator', () => {
    expect(Array.from(apportion([0.5, 0.5, 0.5, 0.5], 2, { order: [2, 0, 1, 3] }))).toEqual([1, 0, 1, 0]);
    const got = new Set<string>();
    for (let s = 0; s < 40; s++) got.add(Array.from(apportion([0.5, 0.5, 0.5, 0.5], 2, { rng: new Random(s) })).join());
    expect(got.size).toBe(6); // every pair of the four tied parties
  });
  it('keeps each share within its bounds, repeating rounds while someone can take more', () => {
    // Floors [1, 0, 2], raised to [1, 1, 2]; parties 0 and 1 are capped at 2 and 1, so after the first
    // round (0, then 2; 1 is passed over) party 2 takes the last unit in a second round.
    expect(Array.from(apportion([1.9, 0.1, 2], 7, { min: [1, 1, 1], max: [2, 1, 9] }))).toEqual([2, 1, 4]);
    // Raised floors may exceed the total: nothing is taken back.
    expect(Array.from(apportion([0.2, 0.2], 1, { min: [1, 1] }))).toEqual([1, 1]);
  });
  it('property: without bounds the shares sum to the total and each is within one of its quota', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 8 }), fc.nat(200), (w, t) => {
        const sum = w.reduce((a, b) => a + b, 0);
        fc.pre(sum > 0);
        const quotas = w.map((v) => (v / sum) * t);
        const out = apportion(quotas, t, { rng: new Random(1) });
        expect(out.reduce((a, b) => a + b, 0)).toBe(t);
        out.forEach((v, i) => expect(Math.abs(v - (quotas[i] as number))).toBeLessThan(1));
      }),
    );
  });
});

describe('approximateMode', () => {
  it('matches the floor + largest remainder rule and breaks ties at random', () => {
    expect(Array.from(approximateMode([10, 6, 1], 8, new Random(0)))).toEqual([5, 3, 0]);
    // Three equal remainders, one slot: each class gets it sometimes.
    const got = new Set<string>();
    for (let s = 0; s < 40; s++) got.add(Array.from(approximateMode([1, 1, 1], 1, new Random(s))).join());
    expect([...got].sort()).toEqual(['0,0,1', '0,1,0', '1,0,0']);
  });
});

describe('foldCounts', () => {
  it("equals scikit-learn's round-robin deal of the sorted labels over the folds", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 2, max: 9 }),
        (counts, k) => {
          // allocation[f][c] = bincount(y_order[f::k]) with y_order the labels sorted by class.
          const dealt = counts.map(() => new Array<number>(k).fill(0));
          let pos = 0;
          counts.forEach((m, c) => {
            for (let j = 0; j < m; j++, pos++) (dealt[c] as number[])[pos % k]++;
          });
          expect(foldCounts(counts, k).map((a) => Array.from(a))).toEqual(dealt);
        },
      ),
    );
  });
});

describe('stratify and drawStrata', () => {
  it('groups rows by class in data order, classes sorted or by first appearance', () => {
    const s = stratify(['b', 'a', 'b', 'c', 'a']);
    expect(s.classes).toEqual(['a', 'b', 'c']);
    expect(Array.from(s.counts)).toEqual([2, 2, 1]);
    expect(Array.from(s.rows)).toEqual([1, 4, 0, 2, 3]);
    expect(Array.from(s.start)).toEqual([0, 2, 4, 5]);
    expect(Array.from(s.codes)).toEqual([1, 0, 1, 2, 0]);
    const f = stratify(['b', 'a', 'b', 'c', 'a'], 'first-seen');
    expect(f.classes).toEqual(['b', 'a', 'c']);
    expect([Array.from(f.codes), Array.from(f.counts), Array.from(f.rows)]).toEqual([
      [0, 1, 0, 2, 1],
      [2, 2, 1],
      [0, 2, 1, 4, 3],
    ]);
    expect(stratify([10, 9, 10]).classes).toEqual([9, 10]);
  });
  it('codes small integer labels (a table) as every other label (a Map): mixed kinds, -0, 1023 / 1024', () => {
    const pool: Array<number | string> = [0, -0, 1, 2, 1023, 1024, 5000, -1, 2.5, 'a', '1', 'b'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 60 }), (y) => {
        // the reference: classes by SameValueZero in order of first appearance, then sorted
        const first: Array<number | string> = [];
        for (const v of y) if (!first.some((u) => u === v)) first.push(v);
        const f = stratify(y, 'first-seen');
        expect(f.classes).toEqual(first.map((v) => (v === 0 ? 0 : v)));
        expect(Array.from(f.codes)).toEqual(y.map((v) => first.findIndex((u) => u === v)));
        const s = stratify(y);
        expect(Array.from(s.codes, (c) => s.classes[c])).toEqual(y.map((v) => (v === 0 ? 0 : v)));
        expect(Array.from(s.counts).reduce((a, b) => a + b, 0)).toBe(y.length);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
  it('draws disjoint parts of the requested per-class sizes', () => {
    const y = ['a', 'a', 'a', 'a', 'b', 'b', 'b'];
    const s = stratify(y);
    const [p, q] = drawStrata(
      s,
      [
        [2, 1],
        [1, 2],
      ],
      new Random(3),
    ) as [Int32Array, Int32Array];
    expect(Array.from(p, (i) => y[i])).toEqual(['a', 'a', 'b']);
    expect(Array.from(q, (i) => y[i])).toEqual(['a', 'b', 'b']);
    expect(new Set([...p, ...q]).size).toBe(6);
  });
});

describe('stratifiedHoldout', () => {
  it('keeps every class on both sides, seeded', () => {
    const y = [...Array(90).fill(0), ...Array(8).fill(1), ...Array(2).fill(2)];
    const a = stratifiedHoldout(y, 0.1, new Random(4));
    const b = stratifiedHoldout(y, 0.1, new Random(4));
    expect(Array.from(a.validation)).toEqual(Array.from(b.validation));
    // ceil(0.1 · 100) = 10 shared 9 / 0.8 / 0.2 → 9, then at least one per class → 11.
    expect(a.validation.length).toBe(11);
    expect(a.train.length + a.validation.length).toBe(100);
    for (const c of [0, 1, 2]) {
      expect(Array.from(a.validation).some((i) => y[i] === c)).toBe(true);
      expect(Array.from(a.train).some((i) => y[i] === c)).toBe(true);
    }
    expect(Array.from(a.validation).filter((i) => y[i] === 0).length).toBe(9);
    expect(new Set([...a.validation, ...a.train]).size).toBe(100);
    expect(Array.from(a.train)).toEqual(Array.from(a.train).sort((p, q) => p - q));
    expect(stratifiedHoldout(y, 0.1, new Random(5)).validation).not.toEqual(a.validation);
  });
  it('rejects a class of one row, naming it and the fix', () => {
    expect(() => stratifiedHoldout(['x', 'x', 'x', 'y'], 0.5, new Random(1), 'MLPClassifier.fit', 'Drop it.')).toThrow(
      DataValidationError,
    );
    expect(() => stratifiedHoldout(['x', 'x', 'x', 'y'], 0.5, new Random(1), 'MLPClassifier.fit', 'Drop it.')).toThrow(
      /^MLPClassifier\.fit: class "y" has 1 sample, .* Drop it\.$/,
    );
  });
});
