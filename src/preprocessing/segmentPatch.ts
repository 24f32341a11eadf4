/**
 * Points of segments between two rows of an `EncodedMatrix`, written without gathering either row:
 * the base row is placed, then only the values where the neighbour row differs are interpolated.
 *
 * @remarks
 * A synthetic SMOTE row is `x_b + s · (x_n − x_b)`. In an encoded row most values come from a few
 * codes (a one-hot block is one code; an indicator block a row's few non-zero entries), and where
 * two rows have the same code their values are equal, so the point is `x_b` there: `x_b + s · 0`
 * is `x_b` exactly — unless `x_b` is −0, which the sum makes +0; so this path is taken only when
 * no table value is −0 ({@link segmentTables}). Where codes differ, both values are read from the
 * same tables a gather reads and interpolated with the same float64 expression, so the bits are
 * those of gathering both rows and interpolating every value. Numeric columns that are not looked
 * up are interpolated value by value, as a gather computes them.
 *
 * @internal
 * @module
 */
import { beyondOutput, type RowSource } from '../core/rowSource.js';
import { applyFormula } from './columnMap.js';
import { type BlockSlots, type CodeSlot, expandRow, INF, type NumericSlot } from './encodedRowSlots.js';

/** What the patch reads: a view's code tables and its row-major copies. @internal */
export interface SegmentTables {
  /** Output columns. */
  readonly cols: number;
  /** Per one-hot feature, the first column of its block (in code-row order). */
  readonly hot: ReadonlyArray<CodeSlot>;
  /** The ordinal features (in code-row order, after the one-hot ones). */
  readonly ordinal: ReadonlyArray<CodeSlot>;
  /** The float32 value of every column when its one-hot code is absent / present. */
  readonly zero32: Float32Array;
  readonly one32: Float32Array;
  /** Per row, the codes of every one-hot then ordinal feature. */
  readonly codeRows: Int16Array | Int32Array;
  /** The row-major numeric groups compiled for the view. */
  readonly groups: ReadonlyArray<BlockSlots>;
}

/** Whether any value of `t` is −0. */
function holdsNegativeZero(t: ArrayLike<number> | null | undefined): boolean {
  if (t === null || t === undefined) return false;
  for (let i = 0; i < t.length; i++) if ((t[i] as number) === 0 && 1 / (t[i] as number) < 0) return true;
  return false;
}

/**
 * The tables of a view, or undefined when one of its looked-up values is −0 (then a skipped equal
 * value would keep the −0 that interpolation turns into +0: the caller interpolates every value).
 * @internal
 */
export function segmentTables(t: SegmentTables): SegmentTables | undefined {
  const tables: Array<ArrayLike<number> | null | undefined> = [t.zero32, t.one32];
  for (const o of t.ordinal) tables.push(o.table32);
  for (const g of t.groups) tables.push(g.lut32);
  return tables.some(holdsNegativeZero) ? undefined : t;
}

/**
 * Interpolates, in rows `at[t]` of `out` that already hold the base rows `base[t]`, the values
 * where row `neighbor[t]` differs: `x_b + steps[t] · (x_n − x_b)` rounded to float32.
 * @throws DataValidationError when a numeric value of a neighbour row is beyond float32 (as a
 *   gather of it would).
 * @internal
 */
