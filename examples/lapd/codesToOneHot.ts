/**
 * A small custom transformer for the SMOTENC pipeline: after SMOTENC has resampled the ORDINAL
 * encoding (one integer-code column per categorical feature, which is what SMOTENC is made for),
 * it one-hot encodes those code columns with the library's Encoder for the MLP, passing the
 * numeric columns through.
 *
 * At full-table scale the same layout is applied lazily: `transform` of a row source (the
 * Encoder's compact ordinal output, scaled) returns a row source that expands the codes of the rows
 * a consumer gathers, and `transformStream` expands the mini-batches of SMOTENC's lazy stream —
 * so neither the one-hot matrix nor the resampled one ever exists.
 *
 * @module
 */
import {
  DataValidationError,
  EncodedMatrix,
  Encoder,
  FORMAT_PREFIX,
  NotFittedError,
  SerializationError,
  type Batch,
  type BatchSource,
  type Envelope,
  type Matrix,
  type RowSource,
} from 'imbalanced-tabular';

/** Options of {@link CodesToOneHot}. */
export interface CodesToOneHotOptions {
  /** Indices of the columns that hold integer category codes. */
  categorical: number[];
}

const CLASS = 'CodesToOneHot';

/**
 * Numeric matrix whose `categorical` columns hold integer codes → the same rows with those columns
 * one-hot encoded (codes unseen in fit → all zeros), numeric columns after them unchanged.
 *
 * @example
 * new Pipeline([
 *   ['encode', new Encoder({ encoding: 'ordinal', ... })],
 *   ['smotenc', new SMOTENC({ categoricalFeatures: [0, 1] })],
 *   ['onehot', new CodesToOneHot({ categorical: [0, 1] })],
 *   ['mlp', mlp],
 * ]);
 */
export class CodesToOneHot {
  /** The options. */
  readonly params: Readonly<CodesToOneHotOptions>;
  private encoder: Encoder | undefined;
  private nCols = 0;

  constructor(options: CodesToOneHotOptions) {
    this.params = Object.freeze({ categorical: [...options.categorical] });
  }

  private table(X: Matrix): { columns: string[]; rows: number[][] } {
    return { columns: Array.from({ length: X.columns }, (_, j) => `c${j}`), rows: X.to2DArray() };
  }

  /**
   * Learns the codes of each categorical column: those present in `X`, or — for an ordinal
   * {@link EncodedMatrix} — every code `0 … nCodes − 1` its features declare (the rows are never read).
   */
  fit(X: Matrix | EncodedMatrix): this {
    return X instanceof EncodedMatrix ? this.fitCodes(X, X.columns) : this.learn(this.table(X), X.columns);
  }

  /**
   * Learns the codes of an Encoder's ordinal output `codes` for rows of `width` columns that start
   * with it (a ColumnTransformer's output: the codes, then target encodings); the rows are never read.
   */
  fitCodes(codes: EncodedMatrix, width: number): this {
    return this.learn(this.codeRange(codes, width), width);
  }

  private learn(table: { columns: string[]; rows: number[][] }, width: number): this {
    const cat = new Set(this.params.categorical);
    const names = Array.from({ length: width }, (_, j) => `c${j}`);
    const encoder = new Encoder({
      categorical: names.filter((_, j) => cat.has(j)),
      numeric: names.filter((_, j) => !cat.has(j)),
      handleUnknown: 'ignore',
    });
    encoder.fit(table);
    this.encoder = encoder;
    this.nCols = width;
    this.layout = undefined;
    return this;
  }

  /** A table holding each code `0 … nCodes − 1` of every ordinal column once (numeric columns 0). */
  private codeRange(X: EncodedMatrix, width: number): { columns: string[]; rows: number[][] } {
    const nCodes = new Map<number, number>();
    for (const f of X.features) if (f.kind === 'ordinal') nCodes.set(f.offset, f.nCodes);
    for (const j of this.params.categorical)
      if (!nCodes.has(j))
        throw new DataValidationError(`${CLASS}.fit: column ${j} of X is not an ordinal code column.`, { param: 'X' });
    const n = Math.max(1, ...nCodes.values());
    const rows = Array.from({ length: n }, (_, r) =>
      Array.from({ length: width }, (_, j) => (nCodes.has(j) ? Math.min(r, nCodes.get(j)! - 1) : 0)),
    );
    return { columns: Array.from({ length: width }, (_, j) => `c${j}`), rows };
  }

  /**
   * One-hot encodes the code columns: a Matrix gives a Matrix; a row source gives a row source that
   * expands the rows it is asked for (the same values, in float32).
   */
  transform(X: Matrix): Matrix;
  transform(X: RowSource): RowSource;
  transform(X: Matrix | RowSource): Matrix | RowSource {
    if (!this.encoder) throw new NotFittedError(CLASS, 'transform');
    if ('gatherRows' in X) return new OneHotRows(X, this.oneHotLayout());
    return this.encoder.transform(this.table(X as Matrix));
  }

  /** The mini-batches of `source` (e.g. SMOTENC's lazy stream over the codes) with the code columns one-hot encoded. */
  transformStream(source: BatchSource): BatchSource {
    if (!this.encoder) throw new NotFittedError(CLASS, 'transformStream');
    const layout = this.oneHotLayout();
    return {
      nFeatures: layout.columns,
      classes: source.classes,
      epochRows: source.epochRows,
      epochCounts: source.epochCounts,
      *batches(epoch: number, batchSize: number): Iterable<Batch> {
        let x = new Float32Array(0);
        for (const b of source.batches(epoch, batchSize)) {
          if (x.length < b.size * layout.columns) x = new Float32Array(batchSize * layout.columns);
          expandRows(layout, b.x, b.size, x);
          yield { x, y: b.y, size: b.size };
        }
      },
    };
  }

