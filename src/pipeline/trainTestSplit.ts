import type { Matrix } from 'ml-matrix';
import { DataValidationError, InvalidParameterError, describe } from '../core/errors.js';
import { checkLabels } from '../core/labels.js';
import type { Label } from '../core/matrix.js';
import { Random, checkSeed, drawSeed } from '../core/Random.js';
import { approximateMode, drawStrata, stratify } from '../core/stratify.js';
import { rowCount, takeRows } from '../core/table.js';
import { checkBoolean, checkOptions, invalid } from '../core/validate.js';
import type { ColumnarTable, ColumnTable, RowsInput } from '../core/table.js';

/** Options of {@link trainTestSplit}. */
export interface TrainTestSplitOptions {
  /**
   * Size of the test set: a fraction in (0, 1) (the test set gets `ceil(testSize · n)` rows) or a
   * row count (an integer ≥ 1).
   * @defaultValue 0.25 when `trainSize` is not given, else the complement of `trainSize`
   */
  testSize?: number;
  /**
   * Size of the training set: a fraction in (0, 1) (`floor(trainSize · n)` rows) or a row count.
   * @defaultValue the complement of the test set
   */
  trainSize?: number;
  /**
   * Keep class proportions: `true` stratifies on `y`, an array stratifies on those labels (one per
   * row) instead.
   * @defaultValue false (as scikit-learn; pass `true` for imbalanced data)
   */
  stratify?: boolean | ReadonlyArray<Label>;
  /**
   * Shuffle before splitting. `false` takes the first rows for training and the next for testing
   * (and cannot be combined with `stratify`, as in scikit-learn).
   * @defaultValue true
   */
  shuffle?: boolean;
  /** Seed of the shuffle; drawn (and returned as `seed`) when omitted. */
  seed?: number;
}

/** One side of a split: the selected rows, their labels, and their indices into the input. */
export interface SplitPart<R> {
  /**
   * The selected rows, in the input's form (an array of the same row objects, a `{ columns, rows }`
   * table, a new ColumnarTable, or a new Matrix).
   */
  X: R;
  /** Labels of the selected rows. */
  y: Label[];
  /** Index into the input of each selected row. */
  indices: Int32Array;
}

/** The result of {@link trainTestSplit}. */
export interface TrainTestSplit<R> {
  /** The training rows. */
  train: SplitPart<R>;
  /** The test rows. */
  test: SplitPart<R>;
  /** The seed used (the one given, or the one drawn), so the split can be replayed. */
  seed: number;
}

const OPTIONS = ['testSize', 'trainSize', 'stratify', 'shuffle', 'seed'];

/** A size option: a fraction in (0, 1) or a positive integer row count. */
function checkSize(value: unknown, param: 'testSize' | 'trainSize'): number | undefined {
  if (value === undefined) return undefined;
  const ok = typeof value === 'number' && Number.isFinite(value) && value > 0 && (value < 1 || Number.isInteger(value));
  return ok ? value : invalid('trainTestSplit', param, 'a fraction in (0, 1) or a positive integer row count', value);
}

/**
 * Resolves `testSize` / `trainSize` into row counts exactly as scikit-learn's
 * `_validate_shuffle_split`. @internal
 */
