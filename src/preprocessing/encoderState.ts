/**
 * What an {@link Encoder} learns: per-column states and the description of its output columns.
 *
 * @module
 */
import { type Category, categoryLabel } from './category.js';
import type { EncoderParams } from './encoderOptions.js';

/** What an {@link Encoder} learned about one categorical column. */
export interface CategoricalColumnState {
  /** Column name. */
  readonly name: string;
  /** Type of the non-missing categories (`'none'` when the column only held missing values). */
  readonly valueType: 'string' | 'number' | 'none';
  /**
   * All categories, sorted (numbers ascending, strings by UTF-16 code unit, missing `null` last)
   * or as given.
   */
  readonly categories: readonly Category[];
  /** Training count of each entry of `categories`. */
  readonly counts: readonly number[];
  /** The categories kept as their own output, in `categories` order. */
  readonly frequent: readonly Category[];
  /** The categories grouped into the infrequent slot (empty when there is no slot). */
  readonly infrequent: readonly Category[];
  /**
   * Index in `[...frequent, infrequent slot]` of the dropped one-hot column, or `null`.
   */
  readonly dropIndex: number | null;
  /** Number of codes: `frequent.length`, plus 1 when there is an infrequent slot. */
  readonly nCodes: number;
}

/** What an {@link Encoder} learned about one numeric column. */
export interface NumericColumnState {
  /** Column name. */
  readonly name: string;
  /** The value written for missing cells (NaN when `impute` is not set). */
  readonly imputeValue: number;
}

/** Describes one output column of an {@link Encoder}. */
export interface OutputColumn {
  /** Feature name, e.g. `AREA=77th Street`, `AREA=infrequent`, `AREA=missing`, `Vict Age`. */
  readonly name: string;
  /** The input column it comes from. */
  readonly source: string;
  /**
   * `'onehot'`: a 0/1 indicator; `'ordinal'`: integer codes `0 … nCategories − 1`; `'numeric'`:
   * passed through.
   */
  readonly kind: 'onehot' | 'ordinal' | 'numeric';
  /** Number of distinct codes: `nCodes` for ordinal, 2 for one-hot, 0 for numeric. */
  readonly nCategories: number;
}

/** What an {@link Encoder} learned. */
export interface EncoderState {
  /** The categorical columns, in output order. */
  readonly categorical: readonly CategoricalColumnState[];
  /** The numeric columns, in output order. */
  readonly numeric: readonly NumericColumnState[];
  /** One entry per output column. */
  readonly outputs: readonly OutputColumn[];
  /** Number of training rows. */
  readonly nRowsSeen: number;
}

/**
 * The frozen state of one categorical column: `categories` split into the frequent ones and those
 * in `infrequent`, keeping their order.
 * @internal
 */
export function makeColumnState(
  name: string,
  valueType: CategoricalColumnState['valueType'],
  categories: Category[],
  counts: number[],
  infrequent: ReadonlySet<Category>,
  dropIndex: number | null,
): CategoricalColumnState {
  const frequent = categories.filter((c) => !infrequent.has(c));
  const inf = categories.filter((c) => infrequent.has(c));
  return Object.freeze({
    name,
    valueType,
    categories: Object.freeze(categories),
    counts: Object.freeze(counts),
    frequent: Object.freeze(frequent),
    infrequent: Object.freeze(inf),
    dropIndex,
    nCodes: frequent.length + (inf.length > 0 ? 1 : 0),
  });
}

/**
 * The frozen {@link EncoderState} of the given columns, with its output columns: each categorical
 * column expanded (one-hot: one per code but the dropped one; ordinal: one), then the numeric ones.
 * @internal
 */
export function assembleState(
  categorical: CategoricalColumnState[],
  numeric: NumericColumnState[],
  nRowsSeen: number,
  encoding: EncoderParams['encoding'],
): EncoderState {
  const outputs: OutputColumn[] = [];
  for (const c of categorical) {
    if (encoding === 'ordinal') {
      outputs.push(Object.freeze({ name: c.name, source: c.name, kind: 'ordinal', nCategories: c.nCodes }));
      continue;
    }
    for (let k = 0; k < c.nCodes; k++) {
      if (k === c.dropIndex) continue;
      const label = k < c.frequent.length ? categoryLabel(c.frequent[k] as Category) : 'infrequent';
      outputs.push(Object.freeze({ name: `${c.name}=${label}`, source: c.name, kind: 'onehot', nCategories: 2 }));
    }
  }
  for (const n of numeric)
    outputs.push(Object.freeze({ name: n.name, source: n.name, kind: 'numeric', nCategories: 0 }));
  return Object.freeze({
    categorical: Object.freeze(categorical),
    numeric: Object.freeze(numeric),
    outputs: Object.freeze(outputs),
    nRowsSeen,
  });
}
