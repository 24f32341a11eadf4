import { checkMethods } from '../core/validate.js';
import type { ResampleResult, SamplerLike } from '../core/contracts.js';
import { InvalidParameterError, describe } from '../core/errors.js';
import { classCounts } from '../core/labels.js';
import { denseView, fromDense, isMatrixLike, type Label, type MatrixInput } from '../core/matrix.js';
import { Random } from '../core/Random.js';
import { heldRows } from './lazy/fitTimeStream.js';
import type { EpochClass, StreamContext, StreamPlan } from './lazy/streamPlan.js';
import { SeedPurpose, streamSeed } from './lazy/streamSeed.js';
import {
  type FittedSampler,
  Sampler,
  type SamplerContext,
  type SamplerOptions,
  type SamplerParams,
} from './Sampler.js';
import { SMOTE } from './SMOTE.js';
import { cloneSampler } from './cloneSampler.js';
import { lendDense } from './lentDense.js';

/** The options every over-sample-then-clean combination has (besides its cleaning step). */
export interface CombinedSamplerOptions extends SamplerOptions {
  /**
   * The over-sampling step: any over-sampler of this library. When given, `samplingStrategy` and
   * `seed` are set on it, not here.
   * @defaultValue `new SMOTE({ samplingStrategy, seed })`
   */
  smote?: Sampler;
}

/** The validated options every over-sample-then-clean combination has. */
export interface CombinedSamplerParams extends SamplerParams {
  /** The over-sampling step, if given (else a SMOTE with `samplingStrategy` and `seed`). */
  readonly smote: Sampler | undefined;
}

/** What an over-sample-then-clean combination adds to `fitted`. */
export interface CombinedSamplerFitted {
  /** Class counts after the over-sampling step, before cleaning (sorted by class). */
  readonly resampled: ReadonlyMap<Label, number>;
}

/**
 * The template of {@link SMOTEENN} and {@link SMOTETomek}: over-sample (the `smote` step, SMOTE by
 * default), then clean the result (the cleaning step).
 *
 * @remarks
 * The over-sampling runs inside the {@link Sampler} template (validation, strategy, the seeded
 * stream, the output buffer): its new rows become this sampler's new rows. The cleaning step then
 * runs on that output, and `fitResample` returns what it keeps — which is neither "the input
 * followed by new rows" nor "a subset of the input", the two forms the base assembles; hence the
 * override of `fitResample` and `fitted` (`counts` are the final counts; `samplingStrategy`,
 * `seed` and `realized` the over-sampling step's). `sampleIndices` maps each output row to its input row, `-1`
 * for a synthetic row, when the cleaning step returns indices.
 *
 * Subclass it for another combination: pass the cleaning option's name to the constructor and
 * implement {@link CombinedSampler.cleaner}.
 *
 * @typeParam P - The concrete params.
 */
export abstract class CombinedSampler<P extends CombinedSamplerParams> extends Sampler<P, CombinedSamplerFitted> {
  private record: (FittedSampler & CombinedSamplerFitted) | undefined;
  private stepRecord: FittedSampler | undefined;
  private inputRows = 0;
  /** The X of the running `fitResample`, which the over-sampling step's output must start with. */
  private input: MatrixInput | undefined;

  /**
   * @param name - The class name.
   * @param options - The user's options (`samplingStrategy`, `seed`, `smote`, and `cleanerName`).
   * @param cleanerName - The option naming the cleaning step (`'enn'`, `'tomek'`).
   * @throws {@link InvalidParameterError} for an unknown or invalid option, or `samplingStrategy` /
   * `seed` given with a custom `smote` (they configure the default SMOTE only).
   */
  protected constructor(name: string, options: CombinedSamplerOptions, cleanerName: string) {
    const o = (options ?? {}) as Record<string, unknown>;
    const smote = checkOverSampler(name, o.smote);
    const cleaner = checkMethods<SamplerLike>(name, cleanerName, o[cleanerName], ['fitResample'], 'a sampler');
    if (smote !== undefined) {
      for (const param of ['samplingStrategy', 'seed'] as const) {
        if (o[param] === undefined || (param === 'samplingStrategy' && o[param] === 'auto')) continue;
        throw new InvalidParameterError(
          param,
          `${name}: ${param} applies to the default SMOTE only, but smote is given. Set ${param} on your smote, ` +
            `or remove smote.`,
        );
      }
    }
    super({ name, type: 'over-sampling', options: ['smote', cleanerName] }, options, {
      smote,
      [cleanerName]: cleaner,
    } as unknown as Omit<P, keyof SamplerParams>);
  }

