import { describe, expect, it } from 'vitest';
import { Random } from '../../src/core/Random.js';
import { kmeansPlusPlus } from '../../src/sampling/kmeansPlusPlus.js';
import { referenceKmeansPlusPlus } from './kmeansReference.js';

/** `rows × cols` values: small integers (many ties and duplicate rows) or Gaussian ones. */
function values(rows: number, cols: number, seed: number, ties: boolean): Float64Array {
  const rng = Random.from(seed);
  return Float64Array.from({ length: rows * cols }, () => (ties ? rng.int(3) : rng.normal() * 3));
}

describe('kmeansPlusPlus: the blocked passes give the row-by-row seeding bit for bit', () => {
  const cases: Array<[string, number, number, number, boolean]> = [
    ['Gaussian, 9 columns (odd: no 8-column checkpoint at the end)', 600, 9, 40, false],
    ['Gaussian, 32 columns', 500, 32, 60, false],
    ['integers 0..2: ties and duplicate rows', 400, 5, 30, true],
    ['integers, 16 columns, k = 3 (trials 3: one group of one)', 300, 16, 3, true],
    ['one column', 200, 1, 12, false],
  ];
  for (const [name, rows, cols, k, ties] of cases) {
    it(name, () => {
      const data = values(rows, cols, rows + cols + k, ties);
      for (const seed of [0, 1, 2]) {
        const fast = kmeansPlusPlus(data, rows, cols, k, Random.from(seed));
        const ref = referenceKmeansPlusPlus(data, rows, cols, k, Random.from(seed));
        expect(fast).toEqual(ref);
      }
    });
  }

  it('the same draws: the generator ends in the same state', () => {
    const data = values(300, 4, 5, false);
    const a = Random.from(3);
    const b = Random.from(3);
    kmeansPlusPlus(data, 300, 4, 20, a);
    referenceKmeansPlusPlus(data, 300, 4, 20, b);
    expect(a.float()).toBe(b.float());
  });
});
