/**
 * The per-column statistics a {@link Scaler} learns from, whatever form the data has: a dense
 * buffer (or row blocks read in place), any {@link RowSource} (read in gathered chunks), or an
 * {@link EncodedMatrix} (exactly, from category counts and the numeric columns — no row is
 * expanded).
 *
 * @internal
 * @module
 */
import type { RowSource } from '../core/rowSource.js';
import { countedMeanVariance, countedMinMax, countedSortedAt, integerCounts } from '../core/stats/countedStats.js';
import { nanCount } from '../core/stats/nanCount.js';
import { type MeanVariance, nanMeanVariance } from '../core/stats/nanMeanVariance.js';
import { type MinMax, nanMinMax } from '../core/stats/nanMinMax.js';
import { nanSortedColumn, nanSortedColumns } from '../core/stats/nanSortedColumn.js';
import type { RowBlocks } from '../core/stats/rowBlocks.js';
import type { EncodedMatrix, NumericValues } from './EncodedMatrix.js';
import type { NumericFeature } from './encodedFeature.js';

/** A column sorted ascending (NaN dropped), read by position. @internal */
export interface SortedColumn {
  /** Number of values. */
  readonly n: number;
  /** The `i`-th smallest value. */
  at(i: number): number;
}

/** What the Scaler asks of its training data, per column. @internal */
export interface ColumnStats {
  /** Number of columns. */
  readonly cols: number;
  /** Per column, the number of non-NaN values. */
  count(): Float64Array;
  /** Mean and population variance of `columns` (NaN elsewhere). */
  meanVariance(columns: Int32Array, count: Float64Array): MeanVariance;
  /** Minimum and maximum of `columns` (NaN elsewhere). */
  minMax(columns: Int32Array): MinMax;
  /** Calls `use(t, sorted)` for each `columns[t]` with that column sorted (one or a few columns at a time). */
  sorted(columns: Int32Array, use: (t: number, sorted: SortedColumn) => void): void;
}

const sortedArray = (v: Float64Array): SortedColumn => ({ n: v.length, at: (i) => v[i] as number });

/** The statistics of a row-major buffer or of row blocks (each column sorted alone). @internal */
export function denseStats(data: ArrayLike<number> | RowBlocks, cols: number): ColumnStats {
  return {
    cols,
    count: () => nanCount(data, cols),
    meanVariance: (columns, count) => nanMeanVariance(data, cols, columns, count),
    minMax: (columns) => nanMinMax(data, cols, columns),
    sorted(columns, use) {
      columns.forEach((j, t) => use(t, sortedArray(nanSortedColumn(data, cols, j))));
    },
  };
}

/**
 * Values held while sorting columns of a row source: 16 Mi float64 (128 MiB), so that a wide
 * source is sorted a group of columns per pass instead of one column per pass.
 */
const SORT_BUDGET = 2 ** 24;
/** Values gathered per chunk when reading a row source: 2 Mi float32 (8 MiB). */
const CHUNK_VALUES = 2 ** 21;

/** The rows of a row source, as blocks of gathered chunks (float32, as the source holds them). @internal */
export function rowSourceBlocks(X: RowSource): RowBlocks {
  const cols = X.columns;
  const chunk = Math.max(1, Math.min(X.rows, Math.floor(CHUNK_VALUES / Math.max(1, cols))));
  return (visit) => {
    const buf = new Float32Array(chunk * cols);
    const idx = new Int32Array(chunk);
    for (let start = 0; start < X.rows; start += chunk) {
      const m = Math.min(chunk, X.rows - start);
      for (let t = 0; t < m; t++) idx[t] = start + t;
      X.gatherRows(idx.subarray(0, m), buf);
      visit(buf, m);
    }
  };
}

/** The statistics of any row source, read in chunks. @internal */
export function rowSourceStats(X: RowSource): ColumnStats {
  const cols = X.columns;
  const blocks = rowSourceBlocks(X);
  const dense = denseStats(blocks, cols);
  return {
    ...dense,
    sorted(columns, use) {
      const group = Math.max(1, Math.floor(SORT_BUDGET / Math.max(1, X.rows)));
      for (let s = 0; s < columns.length; s += group) {
        const part = columns.subarray(s, s + group);
        nanSortedColumns(blocks, cols, part).forEach((v, t) => use(s + t, sortedArray(v)));
      }
    },
  };
}

/** How one output column of an EncodedMatrix is computed from its storage. */
type Source =
  | { kind: 'counted'; values: Float64Array; counts: Float64Array }
  | { kind: 'numeric'; values: ArrayLike<number> | RowBlocks };

