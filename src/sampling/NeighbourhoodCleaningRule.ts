import type { ResampleResult } from '../core/contracts.js';
import type { Label, MatrixInput } from '../core/matrix.js';
import type { Envelope } from '../core/serialization.js';
import { checkNumber } from '../core/validate.js';
import {
  EDITING_OPTIONS,
  checkEditingOptions,
  type EditedNearestNeighboursOptions,
  type EditedNearestNeighboursParams,
} from './EditedNearestNeighbours.js';
import { EditingPasses } from './EditingPasses.js';
import { Sampler, type SamplerContext } from './Sampler.js';
import { defaultNeighbors } from './neighborSearch.js';
import { inInputOrder } from './cleaningOutput.js';
import { checkCleaningOptions, classMask, cleaningToJSON, firstMinority } from './cleaningStrategy.js';
import { allOfClass, voteMode } from './neighbourVote.js';

/** Options of {@link NeighbourhoodCleaningRule}. */
export interface NeighbourhoodCleaningRuleOptions extends EditedNearestNeighboursOptions {
  /**
   * A targeted class is cleaned around misclassified minority rows only when it has more than
   * `thresholdCleaning × (number of rows)` rows. In (0, 1).
   * @defaultValue 0.5
   */
  thresholdCleaning?: number;
}

/** The validated options of {@link NeighbourhoodCleaningRule}. */
export interface NeighbourhoodCleaningRuleParams extends EditedNearestNeighboursParams {
  /** Share of all rows a class must exceed to be cleaned around the minority. */
  readonly thresholdCleaning: number;
}

const WHO = 'NeighbourhoodCleaningRule';
const OPTIONS = [...EDITING_OPTIONS, 'thresholdCleaning'];

/**
 * NeighbourhoodCleaningRule (Laurikkala 2001): the edited-nearest-neighbour rule, plus the removal
 * of the neighbours of misclassified minority rows.
 *
 * @remarks
 * On all rows, with the `nNeighbors` nearest other rows of each row (searched once, among all
 * classes; ties by smaller row index):
 * 1. A1 = the rows of the targeted classes that {@link EditedNearestNeighbours} with
 *    `kindSel: 'mode'` removes (whatever `kindSel` is);
 * 2. a minority row is misclassified when — `kindSel: 'mode'` — the most common class among its
 *    neighbours is not the minority (ties: the first class in sorted order), or — `kindSel:
 *    'all'` — not all its neighbours are of the minority; A2 = the neighbours of misclassified
 *    minority rows whose class is targeted and has more than `thresholdCleaning × n` rows
 *    (n = all rows; imbalanced-learn 0.12 compares with the minority count instead);
 * 3. A1 ∪ A2 is removed. "The minority" is the smallest class, ties going to the class that
 *    appears first in `y` (imbalanced-learn's rule).
 *
 * `kindSel: 'all'` (the default) follows the published rule. imbalanced-learn 0.10 has a bug
 * there: it tests `np.all(labels)`, the truthiness of the neighbours' labels, so with numeric
 * labels a minority row counts as misclassified only when a neighbour has label `0`, and with
 * string labels it raises; `kindSel: 'mode'` agrees with it row for row.
 * Output, as imbalanced-learn: the kept rows **in input order**, with `sampleIndices`.
 * Deterministic (no seed).
 *
 * @throws {@link InvalidParameterError} for an unknown or invalid option (see
 * {@link EditedNearestNeighbours}), or `thresholdCleaning` outside (0, 1).
 * @throws {@link DataValidationError} (from `fitResample`) when X has `nNeighbors` rows or fewer.
 *
 * @example
 * ```ts
 * const { X: Xr, y: yr } = new NeighbourhoodCleaningRule({ nNeighbors: 3 }).fitResample(X, y);
 * ```
 * @see Laurikkala (2001). Improving identification of difficult small classes by balancing class
 * distribution. AIME 2001, LNCS 2101:63–66.
 * @see imbalanced-learn's `imblearn.under_sampling.NeighbourhoodCleaningRule`.
 */
export class NeighbourhoodCleaningRule extends Sampler<NeighbourhoodCleaningRuleParams> {
  /**
   * @param options - `samplingStrategy`, `nNeighbors`, `kindSel`, `thresholdCleaning`, `neighbors`.
   * @throws {@link InvalidParameterError} for an invalid or unknown option.
   */
  constructor(options: NeighbourhoodCleaningRuleOptions = {}) {
    const { o, base } = checkCleaningOptions(WHO, options, OPTIONS, false);
    super({ name: WHO, type: 'under-sampling', seeded: false, options: OPTIONS }, base, {
      ...checkEditingOptions(WHO, o),
      thresholdCleaning: checkNumber(WHO, 'thresholdCleaning', o.thresholdCleaning, { gt: 0, lt: 1 }, 0.5),
    });
  }

  /**
   * Rebuilds a NeighbourhoodCleaningRule from its `toJSON` output.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): NeighbourhoodCleaningRule {
    return new NeighbourhoodCleaningRule(Sampler.optionsFromJSON(json, 'NeighbourhoodCleaningRule'));
  }

  /**
   * The JSON form of the options (a list `samplingStrategy` is written as the list).
   * @throws {@link SerializationError} when a custom `neighbors` search is set.
   */
  override toJSON(): Envelope {
    return cleaningToJSON(this);
  }

  /**
   * Removes A1 ∪ A2 (see the class remarks); the kept rows come in input order.
   * @throws {@link DataValidationError} for invalid `X` or `y`, a single class, a listed class
   * absent from `y`, or too few rows for `nNeighbors`.
   */
  override fitResample(X: MatrixInput, y: ReadonlyArray<Label>): ResampleResult {
    return inInputOrder(super.fitResample(X, y));
  }

  protected resample(ctx: SamplerContext): object {
    const { nNeighbors: k, kindSel, thresholdCleaning } = this.params;
    const passes = new EditingPasses(ctx, this.params.neighbors ?? defaultNeighbors(), k, false);
    const { codes } = passes;
    const targeted = classMask(ctx.plan.keys(), ctx.counts);
    const remove = new Uint8Array(ctx.rows);
    for (const i of passes.edit(targeted, k, 'mode')) remove[i] = 1; // A1
    const cleanable = targeted.slice();
    let c = 0;
    for (const n of ctx.counts.values()) {
      if (!(n > ctx.rows * thresholdCleaning)) cleanable[c] = 0;
      c++;
    }
    const minority = firstMinority(ctx.y, ctx.counts);
    const m = [...ctx.counts.keys()].indexOf(minority);
    const minRows = ctx.indicesOf(minority);
    const nb = passes.cache.neighbours(minRows, k);
    const tally = new Int32Array(ctx.counts.size);
    for (let q = 0; q < minRows.length; q++) {
      const o = q * k;
      const right = kindSel === 'all' ? allOfClass(nb, o, k, codes, m) : voteMode(nb, o, k, codes, tally) === m;
      if (right) continue;
      for (let t = o; t < o + k; t++) {
        const j = nb[t] as number;
        if (cleanable[codes[j] as number]) remove[j] = 1; // A2
      }
    }
    const gone: number[] = [];
    for (let i = 0; i < ctx.rows; i++) if (remove[i]) gone.push(i);
    passes.remove(Int32Array.from(gone));
    passes.keep(ctx);
    return {};
  }
}
