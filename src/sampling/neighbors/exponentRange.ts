/**
 * Keeping squared distances inside float64's exponent range.
 *
 * A squared distance `Σ(qₜ − xₜ)²` overflows when differences reach about 10¹⁵⁴ and underflows
 * when they fall below about 10⁻¹⁵⁴ — long before the values themselves leave float64's range. On
 * the 1-column data `[0, 1e200, 3e200]` every squared distance is `Infinity` and the tie goes to
 * the smaller index (row 2's neighbour comes out as row 0); on `[0, 1e-170, 3e-170]` every one is
 * `0`. Three measures, cheapest first, keep every answer exact and finite:
 *
 * 1. **A frame per fit.** When the fitted data's spread puts squared distances near either end of
 *    the range ({@link chooseFrame}), the search runs on the data times a power of two `2^e` that
 *    brings the largest column range into `[1, 2)`. Scaling by a power of two is exact (short of
 *    subnormal results) and multiplies every difference by `2^e` and every squared distance by
 *    `2^2e` in every rounding step, so the ranking, ties included, is the one float64 would give
 *    with an unbounded exponent; distances are scaled back on the way out. Data that do not need
 *    it are searched as given (their results are bit-for-bit those of earlier versions).
 * 2. **Query rows the frame cannot hold** — values that overflow when scaled, or so far from the
 *    fitted rows' bounding box that a squared distance could overflow ({@link farRows}) — skip the
 *    fast search and go to the range-safe search (3).
 * 3. **A check of every answer.** A k-th-or-better squared distance below `2⁻⁹⁶⁸` between rows
 *    that are not identical may have lost precision to underflow (data spanning so many orders of
 *    magnitude that no single power of two serves, e.g. `[0, 1e-200, 2e-200, 1]`); such a query is
 *    searched again by {@link rangeSafeSearch}, which computes every squared distance as a
 *    mantissa and an unbounded exponent. Above `2⁻⁹⁶⁸` the sum is at least 2⁵⁴ times the smallest
 *    normal number, so a term that underflowed changed it by less than `d·2⁻¹⁰⁷` relatively: no
 *    more than float64's own rounding. Identical rows (distance 0) are exact. If every returned
 *    squared distance is safe, so is the ranking: any row ranked after them has a squared distance
 *    at least theirs, and one that underflowed would have ranked before them.
 *
 * A distance that itself exceeds the largest float64 (rows more than ~1.8·10³⁰⁸ apart) cannot be
 * returned: the search throws {@link DataValidationError} rather than answer `Infinity`.
 *
 * @internal
 * @packageDocumentation
 */
import { DataValidationError } from '../../core/errors.js';

/**
 * The frame is needed when the fitted rows' squared diameter bound `Σₜ rangeₜ²` reaches this: 2²⁴
 * below overflow, so that queries up to some 1,000 diameters away from the data are still served
 * by the fast search (see {@link MAX_QUERY_SQ}). Data at 10¹⁵⁰ (squared diameter
 * 4·10³⁰⁰ ≈ 2⁹⁹⁷·⁵) stay as they are.
 */
const MAX_SPREAD_SQ = 2 ** 1000;
/**
 * …or when the largest column range is below this (and above 0). Below it the float32 kernels'
 * squared norms (at most `d·range²`) come within 2⁴⁶ of float32's subnormal range (2⁻¹²⁶), where
 * their error bound is mostly the underflow term and certificates fail; ranges below about
 * 10⁻¹⁵⁴, whose squares underflow float64 itself, are far beyond it. Scaling up is exact, so this
 * frame changes no result, only which path finds it.
 */
const MIN_RANGE = 2 ** -40;
/** …or when a magnitude reaches this, where the sum of `n < 2³²` values for the mean could overflow. */
const MAX_MAGNITUDE = 2 ** 990;
/** A query row is served by the fast search only when its squared distances are below this. */
const MAX_QUERY_SQ = 2 ** 1020;
/**
 * Returned distances at or below this (squared: `2⁻⁹⁶⁸ = 2⁵⁴` times the smallest normal) between
 * rows that differ are checked by the range-safe search.
 */
const MIN_SAFE_DISTANCE = 2 ** -484;

/**
 * `⌊log₂ x⌋` for a positive finite `x` (subnormals included), exactly.
 * @internal
 */
export function ilogb(x: number): number {
  let e = Math.floor(Math.log2(x));
  if (2 ** e > x) e--;
  else if (2 ** (e + 1) <= x) e++;
  return e;
}

