import { DataValidationError, describe } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import type { NeighborSearch } from './neighbors/types.js';
import { Sampler, type SamplerContext, type SamplerOptions, type SamplerParams } from './Sampler.js';
import { gatherRows } from './gatherRows.js';
import { drawSteps, interpolateRows } from './interpolate.js';
import { checkClassSizes, checkNeighborCount } from './neighborCount.js';
import { checkNeighborSearch, checkNeighborTable, defaultNeighbors } from './neighborSearch.js';
import { pairwiseSum, rint } from './numpyArithmetic.js';

/** Options of {@link ADASYN}. */
export interface ADASYNOptions extends SamplerOptions {
  /**
   * Number of nearest neighbours used both for the difficulty of each row (among all rows) and
   * for interpolation (among the rows of its class).
   * @defaultValue 5
   */
  nNeighbors?: number;
  /**
   * A custom neighbour search (as imbalanced-learn accepts a `NearestNeighbors` estimator).
   * @defaultValue the library's exact k-NN engine
   */
  neighbors?: NeighborSearch;
}

/** The validated options of {@link ADASYN}. */
export interface ADASYNParams extends SamplerParams {
  /** Number of neighbours. */
  readonly nNeighbors: number;
  /** Custom neighbour search, if any. */
  readonly neighbors: NeighborSearch | undefined;
}

/** What ADASYN adds to `fitted`. */
export interface ADASYNFitted {
  /**
   * Per resampled class, the number of new rows generated from each of its rows (in input order
   * of the class): `g_i = rint(r̂_i · G)`.
   */
  readonly rowCounts: ReadonlyMap<Label, Int32Array>;
}

/**
 * Computes ADASYN's per-row allocation from the difficulty ratios `r` (share of other-class
 * neighbours of each row) and the requested count `G`: `g_i = rint(r_i / Σr · G)` with NumPy's
 * pairwise sum and round-half-to-even, bit for bit as imbalanced-learn. Returns undefined when
 * `Σr = 0`. @internal
 */
export function adasynAllocation(r: Float64Array, G: number): Int32Array | undefined {
  const sum = pairwiseSum(r);
  if (sum === 0) return undefined;
  const g = new Int32Array(r.length);
  for (let i = 0; i < r.length; i++) g[i] = rint(((r[i] as number) / sum) * G);
  return g;
}

/**
 * The `k` neighbours of each query row from a table of `k + 1`, dropping the row's own index
 * `self[i]` (or, when `k + 1` duplicates precede it, the last one): the `k` nearest other rows.
 */
function withoutSelf(found: Int32Array, self: Int32Array, k: number): Int32Array {
  const kq = k + 1;
  const nn = new Int32Array(self.length * k);
  for (let i = 0; i < self.length; i++) {
    let seen = 0;
    for (let t = 0; t < kq && seen < k; t++) {
      const j = found[i * kq + t] as number;
      if (j !== self[i]) nn[i * k + seen++] = j;
    }
  }
  return nn;
}

/**
 * ADASYN: ADAptive SYNthetic sampling — like SMOTE, but rows whose neighbourhood is dominated by
 * other classes get more synthetic neighbours.
 *
 * @remarks
 * For each targeted class c (sorted order) that needs `G` rows:
 * 1. the `nNeighbors` nearest neighbours of each row of c are searched among **all** rows (the
 *    row itself excluded); `r_i` = share of them whose class is not c (one-vs-rest);
 * 2. `g_i = rint(r_i / Σr · G)` — NumPy's `rint`, i.e. round half to even (not `Math.round`),
 *    with `Σr` summed pairwise as `np.sum`. So the realized total `Σg_i` can differ from `G` (more
 *    or fewer), exactly as in imbalanced-learn; `fitted.realized` reports what was generated and
 *    `fitted.rowCounts` every `g_i`;
 * 3. neighbours for generation are searched among the rows of c only, and only for rows with
 *    `g_i > 0` (often half of them or fewer; the search is asked for `nNeighbors + 1` and the row
 *    itself is dropped by index); row i is the base of `g_i` new rows, in row order; from the one
 *    seeded stream, a neighbour column in `[0, nNeighbors)` is drawn for every new row, then
 *    `u ~ U[0, 1)` for every new row, and `x_new = x_i + u · (x_neighbour − x_i)`.
 *
 * @throws {@link DataValidationError} (from `fitResample`) when a targeted class has fewer than
 * `nNeighbors + 1` rows; when no row of a class has an other-class neighbour (imbalanced-learn's
 * "Not any neigbours belong to the majority class…" RuntimeError); when the rounding leaves 0 rows.
 *
 * @example
 * ```ts
 * const ada = new ADASYN({ nNeighbors: 5, samplingStrategy: 'minority', seed: 1 });
 * const { X: Xr, y: yr } = ada.fitResample(X, y);
 * ada.fitted.realized; // rows actually added per class
 * ```
 * @see He, Bai, Garcia, Li (2008). ADASYN: Adaptive synthetic sampling approach for imbalanced
 * learning. IJCNN 2008, 1322–1328.
 * @see imbalanced-learn's `imblearn.over_sampling.ADASYN`.
 */
