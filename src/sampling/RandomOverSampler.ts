import { DataValidationError, describe } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import { checkNumber, invalid } from '../core/validate.js';
import { allRows } from './gatherRows.js';
import { bootstrapGenerator } from './lazy/bootstrapGenerator.js';
import type { StreamContext, StreamPlan } from './lazy/streamPlan.js';
import { populationStd } from './populationStd.js';
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

/**
 * The noise scale of column `j`, `factor × h × std`; refused where it is not finite (a `shrinkage`
 * or a spread too large for doubles), since every noisy row would then be infinite.
 */
function noiseScale(who: string, c: Label, factorH: number, std: number, j: number): number {
  const scale = factorH * std;
  if (Number.isFinite(scale)) return scale;
  throw new DataValidationError(
    `${who}: the smoothed bootstrap's noise for class ${describe(c)} in column ${j} is ${factorH} × ${std}, ` +
      'beyond the range of doubles. Lower shrinkage or rescale X (e.g. with a Scaler).',
    { column: j, param: 'shrinkage' },
  );
}

/**
 * The error for a noisy row beyond the range of doubles (its source row near ±1.8e308), or of the
 * lazy form's float32 batches (near ±3.4e38).
 */
function overflow(who: string, c: Label, row: number, j: number, range = 'doubles'): DataValidationError {
  return new DataValidationError(
    `${who}: the smoothed bootstrap of row ${row} (class ${describe(c)}) overflows in column ${j}: its value ` +
      `plus the noise is beyond the range of ${range}. Rescale X (e.g. with a Scaler) or lower shrinkage.`,
    { row, column: j, param: 'shrinkage' },
  );
}

/**
 * The shrinkage factor of class `c` (undefined: a plain bootstrap). @internal
 */
export function shrinkageOf(shrink: RandomOverSamplerParams['shrinkage'], c: Label): number | undefined {
  return shrink instanceof Map ? (shrink.get(c) as number) : (shrink as number | undefined);
}

/**
 * The smoothed bootstrap's bandwidth factor `h = (4 / ((p + 2) · N))^(1 / (p + 4))` for `N` rows of
 * `p` features (imbalanced-learn's formula). @internal
 */
export function bandwidth(rows: number, cols: number): number {
  return (4 / ((cols + 2) * rows)) ** (1 / (cols + 4));
}

/**
 * Throws when a `shrinkage` Map lacks a class the plan resamples. @internal
 * @throws {@link DataValidationError} naming the missing classes.
 */
export function checkShrinkageClasses(
  who: string,
  shrink: RandomOverSamplerParams['shrinkage'],
  plan: ReadonlyMap<Label, number>,
): void {
  if (!(shrink instanceof Map)) return;
  const missing = [...plan].filter(([c, G]) => G > 0 && !shrink.has(c)).map(([c]) => c);
  if (missing.length > 0) {
    throw new DataValidationError(
      `${who}: shrinkage should contain a shrinkage factor for each class that will be resampled. The ` +
        `missing classes are: ${missing.map((c) => describe(c)).join(', ')}. Add them to the shrinkage Map.`,
      { param: 'shrinkage' },
    );
  }
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
    return Sampler.loadJSON(json, 'RandomOverSampler', RandomOverSampler);
  }

  protected resample(ctx: SamplerContext): object {
    const { who, data, rows, cols, rng } = ctx;
    const shrink = this.params.shrinkage;
    checkShrinkageClasses(who, shrink, ctx.plan);
    const h = bandwidth(rows, cols);
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
      const factor = shrinkageOf(shrink, label);
      if (factor === undefined || factor === 0) continue; // 0 = plain bootstrap, no normal draws
      for (let j = 0; j < cols; j++)
        scale[j] = noiseScale(who, label, factor * h, populationStd(data, cols, idx, j), j);
      for (let i = 0; i < G; i++) {
        const o = i * cols;
        for (let j = 0; j < cols; j++) {
          const v = (block[o + j] as number) + rng.normal() * (scale[j] as number);
          if (!Number.isFinite(v)) throw overflow(who, label, src[i] as number, j);
          block[o + j] = v;
        }
      }
    }
    return {};
  }

  /**
   * The lazy form — a fresh random draw per epoch is the natural streaming form of a bootstrap:
   * each batch draws its new rows' sources (and, with `shrinkage`, their noise) as `fitResample`
   * does, and gathers the sources from X. With `shrinkage`, each resampled class is densified once,
   * one at a time, for its standard deviations (`h` uses the number of selected rows).
   */
  protected override streamPlan(ctx: StreamContext): StreamPlan {
    const { cols } = ctx;
    const shrink = this.params.shrinkage;
    checkShrinkageClasses(ctx.who, shrink, ctx.plan);
    const h = bandwidth(ctx.selection.length, cols);
    const classes = ctx.classes().map((c) => {
      if (c.synthetic <= 0) return c;
      const factor = shrinkageOf(shrink, c.label);
      let scale: Float64Array | undefined;
      if (factor !== undefined && factor !== 0) {
        const block = ctx.denseBlock(c.rows);
        const idx = allRows(c.rows.length);
        scale = new Float64Array(cols);
        for (let j = 0; j < cols; j++) {
          scale[j] = noiseScale(ctx.who, c.label, factor * h, populationStd(block, cols, idx, j), j);
        }
      }
      const tooLarge = (row: number, j: number) => overflow(ctx.who, c.label, row, j, 'float32 (±3.4e38)');
      return { ...c, generator: bootstrapGenerator(c.rows, cols, scale, tooLarge) };
    });
    return { classes, fitted: {} };
  }
}
