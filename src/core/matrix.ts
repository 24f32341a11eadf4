import { Matrix } from 'ml-matrix';
import { DataValidationError, describe, refuseDetached } from './errors.js';

/** A typed-array row accepted as numeric input. */
export type NumericRow =
  | ReadonlyArray<number>
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint8Array
  | Int8Array
  | Int16Array
  | Uint16Array
  | Uint32Array;

/**
 * Numeric matrix input accepted everywhere: `number[][]`, an array of typed-array rows, or an
 * ml-matrix `Matrix`.
 */
export type MatrixInput = ReadonlyArray<NumericRow> | Matrix;

/**
 * A label: classes may be strings or numbers (not mixed within one target).
 */
export type Label = string | number;

/**
 * The contiguous row-major matrix used inside hot kernels.
 * @internal
 */
export interface Dense {
  /** Row-major values, `rows × cols`. */
  data: Float64Array;
  rows: number;
  cols: number;
  /**
   * With {@link DenseOptions.spareRows}: the whole allocation, `(rows + spareRows) × cols` values,
   * of which `data` is the prefix.
   */
  room?: Float64Array;
}

/** Options for {@link toDense}. @internal */
export interface DenseOptions {
  /** Who is validating, e.g. `SMOTE.fitResample`. */
  who: string;
  /** Argument name. @defaultValue 'X' */
  param?: string;
  /** Accept NaN (missing) values. @defaultValue false */
  allowNaN?: boolean;
  /** Accept ±Infinity. @defaultValue false */
  allowInfinity?: boolean;
  /** Minimum number of rows. @defaultValue 1 */
  minRows?: number;
  /** Required column count. */
  cols?: number;
  /**
   * Allocate room for this many more rows after the copied values, in the same buffer (returned as
   * `room`): an over-sampler writes its new rows there instead of copying X a second time. Pages
   * that are never written are never committed, so unused room costs address space only.
   */
  spareRows?: number;
}

/** Whether `X` is an ml-matrix `Matrix`, or an object shaped like one (another copy of ml-matrix). @internal */
export function isMatrixLike(X: unknown): X is Matrix {
  return (
    X instanceof Matrix ||
    (X !== null &&
      typeof X === 'object' &&
      typeof (X as Matrix).rows === 'number' &&
      typeof (X as Matrix).columns === 'number' &&
      typeof (X as Matrix).get === 'function')
  );
}

/**
 * The row count of a matrix input without copying or checking it, or undefined when `X` is not a
 * matrix input at all ({@link toDense} then says why). @internal
 */
export function rowCountOf(X: MatrixInput): number | undefined {
  if (Array.isArray(X)) return X.length;
  return isMatrixLike(X) ? X.rows : undefined;
}

function rowsOfMatrix(m: Matrix): Float64Array[] | undefined {
  const data = (m as unknown as { data?: unknown }).data;
  return Array.isArray(data) ? (data as Float64Array[]) : undefined;
}

/**
 * Copies (and validates) any {@link MatrixInput} into a fresh contiguous Float64Array.
 * Never aliases the caller's storage. @internal
 */
export function toDense(X: MatrixInput, opts: DenseOptions): Dense {
  return convert(X, opts, (n) => new Float64Array(n));
}

/**
 * {@link toDense} into a Float32Array (same checks; values rounded to float32): for consumers that
 * compute in float32 anyway, such as the MLP, it saves the float64 copy. A finite value beyond
 * float32's range is refused naming its row and column (it would be read as ±Infinity). @internal
 */
export function toDense32(
  X: MatrixInput,
  opts: Omit<DenseOptions, 'spareRows'>,
): { data: Float32Array; rows: number; cols: number } {
  const { data, rows, cols } = convert(X, opts, (n) => new Float32Array(n));
  return { data, rows, cols };
}

