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
import { squaredDistance, squaredDistanceBelow } from './squaredDistance.js';

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
 * giving the same centres. The candidates of a step are evaluated four at a time in one pass over
 * the rows, and a distance is summed fast until it provably reaches the row's current one
 * ({@link squaredDistanceBelow}); the potentials are the same row-order sums of the same values,
 * so the choices are those of the direct computation, bit for bit.
 * @internal
 */
export function kmeansPlusPlus(data: Float64Array, rows: number, cols: number, k: number, rng: Random): Float64Array {
  const centers = new Float64Array(k * cols);
  const trials = 2 + Math.floor(Math.log(k));
  const first = rng.int(rows);
  centers.set(data.subarray(first * cols, (first + 1) * cols), 0);
  const closest = new Float64Array(rows); // squared distance to the nearest centre
  const owner = new Int32Array(rows); // that centre
  const cumsum = new Float64Array(rows); // running sum of `closest`; its last value is the potential
  let pot = 0;
  for (let i = 0; i < rows; i++) {
    const d = squaredDistance(data, i, centers, 0, cols);
    closest[i] = d;
    pot += d;
    cumsum[i] = pot;
  }
  const candidate = new Int32Array(trials);
  const candPot = new Float64Array(trials);
  // squared distance from candidate t to centre j so far, divided by 4 (1 + SLACK): row t × k
  const reach = new Float64Array(trials * k);
  const improved: Improved = {
    rows: new Int32Array(trials * rows),
    dist: new Float64Array(trials * rows),
    count: new Int32Array(trials),
  };
  for (let c = 1; c < k; c++) {
    for (let t = 0; t < trials; t++) {
      const r = rng.float() * pot;
      const cand = Math.min(lowerBound(cumsum, r), rows - 1);
      candidate[t] = cand;
      for (let j = 0; j < c; j++) reach[t * k + j] = squaredDistance(data, cand, centers, j, cols) / (4 * (1 + SLACK));
    }
    potentials(data, rows, cols, closest, owner, candidate, reach, k, candPot, improved);
    let best = 0;
    let bestPot = Infinity;
    for (let t = 0; t < trials; t++) {
      if ((candPot[t] as number) < bestPot) {
        bestPot = candPot[t] as number;
        best = t;
      }
    }
    const chosen = candidate[best] as number;
    centers.set(data.subarray(chosen * cols, (chosen + 1) * cols), c * cols);
    // the chosen candidate's improvements, then the new running sums and potential
    const from = best * rows;
    const end = from + (improved.count[best] as number);
    for (let p = from; p < end; p++) {
      const i = improved.rows[p] as number;
      closest[i] = improved.dist[p] as number;
      owner[i] = c;
    }
    pot = 0;
    for (let i = 0; i < rows; i++) {
      pot += closest[i] as number;
      cumsum[i] = pot;
    }
  }
  return centers;
}

/**
 * The potential each candidate would leave, `Σᵢ min(closest[i], ‖xᵢ − cand‖²)` summed in row order,
 * four candidates per pass over the rows (four independent running sums). A row is skipped for a
 * candidate whose `reach` to the row's nearest centre is above its squared distance to it:
 * `‖cand − centre‖ ≥ 2‖x − centre‖` (with slack) puts the candidate no nearer. The rows a
 * candidate brings nearer are recorded in `improved`, so the chosen one's need no second pass.
 */
function potentials(
  data: Float64Array,
  rows: number,
  cols: number,
  closest: Float64Array,
  owner: Int32Array,
  candidate: Int32Array,
  reach: Float64Array,
  k: number,
  out: Float64Array,
  improved: Improved,
): void {
  const trials = candidate.length;
  improved.count.fill(0);
  let t = 0;
  for (; t + 4 <= trials; t += 4) {
    const [c0, c1, c2, c3] = [candidate[t], candidate[t + 1], candidate[t + 2], candidate[t + 3]] as number[];
    const [r0, r1, r2, r3] = [t * k, (t + 1) * k, (t + 2) * k, (t + 3) * k];
    let p0 = 0;
    let p1 = 0;
    let p2 = 0;
    let p3 = 0;
    for (let i = 0; i < rows; i++) {
      const own = closest[i] as number;
      const ow = owner[i] as number;
      p0 += (reach[r0 + ow] as number) > own ? own : nearer(data, i, c0 as number, cols, own, improved, t + 0);
      p1 += (reach[r1 + ow] as number) > own ? own : nearer(data, i, c1 as number, cols, own, improved, t + 1);
      p2 += (reach[r2 + ow] as number) > own ? own : nearer(data, i, c2 as number, cols, own, improved, t + 2);
      p3 += (reach[r3 + ow] as number) > own ? own : nearer(data, i, c3 as number, cols, own, improved, t + 3);
    }
    out[t] = p0;
    out[t + 1] = p1;
    out[t + 2] = p2;
    out[t + 3] = p3;
  }
  for (; t < trials; t++) {
    const c = candidate[t] as number;
    const r = t * k;
    let p = 0;
    for (let i = 0; i < rows; i++) {
      const own = closest[i] as number;
      p += (reach[r + (owner[i] as number)] as number) > own ? own : nearer(data, i, c, cols, own, improved, t);
    }
    out[t] = p;
  }
}

/** The rows each candidate brings nearer (ascending, `rows` slots per candidate) and their new distances. */
interface Improved {
  readonly rows: Int32Array;
  readonly dist: Float64Array;
  readonly count: Int32Array;
}

/** `min(own, ‖xᵢ − x_c‖²)`, exactly; a smaller distance is recorded for candidate `t`. */
function nearer(data: Float64Array, i: number, c: number, cols: number, own: number, imp: Improved, t: number): number {
  const d = squaredDistanceBelow(data, i, data, c, cols, own);
  if (!(d < own)) return own;
  const at = t * (imp.rows.length / imp.count.length) + (imp.count[t] as number);
  imp.rows[at] = i;
  imp.dist[at] = d;
  imp.count[t] = (imp.count[t] as number) + 1;
  return d;
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