  private layout: OneHotLayout | undefined;

  /** Where each input column goes: code → one-hot column per categorical column, numeric columns after. */
  private oneHotLayout(): OneHotLayout {
    if (this.layout) return this.layout;
    const st = this.encoder!.fitted;
    const slots: Int32Array[] = [];
    const offsets: number[] = [];
    let offset = 0;
    for (const c of st.categorical) {
      const codes = c.frequent as number[];
      const table = new Int32Array(Math.max(...codes, -1) + 1).fill(-1);
      codes.forEach((v, slot) => {
        table[v] = slot;
      });
      slots.push(table);
      offsets.push(offset);
      offset += codes.length;
    }
    const cat = new Set(this.params.categorical);
    const numeric = Array.from({ length: this.nCols }, (_, j) => j).filter((j) => !cat.has(j));
    this.layout = {
      inColumns: this.nCols,
      columns: offset + numeric.length,
      categorical: Array.from({ length: this.nCols }, (_, j) => j).filter((j) => cat.has(j)),
      slots,
      offsets,
      numeric,
      numericOffset: offset,
    };
    return this.layout;
  }

  /** `fit(X).transform(X)`. */
  fitTransform(X: Matrix): Matrix {
    return this.fit(X).transform(X);
  }

  /** The JSON envelope (the inner Encoder's own JSON as state). */
  toJSON(): Envelope {
    return {
      format: FORMAT_PREFIX + CLASS,
      version: 1,
      params: { categorical: [...this.params.categorical] },
      state: this.encoder ? { nCols: this.nCols, encoder: this.encoder.toJSON() } : null,
    } as Envelope;
  }

  /** Rebuilds a transformer from {@link CodesToOneHot.toJSON}. */
  static fromJSON(json: unknown): CodesToOneHot {
    const doc = (typeof json === 'string' ? JSON.parse(json) : json) as {
      format?: string;
      params?: { categorical?: number[] };
      state?: { nCols: number; encoder: unknown } | null;
    };
    if (doc?.format !== FORMAT_PREFIX + CLASS || !Array.isArray(doc.params?.categorical))
      throw new SerializationError(`${CLASS}.fromJSON: expected an envelope with format '${FORMAT_PREFIX + CLASS}'.`);
    const t = new CodesToOneHot({ categorical: doc.params.categorical });
    if (doc.state) {
      t.encoder = Encoder.fromJSON(doc.state.encoder);
      t.nCols = doc.state.nCols;
    }
    return t;
  }
}

/** How {@link CodesToOneHot} lays out a row: a one-hot block per code column, then the numeric columns. */
interface OneHotLayout {
  /** Columns of an input row. */
  inColumns: number;
  /** Columns of an output row. */
  columns: number;
  /** The code columns, in block order. */
  categorical: number[];
  /** Per code column: code → column within its block (-1: an unseen code, all zeros). */
  slots: Int32Array[];
  /** Per code column: the first column of its block. */
  offsets: number[];
  /** The numeric columns, in output order. */
  numeric: number[];
  /** The first numeric output column. */
  numericOffset: number;
}

/** Expands `rows` input rows of `src` (row-major) into `out` with the layout. */
function expandRows(layout: OneHotLayout, src: Float32Array, rows: number, out: Float32Array): void {
  const { inColumns, columns, categorical, slots, offsets, numeric, numericOffset } = layout;
  out.fill(0, 0, rows * columns);
  for (let r = 0; r < rows; r++) {
    const i = r * inColumns;
    const o = r * columns;
    for (let c = 0; c < categorical.length; c++) {
      const v = src[i + categorical[c]!]!;
      const table = slots[c]!;
      const slot = Number.isInteger(v) && v >= 0 && v < table.length ? table[v]! : -1;
      if (slot !== -1) out[o + offsets[c]! + slot] = 1;
    }
    for (let t = 0; t < numeric.length; t++) out[o + numericOffset + t] = src[i + numeric[t]!]!;
  }
}

/** Rows gathered per call of the wrapped source (bounds the temporary buffer). */
const GATHER_CHUNK = 4096;

/** A row source whose rows are `source`'s with the code columns one-hot encoded on the fly. */
class OneHotRows implements RowSource {
  readonly rows: number;
  readonly columns: number;
  private buffer: Float32Array;

  constructor(
    private readonly source: RowSource,
    private readonly layout: OneHotLayout,
  ) {
    this.rows = source.rows;
    this.columns = layout.columns;
    this.buffer = new Float32Array(0);
  }

  gatherRows(indices: ArrayLike<number>, out: Float32Array): void {
    const { inColumns, columns } = this.layout;
    const n = indices.length;
    if (out.length < n * columns)
      throw new DataValidationError(
        `OneHotRows.gatherRows: out holds ${out.length} values, fewer than ${n * columns}.`,
        {
          param: 'out',
        },
      );
    for (let start = 0; start < n; start += GATHER_CHUNK) {
      const count = Math.min(GATHER_CHUNK, n - start);
      if (this.buffer.length < count * inColumns) this.buffer = new Float32Array(Math.min(n, GATHER_CHUNK) * inColumns);
      const part = Array.prototype.slice.call(indices, start, start + count) as number[];
      this.source.gatherRows(part, this.buffer);
      expandRows(this.layout, this.buffer, count, out.subarray(start * columns));
    }
  }
}
