import type { Matrix } from 'ml-matrix';
import type { Serializable, Transformer } from '../core/contracts.js';
import { DataValidationError, NotFittedError } from '../core/errors.js';
import { checkFaithful } from '../core/jsonFields.js';
import { setOwn } from '../core/ownProperties.js';
import { toDense, type MatrixInput } from '../core/matrix.js';
import type { Envelope } from '../core/serialization.js';
import { isColumnarTable } from '../core/table.js';
import type { Category } from './category.js';
import type { EncodedMatrix } from './EncodedMatrix.js';
import { encodeColumnar } from './encodeColumnar.js';
import { encodeTable } from './encodeTable.js';
import {
  ENCODER_CLASS,
  ENCODER_VERSION,
  encoderOptionsFromJSON,
  encoderStateFromJSON,
  encoderToJSON,
} from './encoderJson.js';
import { type EncoderOptions, type EncoderOutput, type EncoderParams, resolveEncoderParams } from './encoderOptions.js';
import type { CategoricalColumnState, EncoderState } from './encoderState.js';
import { learnEncoderState } from './learnEncoderState.js';
import { invalidParams, openJSON } from './openJSON.js';
import type { CellRecord, TableInput } from './readTable.js';

/** A table row as returned by {@link Encoder.inverseTransform}. */
export type DecodedRow = Record<string, Category | undefined>;

/** What `transform` returns for output form `O`: an ml-matrix `Matrix`, or an {@link EncodedMatrix}. */
export type EncodedOutput<O extends EncoderOutput> = O extends 'compact' ? EncodedMatrix : Matrix;

const WHO = 'Encoder';

/**
 * Turns a table of mixed cells (row objects, row arrays or a `ColumnarTable`) into a numeric
 * matrix: categorical columns one-hot or ordinal encoded with scikit-learn's exact category order
 * and infrequent grouping, numeric columns passed through with optional imputation.
 *
 * @remarks
 * - **Inputs**: row objects, `{ columns, rows }`, or a {@link ColumnarTable} — read straight from
 *   its codes and typed arrays (no string or object per row), with the same categories, infrequent
 *   groups, unknown handling, imputation, outputs and JSON as the same data as row objects. A
 *   numeric column of a ColumnarTable may be listed under `categorical` (numeric categories); a
 *   dictionary entry `''` reads as a missing value, as an empty cell does.
 * - **Output**: a dense float64 `Matrix`, or with `output: 'compact'` an {@link EncodedMatrix}
 *   whose storage is one small integer per row per categorical column (numeric columns of a
 *   ColumnarTable referenced, not copied) and whose rows are expanded when gathered — the form for
 *   a million rows. The type parameter `O` follows the option.
 * - **Output column order**: the categorical columns in the order given, each expanded into its
 *   sorted categories (missing last, then the infrequent slot), then the numeric columns in the
 *   order given. {@link Encoder.featureNames} names them.
 * - **Categories** keep their type: a column of numbers (crime code `510`) has number categories,
 *   sorted numerically; a column of strings sorts by UTF-16 code unit (NumPy's order). A column
 *   that mixes strings and numbers is rejected, as scikit-learn does — convert it first. At
 *   transform time a cell of the other type is rejected too (`'510'` is not `510`).
 * - **Missing values** (`null`, `undefined`, `''`, `NaN`) form their own category `null`, sorted
 *   last (scikit-learn's NaN), unless `missing: 'error'`. In ordinal mode the missing category gets
 *   its own code (scikit-learn's OrdinalEncoder writes NaN instead).
 * - **Infrequent grouping** follows scikit-learn 1.2: a category is infrequent when its count is
 *   below `minFrequency` (or `minFrequency · nRows`); then, when `maxCategories` is below the number
 *   of frequent categories + 1 (the slot is counted even if empty), only the `maxCategories − 1`
 *   most frequent stay — ties broken by a stable ascending sort, so among equal counts the
 *   later-sorted categories stay. `maxCategories: 1` groups nothing (scikit-learn's slicing quirk).
 * - `drop` removes the first column of `[...frequent, infrequent]` (the infrequent slot itself if
 *   every category is infrequent).
 *
 * @example
 * ```ts
 * import { Encoder } from 'imbalanced-tabular';
 * const rows = [
 *   { AREA: 'Central', 'Vict Sex': 'F', 'Vict Age': 34 },
 *   { AREA: 'Newton', 'Vict Sex': 'M', 'Vict Age': null },
 *   { AREA: 'Central', 'Vict Sex': null, 'Vict Age': 51 },
 * ];
 * const enc = new Encoder({ categorical: ['AREA', 'Vict Sex'], numeric: ['Vict Age'], impute: 'median' });
 * const X = enc.fitTransform(rows);
 * enc.featureNames();
 * // ['AREA=Central', 'AREA=Newton', 'Vict Sex=F', 'Vict Sex=M', 'Vict Sex=missing', 'Vict Age']
 * X.getRow(1); // [0, 1, 0, 1, 0, 42.5]
 * ```
 *
 * @see scikit-learn `OneHotEncoder` and `OrdinalEncoder`
 *   (https://scikit-learn.org/stable/modules/preprocessing.html#encoding-categorical-features)
 */
