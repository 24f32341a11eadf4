import { DataValidationError, InvalidParameterError } from './errors.js';
import { checkLabels } from './labels.js';
import type { Label } from './matrix.js';
import { Random, checkSeed, drawSeed } from './Random.js';
import { foldCounts, stratify } from './stratify.js';
import { rowCount } from './table.js';
import type { RowsInput } from './table.js';
import { checkBoolean, checkInteger, checkOptions } from './validate.js';

/** Options of {@link StratifiedKFold}. */
export interface StratifiedKFoldOptions {
  /**
   * Number of folds, at least 2.
   * @defaultValue 5
   */
  nSplits?: number;
  /**
   * Shuffle each class's rows before cutting them into folds.
   * @defaultValue false
   */
  shuffle?: boolean;
  /**
   * Seed of the shuffle (only with `shuffle: true`, as in scikit-learn). When omitted with
   * `shuffle: true`, one is drawn at construction and kept in {@link StratifiedKFold.seed}, so
   * every `split` call gives the same folds.
   */
  seed?: number;
}

/** The resolved options of a {@link StratifiedKFold}. */
export interface StratifiedKFoldParams {
  /** Number of folds. */
  readonly nSplits: number;
  /** Whether each class's rows are shuffled before cutting. */
  readonly shuffle: boolean;
  /** The seed given, if any (see {@link StratifiedKFold.seed} for the one used). */
  readonly seed: number | undefined;
}

/** One fold: the row indices to train on and to test on, each in ascending order. */
export interface Fold {
  /** Zero-based fold number. */
  fold: number;
  /** Training row indices (ascending). */
  train: Int32Array;
  /** Test row indices (ascending). */
  test: Int32Array;
}

/**
 * Stratified k-fold cross-validation: every row is tested exactly once, and each fold keeps the
 * class proportions as closely as possible.
 *
 * @remarks
 * The allocation is scikit-learn's `StratifiedKFold` exactly: classes are numbered in order of
 * first appearance, the number of rows of each class in each test fold is given by dealing the
 * sorted encoded labels round-robin over the folds (fold sizes per class differ by at most one),
 * and each class's rows go to the folds in contiguous blocks in data order. So with
 * `shuffle: false` the folds are identical to scikit-learn's; with `shuffle: true` each class's
 * block assignment is shuffled with our seeded generator — the per-fold class counts still equal
 * scikit-learn's, the chosen rows differ.
 *
 * A class with fewer rows than `nSplits` is missing from some test folds (scikit-learn warns; we
 * do not print): score such folds with metrics that take `labels` (as {@link crossValidate} does).
 *
 * @example
 * ```ts
 * const cv = new StratifiedKFold({ nSplits: 5, shuffle: true, seed: 0 });
 * for (const { train, test } of cv.split(X, y)) { ... }
 * ```
 * @see scikit-learn `sklearn.model_selection.StratifiedKFold`.
 */
export class StratifiedKFold {
  /** The options, with defaults filled in, frozen. */
  readonly params: StratifiedKFoldParams;
  /** The seed of the shuffle: `params.seed`, or one drawn at construction; `undefined` without shuffle. */
  readonly seed: number | undefined;

  /**
   * @param options - Number of folds, shuffling and seed.
   * @throws {@link InvalidParameterError} for an unknown option, when `nSplits` is not an integer
   * ≥ 2, `shuffle` is not a boolean, or `seed` is given with `shuffle: false` (it would have no
   * effect).
   */
  constructor(options: StratifiedKFoldOptions = {}) {
    const who = 'StratifiedKFold';
    const o = checkOptions(who, options, ['nSplits', 'shuffle', 'seed']);
    const nSplits = checkInteger(
      who,
      'nSplits',
      o.nSplits,
      { min: 2 },
      5,
      'k-fold needs at least one train/test split.',
    );
    const shuffle = checkBoolean(who, 'shuffle', o.shuffle, false);
    const seed = checkSeed(who, o.seed);
    if (!shuffle && seed !== undefined) {
      throw new InvalidParameterError(
        'seed',
        `${who}: seed has no effect since shuffle is false. Remove seed, or set shuffle: true.`,
      );
    }
    this.params = Object.freeze({ nSplits, shuffle, seed });
    this.seed = shuffle ? (seed ?? drawSeed()) : undefined;
  }

