/**
 * Row-major copies of an {@link EncodedMatrix}'s numeric columns, for gathers of rows in random
 * order (mini-batches). The columns are stored one typed array per column; a random row read from
 * each of ~160 columns is ~160 cache misses (measured 33 ns a value at 675k rows), where the same
 * values stored row by row are a few cache lines (4 ns a value). Values are copied exactly: 8-bit
 * columns into one byte block, float32 and 8/16-bit integer columns into one float32 block, the
 * rest into one float64 block.
 *
 * @internal
 * @module
 */
import type { NumericValues } from './EncodedMatrix.js';

/** One block: `width` columns per row, row-major, and which numeric slot each column is. @internal */
export interface RowBlockGroup {
  /** `rows × width` values. */
  readonly data: Uint8Array | Float32Array | Float64Array;
  /** Columns per row. */
  readonly width: number;
  /** Per column of the block: the index of its numeric slot. */
  readonly slots: Int32Array;
}

/** The row-major copies of the numeric columns `values` (one per slot, `rows` values each). @internal */
export function buildRowBlock(values: readonly NumericValues[], rows: number): RowBlockGroup[] {
  const kinds: Record<'u8' | 'f32' | 'f64', number[]> = { u8: [], f32: [], f64: [] };
  values.forEach((v, i) => {
    if (v instanceof Uint8Array) kinds.u8.push(i);
    else if (v instanceof Float64Array || v instanceof Int32Array) kinds.f64.push(i);
    else kinds.f32.push(i);
  });
  const groups: RowBlockGroup[] = [];
  for (const [kind, slots] of Object.entries(kinds) as ['u8' | 'f32' | 'f64', number[]][]) {
    const width = slots.length;
    if (width === 0) continue;
    const data =
      kind === 'u8'
        ? new Uint8Array(rows * width)
        : kind === 'f32'
          ? new Float32Array(rows * width)
          : new Float64Array(rows * width);
    slots.forEach((s, j) => {
      const col = values[s] as NumericValues;
      for (let r = 0, o = j; r < rows; r++, o += width) data[o] = col[r] as number;
    });
    groups.push({ data, width, slots: Int32Array.from(slots) });
  }
  return groups;
}

/** Whether `indices[0 … count − 1]` are consecutive ascending rows (a sequential read). @internal */
export function isRun(indices: ArrayLike<number>, count: number): boolean {
  const first = indices[0] as number;
  for (let t = 1; t < count; t++) if ((indices[t] as number) !== first + t) return false;
  return true;
}