export function patchSegments(
  tab: SegmentTables,
  base: ArrayLike<number>,
  neighbor: ArrayLike<number>,
  steps: ArrayLike<number>,
  out: Float32Array,
  at: ArrayLike<number>,
): void {
  const { cols, hot, ordinal, zero32, one32, codeRows, groups } = tab;
  const nHot = hot.length;
  const width = nHot + ordinal.length;
  let scratch: Uint8Array | undefined;
  for (let t = 0; t < base.length; t++) {
    const b = base[t] as number;
    const n = neighbor[t] as number;
    const s = steps[t] as number;
    const off = (at[t] as number) * cols;
    const cb0 = b * width;
    const cn0 = n * width;
    for (let h = 0; h < nHot; h++) {
      const cb = codeRows[cb0 + h] as number;
      const cn = codeRows[cn0 + h] as number;
      if (cb === cn) continue;
      const first = (hot[h] as CodeSlot).offset;
      if (cb >= 0) {
        const xb = one32[first + cb] as number;
        out[off + first + cb] = xb + s * ((zero32[first + cb] as number) - xb);
      }
      if (cn >= 0) {
        const xb = zero32[first + cn] as number;
        out[off + first + cn] = xb + s * ((one32[first + cn] as number) - xb);
      }
    }
    for (let k = nHot; k < width; k++) {
      const cb = codeRows[cb0 + k] as number;
      const cn = codeRows[cn0 + k] as number;
      if (cb === cn) continue;
      const o = ordinal[k - nHot] as CodeSlot;
      const table = o.table32 as Float32Array;
      const xb = table[cb + 1] as number;
      out[off + o.offset] = xb + s * ((table[cn + 1] as number) - xb);
    }
    for (const g of groups) {
      const { sparse, lut32: lut, offsets, width: w } = g;
      if (lut !== undefined && sparse !== undefined) {
        // both rows' non-zero entries, merged in column order
        const { start, col, val } = sparse;
        let eb = start[b] as number;
        let en = start[n] as number;
        const endB = start[b + 1] as number;
        const endN = start[n + 1] as number;
        while (eb < endB || en < endN) {
          const jb = eb < endB ? (col[eb] as number) : w;
          const jn = en < endN ? (col[en] as number) : w;
          const j = jb < jn ? jb : jn;
          const vb = jb === j ? (val[eb++] as number) : 0;
          const vn = jn === j ? (val[en++] as number) : 0;
          if (vb === vn) continue;
          const xb = lut[(j << 8) | vb] as number;
          out[off + (offsets[j] as number)] = xb + s * ((lut[(j << 8) | vn] as number) - xb);
        }
        continue;
      }
      const data = g.data;
      if (lut !== undefined) {
        for (let j = 0, ib = b * w, jn = n * w; j < w; j++) {
          const vb = data[ib + j] as number;
          const vn = data[jn + j] as number;
          if (vb === vn) continue;
          const xb = lut[(j << 8) | vb] as number;
          out[off + (offsets[j] as number)] = xb + s * ((lut[(j << 8) | vn] as number) - xb);
        }
        continue;
      }
      // computed columns: every value of the neighbour as a gather computes it
      let row: ArrayLike<number> = data;
      let from = n * w;
      if (sparse !== undefined) {
        scratch ??= new Uint8Array(w);
        expandRow(sparse, n, scratch);
        row = scratch;
        from = 0;
      }
      for (let j = 0; j < w; j++) {
        const slot = g.slots[j] as NumericSlot;
        const x = row[from + j] as number;
        const v = Number.isNaN(x) ? slot.impute : x;
        const y = applyFormula(slot.formula, v);
        const xn = Math.fround(y);
        if ((xn === INF || xn === -INF) && v - v === 0) throw beyondOutput('EncodedMatrix', n, slot.offset, y);
        const xb = out[off + slot.offset] as number;
        out[off + slot.offset] = xb + s * (xn - xb);
      }
    }
  }
}

/** Rows gathered per chunk by {@link lerpGathered}. */
const CHUNK_ROWS = 256;

/**
 * The general form of {@link patchSegments}: gathers the neighbour rows (a chunk at a time) and
 * interpolates every value of rows `at[t]` of `out`, which hold the base rows. @internal
 */
export function lerpGathered(
  X: RowSource,
  neighbor: ArrayLike<number>,
  steps: ArrayLike<number>,
  out: Float32Array,
  at: ArrayLike<number>,
): void {
  const cols = X.columns;
  const idx = new Int32Array(Math.min(CHUNK_ROWS, neighbor.length));
  const rows = new Float32Array(idx.length * cols);
  for (let t0 = 0; t0 < neighbor.length; t0 += CHUNK_ROWS) {
    const t1 = Math.min(neighbor.length, t0 + CHUNK_ROWS);
    for (let t = t0; t < t1; t++) idx[t - t0] = neighbor[t] as number;
    X.gatherRows(t1 - t0 === idx.length ? idx : idx.subarray(0, t1 - t0), rows);
    for (let t = t0; t < t1; t++) {
      const s = steps[t] as number;
      const off = (at[t] as number) * cols;
      for (let j = 0, r = (t - t0) * cols; j < cols; j++) {
        const xb = out[off + j] as number;
        out[off + j] = xb + s * ((rows[r + j] as number) - xb);
      }
    }
  }
}
