import { describe, expect, it } from 'vitest';
import {
  ADASYN,
  DataValidationError,
  InvalidParameterError,
  type KNeighborsResult,
  type NeighborSearch,
  SMOTE,
  SMOTENC,
} from '../../src/index.js';
import { BruteNeighbors } from '../support/bruteNeighbors.js';
import { checkNeighborSearch, checkNeighborTable } from '../../src/sampling/neighborSearch.js';
import { thrownBy } from '../support/thrown.js';

// 12 rows of class 0, 8 of class 1 on a line; column 1 holds a category code for SMOTENC.
const X = Array.from({ length: 20 }, (_, i) => [i + (i % 3) / 10, i % 2]);
const y = X.map((_, i) => (i < 12 ? 0 : 1));

/** A search that answers like the brute-force reference, then lets `corrupt` spoil the table. */
class Broken implements NeighborSearch {
  private readonly inner = new BruteNeighbors();
  constructor(private readonly corrupt: (r: KNeighborsResult) => unknown) {}
  fit(data: Float64Array, rows: number, cols: number): this {
    this.inner.fit(data, rows, cols);
    return this;
  }
  kneighbors(q: Float64Array, n: number, k: number, o?: { excludeSelf?: boolean }): KNeighborsResult {
    return this.corrupt(this.inner.kneighbors(q, n, k, o)) as KNeighborsResult;
  }
}

const errorOf = (f: () => unknown): DataValidationError => thrownBy(DataValidationError, f);

describe('a malformed table from a custom neighbour search is a DataValidationError naming the search', () => {
  it('indices that are not an Int32Array', () => {
    const search = new Broken((r) => ({ ...r, indices: Float64Array.from(r.indices) }));
    const e = errorOf(() => new SMOTE({ seed: 1, neighbors: search }).fitResample(X, y));
    expect(e.message.startsWith('SMOTE.fitResample: the neighbour search (Broken) returned indices that are ')).toBe(
      true,
    );
    expect(e.message).toContain('a Float64Array, not an Int32Array.');
    expect(e.message).toMatch(/A NeighborSearch must return \{ indices, distances, k \}/);
    expect(e.param).toBe('neighbors');
    expect(e.code).toBe('DATA_VALIDATION');
  });

  it('no result object, the wrong k, the wrong length', () => {
    expect(() => new SMOTE({ neighbors: new Broken(() => undefined) }).fitResample(X, y)).toThrow(
      /\(Broken\) returned undefined instead of a result object/,
    );
    expect(() => new SMOTE({ neighbors: new Broken((r) => ({ ...r, k: r.k - 1 })) }).fitResample(X, y)).toThrow(
      /returned a table with k = 4 for a query of k = 5/,
    );
    const short = new Broken((r) => ({ ...r, indices: r.indices.subarray(1) }));
    expect(() => new SMOTE({ neighbors: short }).fitResample(X, y)).toThrow(
      /returned 39 indices, expected 8 query rows × 5 = 40/,
    );
  });

  it('an index outside the fitted rows, with the query row in the message and in `row`', () => {
    const search = new Broken((r) => {
      const indices = r.indices.slice();
      indices[2 * r.k + 1] = 99;
      return { ...r, indices };
    });
    const e = errorOf(() => new SMOTE({ seed: 1, neighbors: search }).fitResample(X, y));
    expect(e.message).toContain('returned index 99 for query row 2, outside the 8 fitted rows 0..7');
    expect(e.row).toBe(2);
    expect(() => new ADASYN({ neighbors: search }).fitResample(X, y)).toThrow(
      /^ADASYN\.fitResample: the neighbour search \(Broken\) returned index 99 for query row 2, outside the 20/,
    );
    expect(() => new SMOTENC({ categoricalFeatures: [1], neighbors: search }).fitResample(X, y)).toThrow(
      /^SMOTENC\.fitResample: the neighbour search \(Broken\) returned index 99/,
    );
  });

  it('a plain-object search is called "custom"; a correct table passes through unchanged', () => {
    const inner = new BruteNeighbors();
    const plain: NeighborSearch = {
      fit(d, rows, cols) {
        inner.fit(d, rows, cols);
        return this;
      },
      kneighbors: (q, n, k) => ({ ...inner.kneighbors(q, n, k), k: 0 }),
    };
    expect(() => new SMOTE({ neighbors: plain }).fitResample(X, y)).toThrow(/the neighbour search \(custom\)/);
    const good = inner.fit(Float64Array.of(0, 1, 3), 3, 1).kneighbors(Float64Array.of(0, 1, 3), 3, 1);
    expect(checkNeighborTable('who', inner, good, 3, 3, 1)).toBe(good.indices);
  });
});

describe('the neighbors option', () => {
  it('must be a NeighborSearch', () => {
    expect(checkNeighborSearch('SMOTE', undefined)).toBeUndefined();
    expect(() => checkNeighborSearch('SMOTE', { fit() {} })).toThrow(InvalidParameterError);
    expect(() => checkNeighborSearch('SMOTE', null)).toThrow(
      'SMOTE: neighbors must be an object with fit(data, rows, cols) and kneighbors(query, nQuery, k, options) ' +
        '(a NeighborSearch), received null.',
    );
  });
});
