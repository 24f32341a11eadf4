import { describe, expect, it } from 'vitest';
import {
  ADASYN,
  BorderlineSMOTE,
  DataValidationError,
  RandomOverSampler,
  SMOTE,
  SMOTENC,
  SMOTETomek,
} from '../../src/index.js';
import { checkOutputSize, MAX_OUTPUT_ROWS, outputBuffer } from '../../src/sampling/eagerResample.js';
import { thrownBy } from '../support/thrown.js';

// 14 rows of 100 columns; a samplingStrategy asking for 1e9 rows of the minority class: 1e11 values.
const X = Array.from({ length: 14 }, (_, i) => Array.from({ length: 100 }, (_, j) => Math.sin(i * 7 + j)));
const y = X.map((_, i) => (i < 4 ? 'min' : 'maj'));
const huge = new Map([
  ['min', 1e9],
  ['maj', 10],
]);

const caught = (f: () => unknown): DataValidationError => thrownBy(DataValidationError, f);

describe('eager output size: a typed error stating the size and the option, never a RangeError', () => {
  const samplers = {
    RandomOverSampler: () => new RandomOverSampler({ samplingStrategy: huge, seed: 0 }),
    SMOTE: () => new SMOTE({ samplingStrategy: huge, kNeighbors: 2, seed: 0 }),
    ADASYN: () => new ADASYN({ samplingStrategy: huge, nNeighbors: 2, seed: 0 }),
    BorderlineSMOTE: () => new BorderlineSMOTE({ samplingStrategy: huge, kNeighbors: 2, mNeighbors: 3, seed: 0 }),
    SMOTENC: () => new SMOTENC({ samplingStrategy: huge, categoricalFeatures: [0], kNeighbors: 2, seed: 0 }),
    SMOTETomek: () => new SMOTETomek({ smote: new SMOTE({ samplingStrategy: huge, kNeighbors: 2, seed: 0 }) }),
  };
  for (const [name, make] of Object.entries(samplers)) {
    it(`${name}: 1e9 rows × 100 columns`, () => {
      const e = caught(() => make().fitResample(X, y));
      expect(e.param).toBe('samplingStrategy');
      expect(e.message).toMatch(/asks for 99999999\d new rows — the resampled output would be 100000001\d rows × 100 /);
      expect(e.message).toMatch(/columns \(100000001\d{3} values, 745 GiB of float64\)/);
      expect(e.message).toMatch(/Lower the target counts of samplingStrategy/);
    });
  }
  it('more rows than 32-bit row indices: refused before anything is read', () => {
    const e = caught(() => checkOutputSize('S.fitResample', 10, MAX_OUTPUT_ROWS, 3));
    expect(e.message).toMatch(
      /asks for 2147483647 new rows — the resampled output would be 2147483657 rows × 3 columns/,
    );
    expect(e.message).toMatch(/beyond the 2147483647 rows an output can hold/);
    expect(() => checkOutputSize('S.fitResample', 10, 1000, 3)).not.toThrow();
  });
  it('outputBuffer turns only a RangeError into the typed error', () => {
    expect(outputBuffer('S', 2, 0, 3, () => new Float64Array(6)).length).toBe(6);
    const e = caught(() =>
      outputBuffer('S.fitResample', 2 ** 40, 0, 8, () => {
        throw new RangeError('Array buffer allocation failed');
      }),
    );
    expect(e.message).toMatch(/more than this runtime can allocate/);
    expect(() =>
      outputBuffer('S', 1, 0, 1, () => {
        throw new TypeError('other');
      }),
    ).toThrow(TypeError);
  });
});
