import type { Matrix } from 'ml-matrix';
import { NotFittedError } from '../core/errors.js';
import type { Serializable, Transformer } from '../core/contracts.js';
import { fromDense, toDense, type MatrixInput } from '../core/matrix.js';
import type { Envelope } from '../core/serialization.js';
import { invalidParams, openJSON } from './openJSON.js';
import {
  SCALER_CLASS,
  SCALER_VERSION,
  scalerOptionsFromJSON,
  scalerStateFromJSON,
  scalerToJSON,
} from './scalerJson.js';
import { resolveScalerParams, type ScalerOptions, type ScalerParams } from './scalerOptions.js';
import { learnScalerState, scaledIndices, type ScalerState } from './scalerState.js';

const WHO = 'Scaler';

/**
 * Scales the columns of a numeric matrix by the standard, min-max or robust rule, with
 * scikit-learn's exact statistics.
 *
 * @remarks
 * - `'standard'` uses the **population** standard deviation (divides by n, like scikit-learn,
 *   not n − 1), computed by scikit-learn's corrected two-pass formula. A column counts as constant
 *   when `var ≤ n·ε·var + (n·mean·ε)²` (ε = 2⁻⁵², scikit-learn's rule); its scale is then exactly 1.
 * - `'minmax'` and `'robust'` use scale 1 whenever the range (IQR) is below `10·ε`.
 * - NaN is ignored when fitting (each column's statistics use its non-NaN values) and stays NaN
 *   in `transform` and `inverseTransform`. ±Infinity is rejected with a {@link DataValidationError}.
 * - Percentiles follow NumPy's default linear interpolation, so `'robust'` matches
 *   `RobustScaler` to the last bits.
 * - {@link Scaler.fitted} is one state type per method ({@link ScalerState}), told apart by its
 *   `method` field.
 * - Outputs are fresh ml-matrix `Matrix` objects; inputs are never modified.
 *
 * @example
 * ```ts
 * import { Scaler } from 'imbalanced-tabular';
 * const s = new Scaler({ method: 'standard', columns: [2, 3] });
 * const Xs = s.fitTransform([[1, 0, 10, 5], [0, 1, 20, 7], [1, 0, 30, 9]]);
 * Xs.get(0, 2);                 // -1.224744871391589
 * s.inverseTransform(Xs).get(0, 2); // 10
 * ```
 *
 * @see scikit-learn `StandardScaler`, `MinMaxScaler`, `RobustScaler`
 *   (https://scikit-learn.org/stable/modules/preprocessing.html#standardization-or-mean-removal-and-variance-scaling)
 */
export class Scaler implements Transformer<MatrixInput>, Serializable {
  /** The resolved, frozen options. */
  readonly params: ScalerParams;
  private state: ScalerState | undefined;

  /**
   * @param options - See {@link ScalerOptions}.
   * @throws {@link InvalidParameterError} for an unknown option (the closest known name is
   *   suggested), an unknown method, a malformed range, an option that does not apply to the
   *   chosen method, or bad column indices.
   */
  constructor(options: ScalerOptions = {}) {
    this.params = resolveScalerParams(options);
  }

  /**
   * What was learned in `fit`.
   * @throws {@link NotFittedError} before `fit`.
   */
  get fitted(): ScalerState {
    if (this.state === undefined) throw new NotFittedError(WHO, 'fitted');
    return this.state;
  }

  /**
   * Learns per-column statistics from `X` (NaN values are skipped).
   * @param X - The training matrix (`number[][]`, typed-array rows or ml-matrix `Matrix`).
   * @returns this
   * @throws {@link DataValidationError} for an empty or ragged matrix, non-numbers, ±Infinity, or
   *   a `columns` index beyond the matrix width.
   */
  fit(X: MatrixInput): this {
    const { data, cols } = toDense(X, { who: `${WHO}.fit`, allowNaN: true });
    this.state = learnScalerState(this.params, data, cols);
    return this;
  }

