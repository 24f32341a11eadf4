import { DataValidationError, describe } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import { checkInteger, checkOptions } from '../core/validate.js';
import type { NeighborSearch } from './neighbors/types.js';
import { Sampler, type SamplerContext, type SamplerParams } from './Sampler.js';
import type { SamplingStrategy } from './samplingStrategy.js';
import { checkNeighborSearch } from './neighborSearch.js';
import { KNeighbors } from './neighbors/KNeighbors.js';
import { gatherRows } from './gatherRows.js';
import { pairwiseSum } from './numpyArithmetic.js';
import { firstMinority } from './cleaningStrategy.js';
import { forEachNeighbourBlock, neighboursAmong } from './neighboursAmong.js';
import { smallestInOrder } from './smallestInOrder.js';

/** Options of {@link NearMiss}. */
export interface NearMissOptions {
  /**
   * Rows to keep per class, as for {@link RandomUnderSampler} (see {@link SamplingStrategy}).
   * @defaultValue 'auto' (every class but the minority cut to the minority count)
   */
  samplingStrategy?: SamplingStrategy;
  /**
   * 1: keep the rows with the smallest mean distance to their `nNeighbors` nearest minority rows;
   * 2: the smallest mean distance to their `nNeighbors` farthest minority rows; 3: among the
   * `nNeighborsVer3` nearest rows of each minority row, the largest mean distance to their
   * `nNeighbors` nearest minority rows.
   * @defaultValue 1
   */
  version?: 1 | 2 | 3;
  /**
   * Minority rows whose distances are averaged.
   * @defaultValue 3
   */
  nNeighbors?: number;
  /**
   * Version 3: nearest rows of the class taken around each minority row as candidates.
   * @defaultValue 3
   */
  nNeighborsVer3?: number;
  /**
   * A custom neighbour search for the nearest-neighbour queries (version 2's farthest rows are
   * found by an exhaustive scan).
   * @defaultValue the library's exact k-NN engine
   */
  neighbors?: NeighborSearch;
}

/** The validated options of {@link NearMiss}. */
export interface NearMissParams extends SamplerParams {
  /** The heuristic. */
  readonly version: 1 | 2 | 3;
  /** Minority rows averaged over. */
  readonly nNeighbors: number;
  /** Version 3's candidate neighbourhood. */
  readonly nNeighborsVer3: number;
  /** Custom neighbour search, if any. */
  readonly neighbors: NeighborSearch | undefined;
}

const WHO = 'NearMiss';
/**
 * Candidates beyond `k` of the default search. NearMiss asks for few neighbours, where the
 * re-ranking of the engine's default 8 extra candidates per row costs more than the rare re-search
 * it saves; the answer is the same with any number (the engine is exact). Measured (CPU time, under
 * load, 200,000 rows × 32 columns, 2,000 minority rows, k = 3): 3 takes 30% less time than 8.
 * Version 1 scores every row of a class, mostly far from the minority, where even 1 extra candidate
 * certifies almost every row: 1 took ~7% less time than 3 (NearMiss-1; 2,571 of 198,000 rows
 * re-searched against 1). Version 3 scores only rows near the minority, where near-ties are common,
 * and its searches around the minority rows re-search more too: with 1, NearMiss-3 took no less time.
 */
const EXTRA_CANDIDATES = 3;
/** Version 1's (see {@link EXTRA_CANDIDATES}). */
const EXTRA_CANDIDATES_V1 = 1;
const OPTIONS = ['version', 'nNeighbors', 'nNeighborsVer3', 'neighbors'];

