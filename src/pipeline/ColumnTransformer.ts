/**
 * The {@link ColumnTransformer}: several transformers of one table, their outputs side by side, as
 * one pipeline step.
 *
 * @module
 */
import type { Matrix } from 'ml-matrix';
import type { Serializable, Transformer } from '../core/contracts.js';
import { NotFittedError } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import type { RowSource } from '../core/rowSource.js';
import type { Envelope } from '../core/serialization.js';
import { checkOptions, invalid } from '../core/validate.js';
import { columnTransformerFromJSON, columnTransformerToJSON } from './columnTransformerJson.js';
import { concatColumns } from './concatColumns.js';
import type { PipelineClasses } from './pipelineJSON.js';
import { hasMethod } from './steps.js';

const WHO = 'ColumnTransformer';

/**
 * A part of a {@link ColumnTransformer}: any transformer of the table (`fit(X, y?)`, `transform`),
 * optionally with `fitTransform(X, y?)` (used while fitting) and `toJSON` (needed to save).
 */
export type ColumnPart = Transformer<never, Matrix | RowSource>;

/** The `[name, transformer]` pairs of a {@link ColumnTransformer}. */
export type ColumnParts = ReadonlyArray<readonly [name: string, transformer: ColumnPart]>;

/**
 * What a {@link ColumnTransformer} of `P` returns: a dense `Matrix` when every part's `transform`
 * returns one, else a {@link RowSource}.
 */
export type ColumnOutput<P extends ColumnParts> = [P[number][1]] extends [Transformer<never, Matrix>]
  ? Matrix
  : RowSource;

/** Options of a {@link ColumnTransformer}. */
export interface ColumnTransformerOptions<P extends ColumnParts = ColumnParts> {
  /**
   * `[name, transformer]` pairs, in output order: names non-empty and distinct, every
   * transformer a separate object. Each transformer receives the whole table and encodes the
   * columns it names itself (an Encoder's `categorical` / `numeric`, a TargetEncoder's `columns`).
   */
  transformers: P;
}

/** The options of a {@link ColumnTransformer}, checked and frozen. */
export interface ColumnTransformerParams<P extends ColumnParts = ColumnParts> {
  /** See {@link ColumnTransformerOptions.transformers}. */
  readonly transformers: P;
}

/** What a {@link ColumnTransformer} learned in `fit` (the parts hold the rest). */
export interface ColumnTransformerFitted {
  /** The output width of each transformer, in `params.transformers` order. */
  readonly widths: readonly number[];
  /** The total output width: the sum of `widths`. */
  readonly nFeaturesOut: number;
}

/**
 * Applies several transformers to the same table and puts their outputs side by side — e.g.
 * target encoding for the high-cardinality columns and one-hot for the others — as one
 * transformer that a {@link Pipeline} fits, applies and saves as a single step.
 *
 * @remarks
 * - Like scikit-learn's `ColumnTransformer` without the column selectors: every transformer
 *   receives the whole table and picks its own columns by name, so a column that no transformer
 *   names is dropped (scikit-learn's `remainder='drop'`); pass it through as an Encoder `numeric`
 *   column to keep it.
 * - `fitTransform(X, y)` calls each transformer's own `fitTransform(X, y)` when it has one, as
 *   scikit-learn's does: a {@link TargetEncoder} part is then cross-fitted on the training rows, so
 *   `fitTransform(X, y)` differs from `fit(X, y).transform(X)` for it (by design).
 * - The output is a dense `Matrix` when every part returns one, else a {@link RowSource} (an
 *   Encoder with `output: 'compact'` keeps its codes; rows are gathered part by part), which the
 *   {@link Scaler} and the MLP read directly.
 * - `y` is passed to every part's `fit` / `fitTransform`; unsupervised parts ignore it.
 *
 * @example
 * ```ts
 * const rows = [
 *   { district: 'a', premise: 'x', age: 30 },
 *   { district: 'a', premise: 'y', age: 41 },
 *   { district: 'b', premise: 'x', age: 25 },
 *   { district: 'b', premise: 'y', age: 52 },
 * ];
 * const ct = new ColumnTransformer({
 *   transformers: [
 *     ['onehot', new Encoder({ categorical: ['premise'], numeric: ['age'] })],
 *     ['target', new TargetEncoder({ columns: ['district'], cv: 2, seed: 0 })],
 *   ],
 * });
 * const X = ct.fitTransform(rows, [0, 1, 0, 1]); // 4 × 4: premise=x, premise=y, age, district
 * ```
 * @see scikit-learn `sklearn.compose.ColumnTransformer`.
 */
