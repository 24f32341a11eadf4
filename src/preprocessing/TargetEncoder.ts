/**
 * The {@link TargetEncoder}: scikit-learn's cross-fitted target encoding of categorical columns.
 *
 * @module
 */
import type { Matrix } from 'ml-matrix';
import type { Serializable, Transformer } from '../core/contracts.js';
import { DataValidationError, NotFittedError, refuseDetached, SerializationError } from '../core/errors.js';
import { checkLabels, isList, typeOfTarget, uniqueSorted } from '../core/labels.js';
import { fromDense, type Label } from '../core/matrix.js';
import { drawSeed } from '../core/Random.js';
import type { Envelope } from '../core/serialization.js';
import { StratifiedKFold } from '../core/StratifiedKFold.js';
import { stratify } from '../core/stratify.js';
import type { Category } from './category.js';
import { type CategoryColumns, readCategoryColumns } from './categoryCodes.js';
import { sortedCategories } from './learnCategories.js';
import { invalidParams, openJSON } from './openJSON.js';
import type { TableInput } from './readTable.js';
import {
  TARGET_ENCODER_CLASS,
  TARGET_ENCODER_VERSION,
  targetEncoderOptionsFromJSON,
  targetEncoderStateFromJSON,
  targetEncoderToJSON,
} from './targetEncoderJson.js';
import {
  checkTargetEncoderOptions,
  type TargetEncoderOptions,
  type TargetEncoderParams,
} from './targetEncoderOptions.js';
import { kFoldTestFolds, type LearnedEncodings, learnEncodings, writeEncodings } from './targetEncoding.js';

const WHO = 'TargetEncoder';

/** What a {@link TargetEncoder} learned in `fit` (or `fitTransform`) on all rows. */
export interface TargetEncoderState {
  /** The target type used (`'auto'` resolved). */
  readonly targetType: 'binary' | 'multiclass' | 'continuous';
  /**
   * The sorted classes for a class target (binary: the encoding is the rate of `classes[1]`;
   * multiclass: one output column per class), `null` for a continuous target.
   */
  readonly classes: readonly Label[] | null;
  /** The categories of each encoded column (in `params.columns` order). */
  readonly categories: ReadonlyArray<readonly Category[]>;
  /**
   * The encodings learned on all rows, one per output column (multiclass: column `j`, class `c`
   * at `j · nClasses + c`), each holding one value per category of its column.
   */
  readonly encodings: readonly Float64Array[];
  /** The target mean (one per class for multiclass): the encoding of an unknown category. */
  readonly targetMean: Float64Array;
  /** Names of the output columns: the column name, or `column_class` for multiclass. */
  readonly featureNames: readonly string[];
  /** The seed of the last `fitTransform`'s shuffle (`undefined` after `fit` or without shuffle). */
  readonly seed: number | undefined;
}

/** The target of a fit, encoded: the target columns and the fold labels. */
interface Target {
  readonly targetType: TargetEncoderState['targetType'];
  readonly classes: Label[] | null;
  /** 0/1 indicator per class (binary: of `classes[1]` only) or the continuous target. */
  readonly columns: Float64Array[];
  /** The class labels (stratification of the folds), `null` for a continuous target. */
  readonly labels: Label[] | null;
}

