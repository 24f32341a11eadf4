/**
 * How a sampler uses a {@link NeighborSearch}: the `neighbors` option (a custom search, or the
 * library's exact engine by default), the same-set query with the row itself excluded, and the check
 * of every table a search returns — a custom search is user code, and a malformed table would
 * otherwise turn into silently wrong synthetic rows.
 *
 * @internal
 * @module
 */
import { DataValidationError, describe } from '../core/errors.js';
import { invalid } from '../core/validate.js';
import { KNeighbors } from './neighbors/index.js';
import type { KNeighborsResult, NeighborSearch } from './neighbors/types.js';

/** The library's default exact neighbour search (the k-NN engine in ./neighbors). @internal */
export function defaultNeighbors(): NeighborSearch {
  return new KNeighbors();
}

/** Validates a custom `neighbors` search object (undefined: use {@link defaultNeighbors}). @internal */
export function checkNeighborSearch(who: string, value: unknown): NeighborSearch | undefined {
  if (value === undefined) return undefined;
  const v = value as Partial<NeighborSearch> | null;
  if (v === null || typeof v !== 'object' || typeof v.fit !== 'function' || typeof v.kneighbors !== 'function') {
    invalid(
      who,
      'neighbors',
      'an object with fit(data, rows, cols) and kneighbors(query, nQuery, k, options) (a NeighborSearch)',
      value,
    );
  }
  return value as NeighborSearch;
}

/**
 * Fits `search` on `rows × cols` row-major `data`, queries the same rows with `excludeSelf: true`
 * and returns the checked `rows × k` table of neighbour indices. @internal
 */
export function selfNeighbors(
  who: string,
  search: NeighborSearch,
  data: Float64Array,
  rows: number,
  cols: number,
  k: number,
): Int32Array {
  search.fit(data, rows, cols);
  const res = search.kneighbors(data, rows, k, { excludeSelf: true });
  return checkNeighborTable(who, search, res, rows, rows, k);
}

/** How a search is named in messages: its class name, or "custom" for a plain object. */
function searchName(search: NeighborSearch): string {
  const name = (search as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' && name !== 'Object' ? name : 'custom';
}

const TABLE_CONTRACT =
  'A NeighborSearch must return { indices, distances, k } from kneighbors(query, nQuery, k), with ' +
  'indices an Int32Array of nQuery × k row indices into the rows it was fitted on.';

/**
 * Checks a neighbour table returned by `search` (possibly a user's) for `nQuery` query rows, `k`
 * neighbours each, into `nFit` fitted rows, and returns its indices.
 *
 * @throws {@link DataValidationError} (`param: 'neighbors'`; `row`: the query row, for an index out
 * of range) naming the search and what is wrong: not a result object, `indices` not an Int32Array,
 * the wrong `k` or length, or an index outside `0..nFit − 1`. @internal
 */
export function checkNeighborTable(
  who: string,
  search: NeighborSearch,
  res: KNeighborsResult,
  nQuery: number,
  nFit: number,
  k: number,
): Int32Array {
  const name = `${who}: the neighbour search (${searchName(search)})`;
  const fail = (problem: string, row?: number): never => {
    throw new DataValidationError(
      `${name} ${problem}. ${TABLE_CONTRACT}`,
      row === undefined ? { param: 'neighbors' } : { param: 'neighbors', row },
    );
  };
  if (res === null || typeof res !== 'object') fail(`returned ${describe(res)} instead of a result object`);
  const idx: unknown = res.indices;
  if (!(idx instanceof Int32Array)) fail(`returned indices that are ${describe(idx)}, not an Int32Array`);
  if (res.k !== k) fail(`returned a table with k = ${describe(res.k)} for a query of k = ${k}`);
  const table = idx as Int32Array;
  if (table.length !== nQuery * k) {
    fail(`returned ${table.length} indices, expected ${nQuery} query rows × ${k} = ${nQuery * k}`);
  }
  for (let t = 0; t < table.length; t++) {
    const v = table[t] as number;
    if (v < 0 || v >= nFit) {
      const row = Math.floor(t / k);
      fail(`returned index ${v} for query row ${row}, outside the ${nFit} fitted rows 0..${nFit - 1}`, row);
    }
  }
  return table;
}
