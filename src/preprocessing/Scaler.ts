import type { Matrix } from 'ml-matrix';
import type { Serializable, Transformer } from '../core/contracts.js';
import { NotFittedError } from '../core/errors.js';
import { checkFaithful } from '../core/jsonFields.js';
import { Float32Matrix } from '../core/Float32Matrix.js';
import { fromDense, isMatrixLike, toDense, toDense32, type MatrixInput } from '../core/matrix.js';
import { isRowSource, type RowSource } from '../core/rowSource.js';
import type { Envelope } from '../core/serialization.js';
import { blocksOf } from '../core/stats/rowBlocks.js';
import { type ColumnStats, denseStats, encodedStats, rowSourceBlocks, rowSourceStats } from './columnStats.js';
import { EncodedMatrix } from './EncodedMatrix.js';
import { checkInPlace, gatherAll, matrixRows } from './matrixInPlace.js';
import { invalidParams, openJSON } from './openJSON.js';
import { ScaledRowSource } from './ScaledRowSource.js';
import { formulaOf, scaledColumnMap, scaleInPlace, unscaleInPlace } from './scalerFormula.js';
import {
  SCALER_CLASS,
  SCALER_VERSION,
  scalerOptionsFromJSON,
  scalerStateFromJSON,
  scalerToJSON,
} from './scalerJson.js';
import { resolveScalerParams, type ScalerDtype, type ScalerOptions, type ScalerParams } from './scalerOptions.js';
import { learnScalerState, type ScalerState } from './scalerState.js';

/** The dense output of a Scaler with dtype `D`: an ml-matrix `Matrix`, or a {@link Float32Matrix}. */
export type ScalerDense<D extends ScalerDtype> = D extends 'float32' ? Float32Matrix : Matrix;

/**
 * The output of a Scaler with dtype `D` for a row-source input of type `R`: the lazy view `R`, or
 * with `'float32'` a dense {@link Float32Matrix}.
 */