/**
 * Encodes categorical columns by the target: each category becomes the mean target of its rows,
 * shrunk towards the global mean (Micci-Barreca's empirical Bayes), and `fitTransform` cross-fits
 * so that no row's encoding sees its own label.
 *
 * @remarks
 * This is scikit-learn ≥ 1.3's `TargetEncoder`, with its outputs to ~1e-12 on the reference
 * fixtures (written by a committed NumPy script that follows its source):
 * - binary target: one column per encoded column, the shrunk rate of `classes[1]` (classes
 *   sorted); multiclass: one column per encoded column and class (one-vs-rest), ordered column by
 *   column; continuous (numeric `y`): the shrunk mean.
 * - `smooth: m` gives `(sum + m · mean) / (count + m)`; `smooth: 'auto'` gives
 *   `λ · mean_c + (1 − λ) · mean` with `λ = n_c σ² / (n_c σ² + s²_c)` — σ² the target's
 *   variance and s²_c the category's (both population variances).
 * - `fitTransform(X, y)` is not `fit(X, y).transform(X)`: it cuts `cv` folds (stratified for a
 *   class target, plain k-fold for a continuous one, shuffled with `seed` by default), learns the
 *   encodings on the other folds and encodes each fold's rows with them. Use it on training data
 *   and `transform` on new data, or a model fitted on the output learns from leaked labels.
 *   `fitted` holds the encodings learned on all rows, which `transform` uses.
 * - The missing value (`null`, `undefined`, `''`, `NaN`) is a category of its own. A category
 *   never seen in `fit` (or outside the given `categories`) encodes as the target mean; in
 *   `fitTransform` as the mean of its fold's training rows (scikit-learn writes the last fold's
 *   mean into every such row, which sees their labels).
 * - The shuffled folds use our seeded generator, so with `shuffle: true` the fold membership
 *   differs from scikit-learn's (`shuffle: false` reproduces it exactly).
 * - Only `columns` are encoded and returned: encode the other columns with an {@link Encoder}
 *   and put the matrices side by side.
 *
 * @example
 * ```ts
 * const X = [{ area: 'a' }, { area: 'a' }, { area: 'b' }, { area: 'b' }, { area: 'b' }, { area: 'a' }];
 * const y = [1, 0, 0, 0, 1, 1];
 * const enc = new TargetEncoder({ columns: ['area'], cv: 2, seed: 0 });
 * const train = enc.fitTransform(X, y); // 6 × 1, cross-fitted
 * enc.transform([{ area: 'b' }, { area: 'zz' }]).to2DArray(); // encodings of 'b' and the mean
 * ```
 * @see Micci-Barreca, D. (2001). A preprocessing scheme for high-cardinality categorical
 * attributes in classification and prediction problems. SIGKDD Explorations 3(1), 27–32.
 * @see scikit-learn `sklearn.preprocessing.TargetEncoder`.
 */
export class TargetEncoder implements Transformer<TableInput>, Serializable {
  /** The options, with defaults filled in, frozen. */
  readonly params: TargetEncoderParams;
  private state: TargetEncoderState | undefined;

  /**
   * @param options - The columns to encode, and how.
   * @throws {@link InvalidParameterError} for an unknown option (naming the closest one), no
   * `columns`, given categories for a column not encoded, `smooth` < 0, `cv` < 2, or `seed` with
   * `shuffle: false`.
   */
  constructor(options: TargetEncoderOptions) {
    this.params = checkTargetEncoderOptions(options);
  }

  /**
   * What `fit` learned.
   * @throws {@link NotFittedError} before `fit` or `fitTransform`.
   */
  get fitted(): TargetEncoderState {
    if (this.state === undefined) throw new NotFittedError(WHO, 'fitted');
    return this.state;
  }

  /**
   * Learns the categories and their encodings from all rows of `X` and their targets `y`.
   * @param X - A table in any form the {@link Encoder} takes, holding `columns`.
   * @param y - One target per row: class labels, or numbers for a continuous target.
   * @throws {@link DataValidationError} for a bad table or target, a missing column, or a target
   * that does not fit `targetType`.
   */
  fit(X: TableInput, y: ReadonlyArray<Label>): this {
    const { state } = this.learn(X, y, `${WHO}.fit`, undefined);
    this.state = state;
    return this;
  }

  /**
   * Learns from `(X, y)` like `fit`, and returns the cross-fitted encoding of `X`: each row
   * encoded by what the other folds learned.
   * @returns An `n × width` matrix (width: the number of columns, times the number of classes for
   * multiclass), columns named by `fitted.featureNames`.
   * @throws {@link DataValidationError} as `fit`, and when `cv` exceeds the rows or every class.
   */
  fitTransform(X: TableInput, y: ReadonlyArray<Label>): Matrix {
    const who = `${WHO}.fitTransform`;
    const p = this.params;
    const seed = p.shuffle ? (p.seed ?? drawSeed()) : undefined;
    const { state, target, codes, n } = this.learn(X, y, who, seed);
    const folds = this.testFolds(target, n, seed, who);
    const width = state.encodings.length;
    const out = new Float64Array(n * width);
    const nCategories = state.categories.map((c) => c.length);
    for (let f = 0; f < p.cv; f++) {
      const { train, test } = splitFold(folds, f);
      const learned = learnEncodings(codes, target.columns, nCategories, p.smooth, train);
      writeEncodings(out, width, codes, learned, test);
    }
    this.state = state;
    return fromDense(out, n, width);
  }

