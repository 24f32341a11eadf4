import type { Label } from '../core/matrix.js';
import { checkOneOf } from '../core/validate.js';
import { borderlineGenerator } from './lazy/borderlineGenerator.js';
import type { StreamContext, StreamPlan } from './lazy/streamPlan.js';
import type { NeighborSearch } from './neighbors/types.js';
import { Sampler, type SamplerContext, type SamplerOptions, type SamplerParams } from './Sampler.js';
import { borderlineTables } from './borderlineTables.js';
import { gatherRows } from './gatherRows.js';
import { drawPairs, drawSteps, interpolateRows } from './interpolate.js';
import { checkNeighborCount } from './neighborCount.js';
import { checkNeighborSearch, defaultNeighbors } from './neighborSearch.js';

/** The two variants of Borderline-SMOTE (Han et al. 2005). */
export type BorderlineKind = 'borderline-1' | 'borderline-2';

/** Options of {@link BorderlineSMOTE}. */
export interface BorderlineSMOTEOptions extends SamplerOptions {
  /**
   * Neighbours each new row may interpolate towards (of the same class for `'borderline-1'`, of
   * any class for `'borderline-2'`).
   * @defaultValue 5
   */
  kNeighbors?: number;
  /**
   * Neighbours, among all rows, that decide whether a row is in danger.
   * @defaultValue 10
   */
  mNeighbors?: number;
  /**
   * `'borderline-1'`: interpolate towards same-class neighbours; `'borderline-2'`: towards any of
   * the k nearest rows, with the step halved towards a row of another class.
   * @defaultValue 'borderline-1'
   */
  kind?: BorderlineKind;
  /**
   * A custom neighbour search (for both the danger test and the interpolation neighbours).
   * @defaultValue the library's exact k-NN engine
   */
  neighbors?: NeighborSearch;
}

/** The validated options of {@link BorderlineSMOTE}. */
export interface BorderlineSMOTEParams extends SamplerParams {
  /** Interpolation neighbours. */
  readonly kNeighbors: number;
  /** Danger-test neighbours. */
  readonly mNeighbors: number;
  /** The variant. */
  readonly kind: BorderlineKind;
  /** Custom neighbour search, if any. */
  readonly neighbors: NeighborSearch | undefined;
}

/** What BorderlineSMOTE adds to `fitted`. */
export interface BorderlineSMOTEFitted {
  /**
   * The "danger" rows of each resampled class (input row indices, ascending): the only rows new
   * rows start from. A class with none gets no new rows.
   */
  readonly danger: ReadonlyMap<Label, Int32Array>;
}

const WHO = 'BorderlineSMOTE';
const KINDS: ReadonlyArray<BorderlineKind> = ['borderline-1', 'borderline-2'];

/**
 * Borderline-SMOTE: SMOTE that generates only from the minority rows on the class border — the
 * rows most of whose nearest neighbours belong to other classes, but not all of them.
 *
 * @remarks
 * For each targeted class c (sorted order) that needs `G` new rows:
 * 1. the `mNeighbors` nearest other rows of each row of c are searched among **all** rows; with
 *    `m'` of them of another class, the row is in danger when `m / 2 ≤ m' < m` (all `m` of
 *    another class: noise, not used). {@link BorderlineSMOTEFitted.danger} lists them;
 * 2. if no row of c is in danger the class gets no new rows (as imbalanced-learn; `fitted.realized`
 *    says so);
 * 3. the `kNeighbors` nearest other rows of each danger row are searched among the rows of c
 *    (`'borderline-1'`) or among all rows (`'borderline-2'`); then, from the one seeded stream,
 *    `G` (danger row, neighbour) pairs uniformly with replacement, then one `u ~ U[0, 1)` per new
 *    row, and `x_new = x_danger + s · (x_neighbour − x_danger)` with `s = u`, or `s = u / 2` when
 *    the neighbour is of another class (`'borderline-2'` only): new rows stay nearer the
 *    minority, as in the paper.
 *
 * Ties in distance go to the smaller row index and a row is never its own neighbour, even with
 * duplicates. `'borderline-1'` follows imbalanced-learn 0.10 exactly (danger rows, pairs, the
 * formula). `'borderline-2'` follows the published algorithm and imbalanced-learn's later fix
 * (PR #1023, and #1027 for the halved step): imbalanced-learn 0.10 instead splits the rows by a
 * Beta(10, 10) draw between same-class neighbours and rows of other classes picked **by the
 * positions of the same-class neighbours** (issue #861), so its second half pairs danger rows with
 * unrelated rows, and can make one row fewer than asked. Here exactly `G` rows are made.
 *
 * @throws {@link InvalidParameterError} for an unknown option, `kNeighbors` or `mNeighbors` < 1, or
 * another `kind`.
 * @throws {@link DataValidationError} (from `fitResample`) when X has `mNeighbors` rows or fewer,
 * or a class with danger rows has `kNeighbors` rows or fewer (`'borderline-1'`).
 *
 * @example
 * ```ts
 * const { X: Xr, y: yr } = new BorderlineSMOTE({ kind: 'borderline-1', seed: 0 }).fitResample(X, y);
 * ```
 * @see Han, Wang, Mao (2005). Borderline-SMOTE: a new over-sampling method in imbalanced data sets
 * learning. ICIC 2005, LNCS 3644:878–887.
 * @see imbalanced-learn's `imblearn.over_sampling.BorderlineSMOTE`.
 */
