import type { Matrix } from 'ml-matrix';
import type { ResampleResult } from '../core/contracts.js';
import { DataValidationError, describe } from '../core/errors.js';
import { checkLabels, classCounts } from '../core/labels.js';
import { fromDense, toDense, type Label, type MatrixInput } from '../core/matrix.js';
import { checkBoolean, checkFunction, checkOptions, invalid, isPlainObject } from '../core/validate.js';
import type { Envelope } from '../core/serialization.js';
import { type FittedSampler, Sampler, type SamplerContext, type SamplerParams } from './Sampler.js';
import { samplerToJSON } from './samplerJSON.js';

/** What a {@link FunctionSampler}'s function returns: the resampled rows and labels. */
export interface FunctionSamplerOutput {
  /** The rows. */
  X: MatrixInput;
  /** One label per row. */
  y: ReadonlyArray<Label>;
  /** Optionally, the input row of each output row (`-1` for a new row). */
  sampleIndices?: Int32Array;
}

/**
 * The resampling function: receives the rows (a fresh, validated `Matrix` with `validate: true`,
 * else `X` as given), the labels, and `kwArgs`.
 */
export type ResampleFunction = (
  X: Matrix | MatrixInput,
  y: ReadonlyArray<Label>,
  kwArgs: Readonly<Record<string, unknown>>,
) => FunctionSamplerOutput;

/** Options of {@link FunctionSampler}. */
export interface FunctionSamplerOptions {
  /**
   * The resampling function.
   * @defaultValue the identity (rows and labels returned as they are)
   */
  func?: ResampleFunction;
  /**
   * Validate `X` and `y` before calling `func` (finite numeric rows, one label per row, at least
   * two classes), and give `func` a validated copy as a `Matrix`.
   * @defaultValue true
   */
  validate?: boolean;
  /**
   * Extra arguments, passed to `func` as its third argument.
   * @defaultValue `{}`
   */
  kwArgs?: Record<string, unknown>;
}

/** The validated options of {@link FunctionSampler}. */
export interface FunctionSamplerParams extends SamplerParams {
  /** The function, if given. */
  readonly func: ResampleFunction | undefined;
  /** Whether inputs are validated. */
  readonly validate: boolean;
  /** Extra arguments, if given. */
  readonly kwArgs: Readonly<Record<string, unknown>> | undefined;
}

const WHO = 'FunctionSampler';
const OPTIONS = ['func', 'validate', 'kwArgs'];

/**
 * FunctionSampler: a sampler made of a function `(X, y, kwArgs) → { X, y }` — to put your own
 * resampling (or any row filter) in a {@link Pipeline}, where it runs only while fitting.
 *
 * @remarks
 * With `validate: true` (the default) `X` and `y` are checked as by every sampler (a single class,
 * NaN, ragged rows and a length mismatch are refused) and `func` gets a fresh copy of the rows as a
 * `Matrix`; with `validate: false` it gets `X` and `y` as passed (only `y` is checked for two
 * classes, as imbalanced-learn does). Either way its output must be rows and as many labels; the
 * rows are returned as a `Matrix`. There is no `samplingStrategy` and no `seed`: the function
 * decides (`fitted.samplingStrategy` and `fitted.realized` are empty, `fitted.counts` are the
 * output's). A FunctionSampler with a `func` or `kwArgs` cannot be written to JSON (imbalanced-learn
 * pickles the function; JSON cannot hold it). imbalanced-learn's `accept_sparse` does not apply
 * (rows are dense).
 *
 * @throws {@link InvalidParameterError} for an unknown option, a `func` that is not a function, a
 * non-boolean `validate` or a `kwArgs` that is not a plain object.
 * @throws {@link DataValidationError} (from `fitResample`) for invalid input (with `validate`), or
 * when `func` returns something other than `{ X, y }` of matching lengths.
 *
 * @example
 * ```ts
 * // keep every row whose first value is below a limit
 * const below = new FunctionSampler({
 *   func: (X, y, { limit }) => {
 *     const rows = (X as Matrix).to2DArray();
 *     const keep = rows.map((r) => r[0]! < (limit as number));
 *     return { X: rows.filter((_, i) => keep[i]), y: y.filter((_, i) => keep[i]) };
 *   },
 *   kwArgs: { limit: 3 },
 * });
 * below.fitResample([[1], [5], [2], [4]], ['a', 'b', 'a', 'b']); // { X: [[1], [2]], y: ['a', 'a'] }
 * ```
 * @see imbalanced-learn's `imblearn.FunctionSampler`.
 */
