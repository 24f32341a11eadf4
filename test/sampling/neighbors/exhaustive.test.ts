import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exhaustiveSearch } from '../../../src/sampling/neighbors/exhaustive.js';
import { bruteKNeighbors } from '../../support/bruteNeighbors.js';

describe('exhaustiveSearch (the engine’s one brute-force search)', () => {
  it('agrees with the independent oracle, ties by index, on all or a subset of the queries', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer(),
        fc.boolean(),
        fc.boolean(),
        (n, d, seed, excludeSelf, subset) => {
          let s = seed >>> 0 || 1;
          const next = (): number => {
            s = (Math.imul(s, 1103515245) + 12345) >>> 0;
            return s / 2 ** 32;
          };
          // small integers: many exact ties
          const X = Float64Array.from({ length: n * d }, () => Math.floor(next() * 3));
          const k = 1 + ((seed >>> 4) % (excludeSelf ? n - 1 : n));
          const want = bruteKNeighbors(X, n, d, X, n, k, excludeSelf);
          const sub = subset ? Int32Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 1) : null;
          const indices = new Int32Array(n * k).fill(-1);
          const distances = new Float64Array(n * k).fill(-1);
          exhaustiveSearch(X, n, d, X, sub, k, excludeSelf, indices, distances);
          for (let i = 0; i < n; i++) {
            const row = (a: ArrayLike<number>) => Array.from(a).slice(i * k, i * k + k);
            if (sub !== null && i % 3 === 1) {
              expect(row(indices)).toEqual(new Array(k).fill(-1)); // rows not searched are untouched
              continue;
            }
            expect(row(indices)).toEqual(row(want.indices));
            expect(row(distances)).toEqual(row(want.distances));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
