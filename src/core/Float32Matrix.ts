/**
 * A dense float32 matrix in one row-major buffer: the small-data convenience form of a
 * {@link RowSource}, and the dense output of a float32 path (half the memory of float64, no
 * per-row objects).
 *
 * @module
 */
import { DataValidationError, describe, isDetached } from './errors.js';
import { checkGather, type RowSource } from './rowSource.js';

/**
 * A dense `rows × columns` matrix of float32 values, row-major in one `Float32Array`.
 *
 * @remarks
 * - Unlike an ml-matrix `Matrix` (one `Float64Array` per row), it is one allocation: a million
 *   rows × 10 columns take 40 MB and no per-row objects.
 * - It is a {@link RowSource}, so everything that reads rows by gathering accepts it; it also has
 *   `get` / `getRow`, so the functions that take an ml-matrix `Matrix` read it too (as float64).
 * - `data` is the storage itself, not a copy: writing to it changes the matrix.
 *
 * @example
 * ```ts
 * import { Float32Matrix } from 'imbalanced-tabular';
 * const m = new Float32Matrix(Float32Array.of(1, 2, 3, 4, 5, 6), 3, 2);
 * m.get(2, 1);     // 6
 * m.to2DArray();   // [[1, 2], [3, 4], [5, 6]]
 * const out = new Float32Array(2);
 * m.gatherRows([1], out); // out = [3, 4]
 * ```
 */
export class Float32Matrix implements RowSource {
  /** The values, row-major: row `i`, column `j` is `data[i * columns + j]`. */
  readonly data: Float32Array;
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly columns: number;

  /**
   * Wraps a row-major buffer (no copy).
   * @param data - `rows × columns` values.
   * @param rows - Number of rows.
   * @param columns - Number of columns.
   * @throws {@link DataValidationError} when `data` does not hold exactly `rows × columns` values.
   */
  constructor(data: Float32Array, rows: number, columns: number) {
    if (!Number.isSafeInteger(rows) || !Number.isSafeInteger(columns) || rows < 0 || columns < 0) {
      throw new DataValidationError(
        `Float32Matrix: rows and columns must be non-negative integers, received ${describe(rows)} × ` +
          `${describe(columns)}.`,
        { param: 'data' },
      );
    }
    if (!(data instanceof Float32Array) || data.length !== rows * columns) {
      throw new DataValidationError(
        `Float32Matrix: data must be a Float32Array of rows × columns = ${rows * columns} values, received ` +
          `${data instanceof Float32Array && !isDetached(data) ? `${data.length} values` : describe(data)}.`,
        { param: 'data' },
      );
    }
    this.data = data;
    this.rows = rows;
    this.columns = columns;
  }

  /**
   * The value at row `i`, column `j` (no bounds check, like ml-matrix's `get`).
   * @param i - Row index.
   * @param j - Column index.
   * @returns The value, as a number.
   */
  get(i: number, j: number): number {
    return this.data[i * this.columns + j] as number;
  }

  /**
   * Row `i` as a fresh array (like ml-matrix's `getRow`).
   * @param i - Row index.
   * @returns The `columns` values of the row.
   */
  getRow(i: number): number[] {
    return Array.from(this.data.subarray(i * this.columns, (i + 1) * this.columns));
  }

  /**
   * The matrix as nested arrays (for small data: each value becomes a JavaScript number).
   * @returns One array per row.
   */
  to2DArray(): number[][] {
    const out: number[][] = new Array(this.rows);
    for (let i = 0; i < this.rows; i++) out[i] = this.getRow(i);
    return out;
  }

  /**
   * Writes rows `indices[0]`, `indices[1]`, … into `out`, row-major (see {@link RowSource.gatherRows}).
   * @param indices - Row indices (may repeat).
   * @param out - At least `indices.length × columns` values.
   * @throws {@link DataValidationError} for a short `out` or an index out of range.
   */
  gatherRows(indices: ArrayLike<number>, out: Float32Array): void {
    const cols = this.columns;
    checkGather('Float32Matrix', this.rows, cols, indices, out);
    const data = this.data;
    for (let t = 0; t < indices.length; t++) {
      const i = indices[t] as number;
      out.set(data.subarray(i * cols, (i + 1) * cols), t * cols);
    }
  }
}
