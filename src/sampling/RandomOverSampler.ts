import { DataValidationError, describe } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import { checkNumber, invalid } from '../core/validate.js';
import { Sampler, type SamplerContext, type SamplerOptions, type SamplerParams } from './Sampler.js';

/** Options of {@link RandomOverSampler}. */
export interface RandomOverSamplerOptions extends SamplerOptions {
  /**
   * Smoothed bootstrap: a factor ≥ 0 for every class, or a Map with one factor per resampled
   * class. `undefined` gives a plain bootstrap (copies); `0` is exactly the plain bootstrap (same draws).
   * @defaultValue undefined
   */
  shrinkage?: number | ReadonlyMap<Label, number>;
}

/** The validated options of {@link RandomOverSampler}. */
export interface RandomOverSamplerParams extends SamplerParams {
  /** Shrinkage factor(s), if any. */
  readonly shrinkage: number | ReadonlyMap<Label, number> | undefined;
}

/** One shrinkage factor: a finite number ≥ 0 (of class `c` of a Map). */
function checkFactor(value: unknown, c?: Label): number {
  const of = c === undefined ? '' : ` for class ${describe(c)}`;
  const fix = `The shrinkage factor needs to be >= 0${of}; 0 is the plain bootstrap.`;
  return checkNumber('RandomOverSampler', 'shrinkage', value, { ge: 0 }, undefined, fix);
}

function checkShrinkage(value: unknown): number | ReadonlyMap<Label, number> | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return checkFactor(value);
  if (value instanceof Map) {
    const copy = new Map<Label, number>();
    for (const [c, v] of value as Map<Label, unknown>) copy.set(c, checkFactor(v, c));
    return copy;
  }
  return invalid('RandomOverSampler', 'shrinkage', 'a number ≥ 0 or a Map of class → number', value);
}

/**
 * Random over-sampling: repeats randomly chosen rows of each targeted class (a bootstrap), or with
 * `shrinkage` perturbs them with Gaussian noise (a smoothed bootstrap, also known as ROSE).
 *
 * @remarks
 * For each targeted class c (sorted order) that needs `G` rows: `G` row indices of c drawn
 * uniformly with replacement from the one seeded stream; with `shrinkage` s, then `G × p`
 * standard normal draws (row-major) and `x_new = x_src + z · (s · h · σ_c)` per feature, where
 * `h = (4 / ((p + 2) · N))^(1 / (p + 4))`, `p` = number of features, **`N` = number of rows of X
 * (all classes)** and `σ_c` = population standard deviation of the feature within c — imbalanced-
 * learn's formula. `sampleIndices` gives, for every output row, the input row it copies (or was
 * perturbed from). Unlike imbalanced-learn, X must be numeric and finite.
 *
 * @throws {@link InvalidParameterError} for a negative or non-numeric `shrinkage`.
 * @throws {@link DataValidationError} (from `fitResample`) when a `shrinkage` Map lacks a resampled class.
 *
 * @example
 * ```ts
 * const { X: Xr, y: yr, sampleIndices } = new RandomOverSampler({ seed: 0 }).fitResample(X, y);
 * new RandomOverSampler({ shrinkage: 0.5, seed: 0 }).fitResample(X, y); // smoothed bootstrap
 * ```
 * @see Menardi, Torelli (2014). Training and assessing classification rules with imbalanced data.
 * Data Mining and Knowledge Discovery 28:92–122 (ROSE).
 * @see imbalanced-learn's `imblearn.over_sampling.RandomOverSampler`.
 */
export class RandomOverSampler extends Sampler<RandomOverSamplerParams> {
  /**
   * @param options - `samplingStrategy`, `seed`, `shrinkage`.
   * @throws {@link InvalidParameterError} for an invalid option.
   */
  constructor(options: RandomOverSamplerOptions = {}) {
    super({ name: 'RandomOverSampler', type: 'over-sampling', sampleIndices: true, options: ['shrinkage'] }, options, {
      shrinkage: checkShrinkage(options?.shrinkage),
    });
  }

  /**
   * Rebuilds a RandomOverSampler from {@link Sampler.toJSON} output.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): RandomOverSampler {
    return new RandomOverSampler(Sampler.optionsFromJSON(json, 'RandomOverSampler'));
  }

  protected resample(ctx: SamplerContext): object {
    const { who, data, rows, cols, rng } = ctx;
    const shrink = this.params.shrinkage;
    if (shrink instanceof Map) {
      const missing = [...ctx.plan].filter(([c, G]) => G > 0 && !shrink.has(c)).map(([c]) => c);
      if (missing.length > 0) {
        throw new DataValidationError(
          `${who}: shrinkage should contain a shrinkage factor for each class that will be resampled. The ` +
            `missing classes are: ${missing.map((c) => describe(c)).join(', ')}. Add them to the shrinkage Map.`,
          { param: 'shrinkage' },
        );
      }
    }
    const h = (4 / ((cols + 2) * rows)) ** (1 / (cols + 4));
    const out = ctx.allocate();
    const scale = new Float64Array(cols);
    for (const [label, G] of ctx.plan) {
      if (G <= 0) continue;
      const idx = ctx.indicesOf(label);
      const nc = idx.length;
      const block = out.rows(label);
      const src = out.sources(label);
      for (let i = 0; i < G; i++) {
        const s = idx[rng.int(nc)] as number;
        src[i] = s;
        block.set(data.subarray(s * cols, (s + 1) * cols), i * cols);
      }
      const factor: number | undefined =
        shrink instanceof Map ? (shrink.get(label) as number) : (shrink as number | undefined);
      if (factor === undefined || factor === 0) continue; // 0 = plain bootstrap, no normal draws
      for (let j = 0; j < cols; j++) {
        let mean = 0;
        for (let t = 0; t < nc; t++) mean += data[(idx[t] as number) * cols + j] as number;
        mean /= nc;
        let v = 0;
        for (let t = 0; t < nc; t++) {
          const d = (data[(idx[t] as number) * cols + j] as number) - mean;
          v += d * d;
        }
        scale[j] = factor * h * Math.sqrt(v / nc);
      }
      for (let i = 0; i < G; i++) {
        const o = i * cols;
        for (let j = 0; j < cols; j++) block[o + j] = (block[o + j] as number) + rng.normal() * (scale[j] as number);
      }
    }
    return {};
  }
}
