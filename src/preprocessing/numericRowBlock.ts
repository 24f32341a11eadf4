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

/**
 * A byte block whose values are mostly 0 (indicator columns: a row has a few of 150 Mocodes), kept
 * as each row's non-zero entries: row `r`'s are `start[r] … start[r + 1] − 1`, column `col[e]`
 * (within the block) holding `val[e]`, in column order. @internal
 */
export interface SparseBytes {
  readonly start: Int32Array;
  readonly col: Uint8Array | Uint16Array;
  readonly val: Uint8Array;
}

/** A byte block is kept sparse when its non-zero values are at most this share of it. */
const SPARSE_SHARE = 1 / 8;

/** One block: `width` columns per row, row-major, and which numeric slot each column is. @internal */
export interface RowBlockGroup {
  /** `rows × width` values; empty for a sparse byte block (see `sparse`). */
  readonly data: Uint8Array | Float32Array | Float64Array;
  /** A byte block with few non-zero values, row by row: then `data` is empty. */
  readonly sparse?: SparseBytes;
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
    if (kind === 'u8') {
      const sparse = sparseBytes(
        slots.map((s) => values[s] as Uint8Array),
        rows,
      );
      if (sparse !== undefined) {
        groups.push({ data: new Uint8Array(0), sparse, width, slots: Int32Array.from(slots) });
        continue;
      }
    }
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

/**
 * The byte columns `cols` (`rows` values each) as each row's non-zero entries, or undefined when
 * more than {@link SPARSE_SHARE} of the values are non-zero (the dense block is then smaller and
 * as fast).
 */
function sparseBytes(cols: readonly Uint8Array[], rows: number): SparseBytes | undefined {
  const width = cols.length;
  let nnz = 0;
  for (const c of cols) for (let r = 0; r < rows; r++) if ((c[r] as number) !== 0) nnz++;
  if (nnz > SPARSE_SHARE * rows * width || nnz > 2 ** 31 - 1) return undefined;
  const start = new Int32Array(rows + 1);
  for (const c of cols) for (let r = 0; r < rows; r++) if ((c[r] as number) !== 0) start[r + 1]!++;
  for (let r = 0; r < rows; r++) start[r + 1]! += start[r] as number;
  const col = width <= 256 ? new Uint8Array(nnz) : new Uint16Array(nnz);
  const val = new Uint8Array(nnz);
  const at = start.slice(0, rows);
  cols.forEach((c, j) => {
    for (let r = 0; r < rows; r++) {
      const v = c[r] as number;
      if (v === 0) continue;
      const e = at[r]!++;
      col[e] = j;
      val[e] = v;
    }
  });
  return { start, col, val };
}

/** Whether `indices[0 … count − 1]` are consecutive ascending rows (a sequential read). @internal */
export function isRun(indices: ArrayLike<number>, count: number): boolean {
  const first = indices[0] as number;
  for (let t = 1; t < count; t++) if ((indices[t] as number) !== first + t) return false;
  return true;
}