/**
 * `x·2^e`, exact unless the result is subnormal or overflows (`2^e` is applied in steps that are
 * each a normal number, so any integer `e` works).
 * @internal
 */
export function scalePow2(x: number, e: number): number {
  let y = x;
  let r = e;
  while (r > 1023) {
    y *= 2 ** 1023;
    r -= 1023;
  }
  while (r < -1022) {
    y *= 2 ** -1022;
    r += 1022;
  }
  return y * 2 ** r;
}

/** The search's frame for one fit: the fitted rows times `2^exponent`. @internal */
export interface Frame {
  /** Power of two applied to every value (0: the caller's values as given). */
  exponent: number;
  /** The fitted rows in the frame (the caller's array itself when `exponent` is 0). */
  data: Float64Array;
  /** Per column, the smallest and largest value in the frame. */
  lo: Float64Array;
  hi: Float64Array;
}

/**
 * The frame for the `n × d` finite rows `data`: the identity, unless their spread makes squared
 * distances overflow or underflow (see the constants above); then `2^e` with the largest column
 * range scaled into `[1, 2)`, and every magnitude kept below `2⁹⁹⁰`.
 * @internal
 */
export function chooseFrame(data: Float64Array, n: number, d: number, ranges?: ColumnRanges): Frame {
  const { lo, hi } = ranges ?? columnRanges(data, n, d);
  let A = 0;
  let rMax = 0;
  let halfMax = 0; // the largest range halved: finite even when the range overflows
  let spreadSq = 0;
  for (let t = 0; t < d; t++) {
    A = Math.max(A, Math.abs(lo[t]!), Math.abs(hi[t]!));
    const r = hi[t]! - lo[t]!; // may overflow to Infinity: then a frame is needed
    rMax = Math.max(rMax, r);
    halfMax = Math.max(halfMax, hi[t]! * 0.5 - lo[t]! * 0.5);
    spreadSq += r * r;
  }
  const tooSmall = rMax > 0 && rMax < MIN_RANGE;
  if (!(tooSmall || spreadSq >= MAX_SPREAD_SQ || A >= MAX_MAGNITUDE)) return { exponent: 0, data, lo, hi };
  // the largest range into [1, 2), and every magnitude below MAX_MAGNITUDE
  let exponent = rMax === Infinity ? -1 - ilogb(halfMax) : rMax > 0 ? -ilogb(rMax) : 0;
  if (A > 0) exponent = Math.min(exponent, ilogb(MAX_MAGNITUDE) - 1 - ilogb(A));
  const scaled = new Float64Array(n * d);
  for (let i = 0; i < scaled.length; i++) scaled[i] = scalePow2(data[i]!, exponent);
  for (let t = 0; t < d; t++) {
    lo[t] = scalePow2(lo[t]!, exponent);
    hi[t] = scalePow2(hi[t]!, exponent);
  }
  return { exponent, data: scaled, lo, hi };
}

/** Per column of `n × d` rows: the smallest and largest value and the sum; whether all are finite. @internal */
export interface ColumnRanges {
  lo: Float64Array;
  hi: Float64Array;
  /** Each column's values summed in row order. */
  sum: Float64Array;
  finite: boolean;
}

/**
 * {@link ColumnRanges} in one pass over the rows (`v · 0` is 0 exactly when `v` is finite). The
 * fit reads its rows once for the finiteness check, the frame's ranges and the mean.
 * @internal
 */
export function columnRanges(data: Float64Array, n: number, d: number): ColumnRanges {
  const lo = new Float64Array(d).fill(Infinity);
  const hi = new Float64Array(d).fill(-Infinity);
  const sum = new Float64Array(d);
  let zero = 0;
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < d; t++) {
      const v = data[i * d + t]!;
      if (v < lo[t]!) lo[t] = v;
      if (v > hi[t]!) hi[t] = v;
      sum[t]! += v;
      zero += v * 0;
    }
  }
  return { lo, hi, sum, finite: zero === 0 };
}

/**
 * The `m` query rows in the frame (the array itself when the frame is the identity, the frame's
 * own rows when the query is the fitted data), and the rows it cannot hold ({@link farRows}),
 * replaced by a placeholder the fast search can rank (fitted row 0): {@link settleRange} answers
 * them. `magnitude` is the query's largest `|v|` (before the frame's scaling).
 * @internal
 */
