import type { KNeighborsResult, NeighborSearch } from './neighbors/types.js';
import { checkNeighborTable } from './neighborSearch.js';
import { copyRowsInto, gatherRows } from './gatherRows.js';
import { KNeighbors } from './neighbors/KNeighbors.js';

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
 * search's answer is checked. `fitRows`: the rows `among` already gathered (row-major);
 * `meanwhile`: the caller's own work, run while the workers scan the last block (see
 * {@link forEachNeighbourBlock}). @internal
 */
export function neighboursAmong(
  who: string,
  search: NeighborSearch,
  data: Float64Array,
  cols: number,
  among: Int32Array,
  query: Int32Array,
  k: number,
  { fitRows, meanwhile }: { fitRows?: Float64Array; meanwhile?: () => void } = {},
): KNeighborsResult {
  const nFit = among.length;
  search.fit(fitRows ?? gatherRows(data, cols, among), nFit, cols);
  let whole: KNeighborsResult | undefined;
  const indices = query.length > QUERY_BLOCK ? new Int32Array(query.length * k) : undefined;
  const distances = query.length > QUERY_BLOCK ? new Float64Array(query.length * k) : undefined;
  forEachNeighbourBlock(
    who,
    search,
    nFit,
    data,
    cols,
    query,
    k,
    (res, start) => {
      if (indices === undefined) whole = res;
      else {
        indices.set(res.indices, start * k);
        (distances as Float64Array).set(res.distances, start * k);
      }
    },
    meanwhile,
  );
  return whole ?? { indices: indices as Int32Array, distances: distances as Float64Array, k };
}

/**
 * Asks `search`, already fitted on `nFit` rows, for the `k` nearest fitted rows of each of the
 * rows `query` (row indices into `data`), in blocks of {@link QUERY_BLOCK} query rows gathered
 * into reused buffers; `each(res, start)` receives the checked answer for the query rows
 * `query[start …]` (so a caller that only reduces each row's distances never holds the whole
 * table). With the library's engine the blocks overlap: the next block is gathered and handed to
 * the worker threads before this one's answer is finished, so the calling thread's share
 * (gathering, packing, the exact re-rank, `each`) runs while they scan; a custom search is asked
 * for the next block only after `each` has returned. `meanwhile` runs once, after the last block
 * is started and before its answer is finished: the caller's own work overlaps the last scan.
 * @internal
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
  meanwhile?: () => void,
): void {
  const blocks = Math.max(1, Math.ceil(query.length / QUERY_BLOCK));
  const rowsOf = (b: number): Int32Array =>
    query.subarray(b * QUERY_BLOCK, Math.min(query.length, (b + 1) * QUERY_BLOCK));
  // Reused buffers for the blocks' rows (two when blocks overlap): a fresh gather per block leaves
  // each block's copy to the garbage collector, several alive at once.
  const size = Math.min(query.length, QUERY_BLOCK) * cols;
  const buffers = [new Float64Array(size), blocks > 1 ? new Float64Array(size) : new Float64Array(0)];
  const ask = (b: number): (() => KNeighborsResult) => {
    const block = rowsOf(b);
    const q = (buffers[b & 1] as Float64Array).subarray(0, block.length * cols);
    copyRowsInto(data, cols, block, q);
    if (search instanceof KNeighbors) return search.kneighborsLater(q, block.length, k);
    const res = search.kneighbors(q, block.length, k);
    return () => res;
  };
  // blocks started and not yet finished, oldest first (with the library's engine at most two)
  const started: Array<() => KNeighborsResult> = [ask(0)];
  try {
    for (let b = 0; b < blocks; b++) {
      if (b + 1 < blocks && search instanceof KNeighbors) started.push(ask(b + 1));
      if (b + 1 === blocks) meanwhile?.();
      const res = (started.shift() as () => KNeighborsResult)();
      const m = rowsOf(b).length;
      checkNeighborTable(who, search, res, m, nFit, k);
      if (!(res.distances instanceof Float64Array) || res.distances.length !== m * k) {
        throw new Error(`${who}: the neighbour search returned no ${m} × ${k} Float64Array distances.`);
      }
      each(res, b * QUERY_BLOCK);
      if (b + 1 < blocks && started.length === 0) started.push(ask(b + 1));
    }
  } finally {
    // blocks started and never finished (an error above) are finished, so no scan is left behind
    for (const finish of started) {
      try {
        finish();
      } catch {
        /* the first error is the one reported */
      }
    }
  }
}