export class FunctionSampler extends Sampler<FunctionSamplerParams> {
  private record: FittedSampler | undefined;
  /** The validated copy of the input, handed from the template's hook to `fitResample`. */
  private validated: { X: Matrix; y: Label[] } | undefined;

  /**
   * @param options - `func`, `validate`, `kwArgs`.
   * @throws {@link InvalidParameterError} for an invalid or unknown option.
   */
  constructor(options: FunctionSamplerOptions = {}) {
    const o = checkOptions(WHO, options, OPTIONS);
    if (o.kwArgs !== undefined && !isPlainObject(o.kwArgs)) invalid(WHO, 'kwArgs', 'a plain object', o.kwArgs);
    super(
      { name: WHO, type: 'under-sampling', options: OPTIONS, sampleIndices: false },
      {},
      {
        func: checkFunction<ResampleFunction>(WHO, 'func', o.func),
        validate: checkBoolean(WHO, 'validate', o.validate, true),
        kwArgs: o.kwArgs === undefined ? undefined : Object.freeze({ ...o.kwArgs }),
      },
    );
  }

  /**
   * Rebuilds a FunctionSampler (without a function) from {@link Sampler.toJSON} output.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): FunctionSampler {
    return Sampler.loadJSON(json, 'FunctionSampler', FunctionSampler);
  }

  /**
   * The JSON form of the options: `validate` (the params JSON cannot hold — a `func`, `kwArgs` —
   * make it throw).
   * @throws {@link SerializationError} when `func` or `kwArgs` is set.
   */
  override toJSON(): Envelope {
    const { func, validate, kwArgs } = this.params;
    return samplerToJSON(WHO, { func, validate, kwArgs });
  }

  /** An unfitted copy with the same function and options, for cross-validation. */
  clone(): FunctionSampler {
    const { func, validate, kwArgs } = this.params;
    return new FunctionSampler({ ...(func ? { func } : {}), validate, ...(kwArgs ? { kwArgs } : {}) });
  }

  /**
   * The counts of the last output (`samplingStrategy` and `realized` are empty: the function decides).
   * @throws {@link NotFittedError} before the first `fitResample`.
   */
  override get fitted(): FittedSampler {
    return this.record ?? super.fitted;
  }

  /**
   * Calls the function on `(X, y)` (validated first with `validate: true`).
   * @throws {@link DataValidationError} for invalid input or output (see the class remarks).
   */
  override fitResample(X: MatrixInput, y: ReadonlyArray<Label>): ResampleResult {
    const who = `${WHO}.fitResample`;
    this.record = undefined;
    const { func, validate } = this.params;
    let input: { X: Matrix | MatrixInput; y: ReadonlyArray<Label> } = { X, y };
    if (validate) {
      super.fitResample(X, y);
      input = this.validated as { X: Matrix; y: Label[] };
      this.validated = undefined;
    } else this.plan(y);
    const out = func ? func(input.X, input.y, this.params.kwArgs ?? {}) : input;
    if (out === null || typeof out !== 'object' || !('X' in out) || !Array.isArray(out.y)) {
      throw new DataValidationError(`${who}: func returned ${describe(out)}, expected { X, y }.`, { param: 'func' });
    }
    // The identity's output is the template's validated copy, which no other code has seen: returned
    // as it is (a second copy cost a third of the call); a function's output is copied.
    const own = func === undefined && validate;
    const dense = own ? null : toDense(out.X, { who });
    const Xout = dense ? fromDense(dense.data, dense.rows, dense.cols) : (out.X as Matrix);
    const labels = checkLabels(out.y, who, 'y', Xout.rows);
    const result: ResampleResult = { X: Xout, y: labels };
    const idx = (out as FunctionSamplerOutput).sampleIndices;
    if (idx instanceof Int32Array && idx.length === labels.length) result.sampleIndices = idx.slice();
    const seed = validate ? super.fitted.seed : 0;
    this.record = Object.freeze({
      samplingStrategy: new Map(),
      seed,
      realized: new Map(),
      counts: classCounts(labels),
      nFeaturesIn: Xout.columns,
    });
    return result;
  }

  protected resample(ctx: SamplerContext): object {
    // The template validated X and y: hand its copy (in input order) to fitResample, keep nothing.
    this.validated = { X: fromDense(ctx.data, ctx.rows, ctx.cols), y: [...ctx.y] };
    for (const label of ctx.counts.keys()) ctx.keep(label, new Int32Array(0));
    return {};
  }
}
