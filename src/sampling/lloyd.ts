/**
 * Lloyd's k-means iterations as scikit-learn runs them (`_kmeans_single_lloyd`): assign every row
 * to its nearest centre, move each centre to the mean of its rows, stop when the assignment no
 * longer changes or the centres moved less than the tolerance — with Hamerly's bounds, so that a
 * row whose nearest centre provably did not change is not compared with every centre again.
 *
 * @internal
 * @module
 */
import { type CentreBounds, type CentreScanMode, halfGaps, scanCentres } from './centreScan.js';
import { squaredDistance } from './squaredDistance.js';

/** What {@link lloyd} returns. @internal */
export interface LloydResult {
  /** Final centres, row-major `k × cols`. */
  readonly centers: Float64Array;
  /** The nearest final centre of each row (ties: the smaller centre index). */
  readonly labels: Int32Array;
  /** Sum of squared distances of the rows to their centres. */
  readonly inertia: number;
  /** Iterations run. */
  readonly nIter: number;
}

/** Relative slack on the bounds, far above the rounding of float64 distances. */
const SLACK = 1e-10;

/**
 * Runs Lloyd's algorithm from the centres `init` (`k × cols`, not modified).
 *
 * @remarks
 * Each iteration assigns every row to its nearest centre (exact float64 Euclidean distance, ties
 * to the smaller centre index — NumPy's `argmin`), then replaces each centre by the mean of its
 * rows. A centre left without rows is moved onto the row farthest from its own centre (the
 * farthest rows go to the empty centres in ascending centre order; equal distances: smaller row
 * index), scikit-learn's relocation. It stops after an iteration whose assignment equals the
 * previous one, or whose total squared centre shift is ≤ `tol` (then the rows are assigned once
 * more to the final centres), or after `maxIter` iterations.
 *
 * Hamerly's bounds (an upper bound on the distance to the own centre, a lower bound on the
 * distance to any other centre, and half the distance from each centre to its nearest other
 * centre) skip a row only when its own centre is **strictly** the nearest, so the assignment is
 * exactly that of the full comparison, ties included. The rows the bounds cannot settle are
 * compared with every centre together, in one {@link scanCentres} call per iteration (`scan`:
 * how; the answer is the same).
 * @internal
 */
export function lloyd(
  data: Float64Array,
  rows: number,
  cols: number,
  init: Float64Array,
  maxIter: number,
  tol: number,
  scan: CentreScanMode = 'auto',
): LloydResult {
  const k = init.length / cols;
  let centers = init.slice();
  let next = new Float64Array(k * cols);
  const labels = new Int32Array(rows);
  const previous = new Int32Array(rows).fill(-1);
  const upper = new Float64Array(rows);
  const lower = new Float64Array(rows);
  const half = new Float64Array(k); // half the distance from each centre to its nearest other centre
  const shift = new Float64Array(k);
  const count = new Int32Array(k);
  const scratch = new Float64Array(rows);
  const pending = new Int32Array(rows);
  const bounds: CentreBounds = { labels, upper, lower };
  scanCentres(data, cols, centers, k, null, rows, bounds, scan);
  let nIter = 0;
  let strict = false;
  for (let it = 0; it < maxIter; it++) {
    if (it > 0) assign(data, rows, cols, centers, k, bounds, half, pending, scan);
    nIter = it + 1;
    sums(data, rows, cols, labels, next, count);
    relocateEmpty(data, rows, cols, centers, labels, next, count, scratch);
    divide(next, count, cols);
    let total = 0;
    for (let j = 0; j < k; j++) {
      const d = squaredDistance(next, j, centers, j, cols);
      shift[j] = Math.sqrt(d);
      total += d;
    }
    [centers, next] = [next, centers];
    if (sameLabels(labels, previous)) {
      strict = true;
      break;
    }
    previous.set(labels);
    updateBounds(labels, upper, lower, shift, centers, k, cols, half, scan);
    if (total <= tol) break;
  }
  if (!strict) assign(data, rows, cols, centers, k, bounds, half, pending, scan);
  let inertia = 0;
  for (let i = 0; i < rows; i++) inertia += squaredDistance(data, i, centers, labels[i] as number, cols);
  return { centers, labels, inertia, nIter };
}

