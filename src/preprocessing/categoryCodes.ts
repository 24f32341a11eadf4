/**
 * The categorical columns of any table the {@link Encoder} reads (row objects, `{ columns, rows }`,
 * a `ColumnarTable`), read as one category index per row: what the {@link TargetEncoder} encodes.
 *
 * @internal
 * @module
 */
import { isColumnarTable } from '../core/table.js';
import type { CategoricalColumn, TableColumn } from '../core/table.js';
import type { Category } from './category.js';
import { type Tally, tallyColumn } from './learnCategories.js';
import { columnarTally } from './learnColumnar.js';
import { codeRangeError, nonFiniteCategoryError, readColumnarTable } from './readColumnarTable.js';
import { badCellError, isMissing, readTable, requireKey } from './readTable.js';

/** A table read column by column as categories. @internal */
export interface CategoryColumns {
  /** Number of rows. */
  readonly nRows: number;
  /**
   * What one pass over column `name` finds: the count of each value, the missing cells.
   * @throws {@link DataValidationError} for a missing column, a bad cell or mixed value types.
   */
  tally(name: string): Tally;
  /**
   * The index in `categories` of each row's value of column `name`; `-1` for a value not in the
   * list (a missing value is the `null` entry when the list has one).
   * @throws {@link DataValidationError} for a missing column or a cell that is not a category.
   */
  codes(name: string, categories: ReadonlyArray<Category>): Int32Array;
}

/**
 * Reads table `X` (any form the Encoder takes) for category lookups.
 * @param who - The method reading, e.g. `'TargetEncoder.fit'`, for messages.
 * @throws {@link DataValidationError} for an empty or malformed table.
 * @internal
 */
export function readCategoryColumns(X: unknown, who: string): CategoryColumns {
  if (isColumnarTable(X)) {
    const t = readColumnarTable(X, who);
    return {
      nRows: t.nRows,
      tally: (name) => columnarTally(t.column(name), name, false, who),
      codes: (name, categories) => columnarCodes(t.column(name), name, categories, who),
    };
  }
  const t = readTable(X, who);
  return {
    nRows: t.rows.length,
    tally: (name) => tallyColumn(t.rows, requireKey(t, name, who), name, false, who),
    codes(name, categories) {
      const key = requireKey(t, name, who);
      const { index, missing } = lookup(categories);
      const out = new Int32Array(t.rows.length);
      for (let i = 0; i < out.length; i++) {
        const v = (t.rows[i] as Readonly<Record<string | number, unknown>>)[key];
        const k = index.get(v as string | number);
        if (k !== undefined) out[i] = k;
        else if (isMissing(v)) out[i] = missing;
        else if (typeof v === 'string' || typeof v === 'number') out[i] = -1;
        else throw badCellError(who, i, name, v);
      }
      return out;
    },
  };
}

/** Category → index, and the index of the missing category (`-1` when not listed). */
function lookup(categories: ReadonlyArray<Category>): { index: Map<string | number, number>; missing: number } {
  const index = new Map<string | number, number>();
  let missing = -1;
  categories.forEach((c, k) => {
    if (c === null) missing = k;
    else index.set(c, k);
  });
  return { index, missing };
}

function columnarCodes(col: TableColumn, name: string, categories: ReadonlyArray<Category>, who: string): Int32Array {
  const { index, missing } = lookup(categories);
  return col.kind === 'categorical'
    ? dictionaryCodes(col, name, index, missing, who)
    : Int32Array.from(col.values, (v, i) => {
        if (Number.isNaN(v)) return missing;
        if (!Number.isFinite(v)) throw nonFiniteCategoryError(who, name, i, v);
        return index.get(v) ?? -1;
      });
}

function dictionaryCodes(
  col: CategoricalColumn,
  name: string,
  index: ReadonlyMap<string | number, number>,
  missing: number,
  who: string,
): Int32Array {
  // one lookup per dictionary entry; the empty string reads as missing, like a row object's ''
  const entry = Int32Array.from(col.categories, (v) => (v === '' ? missing : (index.get(v) ?? -1)));
  const k = entry.length;
  return Int32Array.from(col.codes, (c, i) => {
    if (c === -1) return missing;
    if (c < -1 || c >= k) throw codeRangeError(who, name, i, c, k);
    return entry[c] as number;
  });
}
