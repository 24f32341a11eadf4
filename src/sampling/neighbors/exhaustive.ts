/**
 * The exhaustive exact search: every fitted row's squared distance computed directly as
 * `Σ(qₜ − xₜ)²` in float64 (in coordinate order), the `k` smallest kept by (distance, index). It is
 * the reference every faster path must reproduce, and the engine's last resort for queries whose
 * certificate keeps failing.
 *
 * @internal
 * @packageDocumentation
 */

/**
 * The `k` nearest of the `n × d` rows `data` for the query rows `sub` of `query` (all when null),
 * ranked by (squared distance, index); with `excludeSelf`, query row `i` skips data row `i`. Writes
 * rows `i` of `indices` and `distances` (`· × k`, Euclidean distances) for each searched query.
 * @internal
 */
export function exhaustiveSearch(
  data: Float64Array,
  n: number,
  d: number,
  query: Float64Array,
  sub: Int32Array | null,
  k: number,
  excludeSelf: boolean,
  indices: Int32Array,
  distances: Float64Array,
): void {
  const m = sub === null ? query.length / d : sub.length;
  const idx = new Int32Array(k);
  const ex = new Float64Array(k);
  for (let i = 0; i < m; i++) {
    const qi = sub === null ? i : sub[i]!;
    const qo = qi * d;
    let filled = 0;
    let worst = Infinity;
    for (let j = 0; j < n; j++) {
      if (excludeSelf && j === qi) continue;
      const xo = j * d;
      let acc = 0;
      for (let t = 0; t < d; t++) {
        const diff = query[qo + t]! - data[xo + t]!;
        acc += diff * diff;
      }
      // rows come in index order: a tie with the k-th stays out, an insertion stops at a tie
      if (acc < worst || filled < k) {
        if (filled < k) filled++;
        let p = filled - 1;
        while (p > 0 && ex[p - 1]! > acc) {
          ex[p] = ex[p - 1]!;
          idx[p] = idx[p - 1]!;
          p--;
        }
        ex[p] = acc;
        idx[p] = j;
        if (filled === k) worst = ex[k - 1]!;
      }
    }
    const o = qi * k;
    for (let a = 0; a < k; a++) {
      indices[o + a] = idx[a]!;
      distances[o + a] = Math.sqrt(ex[a]!);
    }
  }
}
