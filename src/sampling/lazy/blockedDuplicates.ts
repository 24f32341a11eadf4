/**
 * The identical-rows shortcut of the k-NN engine (see `neighbors/duplicates.ts`) for a search over
 * all the selected rows that never holds them all densely ({@link blockedNeighbors}): the rows are
 * hashed block by block, rows with equal hashes are checked value for value against the first of
 * them (in chunks), and a query whose group of identical rows has at least `K` members gets the
 * `K` of smallest position as its answer at distance 0 — the answer the blocked search gives.
 *
 * @internal
 * @module
 */
import { hashRow, noTinyValues, sameRow } from '../neighbors/duplicates.js';
import type { StreamContext } from './streamPlan.js';

/**
 * The queries (positions into `ctx.selection`) answered by identical rows: writes their `K`
 * positions into rows of `bestI` (`queries.length × K`) and returns the indices into `queries` of
 * those still to search, or null when none was answered (or the shortcut does not apply: a value
 * below 2⁻⁴⁰⁰ in magnitude somewhere).
 * @internal
 */
export function answerBlockedDuplicates(
  ctx: StreamContext,
  queries: Int32Array,
  K: number,
  bestI: Int32Array,
): Int32Array | null {
  const { selection, cols, blockRows } = ctx;
  const n = selection.length;
  // 1. every row's hash (and no tiny values anywhere)
  const hash = new Int32Array(n);
  for (let lo = 0; lo < n; lo += blockRows) {
    const m = Math.min(n, lo + blockRows) - lo;
    const data = ctx.denseBlock(selection.subarray(lo, lo + m));
    if (!noTinyValues(data, 0, m * cols)) return null;
    const words = new Uint32Array(data.buffer, data.byteOffset, 2 * m * cols);
    for (let i = 0; i < m; i++) hash[lo + i] = hashRow(data, words, i, cols);
  }
  // 2. the first position of each hash (open addressing, linear probing), and whether any repeats
  let slots = 1;
  while (slots < 2 * n) slots *= 2;
  const mask = slots - 1;
  const table = new Int32Array(slots).fill(-1);
  const rep = new Int32Array(n);
  let shared = false;
  for (let p = 0; p < n; p++) {
    const h = hash[p] as number;
    let b = h & mask;
    for (;;) {
      const q = table[b] as number;
      if (q === -1) {
        table[b] = p;
        rep[p] = p;
        break;
      }
      if (hash[q] === h) {
        rep[p] = q;
        shared = true;
        break;
      }
      b = (b + 1) & mask;
    }
  }
  if (!shared) return null;
  // 3. a position is in its first's group when its values equal the first's (checked in chunks)
  const inGroup = new Uint8Array(n);
  const size = new Int32Array(n);
  const chunk = Math.max(1, Math.floor(blockRows / 2));
  const pairs = new Int32Array(2 * chunk);
  let filled = 0;
  const check = (): void => {
    const rows = new Int32Array(2 * filled);
    for (let t = 0; t < 2 * filled; t++) rows[t] = selection[pairs[t] as number] as number;
    const data = ctx.denseBlock(rows);
    for (let t = 0; t < filled; t++) {
      if (!sameRow(data, 2 * t, data, 2 * t + 1, cols)) continue;
      const p = pairs[2 * t] as number;
      inGroup[p] = 1;
      size[rep[p] as number]!++;
    }
    filled = 0;
  };
  for (let p = 0; p < n; p++) {
    const r = rep[p] as number;
    if (r === p) {
      inGroup[p] = 1;
      size[p]!++;
      continue;
    }
    pairs[2 * filled] = p;
    pairs[2 * filled + 1] = r;
    if (++filled === chunk) check();
  }
  if (filled > 0) check();
  // 4. each group's first K positions (positions run in order, so the first K met are the smallest)
  const members = new Map<number, number[]>();
  for (let p = 0; p < n; p++) {
    const r = rep[p] as number;
    if (!inGroup[p] || (size[r] as number) < K) continue;
    let list = members.get(r);
    if (!list) {
      list = [];
      members.set(r, list);
    }
    if (list.length < K) list.push(p);
  }
  if (members.size === 0) return null;
  const rest: number[] = [];
  for (let i = 0; i < queries.length; i++) {
    const p = queries[i] as number;
    const list = inGroup[p] ? members.get(rep[p] as number) : undefined;
    if (list === undefined) {
      rest.push(i);
      continue;
    }
    for (let t = 0; t < K; t++) bestI[i * K + t] = list[t] as number;
  }
  return rest.length === queries.length ? null : Int32Array.from(rest);
}
