import type { Label } from '../core/matrix.js';
import type { NeighborSearch } from './neighbors/types.js';
import { blockedNeighbors } from './lazy/blockedNeighbors.js';
import { segmentGenerator, weightedPairs } from './lazy/segmentGenerator.js';
import type { StreamClass, StreamContext, StreamPlan } from './lazy/streamPlan.js';
import { Sampler, type SamplerContext, type SamplerOptions, type SamplerParams } from './Sampler.js';
import { gatherRows } from './gatherRows.js';
import { drawSteps, interpolateRows } from './interpolate.js';
import { checkClassSizes, checkNeighborCount } from './neighborCount.js';
import { checkNeighborSearch, checkNeighborTable, defaultNeighbors } from './neighborSearch.js';
import { adasynRowCounts, generationNeighbors, withoutSelf } from './adasynAllocation.js';

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

/** Σ g_i. */
function sumOf(g: Int32Array): number {
  let total = 0;
  for (let i = 0; i < g.length; i++) total += g[i] as number;
  return total;
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
    return Sampler.loadJSON(json, 'ADASYN', ADASYN);
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
        const g = adasynRowCounts(who, label, nn, y, k, G);
        rowCounts.set(label, g);
        realized.set(label, sumOf(g));
      }
    }
    const out = ctx.allocate(realized);
    // 3: generation within the class. Only rows that generate (g > 0; often half or fewer) need
    // their k nearest same-class rows.
    for (const [label, total] of realized) {
      const idx = ctx.indicesOf(label);
      const g = rowCounts.get(label) as Int32Array;
      const Xc = gatherRows(data, cols, idx);
      const search = this.params.neighbors ?? defaultNeighbors();
      const { used, nn } = generationNeighbors(who, search, Xc, idx.length, cols, g, k);
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

  /**
   * The lazy form: the difficulty search over all rows runs block by block (`blockRows` rows of X
   * densified at a time, the per-block neighbours merged exactly, so the table and the `g_i` are
   * those of `fitResample`); then, one class at a time, the same-class neighbours of the rows that
   * generate. Each batch draws its synthetic rows' bases with probability `g_i / Σg` — in
   * expectation, row i is the base of the share `g_i / Σg` of the class's synthetic rows, as in
   * `fitResample` — then a neighbour column and a step, and gathers both rows from X.
   */
  protected override streamPlan(ctx: StreamContext): StreamPlan<ADASYNFitted> {
    const k = this.params.nNeighbors;
    const { who, cols, y } = ctx;
    checkClassSizes(who, 'nNeighbors', k, ctx.plan, ctx.counts);
    const targets = [...ctx.plan].filter(([, G]) => G > 0);
    const search = () => this.params.neighbors ?? defaultNeighbors();
    const rowCounts = new Map<Label, Int32Array>();
    const made = new Map<Label, StreamClass>();
    if (targets.length > 0) {
      let nq = 0;
      for (const [label] of targets) nq += ctx.positionsOf(label).length;
      const queries = new Int32Array(nq);
      let q = 0;
      for (const [label] of targets) {
        queries.set(ctx.positionsOf(label), q);
        q += ctx.positionsOf(label).length;
      }
      const found = blockedNeighbors(ctx, search, queries, k + 1);
      q = 0;
      for (const [label, G] of targets) {
        const pos = ctx.positionsOf(label);
        const nn = withoutSelf(found.subarray(q * (k + 1), (q + pos.length) * (k + 1)), pos, k);
        q += pos.length;
        rowCounts.set(label, adasynRowCounts(who, label, nn, y, k, G));
      }
      ctx.progress('neighbors', 0, targets.length, 'classes');
      for (const c of ctx.classes()) {
        const g = rowCounts.get(c.label);
        if (!g) continue;
        const { used, nn } = generationNeighbors(who, search(), ctx.denseBlock(c.rows), c.rows.length, cols, g, k);
        const generator = segmentGenerator(c.rows, cols, weightedPairs(used, nn, k, g));
        made.set(c.label, { ...c, synthetic: sumOf(g), generator });
        ctx.progress('neighbors', made.size, targets.length, 'classes');
      }
    }
    return { classes: ctx.classes().map((c) => made.get(c.label) ?? c), fitted: { rowCounts } };
  }
}