function convert<T extends Float64Array | Float32Array>(
  X: MatrixInput,
  opts: DenseOptions,
  make: (length: number) => T,
): { data: T; rows: number; cols: number; room?: T } {
  const param = opts.param ?? 'X';
  const who = opts.who;
  let rows: number;
  let cols: number;
  let getRow: (i: number) => ArrayLike<number>;
  let first: unknown;
  if (isMatrixLike(X)) {
    const m = X as Matrix;
    rows = m.rows;
    cols = m.columns;
    const raw = rowsOfMatrix(m);
    getRow = raw ? (i) => raw[i] as Float64Array : (i) => m.getRow(i);
  } else if (Array.isArray(X)) {
    rows = X.length;
    first = X[0] as unknown;
    cols =
      rows > 0 && first != null && typeof (first as ArrayLike<number>).length === 'number'
        ? (first as ArrayLike<number>).length
        : 0;
    getRow = (i) => X[i] as ArrayLike<number>;
  } else {
    throw new DataValidationError(
      `${who}: ${param} must be a number[][], an array of typed-array rows or an ml-matrix Matrix, ` +
        `received ${describe(X)}.`,
      { param },
    );
  }
  const minRows = opts.minRows ?? 1;
  if (rows < minRows) {
    throw new DataValidationError(
      `${who}: ${param} has ${rows} row${rows === 1 ? '' : 's'}, at least ${minRows} needed. Pass a non-empty matrix.`,
      { param },
    );
  }
  if (rows > 0 && cols === 0) refuseDetached(who, param, first ?? getRow(0), `${param}[0]`, 0);
  if (rows > 0 && cols === 0 && typeof first === 'object' && first !== null) {
    const keys = Object.keys(first)
      .slice(0, 4)
      .map((k) => JSON.stringify(k));
    throw new DataValidationError(
      `${who}: ${param} holds row objects (row 0 has keys ${keys.join(', ') || 'none'}); samplers and the ` +
        'other numeric steps need numeric rows (number[][], typed-array rows or an ml-matrix Matrix). ' +
        'Encode the table first (Encoder): `new Encoder().fitTransform(rows)`.',
      { param, row: 0 },
    );
  }
  if (rows > 0 && cols === 0) {
    throw new DataValidationError(`${who}: ${param} has rows with no columns; at least one feature is needed.`, {
      param,
      row: 0,
    });
  }
  if (opts.cols !== undefined && cols !== opts.cols) {
    throw new DataValidationError(
      `${who}: ${param} has ${cols} columns, but ${opts.cols} were expected (the number seen in fit). ` +
        `Pass rows with ${opts.cols} features.`,
      { param },
    );
  }
  const spare = opts.spareRows ?? 0;
  const room = spare > 0 ? make((rows + spare) * cols) : undefined;
  const data = room ? (room.subarray(0, rows * cols) as T) : make(rows * cols);
  const allowNaN = opts.allowNaN ?? false;
  const allowInf = opts.allowInfinity ?? false;
  const f32 = data instanceof Float32Array;
  for (let i = 0; i < rows; i++) {
    const r = getRow(i);
    if (r == null || typeof r.length !== 'number') {
      throw new DataValidationError(`${who}: row ${i} of ${param} is ${describe(r)}, not an array of numbers.`, {
        param,
        row: i,
      });
    }
    if (r.length !== cols) {
      refuseDetached(who, param, r, `${param}[${i}]`, i);
      throw new DataValidationError(
        `${who}: ${param} is ragged: row ${i} has ${r.length} values but row 0 has ${cols}. ` +
          'Every row needs the same number of columns.',
        { param, row: i },
      );
    }
    const off = i * cols;
    // a typed row: copied and checked in one pass; a row that fails is re-read value by value below,
    // for the error (or, with allowNaN / allowInfinity, to accept it)
    if ((r instanceof Float64Array || r instanceof Float32Array) && copyFinite(r, data, off, cols)) continue;
    for (let j = 0; j < cols; j++) {
      const v = r[j] as number;
      if (typeof v !== 'number') {
        throw new DataValidationError(
          `${who}: ${param}[${i}][${j}] is ${describe(v)}, expected a number. ` +
            'Encode non-numeric columns first (Encoder).',
          { param, row: i, column: j },
        );
      }
      if (!Number.isFinite(v)) {
        if (Number.isNaN(v)) {
          if (!allowNaN) {
            throw new DataValidationError(
              `${who}: ${param}[${i}][${j}] is NaN; missing values are not supported here. ` +
                "Impute them first (e.g. Encoder's impute option).",
              { param, row: i, column: j },
            );
          }
        } else if (!allowInf) {
          throw new DataValidationError(
            `${who}: ${param}[${i}][${j}] is ${v}; only finite values are accepted. Clip or remove infinite values.`,
            { param, row: i, column: j },
          );
        }
      }
      data[off + j] = v;
      // A finite value beyond float32 (|v| > 3.4e38) would be read as ±Infinity: refused unless
      // Infinity is accepted (the float32 consumers compute in that range).
      if (f32 && !allowInf && v - v === 0 && !Number.isFinite(data[off + j] as number)) {
        throw new DataValidationError(
          `${who}: ${param}[${i}][${j}] = ${v} is beyond the float32 range (±3.4e38) this step computes in. ` +
            'Rescale the features (e.g. with a Scaler in float64) first.',
          { param, row: i, column: j },
        );
      }
    }
  }
  return room ? { data, rows, cols, room } : { data, rows, cols };
}

