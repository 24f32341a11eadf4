/**
 * A lazy scaled view of a row source: what a fitted {@link Scaler} returns for a
 * {@link RowSource} input — no copy, the formula applied to the rows as they are gathered.
 *
 * @module
 */
import { beyondOutput, F32_LIMIT, type RowSource } from '../core/rowSource.js';
import { applyFormula, type NumericFormula } from './columnMap.js';

/**
 * The rows of another {@link RowSource}, each scaled column mapped by a fitted Scaler's formula
 * when the rows are gathered.
 *
 * @remarks
 * Nothing is copied: the view holds the source and one formula per column. Values are read as the
 * source gathers them (float32), scaled in float64 and rounded once to float32. A finite value
 * whose scaled output is beyond float32 (±3.4e38: a column fitted on a tiny spread) is refused
 * naming its row and column, never written as ±Infinity; NaN (and a ±Infinity the source wrote)
 * passes through. The source must not change while the view is in use. (An {@link EncodedMatrix} input gets a scaled
 * EncodedMatrix instead, exact from its codes.)
 *
 * @example
 * ```ts
 * import { Scaler, denseRowSource } from 'imbalanced-tabular';
 * const src = denseRowSource(Float32Array.of(1, 10, 3, 30), 2, 2);
 * const view = new Scaler({ method: 'minmax' }).fitTransform(src);
 * const out = new Float32Array(4);
 * view.gatherRows([0, 1], out); // [0, 0, 1, 1]
 * ```
 */
export class ScaledRowSource implements RowSource {
  /** Number of rows (the source's). */
  readonly rows: number;
  /** Number of columns (the source's). */
  readonly columns: number;
  private readonly source: RowSource;
  private readonly formulas: ReadonlyArray<NumericFormula>;
  /** The `(x − center) / scale` columns (mode 1), with their centers and scales in flat arrays. */
  private readonly standardColumns: Int32Array;
  private readonly centers: Float64Array;
  private readonly scales: Float64Array;
  /** The other scaled columns (min-max), through {@link applyFormula}. */
  private readonly otherColumns: Int32Array;

  /**
   * Built by a Scaler; not constructed directly.
   * @internal
   */
  constructor(source: RowSource, formulas: ReadonlyArray<NumericFormula>) {
    this.source = source;
    this.rows = source.rows;
    this.columns = source.columns;
    this.formulas = formulas;
    const standard = formulas.flatMap((f, j) => (f.mode === 1 ? [j] : []));
    this.standardColumns = Int32Array.from(standard);
    this.centers = Float64Array.from(standard, (j) => (formulas[j] as NumericFormula).center);
    this.scales = Float64Array.from(standard, (j) => (formulas[j] as NumericFormula).scale);
    this.otherColumns = Int32Array.from(formulas.flatMap((f, j) => (f.mode === 2 ? [j] : [])));
  }

  /**
   * Writes rows `indices[0]`, `indices[1]`, … into `out`, scaled (see {@link RowSource.gatherRows}).
   * @param indices - Row indices (may repeat).
   * @param out - At least `indices.length × columns` values.
   * @throws {@link DataValidationError} as the source's `gatherRows` does, and for a finite value
   *   whose scaled output is beyond float32's range (naming the row `indices[t]` and the column).
   */
  gatherRows(indices: ArrayLike<number>, out: Float32Array): void {
    this.source.gatherRows(indices, out);
    const cols = this.columns;
    const std = this.standardColumns;
    const centers = this.centers;
    const scales = this.scales;
    const other = this.otherColumns;
    const end = indices.length * cols;
    // The standard columns column by column (the center and scale held in registers): a quotient
    // within float32's rounding limit is what standardize returns; anything else (NaN, an overflow)
    // takes the formula itself (applyFormula) and the check.
    for (let t = 0; t < std.length; t++) {
      const c = centers[t] as number;
      const sc = scales[t] as number;
      const col = std[t] as number;
      for (let j = col; j < end; j += cols) {
        const x = out[j] as number;
        const r = (x - c) / sc;
        if (r < F32_LIMIT && r > -F32_LIMIT) out[j] = r;
        else this.scaleOne(indices, j - col, col, x, out);
      }
    }
    for (let off = 0; off < end; off += cols) {
      for (let t = 0; t < other.length; t++) {
        const j = other[t] as number;
        this.scaleOne(indices, off, j, out[off + j] as number, out);
      }
    }
  }

  /** Column `j` of the row at `off`: the formula at `x`, refused when a finite `x` overflows float32. */
  private scaleOne(indices: ArrayLike<number>, off: number, j: number, x: number, out: Float32Array): void {
    const f = this.formulas[j] as NumericFormula;
    const y = applyFormula(f, x);
    out[off + j] = y;
    // |y| below the float32 rounding limit stays finite; NaN, ±Infinity and larger values take
    // the exact test: refused when a finite x became ±Infinity
    if (!(y < F32_LIMIT && y > -F32_LIMIT) && !Number.isNaN(y) && x - x === 0) {
      throw beyondOutput('ScaledRowSource', indices[off / this.columns] as number, j, y, 'scale the rows in float64');
    }
  }
}