export class BorderlineSMOTE extends Sampler<BorderlineSMOTEParams, BorderlineSMOTEFitted> {
  /**
   * @param options - `samplingStrategy`, `seed`, `kNeighbors`, `mNeighbors`, `kind`, `neighbors`.
   * @throws {@link InvalidParameterError} for an invalid or unknown option.
   */
  constructor(options: BorderlineSMOTEOptions = {}) {
    super({ name: WHO, type: 'over-sampling', options: ['kNeighbors', 'mNeighbors', 'kind', 'neighbors'] }, options, {
      kNeighbors: checkNeighborCount(WHO, 'kNeighbors', options?.kNeighbors),
      mNeighbors: checkNeighborCount(WHO, 'mNeighbors', options?.mNeighbors, 10),
      kind: checkOneOf(WHO, 'kind', options?.kind, KINDS, 'borderline-1'),
      neighbors: checkNeighborSearch(WHO, options?.neighbors),
    });
  }

  /**
   * Rebuilds a BorderlineSMOTE from {@link Sampler.toJSON} output.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): BorderlineSMOTE {
    return Sampler.loadJSON(json, 'BorderlineSMOTE', BorderlineSMOTE);
  }

  protected resample(ctx: SamplerContext): BorderlineSMOTEFitted {
    const { kNeighbors: k, mNeighbors: m, kind } = this.params;
    const { data, cols, rng } = ctx;
    const search = this.params.neighbors ?? defaultNeighbors();
    const { danger, classes } = borderlineTables(ctx, search, k, m, kind);
    const out = ctx.allocate(new Map([...danger.keys()].map((c) => [c, classes.find((b) => b.label === c)?.g ?? 0])));
    for (const { label, g, danger: rowsOfDanger, pool, nn } of classes) {
      const Xd = gatherRows(data, cols, rowsOfDanger);
      const pairs = drawPairs(rng, nn, k, g);
      const steps = drawSteps(rng, g);
      if (pool) {
        interpolateRows(Xd, gatherRows(data, cols, pool), cols, pairs, steps, out.rows(label));
      } else {
        for (let t = 0; t < g; t++) {
          if (ctx.y[pairs.neighbor[t] as number] !== label) steps[t] = (steps[t] as number) * 0.5;
        }
        interpolateRows(Xd, data, cols, pairs, steps, out.rows(label));
      }
    }
    return { danger };
  }

  /**
   * The lazy form: the danger test and the neighbour tables of `fitResample`, computed once on the
   * selected rows (densified together, since the danger test searches among all of them, and
   * released after the fit); each batch draws its (danger row, neighbour) pairs and steps by the
   * same rules and gathers both rows from X. `fitted.danger` holds rows of X.
   */
  protected override streamPlan(ctx: StreamContext): StreamPlan<BorderlineSMOTEFitted> {
    const { kNeighbors: k, mNeighbors: m, kind } = this.params;
    const { selection, cols } = ctx;
    const search = this.params.neighbors ?? defaultNeighbors();
    ctx.progress('neighbors', 0, 1, 'searches');
    const dense = { ...ctx, data: ctx.dense(selection), rows: selection.length, indicesOf: ctx.positionsOf };
    const tables = borderlineTables(dense, search, k, m, kind);
    ctx.progress('neighbors', 1, 1, 'searches');
    const toX = (positions: Int32Array): Int32Array => positions.map((p) => selection[p] as number);
    const classes = ctx.classes().map((c) => {
      if (!tables.danger.has(c.label)) return c;
      const b = tables.classes.find((t) => t.label === c.label);
      if (!b) return { ...c, synthetic: 0 };
      const halve = b.pool ? undefined : Uint8Array.from(ctx.y, (v) => (v === c.label ? 0 : 1));
      const generator = borderlineGenerator(toX(b.danger), b.pool ? toX(b.pool) : selection, cols, b.nn, k, halve);
      return { ...c, generator };
    });
    const danger = new Map([...tables.danger].map(([c, rows]) => [c, toX(rows)]));
    return { classes, fitted: { danger } };
  }
}
