/**
 * A neighbour search over all the selected rows without densifying them all: the search index is
 * built on one block of rows at a time, the queries are asked of every block (in chunks), and the
 * per-block nearest neighbours are merged exactly — by squared distance, then position — which is
 * the rule of one search over every row (the library's exact engine ranks by the squared distance
 * `Σ(qᵢ − xᵢ)²` summed in column order, ties to the smaller index). So the table is the one a single
 * search gives, in memory for one block, one query chunk and the running `nQuery × K` tables.
 *
 * @internal
 * @module
 */
import type { NeighborSearch } from '../neighbors/types.js';
import { checkNeighborTable } from '../neighborSearch.js';
import { readInto } from '../readRows.js';
import { answerBlockedDuplicates } from './blockedDuplicates.js';
import type { StreamContext } from './streamPlan.js';

/**
 * The `K` nearest selected rows of each query, as positions into `ctx.selection` (`queries.length ×
 * K`, nearest first): `queries` are positions too, and each query's own position is not excluded
 * (ask for one more and drop it, as ADASYN does). Blocks and query chunks are `ctx.blockRows` rows;
 * `search()` gives the search fitted on each block. Reports `('neighbors', block, blocks, 'blocks')`.
 * A query with at least `K` selected rows identical to it is answered by them first, without a search
 * (`blockedDuplicates.ts`; the rows are hashed in one more pass over the blocks): copies of a row
 * spread over many blocks would otherwise be found one block at a time.
 * @internal
 */
export function blockedNeighbors(
  ctx: StreamContext,
  search: () => NeighborSearch,
  queries: Int32Array,
  K: number,
): Int32Array {
  const { selection } = ctx;
  const all = new Int32Array(queries.length * K).fill(-1);
  // queries with K identical rows are answered by them; the others are searched
  const rest = K >= 1 && selection.length > K ? answerBlockedDuplicates(ctx, queries, K, all) : null;
  if (rest === null) return searchBlocks(ctx, search, queries, K, all);
  const found = searchBlocks(
    ctx,
    search,
    rest.map((i) => queries[i] as number),
    K,
    new Int32Array(rest.length * K),
  );
  rest.forEach((i, t) => all.set(found.subarray(t * K, (t + 1) * K), i * K));
  return all;
}

/** {@link blockedNeighbors}' search of `queries` by blocks, into `bestI` (`queries.length × K`). */
function searchBlocks(
  ctx: StreamContext,
  search: () => NeighborSearch,
  queries: Int32Array,
  K: number,
  bestI: Int32Array,
): Int32Array {
  const { who, X, selection, cols, blockRows } = ctx;
  const n = selection.length;
  const nq = queries.length;
  const bestD = new Float64Array(nq * K).fill(Number.POSITIVE_INFINITY);
  bestI.fill(-1);
  if (nq === 0) return bestI;
  const rowsOfQueries = (q0: number, q1: number): Int32Array =>
    queries.subarray(q0, q1).map((p) => selection[p] as number);
  const chunk = blockRows;
  // The queries, once when they fit in a chunk, else chunk by chunk into one reused buffer.
  const whole = nq <= chunk ? ctx.dense(rowsOfQueries(0, nq)) : undefined;
  const qBuf = whole ? undefined : new Float64Array(chunk * cols);
  const nBlocks = Math.ceil(n / blockRows);
  ctx.progress('neighbors', 0, nBlocks, 'blocks');
  for (let b = 0; b < nBlocks; b++) {
    const lo = b * blockRows;
    const m = Math.min(n, lo + blockRows) - lo;
    const data = ctx.denseBlock(selection.subarray(lo, lo + m));
    const s = search();
    s.fit(data, m, cols);
    const kb = Math.min(K, m);
    for (let q0 = 0; q0 < nq; q0 += chunk) {
      const q1 = Math.min(nq, q0 + chunk);
      const Q = whole ?? readInto(who, X, rowsOfQueries(q0, q1), qBuf as Float64Array);
      const idx = checkNeighborTable(who, s, s.kneighbors(Q, q1 - q0, kb), q1 - q0, m, kb);
      for (let i = 0; i < q1 - q0; i++) {
        const o = (q0 + i) * K;
        for (let t = 0; t < kb; t++) {
          const j = idx[i * kb + t] as number;
          let acc = 0;
          for (let c = 0; c < cols; c++) {
            const diff = (Q[i * cols + c] as number) - (data[j * cols + c] as number);
            acc += diff * diff;
          }
          insert(bestD, bestI, o, K, acc, lo + j);
        }
      }
    }
    ctx.progress('neighbors', b + 1, nBlocks, 'blocks');
  }
  return bestI;
}

/** Inserts (d, i) into the sorted list at `o` (K entries, by distance then index) if it belongs there. */
function insert(bestD: Float64Array, bestI: Int32Array, o: number, K: number, d: number, i: number): void {
  const last = o + K - 1;
  const wd = bestD[last] as number;
  if (d > wd || (d === wd && i > (bestI[last] as number) && (bestI[last] as number) >= 0)) return;
  let p = last;
  while (p > o) {
    const pd = bestD[p - 1] as number;
    const pi = bestI[p - 1] as number;
    if (pd < d || (pd === d && pi >= 0 && pi < i)) break;
    bestD[p] = pd;
    bestI[p] = pi;
    p--;
  }
  bestD[p] = d;
  bestI[p] = i;
}