  /**
   * Scales `X` with the statistics learned in `fit`.
   * @param X - A matrix with as many columns as the training matrix.
   * @returns A fresh `Matrix`.
   * @throws {@link NotFittedError} before `fit`; {@link DataValidationError} for a wrong column
   *   count, ragged rows, non-numbers or ±Infinity.
   */
  transform(X: MatrixInput): Matrix {
    const st = this.fitted;
    const { data, rows, cols } = toDense(X, { who: `${WHO}.transform`, allowNaN: true, cols: st.nFeaturesIn });
    scaleInPlace(this.params, st, data, cols);
    return fromDense(data, rows, cols);
  }

  /**
   * `fit(X)` then `transform(X)`, copying `X` only once.
   * @param X - The training matrix.
   * @returns The scaled training matrix.
   * @throws {@link DataValidationError} as {@link Scaler.fit}.
   */
  fitTransform(X: MatrixInput): Matrix {
    const { data, rows, cols } = toDense(X, { who: `${WHO}.fitTransform`, allowNaN: true });
    const st = learnScalerState(this.params, data, cols);
    this.state = st;
    scaleInPlace(this.params, st, data, cols);
    return fromDense(data, rows, cols);
  }

  /**
   * Undoes `transform`: maps scaled values back to the original units (NaN stays NaN).
   * @param X - A scaled matrix with as many columns as the training matrix.
   * @returns A fresh `Matrix` in the original units. With `clip`, clipped values cannot be undone.
   * @throws {@link NotFittedError} before `fit`; {@link DataValidationError} for bad input.
   */
  inverseTransform(X: MatrixInput): Matrix {
    const st = this.fitted;
    const { data, rows, cols } = toDense(X, { who: `${WHO}.inverseTransform`, allowNaN: true, cols: st.nFeaturesIn });
    unscaleInPlace(st, data, cols);
    return fromDense(data, rows, cols);
  }

  /**
   * The JSON form `{ format: 'imbalanced-tabular/Scaler', version, params, state }` (`state` is
   * `null` before fit). Numbers round-trip bit for bit.
   * @returns The envelope.
   */
  toJSON(): Envelope {
    return scalerToJSON(this.params, this.state);
  }

  /**
   * Rebuilds a Scaler (fitted or not) from {@link Scaler.toJSON} output or its JSON text.
   * @param json - The envelope or its JSON text.
   * @returns A Scaler that transforms exactly like the saved one.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): Scaler {
    const { params, state } = openJSON(json, SCALER_CLASS, SCALER_VERSION);
    let s: Scaler;
    try {
      s = new Scaler(scalerOptionsFromJSON(params));
    } catch (e) {
      throw invalidParams(SCALER_CLASS, e);
    }
    if (state !== null) s.state = scalerStateFromJSON(state, s.params.method);
    return s;
  }
}

/** `transform`'s formula, in place on a row-major buffer: one sequential pass. */
function scaleInPlace(p: ScalerParams, st: ScalerState, data: Float64Array, cols: number): void {
  const idx = scaledIndices(st.scaled);
  const { center, scale } = st;
  if (st.method === 'minmax') {
    const clip = p.clip;
    const [lo, hi] = p.featureRange;
    for (let off = 0; off < data.length; off += cols) {
      for (let t = 0; t < idx.length; t++) {
        const j = idx[t] as number;
        let x = (data[off + j] as number) * (scale[j] as number) + (center[j] as number);
        if (clip) x = x < lo ? lo : x > hi ? hi : x;
        data[off + j] = x;
      }
    }
    return;
  }
  for (let off = 0; off < data.length; off += cols) {
    for (let t = 0; t < idx.length; t++) {
      const j = idx[t] as number;
      data[off + j] = ((data[off + j] as number) - (center[j] as number)) / (scale[j] as number);
    }
  }
}

/** `inverseTransform`'s formula, in place on a row-major buffer. */
function unscaleInPlace(st: ScalerState, data: Float64Array, cols: number): void {
  const idx = scaledIndices(st.scaled);
  const { center, scale } = st;
  const minmax = st.method === 'minmax';
  for (let off = 0; off < data.length; off += cols) {
    for (let t = 0; t < idx.length; t++) {
      const j = idx[t] as number;
      const i = off + j;
      data[i] = minmax
        ? ((data[i] as number) - (center[j] as number)) / (scale[j] as number)
        : (data[i] as number) * (scale[j] as number) + (center[j] as number);
    }
  }
}