/** The nearest of the centres (`k × cols`) of each row (ties: the smaller centre index). @internal */
export function nearestCentres(
  data: Float64Array,
  rows: number,
  cols: number,
  centers: Float64Array,
  scan: CentreScanMode = 'auto',
): Int32Array {
  const bounds = { labels: new Int32Array(rows), upper: new Float64Array(rows), lower: new Float64Array(rows) };
  scanCentres(data, cols, centers, centers.length / cols, null, rows, bounds, scan);
  return bounds.labels;
}

/**
 * The assignment step: rows whose bounds cannot prove their centre nearest are collected in
 * `pending` (`rows` slots) and compared with every centre together.
 */
function assign(
  data: Float64Array,
  rows: number,
  cols: number,
  centers: Float64Array,
  k: number,
  bounds: CentreBounds,
  half: Float64Array,
  pending: Int32Array,
  scan: CentreScanMode,
): void {
  const { labels, upper, lower } = bounds;
  let count = 0;
  for (let i = 0; i < rows; i++) {
    const a = labels[i] as number;
    const h = half[a] as number;
    const l = lower[i] as number;
    const m = (h > l ? h : l) * (1 - SLACK);
    if ((upper[i] as number) < m) continue;
    const u = Math.sqrt(squaredDistance(data, i, centers, a, cols));
    upper[i] = u;
    if (u * (1 + SLACK) < m) continue;
    pending[count++] = i;
  }
  scanCentres(data, cols, centers, k, pending, count, bounds, scan);
}

/** Moves the bounds by the centre shifts and recomputes the half inter-centre distances. */
function updateBounds(
  labels: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
  shift: Float64Array,
  centers: Float64Array,
  k: number,
  cols: number,
  half: Float64Array,
  scan: CentreScanMode,
): void {
  let max1 = 0;
  let max2 = 0;
  let arg1 = -1;
  for (let j = 0; j < k; j++) {
    const s = shift[j] as number;
    if (s > max1) {
      max2 = max1;
      max1 = s;
      arg1 = j;
    } else if (s > max2) max2 = s;
  }
  for (let i = 0; i < labels.length; i++) {
    const a = labels[i] as number;
    upper[i] = (upper[i] as number) + (shift[a] as number);
    lower[i] = (lower[i] as number) - (a === arg1 ? max2 : max1);
  }
  halfGaps(centers, k, cols, half, scan);
}

/** Each cluster's column sums (`out`) and row count. */
function sums(
  data: Float64Array,
  rows: number,
  cols: number,
  labels: Int32Array,
  out: Float64Array,
  count: Int32Array,
) {
  out.fill(0);
  count.fill(0);
  for (let i = 0; i < rows; i++) {
    const a = labels[i] as number;
    count[a] = (count[a] as number) + 1;
    const o = a * cols;
    const io = i * cols;
    for (let t = 0; t < cols; t++) out[o + t] = (out[o + t] as number) + (data[io + t] as number);
  }
}

/**
 * scikit-learn's relocation of empty clusters, on the sums: each empty cluster (ascending) takes
 * the next row farthest from its own (old) centre, whose values leave its cluster's sum; labels
 * are left as they are (the next assignment sees the moved centres). `scratch` has `rows` slots.
 */
function relocateEmpty(
  data: Float64Array,
  rows: number,
  cols: number,
  old: Float64Array,
  labels: Int32Array,
  out: Float64Array,
  count: Int32Array,
  scratch: Float64Array,
): void {
  const empty: number[] = [];
  for (let j = 0; j < count.length; j++) if (count[j] === 0) empty.push(j);
  if (empty.length === 0) return;
  for (let i = 0; i < rows; i++) scratch[i] = squaredDistance(data, i, old, labels[i] as number, cols);
  const order = Array.from({ length: rows }, (_, i) => i);
  order.sort((a, b) => (scratch[b] as number) - (scratch[a] as number) || a - b);
  empty.forEach((j, t) => {
    const far = order[t] as number;
    const from = labels[far] as number;
    for (let c = 0; c < cols; c++) {
      const v = data[far * cols + c] as number;
      out[from * cols + c] = (out[from * cols + c] as number) - v;
      out[j * cols + c] = v;
    }
    count[from] = (count[from] as number) - 1;
    count[j] = 1;
  });
}

/** Divides each cluster's sums by its count (a cluster left empty keeps zeros). */
function divide(out: Float64Array, count: Int32Array, cols: number): void {
  for (let j = 0; j < count.length; j++) {
    const n = count[j] as number;
    if (n === 0) continue;
    const o = j * cols;
    for (let t = 0; t < cols; t++) out[o + t] = (out[o + t] as number) / n;
  }
}

function sameLabels(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
