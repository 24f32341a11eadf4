/**
 * The nearest and second-nearest k-means centre of many rows at once — Lloyd's full comparison —
 * either row by row in float64 or through the library's exact k-NN engine fitted on the centres
 * (its blocked SIMD kernel proposes, exact float64 distances decide, so the answer is the same).
 *
 * @internal
 * @module
 */
import { DataValidationError } from '../core/errors.js';
import { KNeighbors } from './neighbors/index.js';
import { squaredDistance } from './squaredDistance.js';

/**
 * How {@link scanCentres} compares: `'rows'` one row with every centre in plain float64 loops,
 * `'engine'` the k-NN engine, `'auto'` the engine when the work is large enough to pay for it.
 * @internal
 */
export type CentreScanMode = 'auto' | 'rows' | 'engine';

/**
 * `'auto'` uses the engine from this much work (rows × centres × columns) and at least
 * {@link ENGINE_MIN_CENTRES} centres. Measured (CPU time, under load, 40,000 rows × 32 columns of
 * the samplers bench, 500 centres, ~17,000 rows to scan per Lloyd iteration): 0.56 s per
 * iteration row by row, 0.076 s with the engine (int16 kernel, 2 extra candidates, one thread).
 */
const ENGINE_MIN_WORK = 2 ** 20;
const ENGINE_MIN_CENTRES = 16;
/**
 * From this much work a scan may use the engine's second thread (`threads: 'auto'`): the engine
 * starts a worker per search, which costs ~0.1 s of CPU, so only long searches use it.
 */
const ENGINE_THREADS_WORK = 2e9;
/**
 * Extra candidates per row beyond the 2 nearest: with 2, 25 of 1.5 million rows needed a second
 * search (8,881 with 1, none with 4, which cost 11% more time).
 */
const EXTRA_CANDIDATES = 2;

/**
 * Per row: its nearest centre, and its distances to the nearest and the second-nearest centre
 * (Hamerly's upper and lower bounds right after a full comparison).
 * @internal
 */
export interface CentreBounds {
  readonly labels: Int32Array;
  readonly upper: Float64Array;
  readonly lower: Float64Array;
}

/**
 * For the `count` rows `list[0..count)` of `data` (all rows `0..count)` when `list` is null), the
 * nearest of the `k` centres (`k × cols`) into `labels` — ties to the smaller centre index — and
 * the distances to the nearest and the second-nearest centre into `upper` and `lower` (`Infinity`
 * when `k` is 1), all indexed by row. The distances compared are `Σₜ(xₜ − cₜ)²` summed directly
 * in coordinate order, whichever `mode` runs.
 * @internal
 */
export function scanCentres(
  data: Float64Array,
  cols: number,
  centers: Float64Array,
  k: number,
  list: Int32Array | null,
  count: number,
  out: CentreBounds,
  mode: CentreScanMode = 'auto',
): void {
  if (count === 0) return;
  const work = count * k * cols;
  if (useEngine(mode, k, work, centers) && viaEngine(data, cols, centers, k, list, count, out, work)) return;
  const { labels, upper, lower } = out;
  for (let r = 0; r < count; r++) {
    const i = list === null ? r : (list[r] as number);
    let best = 0;
    let d1 = Infinity;
    let d2 = Infinity;
    for (let j = 0; j < k; j++) {
      const d = squaredDistance(data, i, centers, j, cols);
      if (d < d1) {
        d2 = d1;
        d1 = d;
        best = j;
      } else if (d < d2) d2 = d;
    }
    labels[i] = best;
    upper[i] = Math.sqrt(d1);
    lower[i] = Math.sqrt(d2);
  }
}

/**
 * The engine's answer (its table is ranked by the direct float64 sum, ties by the smaller index:
 * the row-by-row comparison's order); false when it refuses the values (distances beyond the
 * range of doubles), so that the row-by-row loop answers as before.
 */
function viaEngine(
  data: Float64Array,
  cols: number,
  centers: Float64Array,
  k: number,
  list: Int32Array | null,
  count: number,
  out: CentreBounds,
  work: number,
): boolean {
  let query = data;
  if (list !== null) {
    query = new Float64Array(count * cols);
    for (let r = 0; r < count; r++) {
      const i = list[r] as number;
      query.set(data.subarray(i * cols, (i + 1) * cols), r * cols);
    }
  }
  const nn = k === 1 ? 1 : 2;
  let res: ReturnType<KNeighbors['kneighbors']>;
  try {
    const search = new KNeighbors({
      threads: work >= ENGINE_THREADS_WORK ? 'auto' : 1,
      extraCandidates: EXTRA_CANDIDATES,
    });
    res = search.fit(centers, k, cols).kneighbors(query, count, nn);
  } catch (e) {
    if (e instanceof DataValidationError) return false;
    throw e;
  }
  const { indices, distances } = res;
  const { labels, upper, lower } = out;
  for (let r = 0; r < count; r++) {
    const i = list === null ? r : (list[r] as number);
    labels[i] = indices[r * nn] as number;
    upper[i] = distances[r * nn] as number;
    lower[i] = nn === 1 ? Infinity : (distances[r * nn + 1] as number);
  }
  return true;
}

/**
 * Half the distance from each of the `k` centres to its nearest other centre, into `half`
 * (`Infinity` when `k` is 1; 0 for a centre with a twin): Hamerly's `s(j)`, the engine's
 * self-excluding search over the centres when `mode` allows it (the same values).
 * @internal
 */
export function halfGaps(
  centers: Float64Array,
  k: number,
  cols: number,
  half: Float64Array,
  mode: CentreScanMode = 'auto',
): void {
  const work = k * k * cols;
  if (k > 1 && useEngine(mode, k, work, centers)) {
    try {
      const search = new KNeighbors({ threads: work >= ENGINE_THREADS_WORK ? 'auto' : 1 });
      const { distances } = search.fit(centers, k, cols).kneighbors(centers, k, 1, { excludeSelf: true });
      for (let a = 0; a < k; a++) half[a] = (distances[a] as number) / 2;
      return;
    } catch (e) {
      if (!(e instanceof DataValidationError)) throw e;
    }
  }
  half.fill(Infinity);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const d = Math.sqrt(squaredDistance(centers, a, centers, b, cols)) / 2;
      if (d < (half[a] as number)) half[a] = d;
      if (d < (half[b] as number)) half[b] = d;
    }
  }
}

/** Whether a comparison of `work` (rows × centres × columns) goes to the engine. */
function useEngine(mode: CentreScanMode, k: number, work: number, centers: Float64Array): boolean {
  const wanted = mode === 'engine' || (mode === 'auto' && k >= ENGINE_MIN_CENTRES && work >= ENGINE_MIN_WORK);
  return wanted && allFinite(centers);
}

function allFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i] as number)) return false;
  return true;
}