  /** An unfitted copy with the same options (objects in them are shared), for cross-validation. */
  clone(): this {
    return cloneSampler(this);
  }

  /** The cleaning step of a call: the option, or the default. */
  protected abstract cleaner(): SamplerLike;

  /** The over-sampling step of a call: the `smote` option, or a SMOTE with this sampler's strategy and `seed`. */
  private oversampler(seed: number | undefined): Sampler {
    if (this.params.smote) return this.params.smote;
    return new SMOTE(
      seed === undefined
        ? { samplingStrategy: this.params.samplingStrategy }
        : { samplingStrategy: this.params.samplingStrategy, seed },
    );
  }

  /**
   * The over-sampling step's plan: rows it will add per class, sorted by class.
   * @throws {@link DataValidationError} when `y` is invalid, has one class, or the strategy does not
   * fit it.
   */
  override plan(y: ReadonlyArray<Label>): Map<Label, number> {
    return this.oversampler(undefined).plan(y);
  }

  /**
   * What the last {@link CombinedSampler.fitResample} did: the over-sampling step's strategy, seed
   * and rows added, the counts after it (`resampled`) and after cleaning (`counts`).
   * @throws {@link NotFittedError} before the first `fitResample`.
   */
  override get fitted(): FittedSampler & CombinedSamplerFitted {
    return this.record ?? super.fitted;
  }

  /**
   * Over-samples, then cleans the result; the inputs are never modified.
   * @throws {@link DataValidationError} for invalid `X` or `y`, a single class, a strategy that does
   * not fit, or an error of either step.
   */
  override fitResample(X: MatrixInput, y: ReadonlyArray<Label>): ResampleResult {
    this.record = undefined;
    this.stepRecord = undefined;
    this.input = X;
    let mid: ResampleResult;
    try {
      mid = super.fitResample(X, y);
    } finally {
      this.input = undefined;
    }
    const cleaner = this.cleaner();
    // The over-sampled rows are this call's own: a library sampler reads them in place, uncopied (and
    // a cleaning sampler returns the rows it keeps moved within them).
    const midX = cleaner instanceof Sampler ? lendDense({ ...denseView(mid.X), consume: true }, mid.X) : mid.X;
    const out = cleaner.fitResample(midX, mid.y);
    const base = super.fitted;
    const step = this.stepRecord as FittedSampler | undefined;
    this.record = Object.freeze({
      ...base,
      samplingStrategy: step?.samplingStrategy ?? base.samplingStrategy,
      seed: step?.seed ?? base.seed,
      realized: step?.realized ?? base.realized,
      counts: classCounts(out.y),
    });
    const result: ResampleResult = { X: out.X, y: out.y };
    if (out.sampleIndices) {
      const inputRows = this.inputRows;
      result.sampleIndices = Int32Array.from(out.sampleIndices, (i) => (i < inputRows ? i : -1));
    }
    return result;
  }

  /**
   * The lazy form: the combination runs once, eagerly, on the selected rows (the cleaning step
   * needs the over-sampled data whole for its neighbour search), as `fitResample` runs it. Its kept
   * original rows stream as indices into X; its kept synthetic rows — the only rows that exist
   * nowhere else — are held as float32 and served in a fresh random order each epoch (a random
   * subset when the epoch takes fewer). The dense copies of the fit are released before the first
   * batch; `fitted` is what `fitResample` records.
   */
  protected override streamPlan(ctx: StreamContext): StreamPlan<CombinedSamplerFitted> {
    const { who, selection, cols, seed } = ctx;
    const n = selection.length;
    ctx.progress('resample', 0, 1, 'runs');
    const out = this.fitResample(fromDense(ctx.dense(selection), n, cols), ctx.y);
    ctx.progress('resample', 1, 1, 'runs');
    const kept = new Map<Label, number[]>();
    const made = new Map<Label, number[]>();
    for (const c of ctx.counts.keys()) {
      kept.set(c, []);
      made.set(c, []);
    }
    const { data } = denseView(out.X);
    out.y.forEach((label, p) => {
      const i = out.sampleIndices?.[p] ?? -1;
      if (i >= 0) (kept.get(label) as number[]).push(selection[i] as number);
      else (made.get(label) as number[]).push(p);
    });
    const labels = [...ctx.counts.keys()];
    const keptRows = labels.map((c) => Int32Array.from(kept.get(c) as number[]));
    const held = labels.map((c) => {
      const synthetic = made.get(c) as number[];
      const rows = new Float32Array(synthetic.length * cols);
      synthetic.forEach((p, t) => rows.set(data.subarray(p * cols, (p + 1) * cols), t * cols));
      return rows;
    });
    // The class entries keep every selected row of the class (so an epoch has the documented
    // min(selected rows, resampled total) rows); each epoch draws its originals from the kept rows and
    // its synthetic rows from the held ones, in that epoch's own random order.
    const classes = ctx.classes().map((c, k) => ({
      ...c,
      originals: (keptRows[k] as Int32Array).length,
      synthetic: (held[k] as Float32Array).length / cols,
    }));
    const epoch = (e: number): ReadonlyArray<EpochClass> =>
      labels.map((c, k) => ({
        rows: keptRows[k] as Int32Array,
        draw: 'cycle' as const,
        generator: heldRows(
          who,
          c,
          held[k] as Float32Array,
          0,
          (held[k] as Float32Array).length / cols,
          cols,
          new Random(streamSeed(seed, SeedPurpose.hook, e, 1 + k)),
        ),
      }));
    const { samplingStrategy: _s, seed: _seed, realized: _r, counts: _c, nFeaturesIn: _n, ...extra } = this.fitted;
    return { classes, fitted: extra, epoch };
  }

