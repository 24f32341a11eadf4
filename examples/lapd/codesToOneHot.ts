/**
 * A small custom transformer for the SMOTENC pipeline: after SMOTENC has resampled the ORDINAL
 * encoding (one integer-code column per categorical feature, which is what SMOTENC is made for),
 * it one-hot encodes those code columns with the library's Encoder for the MLP, passing the
 * numeric columns through.
 *
 * @module
 */
import {
  Encoder,
  FORMAT_PREFIX,
  NotFittedError,
  SerializationError,
  type Envelope,
  type Matrix,
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

  /** Learns the codes of each categorical column. */
  fit(X: Matrix): this {
    const cat = new Set(this.params.categorical);
    const names = Array.from({ length: X.columns }, (_, j) => `c${j}`);
    const encoder = new Encoder({
      categorical: names.filter((_, j) => cat.has(j)),
      numeric: names.filter((_, j) => !cat.has(j)),
      handleUnknown: 'ignore',
    });
    encoder.fit(this.table(X));
    this.encoder = encoder;
    this.nCols = X.columns;
    return this;
  }

  /** One-hot encodes the code columns. */
  transform(X: Matrix): Matrix {
    if (!this.encoder) throw new NotFittedError(CLASS, 'transform');
    return this.encoder.transform(this.table(X));
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