export class Encoder<O extends EncoderOutput = 'matrix'>
  implements Transformer<TableInput, EncodedOutput<O>>, Serializable
{
  /** The resolved, frozen options. */
  readonly params: EncoderParams;
  private state: EncoderState | undefined;

  /**
   * @param options - See {@link EncoderOptions}.
   * @throws {@link InvalidParameterError} for an unknown option (the closest known name is
   *   suggested: `categoricals` → `categorical`) or a malformed one (duplicate columns, a bad
   *   `minFrequency`, `drop` with ordinal encoding, …).
   */
  constructor(options: EncoderOptions<O> = {}) {
    this.params = resolveEncoderParams(options);
  }

  /**
   * What was learned in `fit`: categories per column, infrequent groups, impute values, and a
   * description of each output column.
   * @throws {@link NotFittedError} before `fit`.
   */
  get fitted(): EncoderState {
    if (this.state === undefined) throw new NotFittedError(WHO, 'fitted');
    return this.state;
  }

  /**
   * Learns the categories (and infrequent groups, impute values) from a table.
   * @param X - Row objects, `{ columns, rows }` or a `ColumnarTable`.
   * @returns this
   * @throws {@link DataValidationError} for an empty or ragged table, an unknown column name, a
   *   column mixing strings and numbers, non-numeric text in a numeric column, a missing value
   *   with `missing: 'error'`, or (with `handleUnknown: 'error'`) a value outside given `categories`;
   *   for a ColumnarTable also a column whose length is not `nRows`, a code outside its
   *   dictionary, a dictionary listing a value twice, or a non-finite numeric category.
   */
  fit<R extends CellRecord<R>>(X: TableInput<R>): this {
    this.state = learnEncoderState(this.params, X, `${WHO}.fit`);
    return this;
  }

  /**
   * Encodes a table with what was learned in `fit`.
   * @param X - Row objects, `{ columns, rows }` or a `ColumnarTable` holding at least the fitted
   *   columns.
   * @returns A fresh `Matrix` (or, with `output: 'compact'`, an {@link EncodedMatrix}) with one
   *   column per {@link Encoder.featureNames} entry.
   * @throws {@link NotFittedError} before fit; {@link DataValidationError} for an unknown category
   *   with `handleUnknown: 'error'`, a cell of the wrong type, bad numeric text, or a bad table.
   */
  transform<R extends CellRecord<R>>(X: TableInput<R>): EncodedOutput<O> {
    return this.encode(this.fitted, X, `${WHO}.transform`);
  }

  /**
   * `fit(X)` then `transform(X)`.
   * @param X - Row objects, `{ columns, rows }` or a `ColumnarTable`.
   * @returns The encoded training table.
   * @throws {@link DataValidationError} as {@link Encoder.fit}.
   */
  fitTransform<R extends CellRecord<R>>(X: TableInput<R>): EncodedOutput<O> {
    const st = learnEncoderState(this.params, X, `${WHO}.fitTransform`);
    const out = this.encode(st, X, `${WHO}.fitTransform`);
    this.state = st;
    return out;
  }

  private encode(st: EncoderState, X: TableInput, who: string): EncodedOutput<O> {
    const m = isColumnarTable(X) ? encodeColumnar(this.params, st, X, who) : encodeTable(this.params, st, X, who);
    return (this.params.output === 'compact' ? m : m.toMatrix()) as EncodedOutput<O>;
  }

  /**
   * One name per output column: `column=category` for one-hot columns (`AREA=77th Street`,
   * `AREA=missing`, `AREA=infrequent`), the column name for ordinal and numeric columns.
   * @returns The names, in output order.
   * @throws {@link NotFittedError} before fit.
   */
  featureNames(): string[] {
    return this.fitted.outputs.map((o) => o.name);
  }

  /**
   * Whether each output column is categorical (one-hot indicator or ordinal code) rather than
   * numeric.
   * @returns One boolean per output column.
   * @throws {@link NotFittedError} before fit.
   */
  categoricalMask(): boolean[] {
    return this.fitted.outputs.map((o) => o.kind !== 'numeric');
  }

  /**
   * Indices of the categorical output columns (what SMOTENC's `categoricalFeatures` expects in
   * ordinal mode).
   * @returns Zero-based column indices, ascending.
   * @throws {@link NotFittedError} before fit.
   */
  categoricalIndices(): number[] {
    const out: number[] = [];
    this.fitted.outputs.forEach((o, j) => {
      if (o.kind !== 'numeric') out.push(j);
    });
    return out;
  }

  /**
   * Decodes an encoded matrix back into row objects.
   *
   * @remarks
   * One-hot blocks decode to the category of their largest entry; an all-zero block decodes to the
   * dropped category when there is one, else to `undefined` (an unknown category). The infrequent
   * slot decodes to the string `'infrequent'`, the missing category to `null`. Ordinal codes must be
   * integers in range (or `unknownValue`, decoded to `undefined`). Numeric columns are copied
   * (imputed values stay imputed).
   *
   * @param X - A matrix with as many columns as {@link Encoder.featureNames}.
   * @returns One object per row, keyed by the categorical then numeric column names.
   * @throws {@link NotFittedError} before fit; {@link DataValidationError} for a wrong column count
   *   or an ordinal code out of range.
   */
  inverseTransform(X: MatrixInput): DecodedRow[] {
    const st = this.fitted;
    const nOut = st.outputs.length;
    const { data, rows } = toDense(X, { who: `${WHO}.inverseTransform`, allowNaN: true, cols: nOut });
    const { encoding, unknownValue } = this.params;
    const isUnknown = (v: number) => Object.is(v, unknownValue) || (Number.isNaN(v) && Number.isNaN(unknownValue));
    const out: DecodedRow[] = new Array(rows);
    for (let i = 0; i < rows; i++) {
      const rec: DecodedRow = {};
      const base = i * nOut;
      let j = 0;
      for (const c of st.categorical) {
        if (encoding === 'ordinal') {
          const v = data[base + j] as number;
          if (isUnknown(v)) setOwn<Category | undefined>(rec, c.name, undefined);
          else if (Number.isInteger(v) && v >= 0 && v < c.nCodes)
            setOwn<Category | undefined>(rec, c.name, decodeCode(c, v));
          else {
            throw new DataValidationError(
              `${WHO}.inverseTransform: row ${i}, column ${j} ("${c.name}") holds ${v}, not a code in ` +
                `0..${c.nCodes - 1} or the unknownValue ${unknownValue}.`,
              { param: 'X', row: i, column: j },
            );
          }
          j++;
          continue;
        }
        const width = c.nCodes - (c.dropIndex === null ? 0 : 1);
        let best = -1;
        let bestV = 0;
        for (let k = 0; k < width; k++) {
          const v = data[base + j + k] as number;
          if (v > bestV) {
            bestV = v;
            best = k;
          }
        }
        if (best < 0)
          setOwn<Category | undefined>(rec, c.name, c.dropIndex === null ? undefined : decodeCode(c, c.dropIndex));
        else
          setOwn<Category | undefined>(
            rec,
            c.name,
            decodeCode(c, c.dropIndex !== null && best >= c.dropIndex ? best + 1 : best),
          );
        j += width;
      }
      for (const nc of st.numeric) {
        setOwn<Category | undefined>(rec, nc.name, data[base + j] as number);
        j++;
      }
      out[i] = rec;
    }
    return out;
  }

  /**
   * The JSON form `{ format: 'imbalanced-tabular/Encoder', version, params, state }` (`state` is
   * `null` before fit). Round-trips exactly.
   * @returns The envelope.
   */
  toJSON(): Envelope {
    return encoderToJSON(this.params, this.state);
  }

  /**
   * Rebuilds an Encoder (fitted or not) from {@link Encoder.toJSON} output or its JSON text.
   *
   * @remarks
   * The saved `output` form is restored. TypeScript cannot see it in the document, so the result
   * is typed with the default `'matrix'`; for an encoder saved with `output: 'compact'`, pass
   * `{ output: 'compact' }` (which also sets it) to type the result as `Encoder<'compact'>`.
   *
   * @param json - The envelope or its JSON text.
   * @param options - `output`: the output form of the rebuilt encoder (default: the saved one).
   * @returns An Encoder that encodes exactly like the saved one.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON<O extends EncoderOutput = 'matrix'>(json: unknown, options: { output?: O } = {}): Encoder<O> {
    const { params, state } = openJSON(json, ENCODER_CLASS, ENCODER_VERSION);
    const saved = encoderOptionsFromJSON(params);
    let enc: Encoder<O>;
    try {
      const output = options.output ?? saved.output;
      enc = new Encoder<O>({ ...saved, ...(output === undefined ? {} : { output }) } as EncoderOptions<O>);
    } catch (e) {
      throw invalidParams(ENCODER_CLASS, e);
    }
    if (state !== null) enc.state = encoderStateFromJSON(state, enc.params);
    checkFaithful(
      `${ENCODER_CLASS}.fromJSON`,
      { params, state },
      enc.toJSON(),
      options.output === undefined ? undefined : 'output',
    );
    return enc;
  }
}

/** The category of code `code` of column `c`: a frequent category, or `'infrequent'` for the slot. */
function decodeCode(c: CategoricalColumnState, code: number): Category {
  return code < c.frequent.length ? (c.frequent[code] as Category) : 'infrequent';
}