export function resolveSplitSizes(
  n: number,
  testSize: number | undefined,
  trainSize: number | undefined,
): { nTrain: number; nTest: number } {
  const who = 'trainTestSplit';
  const test = testSize === undefined && trainSize === undefined ? 0.25 : testSize;
  if (test !== undefined && test >= 1 && test >= n) {
    throw new DataValidationError(
      `${who}: testSize = ${test} should be smaller than the number of rows (${n}), or a fraction in (0, 1).`,
      { param: 'X' },
    );
  }
  if (trainSize !== undefined && trainSize >= 1 && trainSize >= n) {
    throw new DataValidationError(
      `${who}: trainSize = ${trainSize} should be smaller than the number of rows (${n}), or a fraction in (0, 1).`,
      { param: 'X' },
    );
  }
  if (test !== undefined && trainSize !== undefined && test < 1 && trainSize < 1 && test + trainSize > 1) {
    throw new InvalidParameterError(
      'testSize',
      `${who}: testSize + trainSize = ${test + trainSize} exceeds 1. Reduce one of them.`,
    );
  }
  let nTest = test === undefined ? undefined : test < 1 ? Math.ceil(test * n) : test;
  let nTrain = trainSize === undefined ? undefined : trainSize < 1 ? Math.floor(trainSize * n) : trainSize;
  if (nTrain === undefined) nTrain = n - (nTest as number);
  if (nTest === undefined) nTest = n - nTrain;
  if (nTrain + nTest > n) {
    throw new InvalidParameterError(
      'trainSize',
      `${who}: trainSize + testSize = ${nTrain + nTest} rows, more than the ${n} rows available. Reduce either.`,
    );
  }
  if (nTrain === 0) {
    throw new DataValidationError(
      `${who}: with ${n} rows, testSize = ${describe(testSize)} and trainSize = ${describe(trainSize)}, ` +
        'the training set would be empty. Adjust the sizes.',
      { param: 'X' },
    );
  }
  return { nTrain, nTest };
}

/**
 * Splits rows and labels into a training and a test set, optionally keeping the class
 * proportions (stratified), with a seeded shuffle.
 *
 * @remarks
 * - Sizes follow scikit-learn: a fractional `testSize` gives `ceil(testSize · n)` test rows, a
 *   fractional `trainSize` gives `floor(trainSize · n)` rows; the default is 25 % test.
 * - Stratified splits allocate rows per class exactly as scikit-learn's `StratifiedShuffleSplit`
 *   (`_approximate_mode`: training counts first, floor of each class's share plus the largest
 *   remainders, then the test counts from what is left), so every class's count in the test set is
 *   within one row of its proportional share. Only ties between equal remainders are broken by
 *   our generator, and which rows are picked and their order differ from scikit-learn's (another
 *   random stream) — the class counts do not.
 * - With `shuffle: false` the first rows train and the next rows test, as in scikit-learn.
 * - `X` keeps its form: an array of rows gives arrays holding the **same row objects** (cells are
 *   never copied — table rows for the Encoder work as is); a `{ columns, rows }` table gives tables
 *   with the same `columns`; a {@link ColumnarTable} gives ColumnarTables whose columns are the
 *   selected entries of each typed array (same array types, dictionaries shared; no row objects);
 *   a Matrix gives new matrices.
 *
 * @param X - Rows: any array of rows (numeric, typed-array, table row objects), a `{ columns, rows }`
 *   table, a ColumnarTable, or a Matrix.
 * @param y - One label per row.
 * @param options - Sizes, stratification, shuffling and seed.
 * @throws {@link InvalidParameterError} for an unknown option, invalid sizes, `stratify` with
 * `shuffle: false`, or a bad seed.
 * @throws {@link DataValidationError} when `y` does not match `X`, a set would be empty, or (stratified)
 * the least populated class has only 1 member, or a set is smaller than the number of classes.
 *
 * @example
 * ```ts
 * const { train, test } = trainTestSplit(rows, y, { testSize: 0.2, stratify: true, seed: 1 });
 * await pipe.fit(train.X, train.y);
 * pipe.score(test.X, test.y);
 * ```
 * @see scikit-learn `sklearn.model_selection.train_test_split` and `StratifiedShuffleSplit`.
 */
