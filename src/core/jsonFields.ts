/**
 * Readers of the fields of a JSON document, for the `fromJSON` loaders: each reads one value,
 * checks its type, range, length, finiteness or uniqueness, and returns it typed — or throws a
 * {@link SerializationError} naming the loader and the field's path, e.g.
 * "Pipeline.fromJSON: state.nSamplesIn must be an integer ≥ 0, received -5." (the path is also
 * the error's `path`).
 *
 * ```ts
 * const s = readObject(who, 'state', env.state, { required: ['nFeaturesIn', 'center'] });
 * const n = readInteger(who, 'state.nFeaturesIn', s.nFeaturesIn, { min: 1 });
 * const center = readNumbers(who, 'state.center', s.center, { length: n, special: true });
 * ```
 *
 * The vocabulary mirrors `validate.ts` (who, then where, then the value): a loader validates
 * every field it reads, and never trusts a count, a length or a label it has not checked.
 *
 * @internal
 * @module
 */
import { InvalidParameterError, SerializationError, describe } from './errors.js';
import { compareLabels, labelProblem } from './labels.js';
import type { Label } from './matrix.js';
import {
  type IntegerRange,
  type Interval,
  checkBoolean,
  checkInteger,
  checkOneOf,
  formatInterval,
  inInterval,
} from './validate.js';

/**
 * Throws the loaders' {@link SerializationError}: "who: path must be expected, received value. fix".
 * @internal
 */
export function badField(who: string, path: string, expected: string, value: unknown, fix?: string): never {
  throw new SerializationError(
    `${who}: ${path} must be ${expected}, received ${describe(value)}.${fix ? ` ${fix}` : ''}`,
    {
      path,
    },
  );
}

/**
 * The path of a field inside `path`: `state` + `center` → `state.center`, `steps` + `1` →
 * `steps[1]`; keys that are not identifiers are quoted (`classes["a b"]`); an empty `path` is the
 * root. @internal
 */
export function fieldPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

/**
 * The {@link SerializationError} for a document whose options the constructor refuses: at
 * `params.<option>` (`params.earlyStopping.patience` for a nested one) when the refusal is an
 * {@link InvalidParameterError}, else at `params`; the refusal is its `cause`. @internal
 */
export function optionsError(who: string, e: unknown): SerializationError {
  const param = e instanceof InvalidParameterError ? e.param : undefined;
  const path = param === undefined || param === '' ? 'params' : param.split('.').reduce(fieldPath, 'params');
  return new SerializationError(`${who}: ${path} is invalid: ${(e as Error).message}`, { path, cause: e });
}

/** The keys an object read by {@link readObject} must and may have. @internal */
export interface ObjectFields {
  /** Keys that must be present (own properties). */
  required?: ReadonlyArray<string>;
  /**
   * Keys that may be present. When `required` or `optional` is given, any other key is refused
   * (a misspelt or foreign field is an error, not silently ignored).
   */
  optional?: ReadonlyArray<string>;
}

/**
 * Reads a plain JSON object (not an array, not null, no other prototype) into a null-prototype
 * copy of its own enumerable properties — so `copy.constructor` or `copy.toString` is what the
 * document says, or `undefined`, never something inherited. With `fields`, checks that every
 * required key is present and that no unknown key is. @internal
 */
export function readObject(
  who: string,
  path: string,
  value: unknown,
  fields?: ObjectFields,
): Readonly<Record<string, unknown>> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return badField(who, path || 'the document', 'an object', value);
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    return badField(who, path || 'the document', 'a plain JSON object', value);
  }
  const out: Record<string, unknown> = Object.create(null);
  for (const k of Object.keys(value)) out[k] = (value as Record<string, unknown>)[k];
  if (fields) {
    const required = fields.required ?? [];
    const allowed = new Set([...required, ...(fields.optional ?? [])]);
    for (const k of required) {
      if (!Object.hasOwn(out, k)) {
        throw new SerializationError(`${who}: ${fieldPath(path, k)} is missing.`, { path: fieldPath(path, k) });
      }
    }
    for (const k of Object.keys(out)) {
      if (!allowed.has(k)) {
        throw new SerializationError(
          `${who}: ${fieldPath(path, k)} is not a known field${path ? ` of ${path}` : ''} ` +
            `(known: ${[...allowed].join(', ')}).`,
          { path: fieldPath(path, k) },
        );
      }
    }
  }
  return out;
}