export function queryInFrame(
  query: Float64Array,
  m: number,
  frame: Frame,
  isFittedData: boolean,
  magnitude: number,
): { q: Float64Array; far: Uint8Array | null } {
  if (isFittedData) return { q: frame.data, far: null }; // inside the bounding box: never far
  let q = query;
  if (frame.exponent !== 0) {
    q = new Float64Array(query.length);
    for (let i = 0; i < query.length; i++) q[i] = scalePow2(query[i]!, frame.exponent);
  }
  const far = nearAll(frame, scalePow2(magnitude, frame.exponent)) ? null : farRows(q, m, frame);
  if (far !== null) {
    const d = frame.lo.length;
    if (q === query) q = query.slice();
    for (let i = 0; i < m; i++) if (far[i] === 1) q.set(frame.data.subarray(0, d), i * d);
  }
  return { q, far };
}

/**
 * Whether no query row whose values are at most `magnitude` in absolute value (in the frame) can be
 * one of {@link farRows}, by one bound for them all: each coordinate's distance to the bounding
 * box's far side is at most `magnitude + B` (`B` the box's largest `|lo|`, `|hi|`), so every row's
 * sum is at most `d·(magnitude + B)²` — tested against half of `MAX_QUERY_SQ`, which absorbs the
 * rounding of this bound and of farRows' own sums. Saves farRows' pass when it holds.
 */
function nearAll(frame: Frame, magnitude: number): boolean {
  const { lo, hi } = frame;
  const d = lo.length;
  let box = 0;
  for (let t = 0; t < d; t++) box = Math.max(box, Math.abs(lo[t]!), Math.abs(hi[t]!));
  const g = magnitude + box;
  return d * (g * g) < MAX_QUERY_SQ / 2;
}

/**
 * Query rows (in the frame) whose squared distance to some point of the fitted rows' bounding box
 * could reach {@link MAX_QUERY_SQ} — or whose scaled values overflowed: the fast search cannot
 * rank them. Returns a 0/1 flag per row, or null when there are none.
 * @internal
 */
function farRows(q: Float64Array, m: number, frame: Frame): Uint8Array | null {
  const { lo, hi } = frame;
  const d = lo.length;
  let far: Uint8Array | null = null;
  for (let i = 0; i < m; i++) {
    let bound = 0;
    for (let t = 0; t < d; t++) {
      const v = q[i * d + t]!;
      const g = Math.max(Math.abs(v - lo[t]!), Math.abs(v - hi[t]!));
      bound += g * g;
    }
    if (!(bound < MAX_QUERY_SQ)) {
      far ??= new Uint8Array(m);
      far[i] = 1;
    }
  }
  return far;
}

/** Whether rows `a[ao…ao+d)` and `b[bo…bo+d)` are equal value for value. */
function sameRow(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): boolean {
  for (let t = 0; t < d; t++) if (a[ao + t] !== b[bo + t]) return false;
  return true;
}

/**
 * Finishes a search made in the frame: re-searches with {@link rangeSafeSearch} the query rows
 * flagged `far` and those whose answer may have lost precision to underflow (a returned distance
 * at most {@link MIN_SAFE_DISTANCE} between rows that differ in the caller's values), scales the
 * other rows' distances back to the caller's scale, and throws when a distance is not finite.
 * `data` and `query` are the caller's values. Returns the number of rows re-searched.
 * @internal
 */
export function settleRange(
  who: string,
  frame: Frame,
  data: Float64Array,
  n: number,
  query: Float64Array,
  m: number,
  k: number,
  excludeSelf: boolean,
  far: Uint8Array | null,
  indices: Int32Array,
  distances: Float64Array,
): number {
  const d = frame.lo.length;
  let rescued = 0;
  for (let i = 0; i < m; i++) {
    const o = i * k;
    let unsafe = far !== null && far[i] === 1;
    for (let a = 0; a < k && !unsafe; a++) {
      const dist = distances[o + a]!;
      if (dist > MIN_SAFE_DISTANCE) continue;
      unsafe = dist > 0 || !sameRow(query, i * d, data, indices[o + a]! * d, d);
    }
    if (unsafe) {
      rangeSafeSearch(data, n, d, query, i, k, excludeSelf, indices, distances);
      rescued++;
    } else if (frame.exponent !== 0) {
      for (let a = 0; a < k; a++) distances[o + a] = scalePow2(distances[o + a]!, -frame.exponent);
    }
    for (let a = 0; a < k; a++) {
      if (!Number.isFinite(distances[o + a])) {
        throw new DataValidationError(
          `${who}: the distance from query row ${i} to fitted row ${indices[o + a]} exceeds the largest ` +
            'float64 (about 1.8e308). Scale the data and the queries down together.',
          { param: 'query', row: i },
        );
      }
    }
  }
  return rescued;
}

