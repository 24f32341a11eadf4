import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Random } from '../../../src/index.js';
import { epochTargets, largestRemainder } from '../../../src/core/epochTargets.js';
import { drawOriginals, layoutEpoch } from '../../../src/sampling/lazy/epochLayout.js';
import { hamilton } from '../propertyData.js';

describe('largestRemainder', () => {
  it('splits by quotas, leftovers to the largest remainders, ties to the earlier part', () => {
    expect(largestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(largestRemainder(5, [2, 3])).toEqual([2, 3]);
    expect(largestRemainder(7, [0, 0])).toEqual([0, 0]);
    expect(largestRemainder(1_000_000, Array(6).fill(800_000))).toEqual([
      166_667, 166_667, 166_667, 166_667, 166_666, 166_666,
    ]);
    // exact where float quotas are not: 2^53-scale products
    expect(largestRemainder(2 ** 31 - 1, [2 ** 31 - 1, 1])).toEqual([2 ** 31 - 2, 1]);
  });

  it('matches the definition, sums to the total, and stays within 1 of each quota', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 7 }),
        (total, w) => {
          const sum = w.reduce((a, b) => a + b, 0);
          fc.pre(sum > 0);
          const parts = largestRemainder(total, w);
          expect(parts).toEqual(hamilton(total, w));
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          parts.forEach((p, i) => expect(Math.abs(p - (total * w[i]!) / sum)).toBeLessThan(1));
        },
      ),
    );
  });
});

describe('epochTargets', () => {
  it('splits each class into originals (half up) and synthetic rows', () => {
    // LAPD-like: a majority of 800 and two minorities brought up to it, epochs of n = 1000 rows
    const t = epochTargets(1000, [800, 150, 50], [0, 650, 750]);
    expect(t.perClass).toEqual([334, 333, 333]);
    expect(t.originals).toEqual([334, Math.round((333 * 150) / 800), Math.round((333 * 50) / 800)]);
    t.perClass.forEach((e, c) => expect(t.originals[c]! + t.synthetic[c]!).toBe(e));
    expect(epochTargets(3, [1, 1], [0, 1]).originals).toEqual([1, 1]); // 1 · 1/2 = 0.5 rounds up
  });
});

describe('drawOriginals', () => {
  const pool = Int32Array.from({ length: 9 }, (_, i) => 100 + i);

  it("'cycle': consecutive epochs walk through permutations, each covering the pool once", () => {
    const seq: number[] = [];
    for (let e = 0; e < 12; e++) {
      const out = new Int32Array(4);
      drawOriginals(pool, 'cycle', 4, 7, 0, e, new Random(e), out, 0);
      seq.push(...out);
    }
    for (let c = 0; c + 9 <= seq.length; c += 9) expect([...seq.slice(c, c + 9)].sort()).toEqual([...pool]);
    // an epoch depends on the seed, class and epoch only (not on the epoch stream)
    const a = new Int32Array(4);
    const b = new Int32Array(4);
    drawOriginals(pool, 'cycle', 4, 7, 0, 5, new Random(1), a, 0);
    drawOriginals(pool, 'cycle', 4, 7, 0, 5, new Random(2), b, 0);
    expect(a).toEqual(b);
  });

  it("'fresh': distinct rows when the epoch wants at most the pool, whole permutations first otherwise", () => {
    const out = new Int32Array(6);
    drawOriginals(pool, 'fresh', 6, 1, 0, 0, new Random(3), out, 0);
    expect(new Set(out).size).toBe(6);
    const many = new Int32Array(20);
    drawOriginals(pool, 'fresh', 20, 1, 0, 0, new Random(3), many, 0);
    for (const r of pool) expect(many.filter((v) => v === r).length).toBeGreaterThanOrEqual(2);
  });

  it("'replacement': uniform draws from the pool", () => {
    const out = new Int32Array(50);
    drawOriginals(pool, 'replacement', 50, 1, 0, 0, new Random(4), out, 0);
    for (const v of out) expect(pool).toContain(v);
    expect(new Set(out).size).toBeLessThan(50);
  });
});

describe('layoutEpoch', () => {
  it('lays out each class’s originals and synthetic markers, shuffled; same seed and epoch, same slots', () => {
    const classes = [
      { rows: Int32Array.of(0, 2, 4, 6), draw: 'cycle' as const },
      { rows: Int32Array.of(1, 3), draw: 'cycle' as const },
    ];
    const t = epochTargets(6, [4, 2], [0, 4]);
    const slots = layoutEpoch(classes, t, 11, 3);
    expect(slots).toEqual(layoutEpoch(classes, t, 11, 3));
    expect(slots).not.toEqual(layoutEpoch(classes, t, 11, 4));
    const synthetic = [...slots].filter((v) => v < 0);
    expect(synthetic).toEqual(Array(t.synthetic[1]).fill(-2));
    const originals = [...slots].filter((v) => v >= 0).map((v) => ({ row: (v - (v % 2)) / 2, c: v % 2 }));
    expect(originals.length).toBe(t.originals[0]! + t.originals[1]!);
    for (const { row, c } of originals) expect(classes[c]!.rows).toContain(row);
  });
});
