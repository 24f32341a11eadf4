/**
 * What the sampling property tests share (eager and lazy): random labelled datasets (with their
 * float32 row sources), an epoch read out of a batch source (copied: batch buffers are reused), and
 * the definitions the properties are checked against (k nearest rows, a point on a segment,
 * largest remainder).
 */
import fc from 'fast-check';
import { type BatchSource, denseRowSource, type Label, type RowSource } from '../../src/index.js';

/** A labelled dataset with its float32 row source. */
export interface Data {
  X: number[][];
  y: number[];
  seed: number;
  source: RowSource;
}

/** `X` as a dense float32 row source. */
export function rowSource(X: number[][]): RowSource {
  return denseRowSource(Float32Array.from(X.flat()), X.length, (X[0] as number[]).length);
}

/**
 * 2–3 classes of `min`–`max` rows, 1–4 features on a coarse grid (ties and duplicates happen; the
 * values are exact in float32), rows shuffled.
 */
export function dataset(min = 7, max = 16, grid = true): fc.Arbitrary<Data> {
  return fc
    .record({
      d: fc.integer({ min: 1, max: 4 }),
      sizes: fc.array(fc.integer({ min, max }), { minLength: 2, maxLength: 3 }),
      seed: fc.integer({ min: 0, max: 2 ** 31 }),
    })
    .chain(({ d, sizes, seed }) => {
      const n = sizes.reduce((s, v) => s + v, 0);
      const value = grid
        ? fc.integer({ min: -40, max: 40 }).map((v) => v / 4)
        : fc.integer({ min: -(2 ** 20), max: 2 ** 20 }).map((v) => v / 2 ** 10);
      return fc.record({
        X: fc.array(fc.array(value, { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
        order: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
        sizes: fc.constant(sizes),
        seed: fc.constant(seed),
      });
    })
    .map(({ X, order, sizes, seed }) => {
      const labels: number[] = [];
      sizes.forEach((s, c) => {
        for (let i = 0; i < s; i++) labels.push(c * 10);
      });
      const y = order.map((i) => labels[i] as number);
      return { X, y, seed, source: rowSource(X) };
    });
}

/** One epoch copied out of a source: rows (float32 copies) and labels. */
export interface EpochRows {
  rows: Float32Array[];
  y: Label[];
  sizes: number[];
}

/** Reads epoch `e` in batches of `B`. */
export function readEpoch(src: BatchSource, e: number, B: number): EpochRows {
  const out: EpochRows = { rows: [], y: [], sizes: [] };
  const d = src.nFeatures;
  for (const b of src.batches(e, B)) {
    out.sizes.push(b.size);
    for (let t = 0; t < b.size; t++) {
      out.rows.push(b.x.slice(t * d, (t + 1) * d));
      out.y.push(src.classes[b.y[t] as number] as Label);
    }
  }
  return out;
}

/** Row indices of class c. */
export const rowsOf = (y: ReadonlyArray<Label>, c: Label): number[] => y.flatMap((v, i) => (v === c ? [i] : []));

/** A row's exact key. */
export const keyOf = (r: ArrayLike<number>): string => Array.from(r).join(',');

/** Squared distance over `cols`. */
export const sq = (X: number[][], cols: number[]) => (a: number, b: number) =>
  cols.reduce((s, j) => s + ((X[a] as number[])[j]! - (X[b] as number[])[j]!) ** 2, 0);

/** k nearest rows among `cand` to row `i` (itself excluded), by (distance, index) — from the definition. */
export function knn(dist: (a: number, b: number) => number, i: number, cand: number[], k: number): number[] {
  return cand
    .filter((j) => j !== i)
    .map((j) => [dist(i, j), j] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .slice(0, k)
    .map((t) => t[1]);
}

/**
 * Is x = fround(b + u (q − b)) for a u in [0, 1] on the columns `cols`? (u is read off the column of
 * largest |q − b|; float32 rounding of x is allowed for.)
 */
export function onSegment32(x: ArrayLike<number>, b: number[], q: number[], cols: number[]): boolean {
  let jm = -1;
  let m = 0;
  for (const j of cols) {
    const dlt = Math.abs(q[j]! - b[j]!);
    if (dlt > m) {
      m = dlt;
      jm = j;
    }
  }
  const tol = (v: number) => 1e-6 * (1 + Math.abs(v) + (jm >= 0 ? Math.abs(x[jm]!) : 0));
  if (jm < 0) return cols.every((j) => Math.abs(x[j]! - b[j]!) <= tol(x[j]!));
  const u = (x[jm]! - b[jm]!) / (q[jm]! - b[jm]!);
  if (!(u >= -1e-6 && u <= 1 + 1e-6)) return false;
  return cols.every((j) => Math.abs(b[j]! + u * (q[j]! - b[j]!) - x[j]!) <= tol(x[j]!));
}

/** `total` split in proportion to `w` by largest remainder, ties to the earlier part (straight from the definition). */
export function hamilton(total: number, w: number[]): number[] {
  const sum = w.reduce((s, v) => s + v, 0);
  const rem = w.map((v) => (total * v) % sum);
  const out = w.map((v, i) => (total * v - rem[i]!) / sum);
  let left = total - out.reduce((s, v) => s + v, 0);
  const order = w.map((_, i) => i).sort((a, b) => rem[b]! - rem[a]! || a - b);
  for (const i of order) if (left-- > 0) out[i]!++;
  return out;
}