/**
 * The squared distance between rows `q[qo…)` and `x[xo…)` as `mant·2^expo` with `mant ∈ [1, 2)`
 * and an unbounded `expo` (`expo = −∞`, `mant = 0` for identical rows), written to `out`. The
 * differences are scaled by a power of two that puts the largest in `[1, 2)` before squaring (and
 * halved first when they overflow), so no step overflows and only terms below `2⁻¹⁰²²` of the
 * largest can underflow — the float64 sum in coordinate order, as if its exponent were unbounded.
 */
function squaredKey(q: Float64Array, qo: number, x: Float64Array, xo: number, d: number, out: Float64Array): void {
  let halve = false;
  let m = 0;
  for (let t = 0; t < d; t++) {
    const h = Math.abs(q[qo + t]! - x[xo + t]!);
    if (h === Infinity) {
      halve = true;
      break;
    }
    if (h > m) m = h;
  }
  if (halve) {
    m = 0;
    for (let t = 0; t < d; t++) m = Math.max(m, Math.abs(q[qo + t]! * 0.5 - x[xo + t]! * 0.5));
  }
  if (m === 0) {
    out[0] = -Infinity;
    out[1] = 0;
    return;
  }
  const E = ilogb(m);
  let s = 0;
  for (let t = 0; t < d; t++) {
    const h = halve ? q[qo + t]! * 0.5 - x[xo + t]! * 0.5 : q[qo + t]! - x[xo + t]!;
    const v = scalePow2(h, -E);
    s += v * v;
  }
  const g = ilogb(s); // s ∈ [1, 4d)
  out[0] = 2 * E + g + (halve ? 2 : 0);
  out[1] = s * 2 ** -g;
}

/** `√(mant·2^expo)` (0 for `expo = −∞`), exact but for the final rounding. */
function keyDistance(expo: number, mant: number): number {
  if (expo === -Infinity) return 0;
  const odd = ((expo % 2) + 2) % 2;
  return scalePow2(Math.sqrt(mant * 2 ** odd), (expo - odd) / 2);
}

/**
 * The `k` nearest of the `n × d` rows `data` to query row `qi` of `query` (both the caller's
 * values), ranked by (squared distance, index) with squared distances carried as mantissa and
 * unbounded exponent ({@link squaredKey}); with `excludeSelf`, row `qi` is skipped. Writes row
 * `qi` of `indices` and `distances`. `O(n·d)` per query: only for the rare rows the frame cannot
 * serve.
 * @internal
 */
export function rangeSafeSearch(
  data: Float64Array,
  n: number,
  d: number,
  query: Float64Array,
  qi: number,
  k: number,
  excludeSelf: boolean,
  indices: Int32Array,
  distances: Float64Array,
): void {
  const bestE = new Float64Array(k);
  const bestM = new Float64Array(k);
  const bestI = new Int32Array(k);
  const key = new Float64Array(2);
  let filled = 0;
  for (let j = 0; j < n; j++) {
    if (excludeSelf && j === qi) continue;
    squaredKey(query, qi * d, data, j * d, d, key);
    const e = key[0]!;
    const v = key[1]!;
    // rows come in index order: a row enters only when strictly smaller than the k-th
    if (filled === k && !(e < bestE[k - 1]! || (e === bestE[k - 1] && v < bestM[k - 1]!))) continue;
    let p = filled < k ? filled++ : k - 1;
    while (p > 0 && (bestE[p - 1]! > e || (bestE[p - 1] === e && bestM[p - 1]! > v))) {
      bestE[p] = bestE[p - 1]!;
      bestM[p] = bestM[p - 1]!;
      bestI[p] = bestI[p - 1]!;
      p--;
    }
    bestE[p] = e;
    bestM[p] = v;
    bestI[p] = j;
  }
  const o = qi * k;
  for (let a = 0; a < k; a++) {
    indices[o + a] = bestI[a]!;
    distances[o + a] = keyDistance(bestE[a]!, bestM[a]!);
  }
}