  /**
   * Encodes `X` with the encodings learned on all rows; unknown categories get the target mean.
   * @returns An `n × width` matrix, columns named by `fitted.featureNames`.
   * @throws {@link NotFittedError} before `fit`; {@link DataValidationError} for a bad table or a
   * missing column.
   */
  transform(X: TableInput): Matrix {
    const st = this.fitted;
    const read = readCategoryColumns(X, `${WHO}.transform`);
    const codes = this.params.columns.map((c, j) => read.codes(c, st.categories[j] as Category[]));
    const width = st.encodings.length;
    const out = new Float64Array(read.nRows * width);
    writeEncodings(out, width, codes, { encodings: [...st.encodings], means: st.targetMean }, null);
    return fromDense(out, read.nRows, width);
  }

  /** The JSON envelope `{ format: 'imbalanced-tabular/TargetEncoder', version, params, state }`. */
  toJSON(): Envelope {
    return targetEncoderToJSON(this.params, this.state);
  }

  /**
   * Rebuilds a TargetEncoder saved by `toJSON` (an object or JSON text).
   * @throws {@link SerializationError} naming the path of any field that is missing, of the wrong
   * type or inconsistent (e.g. an encoding whose length is not its column's category count).
   */
  static fromJSON(json: unknown): TargetEncoder {
    const { params, state } = openJSON(json, TARGET_ENCODER_CLASS, TARGET_ENCODER_VERSION);
    let enc: TargetEncoder;
    try {
      enc = new TargetEncoder(targetEncoderOptionsFromJSON(params));
    } catch (e) {
      throw invalidParams(TARGET_ENCODER_CLASS, e);
    }
    if (state !== null) {
      const s = targetEncoderStateFromJSON(state, enc.params.columns);
      // the seed of the last fitTransform's shuffle: params.seed when given, none without a shuffle
      const { shuffle, seed } = enc.params;
      if (s.seed !== undefined && (!shuffle || (seed !== undefined && s.seed !== seed))) {
        const expected = shuffle ? `null or params.seed = ${seed}` : 'null (params.shuffle is false)';
        throw new SerializationError(
          `${TARGET_ENCODER_CLASS}.fromJSON: state.seed must be ${expected}, received ${s.seed}.`,
        );
      }
      enc.state = { ...s, featureNames: featureNames(enc.params.columns, s.targetType, s.classes) };
    }
    return enc;
  }

  /** The fit on all rows, and what `fitTransform` reuses. */
  private learn(
    X: TableInput,
    y: ReadonlyArray<Label>,
    who: string,
    seed: number | undefined,
  ): { state: TargetEncoderState; target: Target; codes: Int32Array[]; n: number } {
    const p = this.params;
    const read = readCategoryColumns(X, who);
    const target = readTarget(p, y, read.nRows, who);
    const categories = p.columns.map((name) => categoriesOf(p, read, name));
    const codes = p.columns.map((name, j) => read.codes(name, categories[j] as Category[]));
    const nCategories = categories.map((c) => c.length);
    const learned: LearnedEncodings = learnEncodings(codes, target.columns, nCategories, p.smooth, null);
    const state: TargetEncoderState = {
      targetType: target.targetType,
      classes: target.classes,
      categories,
      encodings: learned.encodings,
      targetMean: learned.means,
      featureNames: featureNames(p.columns, target.targetType, target.classes),
      seed,
    };
    return { state, target, codes, n: read.nRows };
  }

