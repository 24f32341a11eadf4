/**
 * A neighbourhood option beyond the data (nNeighbors ≥ the rows) is the cleaning sampler's typed
 * refusal naming the option, whatever its size — never an allocation failure first (the
 * NeighbourCache sized its table `rows × nNeighbors`, CNN its vote buffers by nNeighbors, before
 * the counts were compared: nNeighbors = 1e9 threw "RangeError: Invalid typed array length").
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataValidationError } from '../../../src/core/errors.js';
import {
  AllKNN,
  CondensedNearestNeighbour,
  EditedNearestNeighbours,
  NeighbourhoodCleaningRule,
  OneSidedSelection,
  RepeatedEditedNearestNeighbours,
} from '../../../src/index.js';

const X = Array.from({ length: 24 }, (_, i) => [(i * 0.37) % 5, ((i * 7) % 11) / 3]);
const y = X.map((_, i) => (i % 3 === 0 ? 'min' : 'maj'));
const samplers = {
  EditedNearestNeighbours: (k: number) => new EditedNearestNeighbours({ nNeighbors: k }),
  RepeatedEditedNearestNeighbours: (k: number) => new RepeatedEditedNearestNeighbours({ nNeighbors: k }),
  AllKNN: (k: number) => new AllKNN({ nNeighbors: k }),
  NeighbourhoodCleaningRule: (k: number) => new NeighbourhoodCleaningRule({ nNeighbors: k }),
  CondensedNearestNeighbour: (k: number) => new CondensedNearestNeighbour({ nNeighbors: k, seed: 0 }),
  OneSidedSelection: (k: number) => new OneSidedSelection({ nNeighbors: k, seed: 0 }),
};

describe('nNeighbors beyond the rows', () => {
  for (const [name, make] of Object.entries(samplers)) {
    it(`${name}: a DataValidationError naming nNeighbors, for any size`, () => {
      const sizes = fc.oneof(
        fc.integer({ min: 24, max: 10_000 }),
        fc.integer({ min: 10_000, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom(1e9, 1e15, 2 ** 31, 2 ** 32, Number.MAX_SAFE_INTEGER),
      );
      fc.assert(
        fc.property(sizes, (k) => {
          let error: unknown;
          try {
            make(k).fitResample(X, y);
          } catch (e) {
            error = e;
          }
          // AllKNN may stop its passes (a class would vanish) before the neighbourhood outgrows
          // the rows, as imbalanced-learn's; every other outcome is the typed refusal.
          if (error === undefined && name === 'AllKNN') return;
          expect(error, `${name} nNeighbors ${k}`).toBeInstanceOf(DataValidationError);
          expect((error as DataValidationError).param).toBe('nNeighbors');
        }),
        { numRuns: 40 },
      );
    });
  }
});