export class ColumnTransformer<const P extends ColumnParts = ColumnParts>
  implements Transformer<never, ColumnOutput<P>>, Serializable
{
  /** The options, checked, frozen. */
  readonly params: ColumnTransformerParams<P>;
  private state: ColumnTransformerFitted | undefined;

  /**
   * @param options - The transformers, by name.
   * @throws {@link InvalidParameterError} for an unknown option (naming the closest one), no
   * transformers, a pair that is not `[name, transformer]`, a repeated name or object, or a part
   * without `fit` and `transform`.
   */
  constructor(options: ColumnTransformerOptions<P>) {
    const o = checkOptions(WHO, options, ['transformers']);
    this.params = Object.freeze({ transformers: checkTransformers(o.transformers) as unknown as P });
  }

  /**
   * What `fit` learned.
   * @throws {@link NotFittedError} before `fit` or `fitTransform`.
   */
  get fitted(): ColumnTransformerFitted {
    if (this.state === undefined) throw new NotFittedError(WHO, 'fitted');
    return this.state;
  }

  /** The transformer named `name`, or `undefined`. */
  named(name: string): P[number][1] | undefined {
    return this.params.transformers.find(([n]) => n === name)?.[1];
  }

  /**
   * Fits every transformer on `X` (and `y`, for supervised parts such as a TargetEncoder).
   * @throws what a part's `fit` throws (e.g. {@link DataValidationError} for a missing column).
   */
  fit(X: unknown, y?: ReadonlyArray<Label>): this {
    this.fitTransform(X, y);
    return this;
  }

  /**
   * Fits every transformer on `X` and returns their outputs side by side: each part's
   * `fitTransform(X, y)` when it has one (a TargetEncoder's cross-fitted encoding), else
   * `fit(X, y)` then `transform(X)`.
   * @returns A dense `Matrix` when every part returns one, else a {@link RowSource}.
   * @throws what a part throws; {@link DataValidationError} when the parts' row counts differ.
   */
  fitTransform(X: unknown, y?: ReadonlyArray<Label>): ColumnOutput<P> {
    const parts = this.params.transformers.map(([, t]) => {
      const part = t as unknown as Transformer<unknown, Matrix | RowSource>;
      if (typeof part.fitTransform === 'function') return part.fitTransform(X, y);
      part.fit(X, y);
      return part.transform(X);
    });
    const out = concatColumns(`${WHO}.fitTransform`, this.names(), parts);
    const widths = parts.map((p) => p.columns);
    this.state = Object.freeze({ widths: Object.freeze(widths), nFeaturesOut: out.columns });
    return out as ColumnOutput<P>;
  }

  /**
   * Applies every fitted transformer to `X` and puts the outputs side by side.
   * @returns A dense `Matrix` when every part returns one, else a {@link RowSource}.
   * @throws {@link NotFittedError} before `fit`; what a part's `transform` throws.
   */
  transform(X: unknown): ColumnOutput<P> {
    this.fitted;
    const parts = this.params.transformers.map(([, t]) =>
      (t as unknown as Transformer<unknown, Matrix | RowSource>).transform(X),
    );
    return concatColumns(`${WHO}.transform`, this.names(), parts) as ColumnOutput<P>;
  }

  /**
   * The JSON envelope `{ format: 'imbalanced-tabular/ColumnTransformer', version, params, state }`:
   * each transformer's own envelope by name, and the widths learned.
   * @throws {@link SerializationError} when a part has no `toJSON`.
   */
  toJSON(): Envelope {
    return columnTransformerToJSON(this.params, this.state);
  }

  /**
   * Rebuilds a ColumnTransformer saved by `toJSON`, building each part with the class its
   * envelope names, taken from `classes` (`{ Encoder, TargetEncoder }`), as
   * {@link Pipeline.fromJSON} does (which passes its classes on).
   * @throws {@link SerializationError} naming the path of the first bad field, a part whose class
   * is not in `classes`, or a document whose state disagrees with its parts (a fitted
   * ColumnTransformer of unfitted parts, a width that is not its part's).
   */
  static fromJSON(json: unknown, classes: PipelineClasses): ColumnTransformer {
    const loaded = columnTransformerFromJSON(json, classes, (transformers) => new ColumnTransformer({ transformers }));
    if (loaded.widths !== undefined) {
      const w = loaded.widths;
      loaded.ct.state = Object.freeze({ widths: Object.freeze([...w]), nFeaturesOut: w.reduce((a, b) => a + b, 0) });
    }
    loaded.check(loaded.ct.toJSON());
    return loaded.ct;
  }

  private names(): string[] {
    return this.params.transformers.map(([n]) => n);
  }
}

/** The `transformers` option checked: a non-empty array of distinct `[name, transformer]` pairs. */
function checkTransformers(value: unknown): ColumnParts {
  const expected = 'a non-empty array of [name, transformer] pairs';
  if (!Array.isArray(value) || value.length === 0) invalid(WHO, 'transformers', expected, value);
  const names = new Set<string>();
  const objects = new Set<unknown>();
  return Object.freeze(
    value.map((pair: unknown, i: number) => {
      const at = `transformers[${i}]`;
      if (!Array.isArray(pair) || pair.length !== 2) invalid(WHO, at, 'a [name, transformer] pair', pair);
      const [name, t] = pair as [unknown, unknown];
      if (typeof name !== 'string' || name.length === 0) invalid(WHO, `${at}[0]`, 'a non-empty name', name);
      if (names.has(name)) invalid(WHO, `${at}[0]`, 'a name not used by an earlier transformer', name);
      if (!hasMethod(t, 'fit') || !hasMethod(t, 'transform'))
        invalid(WHO, `${at}[1]`, 'a transformer (fit + transform)', t);
      if (objects.has(t)) {
        invalid(WHO, `${at}[1]`, 'an object not used by an earlier transformer', t, 'Pass separate instances.');
      }
      names.add(name);
      objects.add(t);
      return Object.freeze([name, t as ColumnPart] as const);
    }),
  );
}
