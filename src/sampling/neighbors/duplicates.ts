/**
 * Queries answered by identical fitted rows: a query row with at least `k` fitted rows equal to it
 * (value for value) has those rows, the `k` of smallest index, as its exact answer at distance 0.
 *
 * ## Why
 * A candidate scan keeps `k + extraCandidates` rows and certifies that no other row is closer. When
 * more rows than that tie at distance 0 (data with many repeated rows: replicated records, binned or
 * purely categorical features), the certificate cannot separate the tied rows from the rest, so
 * every such query is scanned again with more candidates — measured, 30,000 rows of 449 one-hot and
 * numeric columns as 300 distinct rows × 100 copies: 38.8 s instead of 6.6 s for distinct rows.
 *
 * ## Claim
 * Let every value of the fitted rows and of the query be 0 or at least 2⁻⁴⁰⁰ in magnitude. Then the
 * engine's squared distance `a_j = fl(Σₜ(qₜ − x_jₜ)²)` is 0 exactly when row j equals the query.
 *
 * ## Proof
 * Equal rows give `qₜ − x_jₜ = 0` in every coordinate. Otherwise some `qₜ ≠ x_jₜ`; both are 0 or
 * at least 2⁻⁴⁰⁰ in magnitude, where consecutive float64 values are at least 2⁻⁴⁵² apart, so the
 * difference — computed exactly or rounded, but never below the spacing — is at least 2⁻⁴⁵² in
 * magnitude and its square at least 2⁻⁹⁰⁴, a normal number. A float64 sum of non-negative terms is
 * at least its largest term, so `a_j ≥ 2⁻⁹⁰⁴ > 0`. ∎
 *
 * So the rows at distance 0 are the identical rows; ranked by (distance, index), the `k` identical
 * rows of smallest index come first, which is the answer of every other path.
 *
 * @internal
 * @packageDocumentation
 */

/** Values below this magnitude (other than 0) turn the shortcut off (see the module notes). */
const TINY = 2 ** -400;

/** The fitted rows grouped by value: rows with equal values chained in index order. @internal */
export interface DuplicateIndex {
  /** Hash table of size `mask + 1`: the first row of a chain of rows with that hash, or −1. */
  readonly head: Int32Array;
  /** The next row with the same hash, in index order, or −1. */
  readonly next: Int32Array;
  /** Each fitted row's hash. */
  readonly hash: Int32Array;
  readonly mask: number;
  /** Rows in the largest group of equal rows. */
  readonly largest: number;
}

/**
 * A 32-bit hash of row `i` of `data` (`d` values a row; `words` its uint32 view) — of its first `p`
 * values, all by default — +0 and −0 alike. @internal
 */
export function hashRow(data: Float64Array, words: Uint32Array, i: number, d: number, p = d): number {
  let h = 0x811c9dc5 ^ d;
  const o = i * d;
  for (let t = 0; t < p; t++) {
    const v = data[o + t] as number;
    let lo = 0;
    let hi = 0;
    if (v !== 0) {
      lo = words[2 * (o + t)] as number;
      hi = words[2 * (o + t) + 1] as number;
    }
    h = Math.imul(h ^ lo, 0x01000193);
    h = Math.imul(h ^ hi, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x45d9f3b);
  return h ^ (h >>> 16);
}

/** Whether every value of `data[from … to)` is 0 or at least 2⁻⁴⁰⁰ in magnitude. @internal */
export function noTinyValues(data: Float64Array, from: number, to: number): boolean {
  for (let t = from; t < to; t++) {
    const a = Math.abs(data[t] as number);
    if (a !== 0 && a < TINY) return false;
  }
  return true;
}

/** Whether rows `i` of `a` and `j` of `b` (`d` values each) are equal value for value. @internal */
export function sameRow(a: Float64Array, i: number, b: Float64Array, j: number, d: number): boolean {
  const ao = i * d;
  const bo = j * d;
  for (let t = 0; t < d; t++) if (a[ao + t] !== b[bo + t]) return false;
  return true;
}

/**
 * Groups the `n × d` rows of `data` by value; null when a value is too small for the shortcut's
 * guarantee (see the module notes).
 * @internal
 */
export function buildDuplicateIndex(data: Float64Array, n: number, d: number): DuplicateIndex | null {
  if (!noTinyValues(data, 0, n * d)) return null;
  const words = new Uint32Array(data.buffer, data.byteOffset, 2 * n * d);
  let size = 1;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  const head = new Int32Array(size).fill(-1);
  const tail = new Int32Array(size).fill(-1);
  const next = new Int32Array(n).fill(-1);
  const hash = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const h = hashRow(data, words, i, d);
    hash[i] = h;
    const b = h & mask;
    if (head[b] === -1) head[b] = i;
    else next[tail[b] as number] = i;
    tail[b] = i;
  }
  // the largest group of equal rows (most rows share no bucket with another: one pass over the chains)
  let largest = n > 0 ? 1 : 0;
  const seen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (seen[i] || next[i] === -1) continue;
    let count = 1;
    for (let j = next[i] as number; j !== -1; j = next[j] as number) {
      if (!seen[j] && hash[j] === hash[i] && sameRow(data, i, data, j, d)) {
        seen[j] = 1;
        count++;
      }
    }
    if (count > largest) largest = count;
  }
  return { head, next, hash, mask, largest };
}

