/**
 * The compiled pieces of an `EncodedMatrix`'s row loop: its numeric and categorical slots,
 * the row-major copies compiled for one view (byte columns as tables of their 256 outputs), and the
 * error for an output beyond float32.
 *
 * @internal
 * @module
 */
import { DataValidationError } from '../core/errors.js';
import { applyFormula, type NumericFormula } from './columnMap.js';
import type { CodeArray, NumericValues } from './EncodedMatrix.js';
import type { RowBlockGroup } from './numericRowBlock.js';

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
  if (!(g.data instanceof Uint8Array)) return { data: g.data, width: g.width, slots, offsets, lut32: undefined };
  const lut32 = new Float32Array(g.width << 8);
  slots.forEach((n, j) => {
    for (let v = 0; v < 256; v++) lut32[(j << 8) | v] = applyFormula(n.formula, v);
  });
  // an output beyond float32 (a formula of extreme scale): the checked path names the row instead
  if (!lut32.every((v) => v !== Number.POSITIVE_INFINITY && v !== Number.NEGATIVE_INFINITY))
    return { data: g.data, width: g.width, slots, offsets, lut32: undefined };
  return { data: g.data, width: g.width, slots, offsets, lut32 };
}

export const INF = Number.POSITIVE_INFINITY;

/**
 * The error for a finite value whose output is not finite in the gather's buffer: beyond
 * float32's range (±3.4e38) in a float32 gather, or — `value` infinite — beyond doubles (a formula
 * of extreme scale). It names the row and the output column, and `who` (the row source gathering:
 * `EncodedMatrix`, `ScaledRowSource`) with its float64 alternative.
 */
export function beyondOutput(
  row: number,
  column: number,
  value: number,
  who = 'EncodedMatrix',
  float64 = 'gather float64 (toMatrix)',
): DataValidationError {
  const message =
    value - value === 0
      ? `${who}: row ${row}, column ${column} is ${value}, beyond float32's range (±3.4e38), so a ` +
        `float32 gather would hold ±Infinity. Rescale that column (e.g. with a Scaler) or ${float64}.`
      : `${who}: row ${row}, column ${column} is finite, but its scaled value is beyond doubles ` +
        '(±1.8e308). Refit the Scaler on data of that spread, or rescale that column first.';
  return new DataValidationError(message, { param: 'X', row, column });
}
