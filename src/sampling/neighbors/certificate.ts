/**
 * The exact re-ranking of a scan's candidates, and the certificate that makes the fast kernels'
 * answers exact.
 *
 * ## Setting
 * For a query `q`, write `a_j = fl(Σₜ(qₜ − x_jₜ)²)` for the float64 squared distance to fitted row
 * `j` computed directly, in coordinate order — the value every path of the engine ranks by, with
 * ties broken by the smaller index. A kernel gives instead an approximation `ã_j` of
 * `‖q − x_j‖² = ‖q‖² + ‖x_j‖² − 2 q·x_j` (on centered rows; float32 or float64 arithmetic, for
 * the int16 kernel on quantised rows `q̂`, `x̂`). The scan keeps the `K` rows with the smallest
 * `ã`; let `w` be the largest kept value.
 *
 * ## Claim
 * Re-rank the candidates by `(a_j, j)` and let `a₍ₖ₎` be the k-th. Let `L = a₍ₖ₎·(1 + 4(d + 2)u₆₄)`
 * and let `E` bound `|ã_j − ‖q − x_j‖²|` for every row with `‖q − x_j‖² ≤ L`. If `w − E > L`,
 * the k best candidates are the k best rows overall, in order.
 *
 * ## Proof
 * 1. *Every row outside the candidates has `ã ≥ w`.* The bounded selection keeps a sorted list of
 *    at most `K` values and admits a row only below the current threshold (the list's last value
 *    once it is full), which never increases. A rejected row had `ã ≥` the threshold at that time
 *    `≥ w`; an evicted row was pushed out by smaller values, so it too is `≥ w`. (The wasm kernels
 *    hand a panel to their insertion only when one of its 8 values is below the row's float32
 *    threshold, which is the float32 list value exactly: the same rule.) A scan that kept fewer
 *    than `K` rows met non-finite approximations, which no comparison admits: it gets no certificate.
 * 2. *No outside row is within `L`.* If an outside row had `‖q − x‖² ≤ L`, then
 *    `ã ≤ ‖q − x‖² + E ≤ L + E < w`, contradicting 1.
 * 3. *So every outside row ranks strictly after the k-th.* The direct float64 sum of `d` squares
 *    has relative error below `(d + 2)u₆₄` (`u₆₄ = 2⁻⁵³`; Higham's γ bound with room), so for an
 *    outside row `a ≥ ‖q − x‖²(1 − (d + 2)u₆₄) > L(1 − (d + 2)u₆₄) ≥ a₍ₖ₎` — strictly greater, so
 *    neither its distance nor a tie on its index can put it among the first k. ∎
 *
 * When every row is a candidate (`fill = available`) nothing is outside and the re-ranking is the
 * answer. A query whose certificate fails is searched again by the caller (a tighter kernel, more
 * candidates, finally the exhaustive search of `exhaustive.ts`) — never answered from an uncertified list.
 *
 * ## The error bound `E`
 * See {@link errorBound}: float32 (or float64) rounding of the approximation, plus for the int16
 * kernel the quantisation error, each bounded for the rows that matter (`‖x‖ ≤ ‖q‖ + √L`, by the
 * triangle inequality) or for all rows, whichever is smaller.
 *
 * @internal
 * @packageDocumentation
 */
import type { Candidates } from './candidates.js';

/** Unit roundoff of float32 (the wasm kernels). */
const U32 = 2 ** -24;
/** Unit roundoff of float64 (the JavaScript kernel, and the direct distances). */
const U64 = 2 ** -53;
/** Smallest subnormal float32: twice the absolute error of a rounding that underflows. */
const TINY32 = 2 ** -149;
/** Smallest subnormal float64. */
const TINY64 = 2 ** -1074;

/**
 * What the certificate needs to know about the kernel that produced the candidates: whether it
 * quantised to int16, and the quantisation residuals of the fitted rows (see `WasmState`).
 * @internal
 */
