import type { KNeighborsResult, NeighborSearch } from './neighbors/types.js';
import { checkNeighborTable } from './neighborSearch.js';
import { gatherRows } from './gatherRows.js';

/**
 * Query rows per call of the search: its copies of the query (gathered, quantised, candidate lists in
 * the wasm memory, which never shrinks) stay this small. @internal
 */
export const QUERY_BLOCK = 32768;

/**
 * The `k` nearest of the rows `among` for each of the rows `query` (row indices into `data`):
 * `indices` are positions in `among`, nearest first, with their distances. The search is fitted
 * on `among` for this call, then asked in blocks of {@link QUERY_BLOCK} query rows (each row's
 * answer does not depend on the others, and the search's copies of the query stay small); a custom
 * search's answer is checked. @internal
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
  const nFit = among.length;
  search.fit(gatherRows(data, cols, among), nFit, cols);
  const blocks = Math.max(1, Math.ceil(query.length / QUERY_BLOCK));
  const indices = blocks === 1 ? undefined : new Int32Array(query.length * k);
  const distances = blocks === 1 ? undefined : new Float64Array(query.length * k);
  for (let b = 0; b < blocks; b++) {
    const block = blocks === 1 ? query : query.subarray(b * QUERY_BLOCK, Math.min(query.length, (b + 1) * QUERY_BLOCK));
    const res = search.kneighbors(gatherRows(data, cols, block), block.length, k);
    checkNeighborTable(who, search, res, block.length, nFit, k);
    if (!(res.distances instanceof Float64Array) || res.distances.length !== block.length * k) {
      throw new Error(`${who}: the neighbour search returned no ${block.length} × ${k} Float64Array distances.`);
    }
    if (blocks === 1) return res;
    (indices as Int32Array).set(res.indices, b * QUERY_BLOCK * k);
    (distances as Float64Array).set(res.distances, b * QUERY_BLOCK * k);
  }
  return { indices: indices as Int32Array, distances: distances as Float64Array, k };
}
