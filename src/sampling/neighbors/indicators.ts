/**
 * Queries answered through the fitted rows' indicator columns: exact k-NN that evaluates only the
 * rows sharing one of the query's rarest indicator values.
 *
 * ## Why
 * Encoded tables are mostly indicator columns (one-hot categories, multi-hot codes), standard-scaled:
 * each takes two values, and two rows that differ in column t are at squared distance at least
 * `w_t = (hi_t − lo_t)²` apart — for a category of frequency p, `1 / (p (1 − p))`, large for rare
 * ones. Near neighbours therefore share the query's rare values, and a row that shares none of the
 * query's heaviest few is provably too far. On the LAPD table's real rows (422 columns, 412 of them
 * indicators) this leaves 0.11–0.14 of brute force's distance evaluations at 14,000–17,000 rows,
 * halving with every doubling of the rows (`examples/lapd/scripts/python/neighbour_pruning.py`).
 *
 * ## The search, per query q
 * `A_q` = the indicator columns where q holds the fitted rows' rarer value, heaviest first. The
 * rows holding that value in `A_q[0]`, then `A_q[1]`, … (posting lists) are evaluated with a sparse
 * form of the squared distance — the numeric columns directly, plus `Σ w_t` over the indicator
 * columns where the row and q differ, from the row's short list of rare values — each with an
 * error bound, until the w-sum of the lists taken so far exceeds `U`, the k-th smallest upper bound
 * of the rows evaluated. Then no row outside those lists can be among the k nearest, and the rows
 * whose lower bound is at most `U` are re-ranked with the direct float64 distance. A query with no
 * rare value, or whose lists run out or grow past {@link MAX_SHARE} of the rows first, is left to
 * the brute-force search.
 *
 * ## Claim
 * The answer equals the exhaustive search's ({@link exhaustiveSearch}): the `k` rows of smallest
 * `d̂_j = fl(Σₜ (qₜ − x_jₜ)²)` (float64, coordinate order), ties by the smaller index.
 *
 * ## Proof
 * Write `e_jt = fl((qₜ − x_jₜ)²)` for the exact terms of `d̂_j` and `S_j = Σₜ e_jt` (real sum). A
 * float64 sum of d non-negative terms is within `γ_d S_j` of `S_j` (`γ_d = d·u/(1 − d·u)`, u = 2⁻⁵³).
 * (1) The sparse form adds the same terms: in a numeric column it computes `e_jt` itself; in an
 * indicator column where q and row j hold the two different fitted values it adds `w_t =
 * fl((r_t − c_t)²)`, and `e_jt = fl((c_t − r_t)²)` or `fl((r_t − c_t)²)`, which are equal since
 * `fl(a − b) = −fl(b − a)`; where they hold the same value both are 0. It reaches them as `base +
 * Σ signed corrections`, L ≤ d + |R_j| + 2 operations on values whose magnitudes sum to `abs_j`, so
 * its result `ã_j` is within `γ_L abs_j` of `S_j`; `slack_j = 4 (d + |R_j| + 8) u · abs_j` covers
 * that and `γ_d S_j ≤ γ_d abs_j`, so `ã_j − slack_j ≤ d̂_j ≤ ã_j + slack_j`.
 * (2) A row j outside the lists of `P = A_q[0 … p]` holds the common value in every column of P, so
 * `d̂_j ≥ (1 − γ_d) Σ_{t∈P} w_t`; the running float64 sum `cum` of those w is at most
 * `(1 + γ_p) Σ_{t∈P} w_t`, so `cum · (1 − 4(d + p + 2)u) > U` gives `d̂_j > U`.
 * (3) `U`, the k-th smallest `ã + slack` among evaluated rows, is at least the k-th smallest `d̂`
 * among them, hence at least the true k-th `d̂_(k)`; with (2), every row outside has `d̂ > d̂_(k)`
 * (strictly: it can neither be among the k nor tie with the k-th). Every evaluated row with
 * `d̂_j ≤ d̂_(k) ≤ U` has `ã_j − slack_j ≤ U` (1) and is re-ranked directly. So the k smallest by
 * (`d̂`, index) among the re-ranked rows are the exhaustive answer. ∎
 *
 * @internal
 * @packageDocumentation
 */

import { answerDuplicates, type DuplicateHolder } from './duplicates.js';
import type { KNeighborsRunInfo } from './types.js';

