/**
 * The compact output of an {@link Encoder}: categorical features kept as one small code per row,
 * numeric columns referenced, one-hot expanded only for the rows a consumer gathers.
 *
 * @module
 */
import type { Matrix } from 'ml-matrix';
import { DataValidationError } from '../core/errors.js';
import { Float32Matrix } from '../core/Float32Matrix.js';
import { fromDense } from '../core/matrix.js';
import { beyondOutput, checkGather, type RowSource } from '../core/rowSource.js';
import type { NumericColumn } from '../core/table.js';
import { applyFormula, type ColumnMap, IDENTITY, identityMap } from './columnMap.js';
import type { EncodedFeature } from './encodedFeature.js';
import {
  type BlockSlots,
  blockSlots,
  type CodeSlot,
  checkCodeOutputs,
  codeRowBlock,
  codesLeaveFloat32,
  expandRow,
  denseBuffer,
  INF,
  type NumericSlot,
  refuseDetachedColumns,
  rowAt,
  writeCodes,
} from './encodedRowSlots.js';
import { buildRowBlock, isRun, type RowBlockGroup } from './numericRowBlock.js';
import { lerpGathered, patchSegments, type SegmentTables, segmentTables } from './segmentPatch.js';

/** The per-row codes of a categorical feature: the smallest integer array that holds them. */
export type CodeArray = Int8Array | Int16Array | Int32Array;

/** The values of a numeric feature: a typed array (NaN marks a missing value in float arrays). */
export type NumericValues = NumericColumn['values'];

/**
 * The storage of an {@link EncodedMatrix}, per feature (in `features` order). A categorical
 * feature's codes are its output slot per row: the one-hot column within its block, or the
 * ordinal code; `-1` means none (an ignored unknown category or the dropped column: all zeros in
 * one-hot, `unknownValue` in ordinal).
 * @internal
 */
export interface EncodedParts {
  /** Number of rows. */
  readonly rows: number;
  /** Number of output columns. */
  readonly columns: number;
  /** The features, in output order. */
  readonly features: ReadonlyArray<EncodedFeature>;
  /** Per feature: the codes of a categorical feature, else null. */
  readonly codes: ReadonlyArray<CodeArray | null>;
  /** Per feature: the values of a numeric feature (referenced or owned), else null. */
  readonly values: ReadonlyArray<NumericValues | null>;
  /** Per feature: whether a numeric feature has missing (NaN) values. */
  readonly hasMissing: ReadonlyArray<boolean>;
}

/** The smallest code array for codes `-1 … maxCode`. @internal */
export function codeArrayFor(maxCode: number, n: number): CodeArray {
  return maxCode <= 127 ? new Int8Array(n) : maxCode <= 32767 ? new Int16Array(n) : new Int32Array(n);
}

/**
 * The row-major copies of a storage's numeric columns, once built (shared by every view of the
 * storage: the Encoder's matrix and its Scaler's).
 */
const rowBlocks = new WeakMap<EncodedParts, RowBlockGroup[]>();

/**
 * The row-major copy of a storage's codes, built with {@link rowBlocks}: per row the code of every
 * one-hot feature, then of every ordinal feature (in feature order), so a random row's codes are
 * one read instead of one per feature.
 */
const codeBlocks = new WeakMap<EncodedParts, Int16Array | Int32Array>();

/**
 * When random gathers make the row-major copy pay: after a quarter of the rows has been gathered
 * out of order (so one epoch of mini-batches uses it), for at least this many rows and numeric
 * columns.
 */
const ROW_BLOCK_MIN_ROWS = 4096;
const ROW_BLOCK_MIN_COLUMNS = 8;

