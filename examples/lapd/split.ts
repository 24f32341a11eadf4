/**
 * The stratified train/test split of the cases, on row indices: the library's `trainTestSplit`
 * gets an index per kept case and the status labels, so the split is the one it would make of the
 * records themselves (same seed → same rows), and no row is copied.
 *
 * @module
 */
import { trainTestSplit } from 'imbalanced-tabular';
import { type CaseColumns, categoryAt } from './caseColumns.js';

/** The two sides of the split, as row indices into the loaded cases. */
export interface CaseSplit {
  /** Training cases (row indices into the cases, in the split's order). */
  train: Int32Array;
  /** Their labels. */
  yTrain: string[];
  /** Test cases. */
  test: Int32Array;
  /** Their labels. */
  yTest: string[];
  /** Sorted classes of the kept cases. */
  classes: string[];
  /** Classes left out because they have a single case (a stratified split needs 2). */
  dropped: Map<string, number>;
}

/** Options of {@link splitCases}. */
export interface SplitOptions {
  /** Test fraction. */
  testSize: number;
  /** Seed of the split. */
  seed: number;
}

/**
 * Splits the cases stratified on the status, BEFORE anything is fitted. Classes with a single case
 * cannot be stratified and are left out (and reported in `dropped`).
 */
export function splitCases(cases: CaseColumns, options: SplitOptions): CaseSplit {
  const status = cases.categorical.status;
  const perCode = new Int32Array(status.values.length);
  for (const c of status.codes) perCode[c]!++;
  const dropped = new Map<string, number>();
  status.values.forEach((s, c) => {
    if (perCode[c]! < 2) dropped.set(s, perCode[c]!);
  });
  const kept: number[] = [];
  const y: string[] = [];
  for (let i = 0; i < cases.rows; i++) {
    const s = categoryAt(cases, 'status', i);
    if (dropped.has(s)) continue;
    kept.push(i);
    y.push(s);
  }
  const { train, test } = trainTestSplit(kept, y, {
    testSize: options.testSize,
    stratify: true,
    seed: options.seed,
  });
  return {
    train: Int32Array.from(train.X),
    yTrain: train.y as string[],
    test: Int32Array.from(test.X),
    yTest: test.y as string[],
    classes: [...new Set(y)].sort(),
    dropped,
  };
}
