/**
 * The mini-batch k-means iterations as scikit-learn 1.2 runs them (`MiniBatchKMeans.fit`'s loop,
 * `_mini_batch_step`, `_mini_batch_convergence`, `_random_reassign`): per step a batch of rows
 * drawn with replacement, assigned to the nearest centre, each centre moved to the running mean
 * of all the rows it was given; low-count centres reassigned onto batch rows; an early stop on the
 * smoothed batch inertia.
 *
 * @internal
 * @module
 */
import type { Random } from '../core/Random.js';
import { nearestCentres } from './lloyd.js';
import { squaredDistance } from './squaredDistance.js';

/** The settings of {@link miniBatchSteps} (already resolved against the data). @internal */
export interface MiniBatchSettings {
  /** Rows per batch, at most the number of rows. */
  readonly batchSize: number;
  /** Most passes over the data. */
  readonly maxIter: number;
  /** Low-count reassignment share (0: never). */
  readonly reassignmentRatio: number;
  /** Steps without a new smoothed-inertia minimum before stopping, or null. */
  readonly maxNoImprovement: number | null;
}

/** `count` row indices in `[0, rows)` drawn uniformly with replacement (NumPy's `randint`). @internal */
export function drawRows(rng: Random, rows: number, count: number): Int32Array {
  const idx = new Int32Array(count);
  for (let t = 0; t < count; t++) idx[t] = rng.int(rows);
  return idx;
}

/**
 * The nearest of the centres (`k × cols`) of each of the `rows` rows of `x` (ties: the smaller
 * index), and the sum of their squared distances (the inertia). @internal
 */
export function assignRows(
  x: Float64Array,
  rows: number,
  cols: number,
  centres: Float64Array,
): { labels: Int32Array; inertia: number } {
  const labels = nearestCentres(x, rows, cols, centres);
  let inertia = 0;
  for (let i = 0; i < rows; i++) inertia += squaredDistance(x, i, centres, labels[i] as number, cols);
  return { labels, inertia };
}

/**
 * Runs the mini-batch steps from the centres `start` (`k × cols`, not modified) and returns the
 * final centres and the number of steps run.
 *
 * @remarks
 * Per step, in this order: the batch (`batchSize` × `rng.int(rows)`); whether to reassign (rows
 * since the last reassignment ≥ `10 k`, or some centre still has count 0); the assignment and
 * the batch inertia against the current centres; the update `c ← (c · n + Σ rows) / (n + m)` of
 * each centre given `m > 0` rows (rows added in batch order), the others unchanged; then, when
 * reassigning, the centres with count < `ratio · max count` (the `⌊batchSize / 2⌋` smallest counts
 * at most, ties by index) move onto distinct batch rows (a partial Fisher–Yates draw, in ascending
 * centre order) and take the smallest count of the others. The stop: after step 1 (ignored), the
 * exponentially weighted average of the inertia per batch row, with weight
 * `min(1, 2 · batchSize / (rows + 1))`, must set a new minimum at least once every
 * `maxNoImprovement` steps; at most `⌊maxIter · rows / batchSize⌋` steps.
 * @internal
 */