/**
 * An encoded table stored compactly: a {@link RowSource} whose rows are expanded on demand.
 *
 * @remarks
 * - **Storage**: one code per row per categorical feature (1 byte up to 127 output columns per
 *   feature, 2 bytes up to 32,767), plus the numeric columns. Numeric columns of a
 *   `ColumnarTable` input are **referenced, not copied** (so do not write to them while the
 *   matrix is in use); from row objects they are read into one `Float64Array` each. A million
 *   rows with 15 categorical features take 15 MB of codes, where the dense one-hot matrix of ~420
 *   float32 columns would take 1.6 GiB.
 * - **Values**: {@link EncodedMatrix.gatherRows} writes exactly what the Encoder's dense output
 *   holds, rounded to float32: one-hot blocks, ordinal codes (`unknownValue` for an unknown),
 *   numeric values with missing values imputed at gather time. {@link EncodedMatrix.toMatrix}
 *   gives the dense float64 matrix itself (small data only).
 * - **Scaled**: a Scaler's `transform` of an EncodedMatrix returns an EncodedMatrix with the same
 *   storage and `scaled: true`, whose rows are the scaled rows: every output column's values are
 *   computed by the Scaler's formula (tables per code for categorical columns), so gathering
 *   gives the dense Scaler's result rounded once to float32, without any copy.
 * - {@link EncodedMatrix.features} says which output columns each input feature fills (one-hot
 *   blocks for SMOTENC-style consumers), {@link EncodedMatrix.slotCounts} how often each
 *   category occurs — the exact per-column statistics of the categorical columns.
 *
 * @example
 * ```ts
 * import { Encoder } from 'imbalanced-tabular';
 * const enc = new Encoder({ categorical: ['AREA'], numeric: ['Age'], output: 'compact', impute: 'mean' });
 * const X = enc.fitTransform([{ AREA: 'Central', Age: 30 }, { AREA: 'Newton', Age: null }]);
 * const out = new Float32Array(2 * X.columns);
 * X.gatherRows([1, 0], out); // [0, 1, 30, 1, 0, 30]
 * X.slotCounts(0);           // Float64Array [1, 1]
 * ```
 */
export class EncodedMatrix implements RowSource {
  /** Number of rows. */
  readonly rows: number;
  /** Number of output columns (as many as the Encoder's `featureNames()`). */
  readonly columns: number;
  /** The input features in output order, each with the output columns it fills. */
  readonly features: ReadonlyArray<EncodedFeature>;
  /** Whether the values are a Scaler's output (a map other than the Encoder's identity). */
  readonly scaled: boolean;
  private readonly parts: EncodedParts;
  private readonly colMap: ColumnMap;
  private readonly hot: CodeSlot[] = [];
  private readonly ordinal: CodeSlot[] = [];
  private readonly numeric: NumericSlot[] = [];
  private readonly counts = new Map<number, Float64Array>();
  /** Rows gathered out of order so far (until the row-major copy is built). */
  private scattered = 0;
  /** The float32 row gathers start from when byte columns are looked up (see `byteBaseRow`). */
  private baseRow32: Float32Array | undefined;
  /** The row-major groups with this view's numeric slots (its formulas), once the copy exists. */
  private blockSlots: BlockSlots[] | undefined;
  /** The tables of `placeSegments`' patch once the row-major copy exists (null: −0 in a table). */
  private segments: SegmentTables | null | undefined;
  /** Whether a categorical table's float32 output can be ±Infinity (see `codesLeaveFloat32`). */
  private readonly codes32Overflow: boolean;

  /**
   * Built by the Encoder (and a Scaler); not constructed directly.
   * @internal
   */
  constructor(parts: EncodedParts, map?: ColumnMap) {
    this.parts = parts;
    this.rows = parts.rows;
    this.columns = parts.columns;
    this.features = parts.features;
    this.scaled = map !== undefined;
    this.colMap = map ?? identityMap(parts.features, parts.columns);
    this.codes32Overflow = codesLeaveFloat32(this.colMap);
    parts.features.forEach((f, i) => {
      const codes = parts.codes[i];
      if (f.kind === 'onehot') {
        this.hot.push({ offset: f.offset, width: f.width, codes: codes as CodeArray, table: null, table32: null });
      } else if (f.kind === 'ordinal') {
        const table = this.colMap.ordinal[i] as Float64Array;
        const table32 = this.colMap.ordinal32[i] as Float32Array;
        this.ordinal.push({ offset: f.offset, width: 1, codes: codes as CodeArray, table, table32 });
      } else {
        const formula = this.colMap.numeric[i] ?? IDENTITY;
        this.numeric.push({
          offset: f.offset,
          values: parts.values[i] as NumericValues,
          impute: f.imputeValue,
          formula,
        });
      }
    });
  }

  /**
   * Writes rows `indices[0]`, `indices[1]`, … into `out`, row-major, one-hot expanded (see
   * {@link RowSource.gatherRows}).
   * @param indices - Row indices (may repeat).
   * @param out - At least `indices.length × columns` values.
   * @throws {@link DataValidationError} for a short `out` or an index out of range.
   */
  gatherRows(indices: ArrayLike<number>, out: Float32Array): void {
    checkGather('EncodedMatrix', this.rows, this.columns, indices, out);
    this.writeRows(indices, indices.length, out, true);
    if (this.codes32Overflow)
      checkCodeOutputs(this.hot, this.ordinal, this.colMap, indices, indices.length, this.columns, out);
  }

