/**
 * The compiled pieces of an `EncodedMatrix`'s row loop: its numeric and categorical slots,
 * the row-major copies compiled for one view (byte columns as tables of their 256 outputs), and the
 * check of categorical outputs beyond float32.
 *
 * @internal
 * @module
 */
import { DataValidationError, refuseDetached } from '../core/errors.js';
import { beyondOutput } from '../core/rowSource.js';
import { applyFormula, type ColumnMap, type NumericFormula } from './columnMap.js';
import type { CodeArray, NumericValues } from './EncodedMatrix.js';
import type { RowBlockGroup, SparseBytes } from './numericRowBlock.js';

/** A numeric feature compiled for the row loop. @internal */
export interface NumericSlot {
  readonly offset: number;
  readonly values: NumericValues;
  readonly impute: number;
  readonly formula: NumericFormula;
}

/** A categorical feature compiled for the row loop. @internal */
export interface CodeSlot {
  readonly offset: number;
  readonly width: number;
  readonly codes: CodeArray;
  /** Ordinal: the table index `code + 1`; null for one-hot. */
  readonly table: Float64Array | null;
  readonly table32: Float32Array | null;
}

/**
 * A row-major group of numeric columns compiled for one view: its slots and, for a byte group,
 * every column's 256 possible float32 outputs (the view's formula at 0…255, rounded once), so a
 * gathered value is one table read.
 */
export interface BlockSlots {
  readonly data: RowBlockGroup['data'];
  readonly sparse: RowBlockGroup['sparse'];
  readonly width: number;
  readonly slots: NumericSlot[];
  /** Per column of the group, its output column. */
  readonly offsets: Int32Array;
  /** Byte groups: the float32 output of value `v` in column `j` at `(j << 8) | v`. */
  readonly lut32: Float32Array | undefined;
}

/** The codes of `slots` row-major (`rows × slots.length`), in the smallest array that holds them. */
export function codeRowBlock(slots: ReadonlyArray<CodeSlot>, rows: number): Int16Array | Int32Array {
  const width = slots.length;
  const wide = slots.some((s) => s.codes instanceof Int32Array);
  const out = wide ? new Int32Array(rows * width) : new Int16Array(rows * width);
  slots.forEach((s, j) => {
    const codes = s.codes;
    for (let r = 0, o = j; r < rows; r++, o += width) out[o] = codes[r] as number;
  });
  return out;
}

/** Compiles a row-major group for the view whose numeric slots are `slots` (one per column). */
export function blockSlots(g: RowBlockGroup, slots: NumericSlot[]): BlockSlots {
  const offsets = Int32Array.from(slots, (n) => n.offset);
  const plain = { data: g.data, sparse: g.sparse, width: g.width, slots, offsets, lut32: undefined };
  if (!(g.data instanceof Uint8Array)) return plain;
  const lut32 = new Float32Array(g.width << 8);
  slots.forEach((n, j) => {
    for (let v = 0; v < 256; v++) lut32[(j << 8) | v] = applyFormula(n.formula, v);
  });
  // an output beyond float32 (a formula of extreme scale): the checked path names the row instead
  if (!lut32.every((v) => v !== Number.POSITIVE_INFINITY && v !== Number.NEGATIVE_INFINITY)) return plain;
  return { ...plain, lut32 };
}

export const INF = Number.POSITIVE_INFINITY;

/**
 * Whether a float32 gather under `map` can write ±Infinity from a categorical table: a Scaler's
 * one-hot or ordinal output beyond float32 (a min-max `featureRange` of ±1e300). Then the gathers
 * check those columns with {@link checkCodeOutputs}; otherwise they cost nothing.
 */
export function codesLeaveFloat32(map: ColumnMap): boolean {
  // NaN is a documented table value (an ordinal `unknownValue: NaN`): only ±Infinity is an overflow
  const finite = (t: Float32Array | null) => t === null || t.every((v) => v !== INF && v !== -INF);
  return !finite(map.zero32) || !finite(map.one32) || !map.ordinal32.every(finite);
}

/**
 * Refuses the first ±Infinity a categorical table wrote into `count` gathered float32 rows (row `t`
 * is `indices[t]`, or `t` when `indices` is null), naming the row, the output column and its float64
 * value. For views where {@link codesLeaveFloat32}.
 */
