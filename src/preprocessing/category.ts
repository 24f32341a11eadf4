/**
 * A category of a categorical column, its sort order and its label in feature names.
 *
 * @module
 */

/** A category of a categorical column: a string or a number; `null` is the missing-value category. */
export type Category = string | number | null;

/**
 * Sorts categories like NumPy/scikit-learn: numbers ascending, strings by UTF-16 code unit,
 * missing (`null`) last.
 * @internal
 */
export function compareCategories(a: Category, b: Category): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** How a category reads in a feature name: `missing` for `null`, else its text. @internal */
export function categoryLabel(c: Category): string {
  return c === null ? 'missing' : String(c);
}
