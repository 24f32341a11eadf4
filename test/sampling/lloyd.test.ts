import { describe, expect, it } from 'vitest';
import { Random } from '../../src/core/Random.js';
import { kmeansPlusPlus } from '../../src/sampling/kmeansPlusPlus.js';
import { lloyd, nearestCentres } from '../../src/sampling/lloyd.js';

function values(n: number, seed: number, ties: boolean): Float64Array {
  const rng = Random.from(seed);
  return Float64Array.from({ length: n }, () => (ties ? rng.int(4) : rng.normal()));
}

describe('lloyd: assignments through the k-NN engine equal the row-by-row ones', () => {
  const cases: Array<[string, number, number, number, boolean]> = [
    ['Gaussian, 32 columns, 60 clusters', 3000, 32, 60, false],
    ['integers 0..3 (ties, duplicate rows), 5 columns, 40 clusters', 2500, 5, 40, true],
  ];
  for (const [name, rows, cols, k, ties] of cases) {
    it(name, () => {
      const data = values(rows * cols, rows + k, ties);
      const init = kmeansPlusPlus(data, rows, cols, k, Random.from(1));
      const a = lloyd(data, rows, cols, init, 300, 1e-6, 'rows');
      const b = lloyd(data, rows, cols, init, 300, 1e-6, 'engine');
      const c = lloyd(data, rows, cols, init, 300, 1e-6, 'auto');
      for (const r of [b, c]) {
        expect(r.labels).toEqual(a.labels);
        expect(r.centers).toEqual(a.centers);
        expect(r.nIter).toBe(a.nIter);
        expect(r.inertia).toBe(a.inertia);
      }
      expect(a.nIter).toBeGreaterThan(2);
      expect(nearestCentres(data, rows, cols, a.centers, 'engine')).toEqual(a.labels);
    });
  }

  it('empty clusters are relocated the same way (duplicate starting centres)', () => {
    const rows = 1500;
    const cols = 8;
    const data = values(rows * cols, 9, true);
    const k = 30;
    const init = new Float64Array(k * cols);
    // centres 0..9 all start on row 0, so 9 of them are empty after the first assignment
    for (let j = 0; j < k; j++) {
      const row = j < 10 ? 0 : j * 37;
      init.set(data.subarray(row * cols, (row + 1) * cols), j * cols);
    }
    const a = lloyd(data, rows, cols, init, 300, 0, 'rows');
    const b = lloyd(data, rows, cols, init, 300, 0, 'engine');
    expect(b.labels).toEqual(a.labels);
    expect(b.centers).toEqual(a.centers);
    expect(b.nIter).toBe(a.nIter);
    expect(new Set(a.labels).size).toBe(k); // every cluster ends with rows
  });
});
