import { DataValidationError, describe, refuseDetached } from './errors.js';
import type { Label } from './matrix.js';

/**
 * Whether `x` is an Array or a typed array — a one-dimensional list of values. A `DataView` is a
 * view of bytes, not of values (it has no `length` and no indexed elements), so it is not one.
 * @internal
 */
export function isList(x: unknown): x is ArrayLike<unknown> {
  return Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
}

/**
 * Compares two labels the way NumPy sorts them: numbers ascending, strings by UTF-16 code units.
 * @internal
 */
export function compareLabels(a: Label, b: Label): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * What scikit-learn's `type_of_target` says of a 1-D label array: `'binary'` (at most two distinct
 * values), `'multiclass'` (more), `'continuous'` (a number that is not a whole number — a regression
 * target, not classes), or `'unknown'` (not a label array: an entry that is neither a string nor a
 * finite number, or strings mixed with numbers).
 *
 * @remarks
 * JavaScript has one number type, so the float rule applies to every number: `1.0` is the integer
 * `1` (a class), `0.5` makes the array continuous. As in NumPy, a whole number outside the int64
 * range [−2⁶³, 2⁶³) does not survive the cast to an integer and also counts as continuous (`1e300`).
 * scikit-learn raises on NaN and ±Infinity; here they make the array `'unknown'`.
 *
 * @param y - The labels.
 * @returns The target type.
 * @example
 * ```ts
 * typeOfTarget([0, 1, 1]);           // 'binary'
 * typeOfTarget(['a', 'b', 'c']);     // 'multiclass'
 * typeOfTarget([1.0, 2.0, 3.0]);     // 'multiclass' (whole numbers are classes)
 * typeOfTarget([0, 0.25, 0.5]);      // 'continuous'
 * ```
 * @see scikit-learn `sklearn.utils.multiclass.type_of_target`.
 */
export function typeOfTarget(y: ArrayLike<unknown>): 'binary' | 'multiclass' | 'continuous' | 'unknown' {
  if (!isList(y)) return 'unknown';
  let kind: 'string' | 'number' | undefined;
  let continuous = false;
  const distinct = new Set<unknown>();
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    const t = typeof v;
    if (t === 'number') {
      if (!Number.isFinite(v as number)) return 'unknown';
      if (!isWholeLabel(v as number)) continuous = true;
    } else if (t !== 'string') return 'unknown';
    if (kind === undefined) kind = t as 'string' | 'number';
    else if (kind !== t) return 'unknown';
    if (distinct.size <= 2) distinct.add(v);
  }
  if (continuous) return 'continuous';
  return distinct.size > 2 ? 'multiclass' : 'binary';
}

/** 2⁶³, the first double NumPy cannot cast to int64. */
const INT64_LIMIT = 2 ** 63;

/**
 * Whether a finite number is a class label rather than a measurement: a whole number that NumPy's
 * cast to int64 keeps (scikit-learn's `y != y.astype(int)` test). @internal
 */
export function isWholeLabel(v: number): boolean {
  return Number.isInteger(v) && v >= -INT64_LIMIT && v < INT64_LIMIT;
}

/**
 * Why `v` is not a class label — `undefined` when it is one: a string, or a finite whole number
 * (see {@link isWholeLabel}). The one rule behind {@link checkLabels} and the JSON loaders'
 * label readers. @internal
 */
export function labelProblem(v: unknown): string | undefined {
  if (typeof v === 'string') return undefined;
  if (typeof v !== 'number') return `${describe(v)}; labels must be strings or numbers`;
  if (!Number.isFinite(v)) return `${String(v)}; labels must be finite numbers or strings`;
  if (!isWholeLabel(v)) {
    return (
      `${v}, not a whole number — Unknown label type: 'continuous' (a regression target, not classes). ` +
      'Numeric classes must be whole numbers (1.0 is fine): bin the target into classes first, or use ' +
      'string labels'
    );
  }
  return undefined;
}

/**
 * Validates a label vector (strings or whole numbers, not mixed) and returns it as a fresh array.
 *
 * @remarks
 * A number that is not a whole number makes the vector a continuous target, which is refused
 * with "Unknown label type: 'continuous'" as imbalanced-learn and scikit-learn's classifiers do
 * (`1.0` is the class `1`; `0.5` is not a class). Every sampler, classifier, split and metric
 * checks its labels here.
 * @internal
 */
export function checkLabels(y: ReadonlyArray<Label>, who: string, param = 'y', expectedLength?: number): Label[] {
  if (!isList(y)) {
    throw new DataValidationError(
      `${who}: ${param} must be an array of labels (strings or numbers), received ${describe(y)}.`,
      { param },
    );
  }
  refuseDetached(who, param, y);
  const n = y.length;
  if (expectedLength !== undefined && n !== expectedLength) {
    throw new DataValidationError(
      `${who}: ${param} has ${n} labels but X has ${expectedLength} rows. Pass one label per row.`,
      { param },
    );
  }
  const out: Label[] = new Array(n);
  let kind: 'string' | 'number' | undefined;
  for (let i = 0; i < n; i++) {
    const v = y[i] as unknown;
    const problem = labelProblem(v);
    if (problem !== undefined) {
      throw new DataValidationError(`${who}: ${param}[${i}] is ${problem}.`, { param, row: i });
    }
    const t = typeof v as 'string' | 'number';
    if (kind === undefined) kind = t;
    else if (kind !== t) {
      throw new DataValidationError(
        `${who}: ${param} mixes strings and numbers (row ${i} is ${describe(v)}, earlier rows are ${kind}s). ` +
          'Use one label type.',
        { param, row: i },
      );
    }
    out[i] = v as Label;
  }
  return out;
}

/**
 * Sorted distinct labels. @internal
 */
export function uniqueSorted(y: ReadonlyArray<Label>): Label[] {
  return Array.from(new Set(y)).sort(compareLabels);
}

/**
 * Maps labels to their index in `classes`; throws on a label not in `classes`. @internal
 */
export function encodeLabels(
  y: ReadonlyArray<Label>,
  classes: ReadonlyArray<Label>,
  who: string,
  param = 'y',
): Int32Array {
  const index = new Map<Label, number>();
  classes.forEach((c, i) => index.set(c, i));
  const out = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const k = index.get(y[i] as Label);
    if (k === undefined) {
      throw new DataValidationError(
        `${who}: ${param}[${i}] = ${describe(y[i])} is not one of the known classes ` +
          `[${classes.map((c) => describe(c)).join(', ')}].`,
        { param, row: i },
      );
    }
    out[i] = k;
  }
  return out;
}

/**
 * Counts per class, as a Map in sorted class order. @internal
 */
export function classCounts(y: ReadonlyArray<Label>): Map<Label, number> {
  const counts = new Map<Label, number>();
  // small non-negative integer labels (the common case) counted in an array, the rest in the Map:
  // a Map update per row cost ~20 ms for 200,000 rows
  const small = new Int32Array(SMALL_LABELS);
  for (let i = 0; i < y.length; i++) {
    const v = y[i] as Label;
    if (typeof v === 'number' && v >= 0 && v < SMALL_LABELS && (v | 0) === v) small[v]!++;
    else counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  for (let v = 0; v < SMALL_LABELS; v++) if (small[v]! > 0) counts.set(v, small[v]!);
  return new Map([...counts.entries()].sort((a, b) => compareLabels(a[0], b[0])));
}

/** Labels `0 … SMALL_LABELS − 1` are counted in an array by {@link classCounts}. */
const SMALL_LABELS = 256;