/** Length bounds of {@link readArray}: an exact `length`, or `min` / `max` (inclusive). @internal */
export interface LengthRange {
  /** The exact length required. */
  length?: number;
  /** Smallest length. */
  min?: number;
  /** Largest length. */
  max?: number;
}

function lengthText(r: LengthRange): string {
  if (r.length !== undefined) return ` of length ${r.length}`;
  if (r.min !== undefined && r.max !== undefined) return ` of length ${r.min} to ${r.max}`;
  if (r.min !== undefined) return r.min === 1 ? ' (non-empty)' : ` of length ≥ ${r.min}`;
  if (r.max !== undefined) return ` of length ≤ ${r.max}`;
  return '';
}

/** Reads an array whose length is within `range`. @internal */
export function readArray(
  who: string,
  path: string,
  value: unknown,
  range: LengthRange = {},
  what = 'an array',
): readonly unknown[] {
  if (!Array.isArray(value)) return badField(who, path, `${what}${lengthText(range)}`, value);
  const n = value.length;
  if (
    (range.length !== undefined && n !== range.length) ||
    (range.min !== undefined && n < range.min) ||
    (range.max !== undefined && n > range.max)
  ) {
    return badField(who, path, `${what}${lengthText(range)}`, value);
  }
  return value;
}

/**
 * Runs one of the option checks of `validate.ts` on a field: the same rule and wording ("who:
 * path must be X, received Y."), thrown as a SerializationError at `path`.
 */
function asField<T>(path: string, check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (e instanceof InvalidParameterError) throw new SerializationError(e.message, { path });
    throw e;
  }
}

/** Reads a safe integer within `range` (both ends inclusive). @internal */
export function readInteger(who: string, path: string, value: unknown, range: IntegerRange = {}): number {
  return asField(path, () => checkInteger(who, path, value, range));
}

/** Options of {@link readNumber} and {@link readNumbers}. @internal */
export interface NumberField {
  /** The interval finite values must lie in. @defaultValue any finite number */
  interval?: Interval;
  /**
   * Accept the tagged strings `encodeNumber` writes for the values JSON cannot hold: `"NaN"`,
   * `"Infinity"`, `"-Infinity"` (and `"-0"`, always accepted). A raw non-finite number is never
   * accepted: JSON cannot hold one, so it was not written by `toJSON`. `'NaN'` accepts only `"NaN"`
   * (a statistic of a column without values), where ±Infinity cannot be a saved value.
   * @defaultValue false
   */
  special?: boolean | 'NaN';
}

/** The tagged strings of special numbers (see `encodeNumber`). */
const SPECIAL: Readonly<Record<string, number>> = Object.freeze(
  Object.assign(Object.create(null), { NaN: Number.NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 }),
);

/**
 * Reads one number: a finite JSON number in `interval`, or (with `special`) one of the tagged
 * strings of NaN and ±Infinity; `"-0"` is read as −0. @internal
 */
export function readNumber(who: string, path: string, value: unknown, field: NumberField = {}): number {
  let v: number | undefined;
  if (typeof value === 'number') v = Number.isFinite(value) ? value : undefined;
  else if (typeof value === 'string' && Object.hasOwn(SPECIAL, value)) {
    const s = SPECIAL[value] as number;
    v = Number.isFinite(s) || field.special === true || (field.special === 'NaN' && Number.isNaN(s)) ? s : undefined;
  }
  if (v !== undefined && (!Number.isFinite(v) || field.interval === undefined || inInterval(v, field.interval))) {
    return v;
  }
  const range = field.interval === undefined ? 'a finite number' : `a number in ${formatInterval(field.interval)}`;
  const expected =
    field.special === 'NaN'
      ? `${range}, or "NaN"`
      : field.special
        ? `${range}, or "NaN", "Infinity" or "-Infinity"`
        : range;
  const why =
    typeof value === 'number' && !Number.isFinite(value)
      ? 'JSON holds no NaN or Infinity; toJSON writes them as the strings "NaN", "Infinity", "-Infinity".'
      : undefined;
  return badField(who, path, expected, value, why);
}

