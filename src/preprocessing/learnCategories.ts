/**
 * How the {@link Encoder} learns the categories of one categorical column: count the values in
 * one pass, settle the category list (sorted, or as given), then group the infrequent ones.
 *
 * @module
 */
import { DataValidationError, describe } from '../core/errors.js';
import { type Category, compareCategories } from './category.js';
import type { EncoderParams } from './encoderOptions.js';
import { type CategoricalColumnState, makeColumnState } from './encoderState.js';
import { identifyInfrequent } from './identifyInfrequent.js';
import { badCellError, isMissing, missingCellError, cellOf, type TableRow } from './readTable.js';

/** The categories given by the `categories` option, by column. @internal */
export type GivenCategories = Readonly<Record<string, ReadonlyArray<Category>>>;

/**
 * The state of categorical column `name` from what one pass over its cells found (whatever form
 * the table has): its categories, their counts, the infrequent group and the dropped column.
 * @param nRows - Number of training rows.
 * @throws {@link DataValidationError} for given categories that do not fit the data.
 * @internal
 */
export function columnStateFromTally(
  name: string,
  tally: Tally,
  nRows: number,
  p: EncoderParams,
  given: GivenCategories | undefined,
  who: string,
): CategoricalColumnState {
  const list = given !== undefined && Object.hasOwn(given, name) ? given[name] : undefined;
  const { categories, valueType } =
    list === undefined ? sortedCategories(tally) : givenCategories(name, tally, list, p.handleUnknown, who);
  const counts = categories.map((c) => (c === null ? tally.nMissing : (tally.counts.get(c) ?? 0)));
  const isInfrequent = identifyInfrequent(counts, nRows, p.minFrequency, p.maxCategories);
  const infrequent = new Set(categories.filter((_, k) => isInfrequent[k]));
  const nCodes = categories.length - infrequent.size + (infrequent.size > 0 ? 1 : 0);
  const dropIndex = p.drop === 'first' || (p.drop === 'ifBinary' && nCodes === 2) ? 0 : null;
  return makeColumnState(name, valueType, categories, counts, infrequent, dropIndex);
}

/** What one pass over a categorical column found. @internal */
export interface Tally {
  /** Count of each non-missing value, in the order first seen. */
  readonly counts: ReadonlyMap<string | number, number>;
  /** Number of missing cells. */
  readonly nMissing: number;
  /** Type of the non-missing values (`'none'` when every cell is missing). */
  readonly valueType: CategoricalColumnState['valueType'];
}

/** A category list with the type of its non-missing entries. @internal */
export interface CategoryList {
  readonly categories: Category[];
  readonly valueType: CategoricalColumnState['valueType'];
}

/**
 * Counts the values of one column of row objects or row arrays, checking each cell.
 * @throws {@link DataValidationError} for a cell that is not a string, number or missing value, a
 *   missing value with `missingError`, or strings mixed with numbers.
 * @internal
 */
export function tallyColumn(
  rows: ReadonlyArray<TableRow>,
  key: string | number,
  name: string,
  missingError: boolean,
  who: string,
): Tally {
  // value → slot in `tally` (one hash lookup per cell, counts in a typed array)
  const slots = new Map<string | number, number>();
  let tally = new Float64Array(64);
  let nMissing = 0;
  let firstString = -1;
  let firstNumber = -1;
  for (let i = 0; i < rows.length; i++) {
    const v = cellOf(rows[i] as TableRow, key);
    const slot = slots.get(v as string | number);
    if (slot !== undefined) {
      tally[slot] = (tally[slot] as number) + 1;
      continue;
    }
    if (isMissing(v)) {
      if (missingError) throw missingCellError(who, i, name, v);
      nMissing++;
      continue;
    }
    if (typeof v === 'string') {
      if (firstString < 0) firstString = i;
    } else if (typeof v === 'number') {
      if (firstNumber < 0) firstNumber = i;
    } else {
      throw badCellError(who, i, name, v);
    }
    const k = slots.size;
    if (k === tally.length) {
      const grown = new Float64Array(k * 2);
      grown.set(tally);
      tally = grown;
    }
    slots.set(v, k);
    tally[k] = 1;
  }
  const counts = new Map<string | number, number>();
  for (const [v, k] of slots) counts.set(v, tally[k] as number);
  if (firstString >= 0 && firstNumber >= 0) {
    const cell = (i: number) => cellOf(rows[i] as TableRow, key);
    throw mixedTypesError(who, name, firstString, cell(firstString), firstNumber, cell(firstNumber));
  }
  const valueType = firstString >= 0 ? 'string' : firstNumber >= 0 ? 'number' : 'none';
  return { counts, nMissing, valueType };
}

/** The learned categories: sorted like NumPy, the missing category last. @internal */
export function sortedCategories(tally: Tally): CategoryList {
  const categories: Category[] = [...tally.counts.keys()].sort(compareCategories);
  if (tally.nMissing > 0) categories.push(null);
  return { categories, valueType: tally.valueType };
}

/**
 * The given categories, in their order, after checking they have the column's type and, with
 * `handleUnknown: 'error'`, cover every value seen.
 */
function givenCategories(
  name: string,
  tally: Tally,
  list: ReadonlyArray<Category>,
  handleUnknown: EncoderParams['handleUnknown'],
  who: string,
): CategoryList {
  const first = list.find((c) => c !== null);
  const gvt = first === undefined ? 'none' : typeof first === 'string' ? 'string' : 'number';
  if (tally.valueType !== 'none' && gvt !== 'none' && gvt !== tally.valueType) {
    throw new DataValidationError(
      `${who}: column "${name}" holds ${tally.valueType}s but its given categories are ${gvt}s. ` +
        'Make them the same type.',
      { param: 'X', column: name },
    );
  }
  if (handleUnknown === 'error') {
    const known = new Set<Category>(list);
    for (const v of tally.counts.keys()) {
      if (!known.has(v)) {
        throw new DataValidationError(
          `${who}: column "${name}" holds ${describe(v)}, which is not in the given categories, and ` +
            "handleUnknown is 'error'. Add it to categories or set handleUnknown.",
          { param: 'X', column: name },
        );
      }
    }
    if (tally.nMissing > 0 && !known.has(null)) {
      throw new DataValidationError(
        `${who}: column "${name}" has missing values but null is not in its given categories, and ` +
          "handleUnknown is 'error'. Add null to categories or set handleUnknown.",
        { param: 'X', column: name },
      );
    }
  }
  return { categories: [...list], valueType: gvt !== 'none' ? gvt : tally.valueType };
}

/**
 * A categorical column holding both strings (first at row `rowS`: `s`) and numbers (first at row
 * `rowN`: `x`).
 * @internal
 */
export function mixedTypesError(
  who: string,
  name: string,
  rowS: number,
  s: unknown,
  rowN: number,
  x: unknown,
): DataValidationError {
  return new DataValidationError(
    `${who}: column "${name}" mixes strings (row ${rowS}: ${describe(s)}) and numbers ` +
      `(row ${rowN}: ${describe(x)}), which have no common sort order (scikit-learn refuses ` +
      'them too). Convert the column to one type, e.g. String(v).',
    { param: 'X', column: name },
  );
}