  /** The number of folds (`params.nSplits`). */
  getNSplits(): number {
    return this.params.nSplits;
  }

  /**
   * The test fold of each row (`0 .. nSplits-1`), as scikit-learn's `_make_test_folds`.
   *
   * @param y - Labels, one per row.
   * @throws {@link DataValidationError} when `nSplits` exceeds the number of rows or every class's count.
   * @example
   * ```ts
   * new StratifiedKFold({ nSplits: 2 }).testFolds(['a', 'a', 'b', 'b']); // Int32Array [0, 1, 0, 1]
   * ```
   */
  testFolds(y: ReadonlyArray<Label>): Int32Array {
    return this.foldsOf(checkLabels(y, 'StratifiedKFold.split', 'y'));
  }

  /** {@link StratifiedKFold.testFolds} of labels already checked (split checks them once). */
  private foldsOf(labels: Label[]): Int32Array {
    const who = 'StratifiedKFold.split';
    const n = labels.length;
    const k = this.params.nSplits;
    if (k > n) {
      throw new DataValidationError(
        `${who}: cannot have nSplits = ${k} greater than the number of rows (${n}). Lower nSplits.`,
        { param: 'y' },
      );
    }
    // Classes numbered by order of first appearance, as scikit-learn's _make_test_folds.
    const strata = stratify(labels, 'first-seen');
    const { counts } = strata;
    let largest = 0;
    for (const c of counts) if (c > largest) largest = c;
    if (largest < k) {
      throw new DataValidationError(
        `${who}: nSplits = ${k} cannot be greater than the number of members in each class ` +
          `(largest class: ${largest}). Lower nSplits.`,
        { param: 'y' },
      );
    }
    // Each class's rows go to the folds in contiguous blocks in data order (shuffled with shuffle).
    const rng = this.params.shuffle ? new Random(this.seed as number) : undefined;
    const folds = new Int32Array(n);
    foldCounts(counts, k).forEach((perFold, c) => {
      const block = new Int32Array(counts[c] as number);
      let p = 0;
      for (let f = 0; f < k; f++) for (let j = 0; j < (perFold[f] as number); j++) block[p++] = f;
      if (rng) rng.shuffle(block);
      const start = strata.start[c] as number;
      for (let j = 0; j < block.length; j++) folds[strata.rows[start + j] as number] = block[j] as number;
    });
    return folds;
  }

  /**
   * The folds: for each fold, ascending training and test row indices.
   *
   * @param X - The rows (only their count is used; pass `null` to use `y`'s length).
   * @param y - One label per row.
   * @returns `nSplits` folds; the test sets are disjoint and cover every row.
   * @throws {@link DataValidationError} when `y` does not match `X`, `nSplits` exceeds the number of
   * rows, or `nSplits` exceeds every class's count.
   * @example
   * ```ts
   * const folds = new StratifiedKFold({ nSplits: 3 }).split(X, y);
   * folds[0].test; // Int32Array of row indices
   * ```
   */
  split(X: RowsInput | null, y: ReadonlyArray<Label>): Fold[] {
    const who = 'StratifiedKFold.split';
    const folds = this.foldsOf(checkLabels(y, who, 'y', X === null ? undefined : rowCount(X, who)));
    const n = folds.length;
    const k = this.params.nSplits;
    const sizes = new Int32Array(k);
    for (const f of folds) sizes[f] = (sizes[f] as number) + 1;
    const out: Fold[] = [];
    for (let f = 0; f < k; f++) {
      const test = new Int32Array(sizes[f] as number);
      const train = new Int32Array(n - (sizes[f] as number));
      splitRows(folds, f, test, train);
      out.push({ fold: f, train, test });
    }
    return out;
  }
}

/**
 * The rows of fold `f` to `test`, the others to `train`, each ascending. A leaf of its own, so that
 * its loop runs optimised code (inside `split`, called once, it ran on-stack-replaced).
 */
function splitRows(folds: Int32Array, f: number, test: Int32Array, train: Int32Array): void {
  let a = 0;
  let b = 0;
  for (let i = 0; i < folds.length; i++) {
    if (folds[i] === f) test[a++] = i;
    else train[b++] = i;
  }
}