export function trainTestSplit(
  X: Matrix,
  y: ReadonlyArray<Label>,
  options?: TrainTestSplitOptions,
): TrainTestSplit<Matrix>;
export function trainTestSplit(
  X: ColumnarTable,
  y: ReadonlyArray<Label>,
  options?: TrainTestSplitOptions,
): TrainTestSplit<ColumnarTable>;
export function trainTestSplit<R>(
  X: ColumnTable<R>,
  y: ReadonlyArray<Label>,
  options?: TrainTestSplitOptions,
): TrainTestSplit<ColumnTable<R>>;
export function trainTestSplit<R>(
  X: ReadonlyArray<R>,
  y: ReadonlyArray<Label>,
  options?: TrainTestSplitOptions,
): TrainTestSplit<R[]>;
export function trainTestSplit(
  X: RowsInput,
  y: ReadonlyArray<Label>,
  options: TrainTestSplitOptions = {},
): TrainTestSplit<unknown> {
  const who = 'trainTestSplit';
  const o = checkOptions(who, options, OPTIONS);
  const testSize = checkSize(o.testSize, 'testSize');
  const trainSize = checkSize(o.trainSize, 'trainSize');
  const shuffle = checkBoolean(who, 'shuffle', o.shuffle, true);
  const seed = checkSeed(who, o.seed) ?? drawSeed();
  const stratifyOpt = o.stratify ?? false;
  if (typeof stratifyOpt !== 'boolean' && !Array.isArray(stratifyOpt)) {
    invalid(who, 'stratify', 'true, false or an array of labels', stratifyOpt);
  }
  const n = rowCount(X, who);
  const labels = checkLabels(y, who, 'y', n);
  if (n === 0) throw new DataValidationError(`${who}: X has no rows.`, { param: 'X' });
  const strata =
    stratifyOpt === true ? labels : stratifyOpt === false ? undefined : checkLabels(stratifyOpt, who, 'stratify', n);
  if (strata !== undefined && !shuffle) {
    throw new InvalidParameterError(
      'shuffle',
      `${who}: stratified splitting needs shuffle: true (as in scikit-learn). Remove shuffle: false or stratify.`,
    );
  }
  const { nTrain, nTest } = resolveSplitSizes(n, testSize, trainSize);
  const rng = new Random(seed);
  let train: Int32Array;
  let test: Int32Array;
  if (strata === undefined) {
    if (shuffle) {
      const perm = rng.permutation(n);
      test = perm.slice(0, nTest);
      train = perm.slice(nTest, nTest + nTrain);
    } else {
      train = new Int32Array(nTrain);
      for (let i = 0; i < nTrain; i++) train[i] = i;
      test = new Int32Array(nTest);
      for (let i = 0; i < nTest; i++) test[i] = nTrain + i;
    }
  } else {
    ({ train, test } = stratifiedIndices(strata, nTrain, nTest, rng));
  }
  return {
    train: { X: takeRows(X, train), y: Array.from(train, (i) => labels[i] as Label), indices: train },
    test: { X: takeRows(X, test), y: Array.from(test, (i) => labels[i] as Label), indices: test },
    seed,
  };
}

function stratifiedIndices(
  strata: ReadonlyArray<Label>,
  nTrain: number,
  nTest: number,
  rng: Random,
): { train: Int32Array; test: Int32Array } {
  const who = 'trainTestSplit';
  const s = stratify(strata);
  const { classes, counts } = s;
  const k = classes.length;
  let minIdx = 0;
  for (let c = 1; c < k; c++) if ((counts[c] as number) < (counts[minIdx] as number)) minIdx = c;
  if ((counts[minIdx] as number) < 2) {
    throw new DataValidationError(
      `${who}: the least populated class in y (${describe(classes[minIdx])}) has only 1 member, which is too ` +
        'few to stratify: every class needs at least 2. Drop or merge that class, or split without stratify.',
      { param: 'y' },
    );
  }
  if (nTrain < k) {
    throw new DataValidationError(
      `${who}: the training set has ${nTrain} rows, fewer than the number of classes (${k}). Increase trainSize.`,
      { param: 'y' },
    );
  }
  if (nTest < k) {
    throw new DataValidationError(
      `${who}: the test set has ${nTest} rows, fewer than the number of classes (${k}); a stratified test set ` +
        'needs at least one row per class. Increase testSize.',
      { param: 'y' },
    );
  }
  // scikit-learn's StratifiedShuffleSplit: training counts first, then the test counts from what is left.
  const nI = approximateMode(counts, nTrain, rng);
  const tI = approximateMode(
    counts.map((m, c) => m - (nI[c] as number)),
    nTest,
    rng,
  );
  const [train, test] = drawStrata(s, [nI, tI], rng) as [Int32Array, Int32Array];
  return { train: rng.shuffle(train), test: rng.shuffle(test) };
}