/**
 * Reads an array of numbers (each as {@link readNumber}) into a Float64Array, optionally of an
 * exact length. @internal
 */
export function readNumbers(
  who: string,
  path: string,
  value: unknown,
  field: NumberField & { length?: number } = {},
): Float64Array {
  const a = readArray(
    who,
    path,
    value,
    field.length === undefined ? {} : { length: field.length },
    'an array of numbers',
  );
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = readNumber(who, `${path}[${i}]`, a[i], field);
  return out;
}

/** Reads a string (optionally non-empty). @internal */
export function readString(who: string, path: string, value: unknown, { nonEmpty = false } = {}): string {
  if (typeof value === 'string' && (!nonEmpty || value.length > 0)) return value;
  return badField(who, path, nonEmpty ? 'a non-empty string' : 'a string', value);
}

/** Reads `true` or `false`. @internal */
export function readBoolean(who: string, path: string, value: unknown): boolean {
  return asField(path, () => checkBoolean(who, path, value));
}

/** Reads one of the string literals `allowed`. @internal */
export function readOneOf<T extends string>(who: string, path: string, value: unknown, allowed: ReadonlyArray<T>): T {
  return asField(path, () => checkOneOf(who, path, value, allowed));
}

/** Reads one class label: a string or a whole number (the rule of the label checks). @internal */
export function readLabel(who: string, path: string, value: unknown): Label {
  const problem = labelProblem(value);
  if (problem === undefined) return value as Label;
  throw new SerializationError(`${who}: ${path} is ${problem}.`, { path });
}

/** Options of {@link readLabels}. @internal */
export interface LabelsField extends LengthRange {
  /** Require the labels in sorted order (numbers ascending, strings by code unit). @defaultValue false */
  sorted?: boolean;
}

/**
 * Reads a list of class labels: strings or whole numbers, one type, no duplicates (and, with
 * `sorted`, in sorted order). @internal
 */
export function readLabels(who: string, path: string, value: unknown, field: LabelsField = {}): Label[] {
  const { sorted = false, ...range } = field;
  const a = readArray(who, path, value, range, 'an array of class labels');
  const out = a.map((v, i) => readLabel(who, `${path}[${i}]`, v));
  checkLabelSequence(who, path, out, (i) => `${path}[${i}]`, sorted);
  return out;
}

/**
 * Checks labels already read one by one (the label at `i` read from `pathOf(i)`): one type, no
 * duplicates and, with `sorted`, in sorted order — the rule of {@link readLabels}, for labels
 * stored elsewhere than a plain array (e.g. the keys of `[label, count]` pairs). `path` names the
 * list in messages. @internal
 */
export function checkLabelSequence(
  who: string,
  path: string,
  labels: ReadonlyArray<Label>,
  pathOf: (i: number) => string,
  sorted: boolean,
): void {
  const seen = new Set<Label>();
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i] as Label;
    const prev = labels[i - 1];
    if (i > 0 && typeof l !== typeof labels[0]) badField(who, pathOf(i), `a ${typeof labels[0]} like ${pathOf(0)}`, l);
    if (seen.has(l)) badField(who, pathOf(i), `a label not already in ${path}`, l);
    if (sorted && prev !== undefined && compareLabels(prev, l) > 0) {
      badField(who, pathOf(i), `sorted after ${describe(prev)} (${path} is in sorted order, as toJSON writes it)`, l);
    }
    seen.add(l);
  }
}

/**
 * Reads `[key, value]` pairs whose keys (read by `readKey`) are all different, e.g. the
 * `[label, count]` pairs of class counts. @internal
 */