export interface KernelErrorModel {
  /** The int16 kernel (else float32). */
  int16: boolean;
  /** Largest `‖v − v̂‖` over the fitted rows. */
  maxRes: number;
  /** Largest `‖v̂‖` over the fitted rows. */
  maxQNorm: number;
  /** Largest `‖v − v̂‖ / ‖v‖` over the fitted rows. */
  resPerNorm: number;
}

/** The fitted rows as the re-ranking reads them. @internal */
export interface RerankData {
  /** The fitted rows, `n × d` row-major (the search's own frame, see `exponentRange.ts`). */
  data: Float64Array;
  d: number;
  /** Largest squared norm of a centered fitted row. */
  xnMax: number;
}

/**
 * Exact distances for the candidates of the query rows `sub` (all when null), ranking by
 * (distance, index), and the certificate that no other row can be closer. Writes the certified
 * rows of `indices` / `distances`; returns the query indices that failed. `kernel` is null for the
 * float64 JavaScript kernel.
 * @internal
 */
export function rerank(
  fitted: RerankData,
  query: Float64Array,
  sub: Int32Array | null,
  k: number,
  K: number,
  available: number,
  c: Candidates,
  kernel: KernelErrorModel | null,
  indices: Int32Array,
  distances: Float64Array,
  ties?: { count: number },
): Int32Array {
  const { data, d, xnMax } = fitted;
  const unit = kernel === null ? U64 : U32;
  const tiny = kernel === null ? TINY64 : TINY32;
  const m = c.fill.length;
  const slack = 1 + 4 * (d + 2) * U64;
  const idx = new Int32Array(K);
  const ex = new Float64Array(K);
  const direct = new Float64Array(K);
  const failed: number[] = [];
  for (let i = 0; i < m; i++) {
    const qi = sub === null ? i : sub[i]!;
    const f = c.fill[i]!;
    directDistances(query, qi * d, data, c.cand, i * K, f, d, direct);
    for (let a = 0; a < f; a++) {
      const j = c.cand[i * K + a]!;
      const acc = direct[a]!;
      // insertion by (distance, index)
      let p = a;
      while (p > 0 && (ex[p - 1]! > acc || (ex[p - 1] === acc && idx[p - 1]! > j))) {
        ex[p] = ex[p - 1]!;
        idx[p] = idx[p - 1]!;
        p--;
      }
      ex[p] = acc;
      idx[p] = j;
    }
    if (f < available) {
      // step 1 of the proof: every row outside had an approximation ≥ the last candidate's (a scan
      // that filled fewer than K met non-finite approximations: no certificate)
      const worst = f === K ? c.candVal[i * K + K - 1]! : -Infinity;
      const limit = ex[k - 1]! * slack;
      if (!(worst - errorBound(c, i, d, limit, kernel, unit, tiny, xnMax) > limit)) {
        failed.push(qi);
        // every candidate within the k-th distance's band: more candidates are needed, whatever the kernel
        if (ties && f === K && ex[K - 1]! <= limit) ties.count++;
        continue;
      }
    }
    const o = qi * k;
    for (let a = 0; a < k; a++) {
      indices[o + a] = idx[a]!;
      distances[o + a] = Math.sqrt(ex[a]!);
    }
  }
  return Int32Array.from(failed);
}

/**
 * The float64 squared distances `Σₜ(qₜ − xₜ)²`, each summed in coordinate order, from the query row
 * at `query[qo …]` to the `f` fitted rows `cand[co …]`, into `out[0 … f)`. Four candidates at a
 * time: four independent sums overlap, where one waits on each addition (the values are the same).
 */
