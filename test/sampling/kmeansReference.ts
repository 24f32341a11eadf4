/**
 * The row-by-row k-means++ seeding as it was before the blocked passes (one candidate at a time,
 * every distance summed directly): the reference the fast seeding must reproduce bit for bit.
 */
import type { Random } from '../../src/core/Random.js';
import { squaredDistance } from '../../src/sampling/squaredDistance.js';

export function referenceKmeansPlusPlus(
  data: Float64Array,
  rows: number,
  cols: number,
  k: number,
  rng: Random,
): Float64Array {
  const centers = new Float64Array(k * cols);
  const trials = 2 + Math.floor(Math.log(k));
  const first = rng.int(rows);
  centers.set(data.subarray(first * cols, (first + 1) * cols), 0);
  const closest = new Float64Array(rows);
  let pot = 0;
  for (let i = 0; i < rows; i++) {
    closest[i] = squaredDistance(data, i, centers, 0, cols);
    pot += closest[i]!;
  }
  const cumsum = new Float64Array(rows);
  const candDist = new Float64Array(trials * rows);
  const candidate = new Int32Array(trials);
  for (let c = 1; c < k; c++) {
    let run = 0;
    for (let i = 0; i < rows; i++) {
      run += closest[i]!;
      cumsum[i] = run;
    }
    for (let t = 0; t < trials; t++) {
      const r = rng.float() * pot;
      let lo = 0;
      let hi = rows;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumsum[mid]! < r) lo = mid + 1;
        else hi = mid;
      }
      candidate[t] = Math.min(lo, rows - 1);
    }
    let best = 0;
    let bestPot = Infinity;
    for (let t = 0; t < trials; t++) {
      let candPot = 0;
      for (let i = 0; i < rows; i++) {
        const m = Math.min(squaredDistance(data, i, data, candidate[t]!, cols), closest[i]!);
        candDist[t * rows + i] = m;
        candPot += m;
      }
      if (candPot < bestPot) {
        bestPot = candPot;
        best = t;
      }
    }
    const chosen = candidate[best]!;
    centers.set(data.subarray(chosen * cols, (chosen + 1) * cols), c * cols);
    pot = 0;
    for (let i = 0; i < rows; i++) {
      closest[i] = candDist[best * rows + i]!;
      pot += closest[i]!;
    }
  }
  return centers;
}