/**
 * NearMiss (Mani & Zhang 2003): controlled under-sampling that keeps the rows of each targeted
 * class closest to (versions 1, 2) or, around the minority, farthest from (version 3) the
 * minority class.
 *
 * @remarks
 * The counts to keep come from `samplingStrategy` exactly as for {@link RandomUnderSampler}. For
 * each targeted class (sorted order), with distances to the minority rows:
 * - version 1: score = sum of the distances to the `nNeighbors` nearest minority rows; the rows
 *   with the smallest scores are kept;
 * - version 2: score = sum of the distances to the `nNeighbors` farthest minority rows (all of
 *   them when the minority is smaller); smallest kept. This needs every row-to-minority distance:
 *   an exhaustive scan, but in constant memory (imbalanced-learn builds the full table);
 * - version 3: the candidates are the `nNeighborsVer3` nearest rows of the class around each
 *   minority row (their union, in input order); score as version 1; the **largest** scores are
 *   kept. Fewer rows than asked may be kept when there are fewer candidates (as imbalanced-learn).
 *
 * Equal scores keep input order (candidate order for version 3) — imbalanced-learn's stable sort,
 * for version 3 too (`sorted(reverse=True)` is stable). Sums of distances are NumPy's (nearest
 * first, pairwise). The output of a targeted class is in score order (best first), an untouched
 * class in input order; classes in sorted order; `sampleIndices` as RandomUnderSampler.
 * "The minority" is the smallest class, ties going to the class that appears first in `y`; when
 * the strategy targets it (e.g. `'all'`) its own rows are scored too, each at distance 0 from
 * itself. Deterministic (no seed).
 *
 * @throws {@link InvalidParameterError} for an unknown option, a `version` other than 1, 2, 3, or
 * neighbour counts < 1.
 * @throws {@link DataValidationError} (from `fitResample`) when the minority has fewer rows than
 * `nNeighbors` (versions 1, 3) or a targeted class fewer than `nNeighborsVer3` (version 3).
 *
 * @example
 * ```ts
 * const { X: Xr, y: yr } = new NearMiss({ version: 1, nNeighbors: 3 }).fitResample(X, y);
 * ```
 * @see Mani, Zhang (2003). kNN approach to unbalanced data distributions: a case study involving
 * information extraction. ICML 2003 Workshop on Learning from Imbalanced Datasets.
 * @see imbalanced-learn's `imblearn.under_sampling.NearMiss`.
 */
export class NearMiss extends Sampler<NearMissParams> {
  /**
   * @param options - `samplingStrategy`, `version`, `nNeighbors`, `nNeighborsVer3`, `neighbors`.
   * @throws {@link InvalidParameterError} for an invalid or unknown option.
   */
  constructor(options: NearMissOptions = {}) {
    // No 'seed' (the base would take one): NearMiss draws nothing, and imbalanced-learn gives it no random_state.
    const o = checkOptions(WHO, options, [...OPTIONS, 'samplingStrategy']);
    const version = checkInteger(WHO, 'version', o.version, { min: 1, max: 3 }, 1) as 1 | 2 | 3;
    super({ name: WHO, type: 'under-sampling', seeded: false, options: OPTIONS }, o, {
      version,
      nNeighbors: checkInteger(WHO, 'nNeighbors', o.nNeighbors, { min: 1 }, 3),
      nNeighborsVer3: checkInteger(WHO, 'nNeighborsVer3', o.nNeighborsVer3, { min: 1 }, 3),
      neighbors: checkNeighborSearch(WHO, o.neighbors),
    });
  }