function directDistances(
  query: Float64Array,
  qo: number,
  data: Float64Array,
  cand: Int32Array,
  co: number,
  f: number,
  d: number,
  out: Float64Array,
): void {
  let a = 0;
  for (; a + 3 < f; a += 4) {
    const x0 = cand[co + a]! * d;
    const x1 = cand[co + a + 1]! * d;
    const x2 = cand[co + a + 2]! * d;
    const x3 = cand[co + a + 3]! * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let t = 0; t < d; t++) {
      const q = query[qo + t]!;
      const e0 = q - data[x0 + t]!;
      const e1 = q - data[x1 + t]!;
      const e2 = q - data[x2 + t]!;
      const e3 = q - data[x3 + t]!;
      s0 += e0 * e0;
      s1 += e1 * e1;
      s2 += e2 * e2;
      s3 += e3 * e3;
    }
    out[a] = s0;
    out[a + 1] = s1;
    out[a + 2] = s2;
    out[a + 3] = s3;
  }
  for (; a < f; a++) {
    const xo = cand[co + a]! * d;
    let acc = 0;
    for (let t = 0; t < d; t++) {
      const e = query[qo + t]! - data[xo + t]!;
      acc += e * e;
    }
    out[a] = acc;
  }
}

/**
 * A bound on the kernel's error in the approximate squared distance of query `i` to any data row
 * that could be within squared distance `limit` of it.
 *
 * @remarks
 * The approximation is `‖q‖² + ‖x‖² − 2 q̂·x̂` in float32: rounding over `d` terms is at most
 * `u·(2d + 32)·(‖q‖² + ‖x‖²)` (u = 2⁻²⁴, or 2⁻⁵³ for the float64 kernel; the dot product's
 * `γ_d·2‖q‖‖x‖ ≤ γ_d(‖q‖² + ‖x‖²)` doubled, and a generous constant for the few other roundings:
 * the float64 centering, the norms to float32, the scale products, the final additions). The int16
 * kernel adds `2|q·x − q̂·x̂| ≤ 2(‖q‖·‖x − x̂‖ + ‖q − q̂‖·‖x̂‖)` (Cauchy–Schwarz; the dot product of
 * the integers itself is exact), with 1% over for the float64 arithmetic of the residuals. Two bounds
 * on `x` are valid and the smaller is taken: the largest over all rows, and the one for rows with
 * `‖x‖ ≤ ‖q‖ + √limit`, which is every row within `limit` (triangle inequality; then
 * `‖x − x̂‖ ≤ ρ‖x‖` and `‖x̂‖ ≤ (1 + ρ)‖x‖` with `ρ` the largest residual per norm).
 *
 * Relative bounds hold only while no step underflows: in the standard model a rounding is
 * `fl(a ∘ b) = (a ∘ b)(1 + δ) + η` with `|η|` at most half the smallest subnormal. Some `2d + 8`
 * roundings (products and sums of the dot product, the norms' conversion to float32, the scale
 * products, the final additions) each add such an `η`, hence the term `(2d + 16)·tiny` (`tiny` =
 * 2⁻¹⁴⁹, or 2⁻¹⁰⁷⁴ for float64, with room). Without it, rows whose centered norms are subnormal in
 * float32 — a cluster within about 10⁻¹⁹ of the data's mean, or data at that scale — were
 * certified on approximations that were mostly rounding noise.
 * @internal
 */
export function errorBound(
  c: Candidates,
  i: number,
  d: number,
  limit: number,
  kernel: KernelErrorModel | null,
  unit: number,
  tiny: number,
  xnMax: number,
): number {
  const qn = c.qn[i]!;
  const nq = Math.sqrt(qn);
  const R = nq + Math.sqrt(limit);
  let all = unit * (2 * d + 32) * (qn + xnMax);
  let near = unit * (2 * d + 32) * (qn + R * R);
  if (kernel?.int16) {
    const rq = (c.qRes as Float64Array)[i]!;
    const rho = kernel.resPerNorm;
    all += 2.02 * (nq * kernel.maxRes + rq * kernel.maxQNorm);
    near += 2.02 * R * (nq * rho + rq * (1 + rho));
  }
  return Math.min(all, near) + (2 * d + 16) * tiny;
}