/**
 * Copies the typed row `r` (`cols` values) to `data[off …]` and says whether every value is finite
 * (`v · 0` is 0 exactly when `v` is finite, so the sum is 0 exactly when every value is). Value by
 * value rather than `data.set(r, off)`: for short rows the call's fixed cost dominated (200,000
 * rows of 32 values into a fresh buffer: ~60 ms against ~45 ms). A value beyond float32 stored into
 * a Float32Array becomes ±Infinity, and the copied value is what is checked, as before.
 */
function copyFinite(
  r: Float64Array | Float32Array,
  data: Float64Array | Float32Array,
  off: number,
  cols: number,
): boolean {
  let zero = 0;
  for (let j = 0; j < cols; j++) {
    data[off + j] = r[j] as number;
    zero += (data[off + j] as number) * 0;
  }
  return zero === 0;
}

/**
 * Wraps a row-major Float64Array as an ml-matrix `Matrix` without copying: each row of the
 * result is a view (`subarray`) into `data`. @internal
 */
export function fromDense(data: Float64Array, rows: number, cols: number): Matrix {
  return fromRowViews(rowViews(data, rows, cols), cols);
}

/** The rows of a row-major Float64Array as views (`subarray`), no copy. @internal */
export function rowViews(data: Float64Array, rows: number, cols: number): Float64Array[] {
  const views: Float64Array[] = new Array(rows);
  for (let i = 0; i < rows; i++) views[i] = data.subarray(i * cols, (i + 1) * cols);
  return views;
}

/**
 * An ml-matrix `Matrix` whose rows are the given Float64Arrays themselves (no copy; each of
 * length `cols`), e.g. views into a buffer chosen by index. @internal
 */
export function fromRowViews(views: Float64Array[], cols: number): Matrix {
  const m = new Matrix(0, cols);
  (m as unknown as { data: Float64Array[] }).data = views;
  (m as unknown as { rows: number }).rows = views.length;
  return m;
}

/**
 * Returns the contiguous row-major buffer behind a Matrix built by {@link fromDense} (no copy), or
 * a fresh copy for any other Matrix. @internal
 */
export function denseView(m: Matrix): Dense {
  const raw = rowsOfMatrix(m);
  const rows = m.rows;
  const cols = m.columns;
  if (raw && rows > 0) {
    const first = raw[0] as Float64Array;
    const buf = first.buffer;
    let contiguous = first.length === cols;
    for (let i = 1; i < rows && contiguous; i++) {
      const r = raw[i] as Float64Array;
      contiguous = r.buffer === buf && r.byteOffset === first.byteOffset + i * cols * 8 && r.length === cols;
    }
    if (contiguous) return { data: new Float64Array(buf, first.byteOffset, rows * cols), rows, cols };
  }
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const r = raw ? (raw[i] as Float64Array) : m.getRow(i);
    for (let j = 0; j < cols; j++) data[i * cols + j] = r[j] as number;
  }
  return { data, rows, cols };
}