/** Columns of the pre-check {@link largestPrefixGroup}. */
const PREFIX = 4;

/**
 * An upper bound on the rows of the largest group of equal rows of the `n × d` rows `data`: the
 * largest group of rows equal in their first `min(d, 4)` values (rows equal in every value are
 * equal in those). One hashed pass over those columns, a few times cheaper than
 * {@link buildDuplicateIndex}'s pass over all of them: on continuous data it is 1, and the index,
 * which could answer no query, is not built (NearMiss-3 on 200,000 rows × 32: ~30 ms less).
 * @internal
 */
export function largestPrefixGroup(data: Float64Array, n: number, d: number): number {
  if (n === 0) return 0;
  const p = Math.min(d, PREFIX);
  const words = new Uint32Array(data.buffer, data.byteOffset, 2 * n * d);
  let size = 1;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  const slot = new Int32Array(size).fill(-1); // a row of the group, open addressing
  const count = new Int32Array(size);
  let largest = 1;
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let b = hashRow(data, words, i, d, p) & mask;
    for (;;) {
      const j = slot[b] as number;
      if (j === -1) {
        slot[b] = i;
        count[b] = 1;
        break;
      }
      let same = true;
      for (let t = 0; t < p && same; t++) same = data[o + t] === data[j * d + t];
      if (same) {
        const c = (count[b] as number) + 1;
        count[b] = c;
        if (c > largest) largest = c;
        break;
      }
      b = (b + 1) & mask;
    }
  }
  return largest;
}

/** Below this work (query rows × fitted rows × columns), identical rows are not looked for first. */
const DUPLICATE_WORK = 1e7;

/**
 * What {@link answerDuplicates} reads of a fitted search: its rows, and their {@link DuplicateIndex}
 * (built by the first search that looks for identical rows; null when not applicable).
 * @internal
 */
export interface DuplicateHolder {
  readonly data: Float64Array;
  readonly n: number;
  readonly d: number;
  duplicates?: DuplicateIndex | null;
  /** {@link largestPrefixGroup} of the rows (computed by the first search that looks). */
  duplicateBound?: number;
}

/**
 * Answers the queries that have at least `k` identical fitted rows (excluding the query's own index
 * with `excludeSelf`): writes their rows of `indices` (the `k` smallest such row indices) and
 * `distances` (0). Returns the queries still to search, in order, or null when none was answered
 * (or the search is too small to look). `self`: the query is the fitted data itself (its hashes are
 * the index's).
 * @internal
 */
export function answerDuplicates(
  fitted: DuplicateHolder,
  query: Float64Array,
  nQuery: number,
  k: number,
  excludeSelf: boolean,
  self: boolean,
  indices: Int32Array,
  distances: Float64Array,
): Int32Array | null {
  const { data, n, d } = fitted;
  if (nQuery * n * d < DUPLICATE_WORK) return null;
  if (fitted.duplicateBound === undefined) fitted.duplicateBound = largestPrefixGroup(data, n, d);
  if (fitted.duplicateBound < k) return null;
  if (fitted.duplicates === undefined) fitted.duplicates = buildDuplicateIndex(data, n, d);
  const index = fitted.duplicates;
  if (index === null || index.largest < k) return null;
  const { head, next, hash, mask } = index;
  const words = self ? null : new Uint32Array(query.buffer, query.byteOffset, 2 * nQuery * d);
  const rest = new Int32Array(nQuery);
  let todo = 0;
  for (let i = 0; i < nQuery; i++) {
    let found = 0;
    const eligible = self || noTinyValues(query, i * d, (i + 1) * d);
    if (eligible) {
      const h = self ? (hash[i] as number) : hashRow(query, words as Uint32Array, i, d);
      for (let j = head[h & mask] as number; j !== -1 && found < k; j = next[j] as number) {
        if (hash[j] !== h || (excludeSelf && j === i) || !sameRow(query, i, data, j, d)) continue;
        indices[i * k + found] = j;
        found++;
      }
    }
    if (found === k) distances.fill(0, i * k, (i + 1) * k);
    else rest[todo++] = i;
  }
  return todo === nQuery ? null : rest.slice(0, todo);
}
