/**
 * What {@link Encoder.fit} reads from the columns of a `ColumnarTable`: the tally of a
 * categorical column (from its codes, or from the values of a numeric column used as
 * categories), whether a column would be inferred numeric, and the values of a numeric column.
 * Each gives exactly what the same data as row objects gives.
 *
 * @module
 */
import type { CategoricalColumn, TableColumn } from '../core/table.js';
import type { NumericValues } from './EncodedMatrix.js';
import { mixedTypesError, type Tally } from './learnCategories.js';
import { codeRangeError, entryCounts, missingEntries, nonFiniteCategoryError } from './readColumnarTable.js';
import { missingCellError, parseNumeric } from './readTable.js';

/**
 * The tally of categorical column `name`: counts of the values in the order first met, missing
 * values (code `-1`, an empty-string entry, NaN in a numeric column) counted apart.
 * @throws {@link DataValidationError} for a code outside the dictionary, a non-finite value in a
 *   numeric column, a missing value with `missingError`, or strings mixed with numbers.
 * @internal
 */
export function columnarTally(col: TableColumn, name: string, missingError: boolean, who: string): Tally {
  return col.kind === 'categorical'
    ? dictionaryTally(col, name, missingError, who)
    : numericTally(col.values, name, missingError, who);
}

function dictionaryTally(col: CategoricalColumn, name: string, missingError: boolean, who: string): Tally {
  const cats = col.categories;
  const { counts, first, nMissing: nCoded, firstMissing } = entryCounts(col, name, who);
  const isMissing = missingEntries(cats);
  let nMissing = nCoded;
  let missRow = firstMissing;
  let missValue: unknown = null;
  let firstString = -1;
  let firstNumber = -1;
  const used: number[] = [];
  for (let j = 0; j < cats.length; j++) {
    const r = first[j] as number;
    if (r < 0) continue;
    if (isMissing[j]) {
      nMissing += counts[j] as number;
      if (missRow < 0 || r < missRow) {
        missRow = r;
        missValue = cats[j];
      }
      continue;
    }
    used.push(j);
    if (typeof cats[j] === 'string') {
      if (firstString < 0 || r < firstString) firstString = r;
    } else if (firstNumber < 0 || r < firstNumber) firstNumber = r;
  }
  if (missingError && missRow >= 0) throw missingCellError(who, missRow, name, missValue);
  used.sort((a, b) => (first[a] as number) - (first[b] as number));
  if (firstString >= 0 && firstNumber >= 0) {
    const at = (row: number) => cats[used.find((j) => first[j] === row) as number];
    throw mixedTypesError(who, name, firstString, at(firstString), firstNumber, at(firstNumber));
  }
  const tally = new Map<string | number, number>();
  for (const j of used) tally.set(cats[j] as string | number, counts[j] as number);
  const valueType = firstString >= 0 ? 'string' : firstNumber >= 0 ? 'number' : 'none';
  return { counts: tally, nMissing, valueType };
}

function numericTally(values: NumericValues, name: string, missingError: boolean, who: string): Tally {
  const counts = new Map<number, number>();
  let nMissing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const c = counts.get(v);
    if (c !== undefined) {
      counts.set(v, c + 1);
    } else if (Number.isNaN(v)) {
      if (missingError) throw missingCellError(who, i, name, v);
      nMissing++;
    } else if (v === Infinity || v === -Infinity) {
      throw nonFiniteCategoryError(who, name, i, v);
    } else {
      counts.set(v, 1);
    }
  }
  return { counts, nMissing, valueType: counts.size > 0 ? 'number' : 'none' };
}

/**
 * Whether the Encoder infers column `name` numeric (every non-missing cell a number), as it would
 * from row objects: numeric columns are; a categorical column is when every entry its rows use is
 * a number.
 * @throws {@link DataValidationError} for a code outside the dictionary.
 * @internal
 */
export function columnarIsNumeric(col: TableColumn, name: string, who: string): boolean {
  if (col.kind === 'numeric') return true;
  const { first } = entryCounts(col, name, who);
  const isMissing = missingEntries(col.categories);
  return col.categories.every((v, j) => (first[j] as number) < 0 || isMissing[j] === 1 || typeof v === 'number');
}

/**
 * The values of numeric column `name`: a numeric column's own array (not copied), or a
 * categorical column's entries read as numbers (`parseNumeric`, once per entry) into a fresh
 * `Float64Array`.
 * @returns The values and whether any is missing (NaN).
 * @throws {@link DataValidationError} for ±Infinity, a code outside the dictionary or an entry
 *   that is not a number, naming the first row holding it.
 * @internal
 */
export function columnarNumericValues(
  col: TableColumn,
  name: string,
  who: string,
): { values: NumericValues; hasMissing: boolean } {
  if (col.kind === 'numeric') {
    const values = col.values;
    let hasMissing = false;
    // integer arrays hold neither NaN nor ±Infinity
    if (values instanceof Float64Array || values instanceof Float32Array) {
      for (let i = 0; i < values.length; i++) {
        const x = values[i] as number;
        if (x - x !== 0) {
          if (Number.isNaN(x)) hasMissing = true;
          else parseNumeric(x, i, name, who); // throws the ±Infinity error
        }
      }
    }
    return { values, hasMissing };
  }
  const cats = col.categories;
  const k = cats.length;
  const codes = col.codes;
  const parsed = new Float64Array(k);
  const done = new Uint8Array(k);
  const values = new Float64Array(codes.length);
  let hasMissing = false;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number;
    let x: number;
    if (c === -1) x = NaN;
    else if (c < -1 || c >= k) throw codeRangeError(who, name, i, c, k);
    else {
      if (done[c] === 0) {
        parsed[c] = parseNumeric(cats[c], i, name, who);
        done[c] = 1;
      }
      x = parsed[c] as number;
    }
    if (Number.isNaN(x)) hasMissing = true;
    values[i] = x;
  }
  return { values, hasMissing };
}