/** Unit roundoff of float64. */
const U64 = 2 ** -53;
/** A query whose candidate rows pass this share of the fitted rows goes to the brute-force search. */
const MAX_SHARE = 1 / 8;
/** Below this work (query rows × fitted rows × columns) the index is not used. */
export const INDICATOR_WORK = 2e9;
/** Fewest fitted rows, and share of indicator columns, for the index to be built. */
const MIN_ROWS = 4096;
const MIN_INDICATOR_SHARE = 0.5;
/**
 * Queries of a search after which the index is turned off for the fit when more than half of them
 * were left to the brute-force search (each such query costs up to {@link MAX_SHARE} of the
 * rows in sparse evaluations first).
 */
const TRIAL = 64;

/** Fitted rows by their indicator values. @internal */
export interface IndicatorIndex {
  /** Per column: 1 indicator (exactly two values), 2 constant, 0 other. */
  readonly kind: Uint8Array;
  /** Per indicator column: its rarer value (the lower one on equal counts), and the other. */
  readonly rare: Float64Array;
  readonly common: Float64Array;
  /** Per indicator column: `fl((rare − common)²)`. */
  readonly w: Float64Array;
  /** Columns searched directly (neither indicator nor constant). */
  readonly numeric: Int32Array;
  /** Each row's indicator columns holding the rare value (CSR: `rowStart`, `rowCols`). */
  readonly rowStart: Int32Array;
  readonly rowCols: Int32Array;
  /** Each indicator column's rows holding the rare value, in index order (CSR). */
  readonly colStart: Int32Array;
  readonly colRows: Int32Array;
}

/**
 * Builds the index of the `n × d` rows `data`, or null when the rows are too few or too few of
 * their columns are indicators for it to pay.
 * @internal
 */
export function buildIndicatorIndex(data: Float64Array, n: number, d: number): IndicatorIndex | null {
  if (n < MIN_ROWS) return null;
  // per column: the first value, a second one, and the count of the second
  const v0 = new Float64Array(d);
  const v1 = new Float64Array(d);
  const n1 = new Int32Array(d);
  const state = new Uint8Array(d); // 0 one value so far, 1 two values, 3 more
  for (let t = 0; t < d; t++) v0[t] = data[t] as number;
  for (let i = 1; i < n; i++) {
    const o = i * d;
    for (let t = 0; t < d; t++) {
      const v = data[o + t] as number;
      const s = state[t] as number;
      if (v === v0[t] || s === 3) continue;
      if (s === 0) {
        state[t] = 1;
        v1[t] = v;
        n1[t] = 1;
      } else if (v === v1[t]) n1[t] = (n1[t] as number) + 1;
      else state[t] = 3;
    }
  }
  const kind = new Uint8Array(d);
  const rare = new Float64Array(d);
  const common = new Float64Array(d);
  const w = new Float64Array(d);
  let indicators = 0;
  const numeric: number[] = [];
  for (let t = 0; t < d; t++) {
    if (state[t] === 0) kind[t] = 2;
    else if (state[t] === 1) {
      kind[t] = 1;
      indicators++;
      const c1 = n1[t] as number;
      const c0 = n - c1;
      const a = v0[t] as number;
      const b = v1[t] as number;
      const firstRare = c0 < c1 || (c0 === c1 && a < b);
      rare[t] = firstRare ? a : b;
      common[t] = firstRare ? b : a;
      const diff = (rare[t] as number) - (common[t] as number);
      w[t] = diff * diff;
    } else numeric.push(t);
  }
  if (indicators < MIN_INDICATOR_SHARE * d) return null;
  const rowStart = new Int32Array(n + 1);
  const colStart = new Int32Array(d + 1);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let c = 0;
    for (let t = 0; t < d; t++) {
      if (kind[t] === 1 && data[o + t] === rare[t]) {
        c++;
        colStart[t + 1] = (colStart[t + 1] as number) + 1;
      }
    }
    rowStart[i + 1] = (rowStart[i] as number) + c;
  }
  for (let t = 0; t < d; t++) colStart[t + 1] = (colStart[t + 1] as number) + (colStart[t] as number);
  const total = rowStart[n] as number;
  const rowCols = new Int32Array(total);
  const colRows = new Int32Array(total);
  const fill = colStart.slice(0, d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let p = rowStart[i] as number;
    for (let t = 0; t < d; t++) {
      if (kind[t] === 1 && data[o + t] === rare[t]) {
        rowCols[p++] = t;
        colRows[fill[t] as number] = i;
        fill[t] = (fill[t] as number) + 1;
      }
    }
  }
  return { kind, rare, common, w, numeric: Int32Array.from(numeric), rowStart, rowCols, colStart, colRows };
}

