import type { KNeighborsResult, NeighborSearch } from './neighbors/types.js';
import { checkNeighborTable } from './neighborSearch.js';
import { copyRowsInto, gatherRows } from './gatherRows.js';

/**
 * Query rows per call of the search: its copies of the query (gathered, quantised, candidate lists
 * in the wasm memory, which never shrinks) stay this small. 8,192 rather than 32,768: NearMiss-1 at
 * 200,000 × 32 (198,000 query rows) peaked ~20 MB lower (105–108 against 125–128 MiB of RSS growth)
 * for the same CPU time (measured under load).
 * @internal
 */
export const QUERY_BLOCK = 8192;

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
  let whole: KNeighborsResult | undefined;
  const indices = query.length > QUERY_BLOCK ? new Int32Array(query.length * k) : undefined;
  const distances = query.length > QUERY_BLOCK ? new Float64Array(query.length * k) : undefined;
  forEachNeighbourBlock(who, search, nFit, data, cols, query, k, (res, start) => {
    if (indices === undefined) whole = res;
    else {
      indices.set(res.indices, start * k);
      (distances as Float64Array).set(res.distances, start * k);
    }
  });
  return whole ?? { indices: indices as Int32Array, distances: distances as Float64Array, k };
}

/**
 * Asks `search`, already fitted on `nFit` rows, for the `k` nearest fitted rows of each of the
 * rows `query` (row indices into `data`), in blocks of {@link QUERY_BLOCK} query rows gathered
 * into one reused buffer; `each(res, start)` receives the checked answer for the query rows
 * `query[start …]` before the next block is asked (so a caller that only reduces each row's
 * distances never holds the whole table). @internal
 */
export function forEachNeighbourBlock(
  who: string,
  search: NeighborSearch,
  nFit: number,
  data: Float64Array,
  cols: number,
  query: Int32Array,
  k: number,
  each: (res: KNeighborsResult, start: number) => void,
): void {
  const blocks = Math.max(1, Math.ceil(query.length / QUERY_BLOCK));
  // One buffer for every block's rows: a fresh gather per block leaves each block's copy to the
  // garbage collector, several alive at once.
  const rows = new Float64Array(Math.min(query.length, QUERY_BLOCK) * cols);
  for (let b = 0; b < blocks; b++) {
    const start = b * QUERY_BLOCK;
    const block = query.subarray(start, Math.min(query.length, start + QUERY_BLOCK));
    const q = rows.subarray(0, block.length * cols);
    copyRowsInto(data, cols, block, q);
    const res = search.kneighbors(q, block.length, k);
    checkNeighborTable(who, search, res, block.length, nFit, k);
    if (!(res.distances instanceof Float64Array) || res.distances.length !== block.length * k) {
      throw new Error(`${who}: the neighbour search returned no ${block.length} × ${k} Float64Array distances.`);
    }
    each(res, start);
  }
}
