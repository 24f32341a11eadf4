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
  private readonly scaledColumns: Int32Array;
  private readonly formulas: ReadonlyArray<NumericFormula>;

  /**
   * Built by a Scaler; not constructed directly.
   * @internal
   */
  constructor(source: RowSource, formulas: ReadonlyArray<NumericFormula>) {
    this.source = source;
    this.rows = source.rows;
    this.columns = source.columns;
    this.formulas = formulas;
    this.scaledColumns = Int32Array.from(formulas.flatMap((f, j) => (f.mode === 0 ? [] : [j])));
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
    const idx = this.scaledColumns;
    const end = indices.length * cols;
    for (let off = 0; off < end; off += cols) {
      for (let t = 0; t < idx.length; t++) {
        const j = idx[t] as number;
        const x = out[off + j] as number;
        const y = applyFormula(this.formulas[j] as NumericFormula, x);
        out[off + j] = y;
        // |y| below the float32 rounding limit stays finite; NaN, ±Infinity and larger values take
        // the exact test: refused when a finite x became ±Infinity
        if (!(y < F32_LIMIT && y > -F32_LIMIT) && !Number.isNaN(y) && x - x === 0) {
          throw beyondOutput('ScaledRowSource', indices[off / cols] as number, j, y, 'scale the rows in float64');
        }
      }
    }
  }
}