/** What {@link answerByIndicators} reads of a fitted search. @internal */
export interface IndicatorHolder {
  readonly data: Float64Array;
  readonly n: number;
  readonly d: number;
  indicators?: IndicatorIndex | null;
}

/**
 * Answers the queries `todo` of `query` (all when null) that the indicator index can (see the
 * module notes): writes their rows of `indices` and `distances` (Euclidean, `· × k`) and returns
 * the queries left for the brute-force search, in order — or `todo` itself when the index does not
 * apply (too little work — below `minWork`, query rows × fitted rows × columns — or data it does
 * not pay on), with the count answered.
 * @internal
 */
export function answerByIndicators(
  fitted: IndicatorHolder,
  query: Float64Array,
  nQuery: number,
  todo: Int32Array | null,
  k: number,
  excludeSelf: boolean,
  indices: Int32Array,
  distances: Float64Array,
  minWork = INDICATOR_WORK,
): { todo: Int32Array | null; answered: number } {
  const { data, n, d } = fitted;
  const m = todo === null ? nQuery : todo.length;
  if (m === 0 || m * n * d < minWork) return { todo, answered: 0 };
  if (fitted.indicators === undefined) fitted.indicators = buildIndicatorIndex(data, n, d);
  const index = fitted.indicators;
  if (index === null) return { todo, answered: 0 };
  const { kind, rare, common, w, numeric, rowStart, rowCols, colStart, colRows } = index;
  const cap = Math.max(k + 1, Math.floor(n * MAX_SHARE));
  // per query
  const mark = new Float64Array(d); // correction when a row holds column t's rare value
  const active = new Int32Array(d); // A_q, heaviest first
  const direct = new Int32Array(d); // columns computed directly for this query
  // per evaluated row (at most `cap`)
  const stamp = new Int32Array(n).fill(-1);
  const rows = new Int32Array(cap);
  const approx = new Float64Array(cap);
  const slack = new Float64Array(cap);
  const worstUpper = new Float64Array(k); // the k smallest upper bounds, ascending
  const near = new Int32Array(k);
  const nearD = new Float64Array(k);
  const left: number[] = [];
  let answered = 0;
  const byWeight = (a: number, b: number): number => (w[b] as number) - (w[a] as number) || a - b;
  // Leaves query qi (the p-th) to the brute-force search; true when the index is then turned off
  // for the fit (most of a search's first queries left: it costs more than it saves) and every
  // query after it is left too.
  const leave = (p: number, qi: number): boolean => {
    left.push(qi);
    if (p + 1 !== TRIAL || left.length <= TRIAL / 2) return false;
    fitted.indicators = null;
    for (let r = p + 1; r < m; r++) left.push(todo === null ? r : (todo[r] as number));
    return true;
  };
  for (let p = 0; p < m; p++) {
    const qi = todo === null ? p : (todo[p] as number);
    const qo = qi * d;
    // the query's columns: rare values (A_q), common values, others (computed directly)
    let na = 0;
    let nd = 0;
    let base = 0;
    for (let t = 0; t < d; t++) {
      const v = query[qo + t] as number;
      const kt = kind[t] as number;
      if (kt === 1) {
        if (v === rare[t]) {
          active[na++] = t;
          mark[t] = -(w[t] as number);
        } else if (v === common[t]) mark[t] = w[t] as number;
        else {
          mark[t] = 0;
          direct[nd++] = t;
        }
      } else if (kt === 2) {
        if (v !== data[t]) direct[nd++] = t;
      }
    }
    for (let a = 0; a < numeric.length; a++) direct[nd++] = numeric[a] as number;
    if (na === 0) {
      if (leave(p, qi)) break;
      continue;
    }
    const order = active.subarray(0, na).sort(byWeight);
    for (let a = 0; a < na; a++) base += w[order[a] as number] as number;
    // evaluate the posting lists heaviest first until the bound closes
    let count = 0;
    let filled = 0; // entries of worstUpper
    let cum = 0;
    let closed = false;
    let overflow = false;
    for (let a = 0; a < na; a++) {
      const t = order[a] as number;
      const end = colStart[t + 1] as number;
      for (let e = colStart[t] as number; e < end; e++) {
        const j = colRows[e] as number;
        if (stamp[j] === p || (excludeSelf && j === qi)) continue;
        stamp[j] = p;
        if (count === cap) {
          overflow = true;
          break;
        }
        const xo = j * d;
        let acc = base;
        let abs = base;
        for (let c = 0; c < nd; c++) {
          const col = direct[c] as number;
          const diff = (query[qo + col] as number) - (data[xo + col] as number);
          const sq = diff * diff;
          acc += sq;
          abs += sq;
        }
        const r0 = rowStart[j] as number;
        const r1 = rowStart[j + 1] as number;
        for (let r = r0; r < r1; r++) {
          const corr = mark[rowCols[r] as number] as number;
          acc += corr;
          abs += Math.abs(corr);
        }
        const s = 4 * (d + (r1 - r0) + 8) * U64 * abs;
        rows[count] = j;
        approx[count] = acc;
        slack[count] = s;
        count++;
        // keep the k smallest upper bounds
        const up = acc + s;
        if (filled < k || up < (worstUpper[k - 1] as number)) {
          let q = filled < k ? filled++ : k - 1;
          while (q > 0 && (worstUpper[q - 1] as number) > up) {
            worstUpper[q] = worstUpper[q - 1] as number;
            q--;
          }
          worstUpper[q] = up;
        }
      }
      if (overflow) break; // this list was not evaluated to its end: no bound from it
      cum += w[t] as number;
      if (filled === k && cum * (1 - 4 * (d + a + 2) * U64) > (worstUpper[k - 1] as number)) {
        closed = true;
        break;
      }
    }
    if (!closed) {
      if (leave(p, qi)) break;
      continue;
    }
    // re-rank the rows that can be within U directly, keeping the k smallest by (distance, index)
    const U = worstUpper[k - 1] as number;
    let nn = 0;
    for (let c = 0; c < count; c++) {
      if ((approx[c] as number) - (slack[c] as number) > U) continue;
      const j = rows[c] as number;
      const xo = j * d;
      let acc = 0;
      for (let t = 0; t < d; t++) {
        const diff = (query[qo + t] as number) - (data[xo + t] as number);
        acc += diff * diff;
      }
      if (nn === k && (acc > (nearD[k - 1] as number) || (acc === nearD[k - 1] && j > (near[k - 1] as number)))) {
        continue;
      }
      let q = nn < k ? nn++ : k - 1;
      while (q > 0 && ((nearD[q - 1] as number) > acc || (nearD[q - 1] === acc && (near[q - 1] as number) > j))) {
        nearD[q] = nearD[q - 1] as number;
        near[q] = near[q - 1] as number;
        q--;
      }
      nearD[q] = acc;
      near[q] = j;
    }
    const o = qi * k;
    for (let a = 0; a < k; a++) {
      indices[o + a] = near[a] as number;
      distances[o + a] = Math.sqrt(nearD[a] as number);
    }
    answered++;
  }
  return { todo: Int32Array.from(left), answered };
}

/**
 * The queries answered before any scan: those with `k` identical fitted rows (duplicates.ts), then,
 * with `indicators`, those their indicator columns close (above). Returns the queries left for the
 * scan (null: all) and counts both kinds in `run`.
 * @internal
 */
export function answerWithoutScan(
  fitted: DuplicateHolder & IndicatorHolder,
  query: Float64Array,
  nQuery: number,
  k: number,
  excludeSelf: boolean,
  self: boolean,
  indicators: boolean,
  indices: Int32Array,
  distances: Float64Array,
  run: KNeighborsRunInfo,
): Int32Array | null {
  const todo = answerDuplicates(fitted, query, nQuery, k, excludeSelf, self, indices, distances);
  run.duplicates = todo === null ? 0 : nQuery - todo.length;
  if (!indicators) return todo;
  const by = answerByIndicators(fitted, query, nQuery, todo, k, excludeSelf, indices, distances);
  run.indicators = by.answered;
  return by.todo;
}