  /** Writes row `indices[t]` into row `at[t]` of `out` (a lazy sampler's batch; a `PlacingRowSource`). @internal */
  placeRows(indices: ArrayLike<number>, out: Float32Array, at: ArrayLike<number>): void {
    if (!this.codes32Overflow) {
      this.writeRows(indices, indices.length, out, true, false, at);
      return;
    }
    const rows = new Float32Array(indices.length * this.columns);
    this.gatherRows(indices, rows);
    for (let t = 0; t < indices.length; t++)
      out.set(rows.subarray(t * this.columns, (t + 1) * this.columns), (at[t] as number) * this.columns);
  }

  /**
   * Writes the point `x_b + steps[t] · (x_n − x_b)` of rows `base[t]` and `neighbor[t]` into row
   * `at[t]` of `out`, with the bits of gathering both and interpolating (see `segmentPatch.ts`).
   * @internal
   */
  placeSegments(
    base: ArrayLike<number>,
    neighbor: ArrayLike<number>,
    steps: ArrayLike<number>,
    out: Float32Array,
    at: ArrayLike<number>,
  ): void {
    this.placeRows(base, out, at);
    const codeRows = codeBlocks.get(this.parts);
    if (this.codes32Overflow || codeRows === undefined || this.blockSlots === undefined) {
      lerpGathered(this, neighbor, steps, out, at);
      return;
    }
    this.segments ??=
      segmentTables({
        cols: this.columns,
        hot: this.hot,
        ordinal: this.ordinal,
        zero32: this.colMap.zero32,
        one32: this.colMap.one32,
        codeRows,
        groups: this.blockSlots,
      }) ?? null;
    if (this.segments === null) lerpGathered(this, neighbor, steps, out, at);
    else patchSegments(this.segments, base, neighbor, steps, out, at);
  }

  /**
   * The dense float64 matrix (exactly the Encoder's `output: 'matrix'` result, or the dense
   * Scaler's result when scaled). Needs `rows × columns × 8` bytes: for small data.
   * @returns A fresh `Matrix`.
   */
  toMatrix(): Matrix {
    const out = denseBuffer(Float64Array, this.rows, this.columns, 'toMatrix');
    this.writeRows(null, this.rows, out, false, true);
    return fromDense(out, this.rows, this.columns);
  }

  /**
   * The dense float32 matrix (the rows of {@link EncodedMatrix.gatherRows}, all of them). Needs
   * `rows × columns × 4` bytes.
   * @returns A fresh {@link Float32Matrix}.
   */
  toFloat32Matrix(): Float32Matrix {
    const out = denseBuffer(Float32Array, this.rows, this.columns, 'toFloat32Matrix');
    this.writeRows(null, this.rows, out, true, true);
    if (this.codes32Overflow) checkCodeOutputs(this.hot, this.ordinal, this.colMap, null, this.rows, this.columns, out);
    return new Float32Matrix(out, this.rows, this.columns);
  }