/**
 * The exact statistics of an unscaled {@link EncodedMatrix}: a one-hot column takes values 0 and 1
 * with its category count, an ordinal column its codes with their counts (and `unknownValue` for
 * the rows of no category, unless it is NaN), a numeric column its values with missing values
 * imputed as the matrix writes them.
 * @internal
 */
export function encodedStats(X: EncodedMatrix): ColumnStats {
  const cols = X.columns;
  const sources = new Array<Source>(cols);
  X.features.forEach((f, i) => {
    if (f.kind === 'numeric') {
      sources[f.offset] = { kind: 'numeric', values: imputed(X, i, f) };
      return;
    }
    const counts = X.slotCounts(i);
    let none = X.rows;
    for (let k = 0; k < counts.length; k++) none -= counts[k] as number;
    if (f.kind === 'onehot') {
      for (let k = 0; k < f.width; k++) {
        const c = counts[k] as number;
        sources[f.offset + k] = {
          kind: 'counted',
          values: Float64Array.of(0, 1),
          counts: Float64Array.of(X.rows - c, c),
        };
      }
      return;
    }
    // values ascending: unknownValue is NaN (left out: it is missing) or a negative integer
    const codes = Float64Array.from({ length: f.nCodes }, (_, k) => k);
    sources[f.offset] = Number.isNaN(f.unknownValue)
      ? { kind: 'counted', values: codes, counts }
      : {
          kind: 'counted',
          values: Float64Array.of(f.unknownValue, ...codes),
          counts: Float64Array.of(none, ...counts),
        };
  });
  const perColumn = (columns: Int32Array, fill: (j: number, s: Source) => void): void => {
    columns.forEach((j) => fill(j, sources[j] as Source));
  };
  return {
    cols,
    count() {
      const count = new Float64Array(cols);
      sources.forEach((s, j) => {
        count[j] = s.kind === 'counted' ? s.counts.reduce((a, b) => a + b, 0) : (nanCount(s.values, 1)[0] as number);
      });
      return count;
    },
    meanVariance(columns, count) {
      const mean = new Float64Array(cols).fill(NaN);
      const variance = new Float64Array(cols).fill(NaN);
      perColumn(columns, (j, s) => {
        const r =
          s.kind === 'counted'
            ? countedMeanVariance(s.values, s.counts)
            : (() => {
                const mv = nanMeanVariance(s.values, 1, [0], [count[j] as number]);
                return { mean: mv.mean[0] as number, variance: mv.variance[0] as number };
              })();
        mean[j] = r.mean;
        variance[j] = r.variance;
      });
      return { mean, variance };
    },
    minMax(columns) {
      const min = new Float64Array(cols).fill(NaN);
      const max = new Float64Array(cols).fill(NaN);
      perColumn(columns, (j, s) => {
        if (s.kind === 'counted') {
          const r = countedMinMax(s.values, s.counts);
          min[j] = r.min;
          max[j] = r.max;
        } else {
          const r = nanMinMax(s.values, 1, [0]);
          min[j] = r.min[0] as number;
          max[j] = r.max[0] as number;
        }
      });
      return { min, max };
    },
    sorted(columns, use) {
      columns.forEach((j, t) => {
        const s = sources[j] as Source;
        if (s.kind === 'counted') {
          use(t, countedSortedAt(s.values, s.counts));
          return;
        }
        // an 8- or 16-bit integer column (0/1 indicators) is sorted by counting its values
        const vc = typeof s.values === 'function' ? undefined : integerCounts(s.values);
        use(t, vc !== undefined ? countedSortedAt(vc.values, vc.counts) : sortedArray(nanSortedColumn(s.values, 1, 0)));
      });
    },
  };
}

/** Values of an imputed column copied per block: 64 Ki float64. */
const IMPUTE_BLOCK = 2 ** 16;

/**
 * The values of numeric feature `i` as the matrix writes them: missing values imputed — as blocks
 * of substituted copies, so no full-length copy is made.
 */
function imputed(X: EncodedMatrix, i: number, f: NumericFeature): ArrayLike<number> | RowBlocks {
  const values = X.storage.values[i] as NumericValues;
  const fill = f.imputeValue;
  if (!X.storage.hasMissing[i] || Number.isNaN(fill)) return values;
  return (visit) => {
    const buf = new Float64Array(Math.min(IMPUTE_BLOCK, values.length));
    for (let start = 0; start < values.length; start += buf.length) {
      const m = Math.min(buf.length, values.length - start);
      for (let r = 0; r < m; r++) {
        const x = values[start + r] as number;
        buf[r] = Number.isNaN(x) ? fill : x;
      }
      visit(buf, m);
    }
  };
}
