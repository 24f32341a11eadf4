import type { NeighborSearch } from './neighbors/types.js';
import { gatherRows } from './gatherRows.js';
import { checkNeighborTable } from './neighborSearch.js';

/**
 * The `k` nearest **other** fitted rows of some of the fitted rows — BorderlineSMOTE's question
 * ("the m nearest rows of each minority row, among all rows") and the cleaning samplers'
 * NeighbourCache's (the rows whose lists ran short, among the rows still alive), when the rows
 * asked about are only a part of the rows searched.
 *
 * @remarks
 * `search` must already be fitted on `data` (`nFit` rows of `cols` values); `query` holds
 * positions of fitted rows. When `query` is every fitted row in order the search's own
 * self-exclusion is used; otherwise each row is queried for `k + 1` neighbours and itself is
 * removed **by index**, or, when `k + 1` rows at distance 0 come before it (duplicates with
 * smaller indices), the last one is dropped — so the answer is always the `k` nearest other rows,
 * ties by smaller index, even with duplicates (imbalanced-learn drops the first column, which with
 * duplicates may be the copy instead of the row). Returns `query.length × k` positions, checked.
 * @internal
 */
export function otherNeighbours(
  who: string,
  search: NeighborSearch,
  data: Float64Array,
  cols: number,
  nFit: number,
  query: Int32Array,
  k: number,
): Int32Array {
  const n = query.length;
  if (n === nFit && query.every((p, q) => p === q)) {
    const res = search.kneighbors(data, nFit, k, { excludeSelf: true });
    return checkNeighborTable(who, search, res, nFit, nFit, k);
  }
  const kq = k + 1;
  const found = checkNeighborTable(who, search, search.kneighbors(gatherRows(data, cols, query), n, kq), n, nFit, kq);
  const out = new Int32Array(n * k);
  for (let q = 0; q < n; q++) {
    const self = query[q] as number;
    let got = 0;
    for (let t = 0; t < kq && got < k; t++) {
      const p = found[q * kq + t] as number;
      if (p !== self) out[q * k + got++] = p;
    }
  }
  return out;
}