export function readEntries<K, V>(
  who: string,
  path: string,
  value: unknown,
  readKey: (v: unknown, path: string) => K,
  readValue: (v: unknown, path: string) => V,
  range: LengthRange = {},
): Array<[K, V]> {
  const a = readArray(who, path, value, range, 'an array of [key, value] pairs');
  const out: Array<[K, V]> = new Array(a.length);
  const seen = new Set<K>();
  for (let i = 0; i < a.length; i++) {
    const p = `${path}[${i}]`;
    const pair = readArray(who, p, a[i], { length: 2 }, 'a [key, value] pair');
    const k = readKey(pair[0], `${p}[0]`);
    if (seen.has(k)) badField(who, `${p}[0]`, `a key not already in ${path}`, k);
    seen.add(k);
    out[i] = [k, readValue(pair[1], `${p}[1]`)];
  }
  return out;
}

/**
 * Reads the tagged form of a Map, `{ "$map": [[key, value], …] }`, with distinct keys. @internal
 */
export function readMap<K, V>(
  who: string,
  path: string,
  value: unknown,
  readKey: (v: unknown, path: string) => K,
  readValue: (v: unknown, path: string) => V,
): Map<K, V> {
  const o = readObject(who, path, value, { required: ['$map'] });
  return new Map(readEntries(who, fieldPath(path, '$map'), o.$map, readKey, readValue));
}

/** Where two JSON values first differ, as a field path and what each side holds; none when equal. */
function jsonDifference(
  path: string,
  read: unknown,
  written: unknown,
): { path: string; read: unknown; written: unknown } | undefined {
  if (read === written) return undefined;
  if (Array.isArray(read) && Array.isArray(written)) {
    if (read.length !== written.length) return { path, read, written };
    for (let i = 0; i < read.length; i++) {
      const d = jsonDifference(fieldPath(path, i), read[i], written[i]);
      if (d) return d;
    }
    return undefined;
  }
  const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(read) || !isObject(written)) return { path, read, written };
  const r = read as Record<string, unknown>;
  const w = written as Record<string, unknown>;
  const own = (o: Record<string, unknown>, k: string) => (Object.hasOwn(o, k) ? o[k] : undefined);
  for (const k of new Set([...Object.keys(r), ...Object.keys(w)])) {
    const d = jsonDifference(fieldPath(path, k), own(r, k), own(w, k));
    if (d) return d;
  }
  return undefined;
}

/**
 * The last step of a loader: checks that the object it built writes back exactly the document it
 * read (`written` is the object's `toJSON()`, `read` the opened envelope's `params` and `state`).
 * A field the loader filled with a default because it was missing, a value the constructor
 * normalised, an unknown field it ignored — any document that does not describe the loaded object
 * exactly — throws a {@link SerializationError} naming the first path where they differ. So a
 * loader returns the object the document describes, bit for bit, or throws. `chosen` names a
 * param the caller may set at load instead of the saved one (`Scaler.fromJSON(doc, { dtype })`).
 * @internal
 */
export function checkFaithful(
  who: string,
  read: { readonly params: unknown; readonly state: unknown },
  written: { readonly params: unknown; readonly state: unknown },
  chosen?: string,
): void {
  const back = JSON.parse(JSON.stringify({ params: written.params, state: written.state })) as {
    params: Record<string, unknown>;
  };
  // a param the caller chose at load (e.g. `dtype`) is compared as the document saved it
  if (chosen !== undefined) {
    const saved = (read.params as Record<string, unknown>)[chosen];
    delete back.params[chosen];
    if (saved !== undefined) back.params[chosen] = saved;
  }
  const d = jsonDifference('', { params: read.params, state: read.state }, back);
  if (d === undefined) return;
  const has = (v: unknown) => (v === undefined ? 'nothing' : describe(v));
  throw new SerializationError(
    `${who}: ${d.path} holds ${has(d.read)}, but the object it describes writes ${has(d.written)} there: ` +
      'the document is not one toJSON wrote (a missing, foreign or edited field). Save the object again with toJSON.',
    { path: d.path },
  );
}