  /** The test fold of each row: stratified k-fold for classes, k-fold for a continuous target. */
  private testFolds(target: Target, n: number, seed: number | undefined, who: string): Int32Array {
    const k = this.params.cv;
    if (k > n) {
      throw new DataValidationError(`${who}: cv = ${k} folds need at least ${k} rows, received ${n}. Lower cv.`, {
        param: 'X',
      });
    }
    if (target.labels === null) return kFoldTestFolds(n, k, seed);
    const largest = Math.max(...stratify(target.labels, 'first-seen').counts);
    if (largest < k) {
      throw new DataValidationError(
        `${who}: cv = ${k} stratified folds need a class with at least ${k} rows; the largest has ` +
          `${largest}. Lower cv.`,
        { param: 'y' },
      );
    }
    const shuffle = seed !== undefined;
    return new StratifiedKFold({ nSplits: k, shuffle, ...(shuffle ? { seed } : {}) }).testFolds(target.labels);
  }
}

/** The training and test rows of fold `f`, ascending. */
function splitFold(folds: Int32Array, f: number): { train: Int32Array; test: Int32Array } {
  let nTest = 0;
  for (const g of folds) if (g === f) nTest++;
  const train = new Int32Array(folds.length - nTest);
  const test = new Int32Array(nTest);
  let a = 0;
  let b = 0;
  for (let i = 0; i < folds.length; i++) {
    if (folds[i] === f) test[a++] = i;
    else train[b++] = i;
  }
  return { train, test };
}

/** The category list of column `name`: as given, or learned (sorted, the missing value last). */
function categoriesOf(p: TargetEncoderParams, read: CategoryColumns, name: string): Category[] {
  const given = p.categories === 'auto' ? undefined : p.categories[name];
  return given !== undefined ? [...given] : sortedCategories(read.tally(name)).categories;
}

/** The output column names: the column's, or `column_class` per class for multiclass. */
function featureNames(
  columns: readonly string[],
  targetType: TargetEncoderState['targetType'],
  classes: readonly Label[] | null,
): string[] {
  if (targetType !== 'multiclass') return [...columns];
  return columns.flatMap((c) => (classes as Label[]).map((k) => `${c}_${k}`));
}

/** Checks `y` against the target type (resolving `'auto'`) and encodes it. */
function readTarget(p: TargetEncoderParams, y: ReadonlyArray<Label>, n: number, who: string): Target {
  if (!isList(y)) {
    throw new DataValidationError(`${who}: y must be an array of targets, one per row.`, { param: 'y' });
  }
  refuseDetached(who, 'y', y);
  if (y.length !== n) {
    throw new DataValidationError(`${who}: y has ${y.length} targets but X has ${n} rows. Pass one per row.`, {
      param: 'y',
    });
  }
  let targetType = p.targetType;
  if (targetType === 'auto') {
    const inferred = typeOfTarget(y);
    if (inferred === 'unknown') checkLabels(y, who); // throws, naming the bad entry
    targetType = inferred as Target['targetType'];
  }
  if (targetType === 'continuous') {
    const column = Float64Array.from(y as ArrayLike<number>, (v, i) => {
      if (typeof v === 'number' && Number.isFinite(v)) return v;
      throw new DataValidationError(
        `${who}: y[${i}] is ${JSON.stringify(v) ?? String(v)}; a continuous target holds finite numbers.`,
        { param: 'y', row: i },
      );
    });
    return { targetType, classes: null, columns: [column], labels: null };
  }
  const labels = checkLabels(y, who);
  const classes = uniqueSorted(labels);
  if (targetType === 'binary' && classes.length > 2) {
    throw new DataValidationError(
      `${who}: targetType is 'binary' but y has ${classes.length} classes. Use targetType: 'multiclass'.`,
      { param: 'y' },
    );
  }
  if (targetType === 'multiclass' && classes.length < 3) {
    throw new DataValidationError(
      `${who}: targetType is 'multiclass' but y has ${classes.length} classes (scikit-learn's one-vs-rest ` +
        "encoding needs 3 or more). Use targetType: 'binary'.",
      { param: 'y' },
    );
  }
  const indicator = (c: Label) => Float64Array.from(labels, (l) => (l === c ? 1 : 0));
  const columns =
    targetType === 'binary'
      ? [classes.length > 1 ? indicator(classes[1] as Label) : new Float64Array(n)]
      : classes.map(indicator);
  return { targetType, classes, columns, labels };
}
