/**
 * scikit-learn's greedy k-means++ seeding, from our seeded stream: the first centre is a uniform
 * row; each next centre is the best of `2 + ⌊ln k⌋` candidates drawn with probability
 * proportional to the squared distance to the nearest centre so far (D² sampling) — "best" being
 * the candidate that leaves the smallest total squared distance (the potential).
 *
 * @internal
 * @module
 */
import type { Random } from '../core/Random.js';
import { squaredDistance } from './squaredDistance.js';

/** Relative slack of the triangle-inequality pruning, far above float64 rounding of the distances. */
const SLACK = 1e-9;

/**
 * `k` initial centres (row-major, `k × cols`) chosen among the `rows` rows of `data` by greedy
 * k-means++ with scikit-learn's number of local trials (`2 + ⌊ln k⌋`).
 *
 * @remarks
 * Draws, in order: one `rng.int(rows)` for the first centre; then per centre, one `rng.float()`
 * per trial, scaled by the current potential and located in the running sum of squared distances
 * (scikit-learn's `searchsorted`, left side). Ties between candidates go to the first drawn.
 * A point whose nearest centre is at distance `r` cannot get closer to a candidate that lies at
 * distance ≥ `2r` from that centre (triangle inequality): such points are skipped, which makes the
 * seeding of many clusters (ClusterCentroids) far cheaper than `rows × k × trials` distances while
 * giving the same centres.
 * @internal
 */
export function kmeansPlusPlus(data: Float64Array, rows: number, cols: number, k: number, rng: Random): Float64Array {
  const centers = new Float64Array(k * cols);
  const trials = 2 + Math.floor(Math.log(k));
  const first = rng.int(rows);
  centers.set(data.subarray(first * cols, (first + 1) * cols), 0);
  const closest = new Float64Array(rows); // squared distance to the nearest centre
  const owner = new Int32Array(rows); // that centre
  let pot = 0;
  for (let i = 0; i < rows; i++) {
    const d = squaredDistance(data, i, centers, 0, cols);
    closest[i] = d;
    pot += d;
  }
  const cumsum = new Float64Array(rows);
  const candidate = new Int32Array(trials);
  const candDist = new Float64Array(trials * rows); // squared distances of the candidates' improved points
  const toCenters = new Float64Array(k); // squared distance from a candidate to each centre so far
  for (let c = 1; c < k; c++) {
    let run = 0;
    for (let i = 0; i < rows; i++) {
      run += closest[i] as number;
      cumsum[i] = run;
    }
    for (let t = 0; t < trials; t++) {
      const r = rng.float() * pot;
      candidate[t] = Math.min(lowerBound(cumsum, r), rows - 1);
    }
    let best = 0;
    let bestPot = Infinity;
    for (let t = 0; t < trials; t++) {
      const cand = candidate[t] as number;
      for (let j = 0; j < c; j++) toCenters[j] = squaredDistance(data, cand, centers, j, cols);
      let candPot = 0;
      const o = t * rows;
      for (let i = 0; i < rows; i++) {
        const own = closest[i] as number;
        // skip when ‖cand − centre‖ ≥ 2‖x − centre‖, i.e. squared ≥ 4 × own (with slack)
        if ((toCenters[owner[i] as number] as number) > 4 * own * (1 + SLACK)) {
          candDist[o + i] = own;
          candPot += own;
          continue;
        }
        const d = squaredDistance(data, i, data, cand, cols);
        const m = d < own ? d : own;
        candDist[o + i] = m;
        candPot += m;
      }
      if (candPot < bestPot) {
        bestPot = candPot;
        best = t;
      }
    }
    const chosen = candidate[best] as number;
    centers.set(data.subarray(chosen * cols, (chosen + 1) * cols), c * cols);
    const o = best * rows;
    pot = 0;
    for (let i = 0; i < rows; i++) {
      const m = candDist[o + i] as number;
      if (m < (closest[i] as number)) {
        closest[i] = m;
        owner[i] = c;
      }
      pot += closest[i] as number;
    }
  }
  return centers;
}

/** The first index whose value is ≥ `x` in an ascending array (`length` when none). */
function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
