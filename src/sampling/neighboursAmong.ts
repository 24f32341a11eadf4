import type { KNeighborsResult, NeighborSearch } from './neighbors/types.js';
import { checkNeighborTable } from './neighborSearch.js';
import { gatherRows } from './gatherRows.js';

/**
 * The `k` nearest of the rows `among` for each of the rows `query` (row indices into `data`):
 * `indices` are positions in `among`, nearest first, with their distances. The search is fitted
 * on `among` for this call; a custom search's answer is checked. @internal
 */
export function neighboursAmong(
  who: string,
  search: NeighborSearch,
  data: Float64Array,
  cols: number,
  among: Int32Array,
  query: Int32Array,
  k: number,
): KNeighborsResult {
  search.fit(gatherRows(data, cols, among), among.length, cols);
  return searchFitted(who, search, data, cols, among.length, query, k);
}

/**
 * The `k` nearest fitted rows of each of the rows `query` (row indices into `data`) from a search
 * already fitted on `nFit` rows, its answer checked. @internal
 */
export function searchFitted(
  who: string,
  search: NeighborSearch,
  data: Float64Array,
  cols: number,
  nFit: number,
  query: Int32Array,
  k: number,
): KNeighborsResult {
  const res = search.kneighbors(gatherRows(data, cols, query), query.length, k);
  checkNeighborTable(who, search, res, query.length, nFit, k);
  if (!(res.distances instanceof Float64Array) || res.distances.length !== query.length * k) {
    throw new Error(`${who}: the neighbour search returned no ${query.length} × ${k} Float64Array distances.`);
  }
  return res;
}