export function miniBatchSteps(
  data: Float64Array,
  rows: number,
  cols: number,
  start: Float64Array,
  settings: MiniBatchSettings,
  rng: Random,
): { centres: Float64Array; nSteps: number } {
  const { batchSize, maxIter, reassignmentRatio, maxNoImprovement } = settings;
  const k = start.length / cols;
  let centres = start.slice();
  let next = new Float64Array(k * cols);
  const counts = new Float64Array(k);
  const given = new Int32Array(k);
  const batch = new Float64Array(batchSize * cols);
  const pool = new Int32Array(batchSize);
  const maxSteps = Math.floor((maxIter * rows) / batchSize);
  const weight = Math.min(1, (2 * batchSize) / (rows + 1));
  let ewa = Number.NaN;
  let ewaMin = Number.NaN;
  let noImprovement = 0;
  let sinceReassign = 0;
  let step = 0;
  while (step < maxSteps) {
    for (let t = 0; t < batchSize; t++) {
      const i = rng.int(rows);
      batch.set(data.subarray(i * cols, (i + 1) * cols), t * cols);
    }
    sinceReassign += batchSize;
    const reassign = counts.includes(0) || sinceReassign >= 10 * k;
    if (reassign) sinceReassign = 0;
    const { labels, inertia } = assignRows(batch, batchSize, cols, centres);
    given.fill(0);
    for (let t = 0; t < batchSize; t++) given[labels[t] as number] = (given[labels[t] as number] as number) + 1;
    update(batch, batchSize, cols, labels, centres, next, counts, given);
    if (reassign && reassignmentRatio > 0)
      reassignLowCounts(batch, batchSize, cols, next, counts, reassignmentRatio, pool, rng);
    [centres, next] = [next, centres];
    step++;
    if (step === 1) continue; // the first batch's inertia is that of the starting centres
    const perRow = inertia / batchSize;
    ewa = Number.isNaN(ewa) ? perRow : ewa * (1 - weight) + perRow * weight;
    if (Number.isNaN(ewaMin) || ewa < ewaMin) {
      noImprovement = 0;
      ewaMin = ewa;
    } else noImprovement++;
    if (maxNoImprovement !== null && noImprovement >= maxNoImprovement) break;
  }
  return { centres, nSteps: step };
}

/** The centre update of one batch into `next`: running means with per-centre counts. */
function update(
  batch: Float64Array,
  size: number,
  cols: number,
  labels: Int32Array,
  centres: Float64Array,
  next: Float64Array,
  counts: Float64Array,
  given: Int32Array,
): void {
  for (let j = 0; j < counts.length; j++) {
    const n = counts[j] as number;
    const o = j * cols;
    if (given[j] === 0) next.set(centres.subarray(o, o + cols), o);
    else for (let t = 0; t < cols; t++) next[o + t] = (centres[o + t] as number) * n;
  }
  for (let r = 0; r < size; r++) {
    const o = (labels[r] as number) * cols;
    const ro = r * cols;
    for (let t = 0; t < cols; t++) next[o + t] = (next[o + t] as number) + (batch[ro + t] as number);
  }
  for (let j = 0; j < counts.length; j++) {
    const m = given[j] as number;
    if (m === 0) continue;
    const total = (counts[j] as number) + m;
    counts[j] = total;
    const scale = 1 / total;
    const o = j * cols;
    for (let t = 0; t < cols; t++) next[o + t] = (next[o + t] as number) * scale;
  }
}

/** Moves the centres of low count onto distinct rows of the batch (scikit-learn's reassignment). */
function reassignLowCounts(
  batch: Float64Array,
  size: number,
  cols: number,
  next: Float64Array,
  counts: Float64Array,
  ratio: number,
  pool: Int32Array,
  rng: Random,
): void {
  const k = counts.length;
  let max = 0;
  for (let j = 0; j < k; j++) if ((counts[j] as number) > max) max = counts[j] as number;
  let low: number[] = [];
  for (let j = 0; j < k; j++) if ((counts[j] as number) < ratio * max) low.push(j);
  if (low.length === 0) return;
  const cap = Math.floor(0.5 * size);
  if (low.length > cap) {
    const order = Array.from({ length: k }, (_, j) => j).sort(
      (a, b) => (counts[a] as number) - (counts[b] as number) || a - b,
    );
    const kept = new Set(order.slice(0, cap));
    low = low.filter((j) => kept.has(j));
    if (low.length === 0) return;
  }
  for (let t = 0; t < size; t++) pool[t] = t;
  low.forEach((j, r) => {
    const pick = r + rng.int(size - r);
    const row = pool[pick] as number;
    pool[pick] = pool[r] as number;
    pool[r] = row;
    next.set(batch.subarray(row * cols, (row + 1) * cols), j * cols);
  });
  const moved = new Set(low);
  let min = Infinity;
  for (let j = 0; j < k; j++) if (!moved.has(j) && (counts[j] as number) < min) min = counts[j] as number;
  for (const j of low) counts[j] = min;
}