export class ADASYN extends Sampler<ADASYNParams, ADASYNFitted> {
  /**
   * @param options - `nNeighbors`, `samplingStrategy`, `seed`, `neighbors`.
   * @throws {@link InvalidParameterError} for an invalid option.
   */
  constructor(options: ADASYNOptions = {}) {
    super({ name: 'ADASYN', type: 'over-sampling', options: ['nNeighbors', 'neighbors'] }, options, {
      nNeighbors: checkNeighborCount('ADASYN', 'nNeighbors', options?.nNeighbors),
      neighbors: checkNeighborSearch('ADASYN', options?.neighbors),
    });
  }

  /**
   * Rebuilds an ADASYN from {@link Sampler.toJSON} output.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): ADASYN {
    return new ADASYN(Sampler.optionsFromJSON(json, 'ADASYN'));
  }

  /** ADASYN's rounded per-row counts sum to at most G + n_c / 2 per class (each rounds up by ≤ ½). */
  protected override maxNewRows(plan: ReadonlyMap<Label, number>, counts: ReadonlyMap<Label, number>): number {
    let slack = 0;
    for (const [c, g] of plan) if (g > 0) slack += Math.ceil((counts.get(c) ?? 0) / 2);
    return super.maxNewRows(plan, counts) + slack;
  }

  protected resample(ctx: SamplerContext): ADASYNFitted {
    const k = this.params.nNeighbors;
    const { who, data, rows, cols, y, rng } = ctx;
    checkClassSizes(who, 'nNeighbors', k, ctx.plan, ctx.counts);
    const targets = [...ctx.plan].filter(([, G]) => G > 0);
    const rowCounts = new Map<Label, Int32Array>();
    const realized = new Map<Label, number>();
    if (targets.length > 0) {
      // 1–2: difficulty among all rows; k + 1 neighbours, then the row itself is dropped by index.
      const search = this.params.neighbors ?? defaultNeighbors();
      const all = search.fit(data, rows, cols);
      const kq = k + 1; // checkClassSizes: every targeted class (so all rows) has more than k rows
      for (const [label, G] of targets) {
        const idx = ctx.indicesOf(label);
        const nc = idx.length;
        const Xc = gatherRows(data, cols, idx);
        const nn = withoutSelf(checkNeighborTable(who, search, all.kneighbors(Xc, nc, kq), nc, rows, kq), idx, k);
        const r = new Float64Array(nc);
        for (let i = 0; i < nc; i++) {
          let other = 0;
          for (let t = 0; t < k; t++) if (y[nn[i * k + t] as number] !== label) other++;
          r[i] = other / k;
        }
        const g = adasynAllocation(r, G);
        if (!g) {
          throw new DataValidationError(
            `${who}: no row of class ${describe(label)} has a neighbour of another class among its ${k} ` +
              'nearest, so ADASYN\'s difficulty weights divide by zero (imbalanced-learn: "Not any neigbours ' +
              'belong to the majority class. This case will induce a NaN case with a division by zero. ADASYN ' +
              'is not suited for this specific dataset. Use SMOTE instead."). Use SMOTE for this class, or ' +
              'raise nNeighbors.',
            { param: 'y' },
          );
        }
        let total = 0;
        for (let i = 0; i < nc; i++) total += g[i] as number;
        if (total === 0) {
          throw new DataValidationError(
            `${who}: rounding ADASYN's per-row counts for class ${describe(label)} (${G} rows asked) gives ` +
              '0 rows. No samples will be generated with the provided ratio settings. Ask for more rows in ' +
              'samplingStrategy or use SMOTE.',
            { param: 'samplingStrategy' },
          );
        }
        rowCounts.set(label, g);
        realized.set(label, total);
      }
    }
    const out = ctx.allocate(realized);
    // 3: generation within the class. Only rows that generate (g > 0; often half or fewer) need
    // their k nearest same-class rows: k + 1 of them, the row itself dropped by index.
    for (const [label, total] of realized) {
      const idx = ctx.indicesOf(label);
      const nc = idx.length;
      const g = rowCounts.get(label) as Int32Array;
      const Xc = gatherRows(data, cols, idx);
      let nUsed = 0;
      for (let i = 0; i < nc; i++) if ((g[i] as number) > 0) nUsed++;
      const used = new Int32Array(nUsed);
      for (let i = 0, q = 0; i < nc; i++) if ((g[i] as number) > 0) used[q++] = i;
      const search = this.params.neighbors ?? defaultNeighbors();
      const found = search.fit(Xc, nc, cols).kneighbors(gatherRows(Xc, cols, used), used.length, k + 1);
      const nn = withoutSelf(checkNeighborTable(who, search, found, used.length, nc, k + 1), used, k);
      // Row i is the base of its g_i new rows, in row order. A neighbour column is drawn for every
      // new row, then a step for every new row (imbalanced-learn's order of draws).
      const base = new Int32Array(total);
      const neighbor = new Int32Array(total);
      for (let u = 0, p = 0; u < used.length; u++) {
        const i = used[u] as number;
        for (let rep = g[i] as number; rep > 0; rep--, p++) {
          base[p] = i;
          neighbor[p] = nn[u * k + rng.int(k)] as number;
        }
      }
      interpolateRows(Xc, Xc, cols, { base, neighbor }, drawSteps(rng, total), out.rows(label));
    }
    return { rowCounts };
  }
}