export type ScalerLazy<D extends ScalerDtype, R> = D extends 'float32' ? Float32Matrix : R;

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
 * - Outputs are fresh ml-matrix `Matrix` objects; inputs are never modified — unless
 *   `copy: false` asks for the result to overwrite an ml-matrix `Matrix` (or, with `dtype:
 *   'float32'`, a {@link Float32Matrix}) input, which is then returned.
 * - **Large data**: a {@link RowSource} input (an Encoder's compact {@link EncodedMatrix}, a
 *   {@link Float32Matrix}, any source) is fitted without being densified — an EncodedMatrix
 *   exactly from its category counts (a one-hot column with count `c` of `n` rows has mean `c/n`
 *   and variance `p(1 − p)`) and numeric columns — and `transform` returns a lazy view, no copy:
 *   a scaled EncodedMatrix (each code's scaled value computed once, so gathering gives the dense
 *   result rounded to float32) or a {@link ScaledRowSource}. With `dtype: 'float32'` every output
 *   is a dense {@link Float32Matrix} instead.
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
export class Scaler<D extends ScalerDtype = 'float64'>
  implements Transformer<MatrixInput | RowSource, ScalerDense<D> | RowSource>, Serializable
{
  /** The resolved, frozen options. */
  readonly params: ScalerParams;
  private state: ScalerState | undefined;

  /**
   * @param options - See {@link ScalerOptions}.
   * @throws {@link InvalidParameterError} for an unknown option (the closest known name is
   *   suggested), an unknown method, a malformed range, an option that does not apply to the
   *   chosen method, or bad column indices.
   */
  constructor(options: ScalerOptions<D> = {}) {
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
   * @param X - The training matrix (`number[][]`, typed-array rows, ml-matrix `Matrix`) or a
   *   {@link RowSource} (read without densifying; an {@link EncodedMatrix} exactly from its codes).
   * @returns this
   * @throws {@link DataValidationError} for an empty or ragged matrix, non-numbers, ±Infinity, or
   *   a `columns` index beyond the matrix width.
   */
  fit(X: MatrixInput | RowSource): this {
    this.state = learnScalerState(this.params, this.statsOf(X, `${WHO}.fit`));
    return this;
  }

  /**
   * Scales `X` with the statistics learned in `fit`.
   * @param X - A matrix or {@link RowSource} with as many columns as the training data.
   * @returns For a matrix, a fresh `Matrix` (`X` itself, overwritten, with `copy: false`); for a
   *   RowSource, a lazy scaled view (a scaled {@link EncodedMatrix} for an EncodedMatrix, else a
   *   {@link ScaledRowSource}); with `dtype: 'float32'`, a {@link Float32Matrix}.
   * @throws {@link NotFittedError} before `fit`; {@link DataValidationError} for a wrong column
   *   count, ragged rows, non-numbers or ±Infinity.
   */
  transform(X: EncodedMatrix): ScalerLazy<D, EncodedMatrix>;
  transform(X: RowSource): ScalerLazy<D, RowSource>;
  transform(X: MatrixInput): ScalerDense<D>;
  transform(X: MatrixInput | RowSource): ScalerDense<D> | RowSource;
  transform(X: MatrixInput | RowSource): Matrix | RowSource {
    const st = this.fitted;
    const who = `${WHO}.transform`;
    if (isRowSource(X)) return this.scaleSource(st, X, who);
    const dense = this.denseInput(X, who, st.nFeaturesIn);
    return dense.finish(st);
  }

  /**
   * `fit(X)` then `transform(X)`, reading (or copying) `X` only once.
   * @param X - The training matrix or {@link RowSource}.
   * @returns The scaled training data, as {@link Scaler.transform} returns it.
   * @throws {@link DataValidationError} as {@link Scaler.fit}.
   */
  fitTransform(X: EncodedMatrix): ScalerLazy<D, EncodedMatrix>;
  fitTransform(X: RowSource): ScalerLazy<D, RowSource>;
  fitTransform(X: MatrixInput): ScalerDense<D>;
  fitTransform(X: MatrixInput | RowSource): ScalerDense<D> | RowSource;
  fitTransform(X: MatrixInput | RowSource): Matrix | RowSource {
    const who = `${WHO}.fitTransform`;
    if (isRowSource(X)) {
      const st = learnScalerState(this.params, this.statsOf(X, who));
      this.state = st;
      return this.scaleSource(st, X, who);
    }
    const dense = this.denseInput(X, who);
    const st = learnScalerState(this.params, dense.stats);
    this.state = st;
    return dense.finish(st);
  }

  /**
   * Undoes `transform`: maps scaled values back to the original units (NaN stays NaN).
   * @param X - A scaled matrix (or {@link Float32Matrix}) with as many columns as the training data.
   * @returns A fresh `Matrix` in the original units (`X` itself with `copy: false`; a
   *   {@link Float32Matrix} with `dtype: 'float32'`). With `clip`, clipped values cannot be undone.
   * @throws {@link NotFittedError} before `fit`; {@link DataValidationError} for bad input.
   */
  inverseTransform(X: MatrixInput | Float32Matrix): ScalerDense<D> {
    const st = this.fitted;
    const who = `${WHO}.inverseTransform`;
    const f32 = this.params.dtype === 'float32';
    if (X instanceof Float32Matrix) {
      checkInPlace(blocksOf(X.data, X.columns), X.rows, X.columns, who, st.nFeaturesIn);
      if (!f32) {
        const data = Float64Array.from(X.data);
        unscaleInPlace(st, data, X.columns, { who, row0: 0 });
        return fromDense(data, X.rows, X.columns) as ScalerDense<D>;
      }
      const data = this.params.copy ? X.data.slice() : X.data;
      unscaleInPlace(st, data, X.columns, { who, row0: 0 });
      return (this.params.copy ? new Float32Matrix(data, X.rows, X.columns) : X) as ScalerDense<D>;
    }
    return this.denseInput(X, who, st.nFeaturesIn, (d, cols, row0) =>
      unscaleInPlace(st, d, cols, { who, row0 }),
    ).finish(st) as ScalerDense<D>;
  }

  /** The statistics of a fit on `X`, read the cheapest exact way for its form. */
  private statsOf(X: MatrixInput | RowSource, who: string): ColumnStats {
    if (X instanceof EncodedMatrix && !X.scaled) return encodedStats(X);
    if (X instanceof Float32Matrix) {
      checkInPlace(blocksOf(X.data, X.columns), X.rows, X.columns, who);
      return denseStats(X.data, X.columns);
    }
    if (isRowSource(X)) {
      checkInPlace(rowSourceBlocks(X), X.rows, X.columns, who);
      return rowSourceStats(X);
    }
    return this.denseInput(X, who).stats;
  }

  /**
   * A matrix input read once: its statistics, and `finish(st)`, which applies `apply` (by
   * default the scaling) to the storage and returns the output — a copy (float64, or float32
   * with `dtype: 'float32'`), or with `copy: false` an ml-matrix `Matrix` overwritten in place.
   */
  private denseInput(
    X: MatrixInput,
    who: string,
    cols?: number,
    apply?: (data: Float64Array | Float32Array, cols: number, row0: number) => void,
  ): { stats: ColumnStats; finish(st: ScalerState): Matrix | Float32Matrix } {
    const p = this.params;
    // row0: the input row of the buffer's first row, for the message of a value that overflows
    const run = (st: ScalerState, data: Float64Array | Float32Array, c: number, row0 = 0) =>
      apply ? apply(data, c, row0) : scaleInPlace(p, st, data, c, { who, row0 });
    const expect = cols === undefined ? {} : { cols };
    if (p.dtype === 'float32') {
      const { data, rows, cols: c } = toDense32(X, { who, allowNaN: true, ...expect });
      return {
        stats: denseStats(data, c),
        finish: (st) => {
          run(st, data, c);
          return new Float32Matrix(data, rows, c);
        },
      };
    }
    const inPlace = !p.copy && isMatrixLike(X) ? matrixRows(X as Matrix) : undefined;
    if (inPlace !== undefined) {
      const m = X as Matrix;
      checkInPlace(inPlace.blocks, m.rows, inPlace.cols, who, cols);
      return {
        stats: denseStats(inPlace.blocks, inPlace.cols),
        finish: (st) => {
          let row0 = 0;
          inPlace.apply((data, c) => {
            run(st, data, c, row0);
            row0 += data.length / c;
          });
          return m;
        },
      };
    }
    const { data, rows, cols: c } = toDense(X, { who, allowNaN: true, ...expect });
    return {
      stats: denseStats(data, c),
      finish: (st) => {
        run(st, data, c);
        return fromDense(data, rows, c);
      },
    };
  }

  /** `transform` of a row source: a lazy scaled view, or (`dtype: 'float32'`) a dense Float32Matrix. */
  private scaleSource(st: ScalerState, X: RowSource, who: string): RowSource {
    const p = this.params;
    const f32 = p.dtype === 'float32';
    if (X instanceof Float32Matrix && f32) {
      checkInPlace(blocksOf(X.data, X.columns), X.rows, X.columns, who, st.nFeaturesIn);
      const data = p.copy ? X.data.slice() : X.data;
      scaleInPlace(p, st, data, X.columns, { who, row0: 0 });
      return p.copy ? new Float32Matrix(data, X.rows, X.columns) : X;
    }
    checkInPlace(() => {}, X.rows, X.columns, who, st.nFeaturesIn);
    let view: RowSource;
    if (X instanceof EncodedMatrix && !X.scaled) view = X.withMap(scaledColumnMap(p, st, X.features, X.columns));
    else
      view = new ScaledRowSource(
        X,
        Array.from({ length: X.columns }, (_, j) => formulaOf(p, st, j)),
      );
    if (!f32) return view;
    return view instanceof EncodedMatrix ? view.toFloat32Matrix() : gatherAll(view);
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
   *
   * @remarks
   * The saved `dtype` and `copy` are restored. TypeScript cannot see the saved dtype, so the
   * result is typed with the default `'float64'`; for a scaler saved with `dtype: 'float32'`,
   * pass `{ dtype: 'float32' }` (which also sets it) to type the result as `Scaler<'float32'>`.
   *
   * @param json - The envelope or its JSON text.
   * @param options - `dtype`: the dtype of the rebuilt scaler (default: the saved one).
   * @returns A Scaler that transforms exactly like the saved one.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON<D extends ScalerDtype = 'float64'>(json: unknown, options: { dtype?: D } = {}): Scaler<D> {
    const { params, state } = openJSON(json, SCALER_CLASS, SCALER_VERSION);
    let s: Scaler<D>;
    try {
      const saved = scalerOptionsFromJSON(params);
      const dtype = options.dtype ?? saved.dtype;
      s = new Scaler<D>({ ...saved, ...(dtype === undefined ? {} : { dtype }) } as ScalerOptions<D>);
    } catch (e) {
      throw invalidParams(SCALER_CLASS, e);
    }
    if (state !== null) s.state = scalerStateFromJSON(state, s.params.method, s.params.columns, s.params.featureRange);
    checkFaithful(
      `${SCALER_CLASS}.fromJSON`,
      { params, state },
      s.toJSON(),
      options.dtype === undefined ? undefined : 'dtype',
    );
    return s;
  }
}