  /**
   * Rebuilds a NearMiss from {@link Sampler.toJSON} output.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): NearMiss {
    return Sampler.loadJSON(json, 'NearMiss', NearMiss);
  }

  protected resample(ctx: SamplerContext): object {
    const { version, nNeighbors: k, nNeighborsVer3: k3, neighbors } = this.params;
    const { who, data, cols } = ctx;
    const minority = firstMinority(ctx.y, ctx.counts);
    const minIdx = ctx.indicesOf(minority);
    const nMin = minIdx.length;
    if (version !== 2 && k > nMin) {
      throw new DataValidationError(
        `${who}: the minority class ${describe(minority)} has ${nMin} rows, fewer than nNeighbors = ${k} ` +
          `(NearMiss-${version} sums the distances to the nNeighbors nearest minority rows). ` +
          `Lower nNeighbors to at most ${nMin}.`,
        { param: 'nNeighbors' },
      );
    }
    for (const label of ctx.plan.keys()) {
      const n = ctx.counts.get(label) as number;
      if (version === 3 && k3 > n) {
        throw new DataValidationError(
          `${who}: class ${describe(label)} has ${n} rows, fewer than nNeighborsVer3 = ${k3}. ` +
            `Lower nNeighborsVer3 to at most ${n}.`,
          { param: 'nNeighborsVer3' },
        );
      }
    }
    const search =
      neighbors ?? new KNeighbors({ extraCandidates: version === 1 ? EXTRA_CANDIDATES_V1 : EXTRA_CANDIDATES });
    if (version === 2) {
      const Xmin = gatherRows(data, cols, minIdx);
      for (const [label, nKeep] of ctx.plan) {
        const idx = ctx.indicesOf(label);
        const scores = farthestSums(gatherRows(data, cols, idx), idx.length, Xmin, nMin, cols, k);
        ctx.keep(label, keptOf(idx, scores, nKeep));
      }
      return {};
    }
    // The rows scored per class: all of them, or (version 3) the union of the class's nNeighborsVer3
    // nearest rows around each minority row — every class's found first (each fits the search on
    // that class), so that one fit on the minority then scores them all.
    const scored = new Map<Label, Int32Array>();
    const labels = [...ctx.plan.keys()];
    // version 3: the next class's rows are gathered while the workers scan around the minority
    let fitRows = version === 3 && labels.length > 0 ? gatherRows(data, cols, ctx.indicesOf(labels[0] as Label)) : null;
    labels.forEach((label, c) => {
      const idx = ctx.indicesOf(label);
      if (version === 1) {
        scored.set(label, idx);
        return;
      }
      const next = labels[c + 1];
      const around = neighboursAmong(who, search, data, cols, idx, minIdx, k3, {
        fitRows: fitRows as Float64Array,
        meanwhile: () => {
          fitRows = next === undefined ? null : gatherRows(data, cols, ctx.indicesOf(next));
        },
      }).indices;
      const seen = new Uint8Array(idx.length);
      for (let t = 0; t < around.length; t++) seen[around[t] as number] = 1;
      scored.set(
        label,
        idx.filter((_, p) => seen[p] === 1),
      );
    });
    search.fit(gatherRows(data, cols, minIdx), nMin, cols);
    // Every class's rows scored by one stream of queries (each row's score depends on that row
    // alone), so that the engine's overlap of one block's re-rank with the next block's scan runs
    // across the classes' boundaries too.
    let total = 0;
    for (const cand of scored.values()) total += cand.length;
    const rows = new Int32Array(total);
    let at = 0;
    for (const cand of scored.values()) {
      rows.set(cand, at);
      at += cand.length;
    }
    const scores = new Float64Array(total);
    // version 3 keeps the largest: the smallest of the negated scores, ties in the same order
    const sign = version === 3 ? -1 : 1;
    forEachNeighbourBlock(who, search, nMin, data, cols, rows, k, ({ distances }, start) => {
      const m = distances.length / k;
      for (let q = 0; q < m; q++) scores[start + q] = sign * pairwiseSum(distances, q * k, k);
    });
    at = 0;
    for (const [label, nKeep] of ctx.plan) {
      const cand = scored.get(label) as Int32Array;
      ctx.keep(label, keptOf(cand, scores.subarray(at, at + cand.length), nKeep));
      at += cand.length;
    }
    return {};
  }
}

/** The rows `cand` of the `nKeep` smallest `scores` (one per row of `cand`), smallest first, ties in order. */
function keptOf(cand: Int32Array, scores: Float64Array, nKeep: number): Int32Array {
  const kept = smallestInOrder(scores, nKeep);
  for (let t = 0; t < kept.length; t++) kept[t] = cand[kept[t] as number] as number;
  return kept;
}

/**
 * Each query row's sum of its distances to its `k` farthest fitted rows (all of them when there
 * are fewer), in ascending order as imbalanced-learn sums the last `k` columns of the full sorted
 * distance table — found by one scan per query, keeping only the `k` largest.
 *
 * The scan takes 4 query rows × 4 fitted rows at a time (each of the 16 squared distances its own
 * sum in coordinate order, so the values are those of `squaredDistance`), and keeps the largest
 * squared distances: the square root is monotone, so their roots are the `k` largest distances.
 */
function farthestSums(
  Q: Float64Array,
  nQuery: number,
  F: Float64Array,
  nFit: number,
  cols: number,
  k: number,
): Float64Array {
  const kk = Math.min(k, nFit);
  const best = new Float64Array(4 * kk); // per query of the tile, ascending
  const filled = new Int32Array(4);
  const tile = new Float64Array(16);
  const out = new Float64Array(nQuery);
  const root = new Float64Array(kk);
  for (let q0 = 0; q0 < nQuery; q0 += 4) {
    const mq = Math.min(4, nQuery - q0);
    filled.fill(0);
    // rows past the end repeat the last row (their distances are computed and dropped)
    const a0 = q0 * cols;
    const a1 = (q0 + Math.min(1, mq - 1)) * cols;
    const a2 = (q0 + Math.min(2, mq - 1)) * cols;
    const a3 = (q0 + Math.min(3, mq - 1)) * cols;
    for (let i0 = 0; i0 < nFit; i0 += 4) {
      const mf = Math.min(4, nFit - i0);
      const b0 = i0 * cols;
      const b1 = (i0 + Math.min(1, mf - 1)) * cols;
      const b2 = (i0 + Math.min(2, mf - 1)) * cols;
      const b3 = (i0 + Math.min(3, mf - 1)) * cols;
      // biome-ignore format: one tile row per line reads as the tile it is
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0,
        s10 = 0, s11 = 0, s12 = 0, s13 = 0,
        s20 = 0, s21 = 0, s22 = 0, s23 = 0,
        s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      for (let t = 0; t < cols; t++) {
        const x0 = F[b0 + t] as number;
        const x1 = F[b1 + t] as number;
        const x2 = F[b2 + t] as number;
        const x3 = F[b3 + t] as number;
        const y0 = Q[a0 + t] as number;
        const y1 = Q[a1 + t] as number;
        const y2 = Q[a2 + t] as number;
        const y3 = Q[a3 + t] as number;
        let v = y0 - x0;
        s00 += v * v;
        v = y0 - x1;
        s01 += v * v;
        v = y0 - x2;
        s02 += v * v;
        v = y0 - x3;
        s03 += v * v;
        v = y1 - x0;
        s10 += v * v;
        v = y1 - x1;
        s11 += v * v;
        v = y1 - x2;
        s12 += v * v;
        v = y1 - x3;
        s13 += v * v;
        v = y2 - x0;
        s20 += v * v;
        v = y2 - x1;
        s21 += v * v;
        v = y2 - x2;
        s22 += v * v;
        v = y2 - x3;
        s23 += v * v;
        v = y3 - x0;
        s30 += v * v;
        v = y3 - x1;
        s31 += v * v;
        v = y3 - x2;
        s32 += v * v;
        v = y3 - x3;
        s33 += v * v;
      }
      // biome-ignore format: one tile row per line
      tile[0] = s00;
      tile[1] = s01;
      tile[2] = s02;
      tile[3] = s03;
      // biome-ignore format: one tile row per line
      tile[4] = s10;
      tile[5] = s11;
      tile[6] = s12;
      tile[7] = s13;
      // biome-ignore format: one tile row per line
      tile[8] = s20;
      tile[9] = s21;
      tile[10] = s22;
      tile[11] = s23;
      // biome-ignore format: one tile row per line
      tile[12] = s30;
      tile[13] = s31;
      tile[14] = s32;
      tile[15] = s33;
      for (let r = 0; r < mq; r++) {
        for (let c = 0; c < mf; c++)
          filled[r] = keepLargest(best, r * kk, kk, filled[r] as number, tile[r * 4 + c] as number);
      }
    }
    for (let r = 0; r < mq; r++) {
      for (let t = 0; t < kk; t++) root[t] = Math.sqrt(best[r * kk + t] as number);
      out[q0 + r] = pairwiseSum(root, 0, kk);
    }
  }
  return out;
}

/**
 * Adds `v` to the ascending list of the `kk` largest values seen (`best[o …]`, `filled` used) and
 * returns the new fill.
 */
function keepLargest(best: Float64Array, o: number, kk: number, filled: number, v: number): number {
  if (filled < kk) {
    let p = filled;
    while (p > 0 && (best[o + p - 1] as number) > v) {
      best[o + p] = best[o + p - 1] as number;
      p--;
    }
    best[o + p] = v;
    return filled + 1;
  }
  if (v > (best[o] as number)) {
    let p = 0;
    while (p + 1 < kk && (best[o + p + 1] as number) < v) {
      best[o + p] = best[o + p + 1] as number;
      p++;
    }
    best[o + p] = v;
  }
  return filled;
}