export function checkCodeOutputs(
  hot: ReadonlyArray<CodeSlot>,
  ordinal: ReadonlyArray<CodeSlot>,
  map: ColumnMap,
  indices: ArrayLike<number> | null,
  count: number,
  columns: number,
  out: Float32Array,
): void {
  for (let t = 0; t < count; t++) {
    const row = indices === null ? t : (indices[t] as number);
    const off = t * columns;
    for (const h of hot) {
      const code = h.codes[row] as number;
      for (let col = h.offset; col < h.offset + h.width; col++) {
        const w = out[off + col] as number;
        if (w !== INF && w !== -INF) continue;
        const value = col - h.offset === code ? map.one[col] : map.zero[col];
        throw beyondOutput('EncodedMatrix', row, col, value as number);
      }
    }
    for (const o of ordinal) {
      const w = out[off + o.offset] as number;
      if (w !== INF && w !== -INF) continue;
      throw beyondOutput(
        'EncodedMatrix',
        row,
        o.offset,
        (o.table as Float64Array)[(o.codes[row] as number) + 1] as number,
      );
    }
  }
}

/** Row `row` of a sparse byte block, dense in `out` (its width). */
export function expandRow(sparse: SparseBytes, row: number, out: Uint8Array): void {
  out.fill(0);
  for (let e = sparse.start[row] as number, end = sparse.start[row + 1] as number; e < end; e++)
    out[sparse.col[e] as number] = sparse.val[e] as number;
}

/**
 * Refuses to read a column whose buffer was transferred after encoding (an EncodedMatrix holds the
 * table's numeric arrays, not copies): its values would read as missing. A detached array reads as
 * length 0; the matrix has rows.
 */
export function refuseDetachedColumns(
  numeric: ReadonlyArray<NumericSlot>,
  categorical: ReadonlyArray<ReadonlyArray<CodeSlot>>,
): void {
  for (const n of numeric)
    if (n.values.length === 0)
      refuseDetached('EncodedMatrix', 'X', n.values, `the numeric column at output ${n.offset}`);
  for (const slots of categorical)
    for (const c of slots)
      if (c.codes.length === 0)
        refuseDetached('EncodedMatrix', 'X', c.codes, `the codes of the feature at output ${c.offset}`);
}

/** The output row of row `t` of a write: `at[t]`, or `t` itself. @internal */
export function rowAt(at: ArrayLike<number> | null, t: number): number {
  return at === null ? t : (at[t] as number);
}

/**
 * The categorical values of rows `t0 … t1 − 1` of a gather (row `indices[t]`, or `t` when null),
 * feature by feature, into row `at[t]` (or `t`) of `out`: `one` at each one-hot code, each ordinal
 * code's table value (float32 tables when `f32`). @internal
 */
export function writeCodes(
  hot: ReadonlyArray<CodeSlot>,
  ordinal: ReadonlyArray<CodeSlot>,
  one: Float32Array | Float64Array,
  f32: boolean,
  cols: number,
  indices: ArrayLike<number> | null,
  t0: number,
  t1: number,
  out: Float32Array | Float64Array,
  at: ArrayLike<number> | null,
): void {
  for (const h of hot) {
    const { codes, offset } = h;
    for (let t = t0; t < t1; t++) {
      const c = codes[indices === null ? t : (indices[t] as number)] as number;
      if (c >= 0) out[rowAt(at, t) * cols + offset + c] = one[offset + c] as number;
    }
  }
  for (const o of ordinal) {
    const table = (f32 ? o.table32 : o.table) as Float32Array | Float64Array;
    const codes = o.codes;
    for (let t = t0; t < t1; t++) {
      const c = codes[indices === null ? t : (indices[t] as number)] as number;
      out[rowAt(at, t) * cols + o.offset] = table[c + 1] as number;
    }
  }
}

/**
 * A dense `rows × columns` buffer, or — where the runtime cannot make one that large (a
 * 70,000-category one-hot column over many rows) — a DataValidationError stating the size and the
 * options that make the output smaller, instead of a bare `RangeError`.
 */
export function denseBuffer<A extends Float64Array | Float32Array>(
  Kind: new (n: number) => A,
  rows: number,
  columns: number,
  method: string,
): A {
  const n = rows * columns;
  try {
    return new Kind(n);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const bytes = n * (Kind === (Float32Array as unknown) ? 4 : 8);
    throw new DataValidationError(
      `EncodedMatrix.${method}: the dense output of ${rows} rows × ${columns} columns (${n} values, ` +
        `${(bytes / 2 ** 30).toFixed(1)} GiB) cannot be allocated. Keep it compact (Encoder output: 'compact'), ` +
        "use encoding: 'ordinal', or group rare categories with maxCategories or minFrequency.",
      { param: 'X' },
    );
  }
}