  /**
   * How many rows fall in each output slot of categorical feature `feature`: per one-hot column
   * of its block (`width` counts), or per ordinal code (`nCodes` counts). The rows in no slot
   * (ignored unknown categories, the dropped column) are `rows` minus their sum. These counts are
   * the exact column statistics: a one-hot column with count `c` has mean `c / rows`.
   * @param feature - Index into {@link EncodedMatrix.features} of a categorical feature.
   * @returns The counts (computed once, then cached; do not modify).
   * @throws {@link DataValidationError} when the feature is not categorical.
   */
  slotCounts(feature: number): Float64Array {
    const cached = this.counts.get(feature);
    if (cached !== undefined) return cached;
    const codes = this.featureCodes(feature);
    const f = this.features[feature] as EncodedFeature;
    const counts = new Float64Array(f.kind === 'ordinal' ? f.nCodes : f.width);
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i] as number;
      if (c >= 0) counts[c] = (counts[c] as number) + 1;
    }
    this.counts.set(feature, counts);
    return counts;
  }

  /**
   * The stored codes of categorical feature `feature`: per row, its output slot (the one-hot
   * column within the block, or the ordinal code), `-1` for none. This is the storage itself, for
   * consumers that work on codes (a categorical neighbour vote, a class split): do not modify it.
   * @param feature - Index into {@link EncodedMatrix.features} of a categorical feature.
   * @returns The codes, one per row.
   * @throws {@link DataValidationError} when the feature is not categorical.
   */
  featureCodes(feature: number): CodeArray {
    const codes = this.parts.codes[feature];
    if (codes === null || codes === undefined) {
      throw new DataValidationError(
        `EncodedMatrix: feature ${feature} is not a categorical feature (features 0..${this.features.length - 1}; ` +
          'see features[i].kind).',
        { param: 'feature' },
      );
    }
    return codes;
  }

  /** The storage (for a Scaler computing exact statistics from it). @internal */
  get storage(): EncodedParts {
    return this.parts;
  }

  /** The same storage under another column map (a Scaler's transform). @internal */
  withMap(map: ColumnMap): EncodedMatrix {
    return new EncodedMatrix(this.parts, map);
  }

  /**
   * Writes `count` rows into `out` (row `t` at offset `t × columns`): rows `indices[t]`, or rows
   * `0 … count − 1` when `indices` is null; `fresh` says `out` is all zeros. Chunk by chunk of
   * rows (a few hundred kilobytes, so they stay in cache), feature by feature within a chunk:
   * each inner loop is one typed-array read and one write per row. With `at`, row `t` goes to row
   * `at[t]` of `out` instead.
   */
  private writeRows(
    indices: ArrayLike<number> | null,
    count: number,
    out: Float32Array | Float64Array,
    f32: boolean,
    fresh = false,
    at: ArrayLike<number> | null = null,
  ): void {
    if (this.rows > 0) refuseDetachedColumns(this.numeric, [this.hot, this.ordinal]);
    const cols = this.columns;
    const m = this.colMap;
    const zero = f32 ? m.zero32 : m.zero;
    const one = f32 ? m.one32 : m.one;
    // every column not in a one-hot block is written below; one-hot blocks start from `zero`
    const fill = this.hot.length > 0 && !(fresh && zero.every((z) => z === 0));
    const chunk = Math.max(8, Math.floor(CHUNK_VALUES / Math.max(1, cols)));
    const block = this.rowBlockSlots(indices, count);
    // with byte columns looked up: rows start from a base row that holds their outputs at 0 too,
    // and only their non-zero values are written
    const base = f32 && block !== undefined ? this.byteBaseRow(block) : undefined;
    const codeRows = block !== undefined ? codeBlocks.get(this.parts) : undefined;
    for (let t0 = 0; t0 < count; t0 += chunk) {
      const t1 = Math.min(count, t0 + chunk);
      if (base !== undefined) for (let t = t0; t < t1; t++) out.set(base, rowAt(at, t) * cols);
      else if (fill) for (let t = t0; t < t1; t++) out.set(zero, rowAt(at, t) * cols);
      if (codeRows !== undefined) {
        const nHot = this.hot.length;
        const width = nHot + this.ordinal.length;
        const tables = this.ordinal.map((o) => (f32 ? o.table32 : o.table) as Float32Array | Float64Array);
        for (let t = t0; t < t1; t++) {
          const from = ((indices as ArrayLike<number>)[t] as number) * width;
          const off = rowAt(at, t) * cols;
          for (let h = 0; h < nHot; h++) {
            const c = codeRows[from + h] as number;
            if (c >= 0) {
              const col = (this.hot[h] as CodeSlot).offset + c;
              out[off + col] = one[col] as number;
            }
          }
          for (let k = 0; k < width - nHot; k++) {
            const table = tables[k] as Float32Array | Float64Array;
            out[off + (this.ordinal[k] as CodeSlot).offset] = table[
              (codeRows[from + nHot + k] as number) + 1
            ] as number;
          }
        }
      } else {
        writeCodes(
          this.hot,
          this.ordinal,
          f32 ? this.colMap.one32 : this.colMap.one,
          f32,
          cols,
          indices,
          t0,
          t1,
          out,
          at,
        );
      }
      if (block !== undefined) {
        for (const g of block) {
          const { width, sparse } = g;
          const lut = f32 ? g.lut32 : undefined;
          if (sparse !== undefined && lut !== undefined) {
            // mostly-zero byte columns: only each row's non-zero entries
            const { start, col, val } = sparse;
            const offsets = g.offsets;
            for (let t = t0; t < t1; t++) {
              const row = (indices as ArrayLike<number>)[t] as number;
              const off = rowAt(at, t) * cols;
              for (let e = start[row] as number, end = start[row + 1] as number; e < end; e++) {
                const j = col[e] as number;
                out[off + (offsets[j] as number)] = lut[(j << 8) | (val[e] as number)] as number;
              }
            }
            continue;
          }
          const data = sparse !== undefined ? new Uint8Array(width) : g.data;
          if (lut !== undefined) {
            // byte columns (indicators, small counts): each value's output looked up, not computed
            const offsets = g.offsets;
            for (let t = t0; t < t1; t++) {
              const from = ((indices as ArrayLike<number>)[t] as number) * width;
              const off = rowAt(at, t) * cols;
              for (let j = 0; j < width; j++) {
                const v = data[from + j] as number;
                if (v !== 0) out[off + (offsets[j] as number)] = lut[(j << 8) | v] as number;
              }
            }
            continue;
          }
          const slots = g.slots;
          for (let t = t0; t < t1; t++) {
            const row = (indices as ArrayLike<number>)[t] as number;
            // a sparse group's row is rebuilt in `data` (the checked path, for extreme formulas)
            if (sparse !== undefined) expandRow(sparse, row, data as Uint8Array);
            const at0 = sparse !== undefined ? 0 : row * width;
            for (let j = 0, off = rowAt(at, t) * cols; j < width; j++) {
              const n = slots[j] as NumericSlot;
              const x = data[at0 + j] as number;
              const v = Number.isNaN(x) ? n.impute : x;
              const y = applyFormula(n.formula, v);
              out[off + n.offset] = y;
              const w = out[off + n.offset] as number;
              if ((w === INF || w === -INF) && v - v === 0) throw beyondOutput('EncodedMatrix', row, n.offset, y);
            }
          }
        }
        continue;
      }
      for (const n of this.numeric) {
        const { values, impute, formula } = n;
        for (let t = t0; t < t1; t++) {
          const off = rowAt(at, t) * cols + n.offset;
          const x = values[indices === null ? t : (indices[t] as number)] as number;
          const v = Number.isNaN(x) ? impute : x;
          const y = applyFormula(formula, v);
          out[off] = y;
          const w = out[off] as number;
          if ((w === INF || w === -INF) && v - v === 0)
            throw beyondOutput('EncodedMatrix', indices === null ? t : (indices[t] as number), n.offset, y);
        }
      }
    }
  }

  /**
   * The row-major copy of the numeric columns for a gather of `indices` (count rows), or undefined
   * for the column-by-column path: built once rows have been gathered out of order often enough to
   * pay for it (see {@link ROW_BLOCK_MIN_ROWS}); gives the same values.
   */
  private rowBlockSlots(indices: ArrayLike<number> | null, count: number): BlockSlots[] | undefined {
    const groups = this.rowBlock(indices, count);
    if (groups === undefined) return undefined;
    this.blockSlots ??= groups.map((g) =>
      blockSlots(
        g,
        Array.from(g.slots, (i) => this.numeric[i] as NumericSlot),
      ),
    );
    return this.blockSlots;
  }

  /**
   * The float32 zero row (one-hot columns at their absent value) with every looked-up byte
   * column at its output for 0, or undefined when no group is looked up.
   */
  private byteBaseRow(block: BlockSlots[]): Float32Array | undefined {
    if (this.baseRow32 !== undefined) return this.baseRow32;
    if (!block.some((g) => g.lut32 !== undefined)) return undefined;
    const row = Float32Array.from(this.colMap.zero32);
    for (const g of block) {
      if (g.lut32 === undefined) continue;
      for (let j = 0; j < g.width; j++) row[g.offsets[j] as number] = g.lut32[j << 8] as number;
    }
    this.baseRow32 = row;
    return row;
  }

  /** The row-major copy of the numeric columns (see {@link EncodedMatrix.rowBlockSlots}). */
  private rowBlock(indices: ArrayLike<number> | null, count: number): RowBlockGroup[] | undefined {
    if (indices === null || count < 2) return undefined;
    if (this.numeric.length + this.hot.length + this.ordinal.length < ROW_BLOCK_MIN_COLUMNS) return undefined;
    const built = rowBlocks.get(this.parts);
    if (built !== undefined) return built;
    if (this.rows < ROW_BLOCK_MIN_ROWS || isRun(indices, count)) return undefined;
    this.scattered += count;
    if (this.scattered < this.rows / 4) return undefined;
    const block = buildRowBlock(
      this.numeric.map((n) => n.values),
      this.rows,
    );
    rowBlocks.set(this.parts, block);
    codeBlocks.set(this.parts, codeRowBlock([...this.hot, ...this.ordinal], this.rows));
    return block;
  }
}

/** Values written per chunk of rows by `writeRows`: 64 Ki (256–512 KiB). */
const CHUNK_VALUES = 2 ** 16;