  protected resample(ctx: SamplerContext): CombinedSamplerFitted {
    const { who, rows, cols } = ctx;
    const step = this.oversampler(ctx.rng.seed);
    // The step works in this call's copy of X and writes its new rows in the room after it, where
    // ctx.allocate below puts them: one output buffer for both, and no second copy of X.
    const lent = lendDense({ data: ctx.data, rows, cols, room: roomOf(ctx.data) });
    const mid = step.fitResample(lent, ctx.y);
    this.stepRecord = step.fitted;
    this.inputRows = rows;
    const { data } = denseView(mid.X);
    const total = mid.y.length;
    let prefix = total >= rows && mid.X.columns === cols;
    for (let i = 0; prefix && i < rows; i++) prefix = mid.y[i] === ctx.y[i];
    // against the caller's X: the step's originals may be the very memory of ctx.data
    if (prefix && this.input !== undefined) prefix = startsWith(data, this.input, rows, cols);
    if (!prefix) {
      throw new InvalidParameterError(
        'smote',
        `${who}: the over-sampling step (${describe(step)}) did not return the input rows first, untouched: ` +
          'smote must be an over-sampler (new rows after the originals).',
      );
    }
    const added = new Map<Label, number>();
    for (let p = rows; p < total; p++) added.set(mid.y[p] as Label, (added.get(mid.y[p] as Label) ?? 0) + 1);
    const out = ctx.allocate(added);
    const at = new Map<Label, number>();
    for (let p = rows; p < total; p++) {
      const label = mid.y[p] as Label;
      const t = at.get(label) ?? 0;
      const block = out.rows(label);
      // already in place when the step allocated in the room of ctx.data
      if (block.buffer !== data.buffer || block.byteOffset + t * cols * 8 !== data.byteOffset + p * cols * 8)
        block.set(data.subarray(p * cols, (p + 1) * cols), t * cols);
      at.set(label, t + 1);
    }
    const resampled = new Map(ctx.counts);
    for (const [label, n] of added) resampled.set(label, (resampled.get(label) as number) + n);
    return { resampled };
  }
}

/**
 * The whole allocation `data` is the prefix of (the template's copy of X with room for the new rows),
 * or undefined when it has no room after `data`.
 */
function roomOf(data: Float64Array): Float64Array | undefined {
  const length = (data.buffer.byteLength - data.byteOffset) / 8;
  return length > data.length ? new Float64Array(data.buffer, data.byteOffset, length) : undefined;
}

/** Whether the first `rows` rows of `data` (`cols` wide) are exactly the rows of `X`. */
function startsWith(data: Float64Array, X: MatrixInput, rows: number, cols: number): boolean {
  const raw = isMatrixLike(X) ? (X as unknown as { data?: unknown }).data : X;
  const row = Array.isArray(raw)
    ? (i: number) => raw[i] as ArrayLike<number>
    : (i: number) => (X as { getRow(i: number): number[] }).getRow(i);
  for (let i = 0; i < rows; i++) {
    const r = row(i);
    for (let j = 0; j < cols; j++) if (!Object.is(data[i * cols + j], r[j])) return false;
  }
  return true;
}

/** Validates a custom over-sampling step: a library sampler that adds rows. */
function checkOverSampler(who: string, value: unknown): Sampler | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Sampler && value.samplingType === 'over-sampling') return value;
  throw new InvalidParameterError(
    'smote',
    `${who}: smote must be an over-sampler of this library (SMOTE, BorderlineSMOTE, ADASYN… or your own ` +
      `Sampler subclass of type 'over-sampling'), received ${describe(value)}.`,
  );
}
