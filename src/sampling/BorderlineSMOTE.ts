import { DataValidationError, describe } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import { checkOneOf } from '../core/validate.js';
import type { NeighborSearch } from './neighbors/types.js';
import { Sampler, type SamplerContext, type SamplerOptions, type SamplerParams } from './Sampler.js';
import { gatherRows } from './gatherRows.js';
import { drawPairs, drawSteps, interpolateRows } from './interpolate.js';
import { checkNeighborCount } from './neighborCount.js';
import { checkNeighborSearch, defaultNeighbors } from './neighborSearch.js';
import { otherNeighbours } from './otherNeighbours.js';

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
    const { who, data, rows, cols, rng } = ctx;
    const search = this.params.neighbors ?? defaultNeighbors();
    const targets = [...ctx.plan].filter(([, g]) => g > 0);
    if (targets.length > 0 && rows <= m) {
      throw new DataValidationError(
        `${who}: X has ${rows} rows; the danger test needs mNeighbors + 1 = ${m + 1}. Lower mNeighbors to at most ` +
          `${rows - 1}.`,
        { param: 'mNeighbors' },
      );
    }
    // The danger test of every targeted class, before anything is generated (a class too small
    // for kNeighbors fails up front).
    const danger = new Map<Label, Int32Array>();
    if (targets.length > 0) search.fit(data, rows, cols);
    for (const [label] of targets) {
      const idx = ctx.indicesOf(label);
      danger.set(label, dangerRows(who, search, ctx, idx, label, m));
    }
    const counts = new Map<Label, number>();
    for (const [label, g] of targets) {
      const nDanger = (danger.get(label) as Int32Array).length;
      counts.set(label, nDanger > 0 ? g : 0);
      const n = ctx.counts.get(label) as number;
      if (nDanger > 0 && kind === 'borderline-1' && n <= k) {
        throw new DataValidationError(
          `${who}: class ${describe(label)} has ${n} sample${n === 1 ? '' : 's'}, fewer than kNeighbors + 1 = ` +
            `${k + 1}. Lower kNeighbors to at most ${Math.max(1, n - 1)}, or use RandomOverSampler.`,
          { param: 'y' },
        );
      }
      if (nDanger > 0 && rows <= k) {
        throw new DataValidationError(
          `${who}: X has ${rows} rows, fewer than kNeighbors + 1 = ${k + 1}. Lower kNeighbors.`,
          { param: 'kNeighbors' },
        );
      }
    }
    const out = ctx.allocate(counts);
    for (const [label, g] of counts) {
      if (g === 0) continue;
      const rowsOfDanger = danger.get(label) as Int32Array;
      const Xd = gatherRows(data, cols, rowsOfDanger);
      if (kind === 'borderline-1') {
        const idx = ctx.indicesOf(label);
        const Xc = gatherRows(data, cols, idx);
        search.fit(Xc, idx.length, cols);
        const nn = otherNeighbours(who, search, Xc, cols, idx.length, positionsIn(idx, rowsOfDanger), k);
        const pairs = drawPairs(rng, nn, k, g);
        interpolateRows(Xd, Xc, cols, pairs, drawSteps(rng, g), out.rows(label));
      } else {
        // the search is still fitted on all rows (the danger tests): borderline-2 never refits it
        const nn = otherNeighbours(who, search, data, cols, rows, rowsOfDanger, k);
        const pairs = drawPairs(rng, nn, k, g);
        const steps = drawSteps(rng, g);
        for (let t = 0; t < g; t++) {
          if (ctx.y[pairs.neighbor[t] as number] !== label) steps[t] = (steps[t] as number) * 0.5;
        }
        interpolateRows(Xd, data, cols, pairs, steps, out.rows(label));
      }
    }
    return { danger };
  }
}

/**
 * The rows of `idx` (a class, in input order) whose `m` nearest other rows among all rows (the
 * search is fitted on them) are mostly, but not all, of another class: `m / 2 ≤ m' < m`.
 */
function dangerRows(
  who: string,
  search: NeighborSearch,
  ctx: SamplerContext,
  idx: Int32Array,
  label: Label,
  m: number,
): Int32Array {
  const nn = otherNeighbours(who, search, ctx.data, ctx.cols, ctx.rows, idx, m);
  const out: number[] = [];
  for (let q = 0; q < idx.length; q++) {
    let other = 0;
    for (let t = q * m; t < (q + 1) * m; t++) if (ctx.y[nn[t] as number] !== label) other++;
    if (other >= m / 2 && other < m) out.push(idx[q] as number);
  }
  return Int32Array.from(out);
}

/** The positions within `idx` (ascending) of the rows `subset` (ascending, all in `idx`). */
function positionsIn(idx: Int32Array, subset: Int32Array): Int32Array {
  const out = new Int32Array(subset.length);
  let p = 0;
  for (let t = 0; t < subset.length; t++) {
    while (idx[p] !== subset[t]) p++;
    out[t] = p;
  }
  return out;
}
