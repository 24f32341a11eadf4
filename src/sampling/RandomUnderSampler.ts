import { checkBoolean } from '../core/validate.js';
import type { StreamContext, StreamPlan } from './lazy/streamPlan.js';
import { Sampler, type SamplerContext, type SamplerOptions, type SamplerParams } from './Sampler.js';

/** Options of {@link RandomUnderSampler}. */
export interface RandomUnderSamplerOptions extends SamplerOptions {
  /**
   * Draw the kept rows with replacement (a row may be kept several times).
   * @defaultValue false
   */
  replacement?: boolean;
}

/** The validated options of {@link RandomUnderSampler}. */
export interface RandomUnderSamplerParams extends SamplerParams {
  /** Whether rows are drawn with replacement. */
  readonly replacement: boolean;
}

/**
 * Random under-sampling: keeps a random subset of each targeted class.
 *
 * @remarks
 * Output order (imbalanced-learn's): classes in sorted order; a targeted class contributes its
 * kept rows in the order drawn, an untouched class all its rows in input order. Draws, per
 * targeted class in sorted order: without replacement, the first `n_keep` steps of a
 * Fisher–Yates shuffle of the class's rows (one integer per kept row); with replacement,
 * `n_keep` uniform row indices. `sampleIndices` maps every output row to its input row.
 * `samplingStrategy` `'auto'` = `'not minority'`: every other class is cut to the minority count.
 *
 * @throws {@link InvalidParameterError} for a non-boolean `replacement` or an over-sampling-only strategy.
 *
 * @example
 * ```ts
 * const { X: Xr, y: yr, sampleIndices } = new RandomUnderSampler({ seed: 0 }).fitResample(X, y);
 * ```
 * @see imbalanced-learn's `imblearn.under_sampling.RandomUnderSampler`.
 */
export class RandomUnderSampler extends Sampler<RandomUnderSamplerParams> {
  /**
   * Without replacement the kept rows are distinct, so a large output (at least half the rows) is
   * moved to the front of the sampler's own copy of X instead of copied out of it.
   */
  protected override readonly reusesInputCopy: boolean;

  /**
   * @param options - `samplingStrategy`, `seed`, `replacement`.
   * @throws {@link InvalidParameterError} for an invalid option.
   */
  constructor(options: RandomUnderSamplerOptions = {}) {
    super({ name: 'RandomUnderSampler', type: 'under-sampling', options: ['replacement'] }, options, {
      replacement: checkBoolean('RandomUnderSampler', 'replacement', options?.replacement, false),
    });
    this.reusesInputCopy = !this.params.replacement;
  }

  /**
   * Rebuilds a RandomUnderSampler from {@link Sampler.toJSON} output.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): RandomUnderSampler {
    return Sampler.loadJSON(json, 'RandomUnderSampler', RandomUnderSampler);
  }

  protected resample(ctx: SamplerContext): object {
    const { rng } = ctx;
    for (const [label, keep] of ctx.plan) {
      const idx = ctx.indicesOf(label);
      const nc = idx.length;
      const chosen = new Int32Array(keep);
      if (this.params.replacement) {
        for (let i = 0; i < keep; i++) chosen[i] = idx[rng.int(nc)] as number;
      } else {
        const perm = idx.slice();
        for (let i = 0; i < keep; i++) {
          const j = i + rng.int(nc - i);
          const t = perm[j] as number;
          perm[j] = perm[i] as number;
          perm[i] = t;
          chosen[i] = t;
        }
      }
      ctx.keep(label, chosen);
    }
    return {};
  }

  /**
   * The lazy form — a fresh random draw per epoch is the natural streaming form of an
   * under-sampler: every epoch keeps a new random subset of each targeted class (with `replacement`,
   * new uniform draws), gathered from X; untouched classes are seen whole every epoch. Nothing is
   * computed at fit.
   */
  protected override streamPlan(ctx: StreamContext): StreamPlan {
    const draw = this.params.replacement ? 'replacement' : 'fresh';
    return { classes: ctx.classes().map((c) => (ctx.plan.has(c.label) ? { ...c, draw } : c)), fitted: {} };
  }
}
