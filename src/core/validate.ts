/**
 * The one vocabulary of option checks every constructor uses, so that every message reads the same
 * way — "Who: param must be X, received Y. Fix." — and a new estimator's validation is a few lines:
 *
 * ```ts
 * const o = checkOptions('SMOTE', options, ['kNeighbors', 'samplingStrategy', 'seed']);
 * const k = checkInteger('SMOTE', 'kNeighbors', o.kNeighbors, { min: 1 }, 5);
 * ```
 *
 * Every check returns the validated value (or the fallback when the value is `undefined`) and
 * throws {@link InvalidParameterError} naming the option otherwise.
 *
 * @internal
 * @module
 */
import { InvalidParameterError, describe } from './errors.js';
import type { Label } from './matrix.js';

/**
 * Throws the library's {@link InvalidParameterError}: "who: param must be expected, received value. fix".
 * @internal
 */
export function invalid(who: string, param: string, expected: string, value: unknown, fix?: string): never {
  throw new InvalidParameterError(
    param,
    `${who}: ${param} must be ${expected}, received ${describe(value)}.${fix ? ` ${fix}` : ''}`,
  );
}

/**
 * Whether `value` is a plain object (`{}` or `Object.create(null)`), not an array, Map, class instance
 * or null. @internal
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Checks that `options` is a plain options object (or `undefined`, read as `{}`) whose own keys are
 * all in `known`, and returns it typed. An unknown key throws, suggesting the closest known name:
 * "SMOTE: unknown option 'k_neighbors' — did you mean 'kNeighbors'?". A typo that is silently
 * ignored is a wrong result nobody sees. The error's `param` is the key, or `within.key` for an
 * options object nested in the option `within` (`earlyStopping.patiense`). @internal
 */
export function checkOptions<T extends object>(
  who: string,
  options: T | undefined,
  known: ReadonlyArray<string>,
  within?: string,
): T {
  if (options === undefined) return {} as T;
  if (!isPlainObject(options)) invalid(who, within ?? 'options', 'a plain options object', options);
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const guess = closestName(key, known);
    const suggestion = guess ? ` — did you mean '${guess}'?` : '.';
    throw new InvalidParameterError(
      within === undefined ? key : `${within}.${key}`,
      `${who}: unknown option ${describe(key)}${suggestion} Known options: ${known.join(', ')}.`,
    );
  }
  return options;
}

/**
 * The name in `names` closest to `name`: one whose camelCase initials are `name` (`lr` →
 * `learningRate`), else the nearest by Damerau–Levenshtein distance (case, `_` and `-` ignored),
 * or `undefined` when none is close (distance above a third of the name's length, at least 2). @internal
 */
export function closestName(name: string, names: ReadonlyArray<string>): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[_-]/g, '');
  const a = norm(name);
  // An abbreviation by initials ('lr' for learningRate) is what a user from another library types.
  const initials = (s: string) =>
    s
      .replace(/[_-]+(.)/g, (_, c: string) => c.toUpperCase())
      .replace(/(?!^)[a-z\d]+/g, '')
      .toLowerCase();
  const byInitials = names.find((n) => /[A-Z]/.test(n) && initials(n) === a);
  if (byInitials !== undefined) return byInitials;
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(a.length / 3)) + 1;
  for (const candidate of names) {
    const d = editDistance(a, norm(candidate));
    if (d < bestD) {
      bestD = d;
      best = candidate;
    }
  }
  return best;
}

/** Optimal-string-alignment (Damerau–Levenshtein) distance. */
function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => {
    const row = new Array<number>(n + 1).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j <= n; j++) d[0]![j] = j;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[m]![n]!;
}

/** Checks that `value` is one of `allowed` (string literals, compared exactly). @internal */
export function checkOneOf<T extends string>(
  who: string,
  param: string,
  value: unknown,
  allowed: ReadonlyArray<T>,
  fallback?: T,
): T {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value === 'string' && (allowed as ReadonlyArray<string>).includes(value)) return value as T;
  return invalid(who, param, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value);
}

/** Checks that `value` is `true` or `false`. @internal */
export function checkBoolean(who: string, param: string, value: unknown, fallback?: boolean): boolean {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value === 'boolean') return value;
  return invalid(who, param, 'true or false', value);
}

/** Bounds of {@link checkInteger}: inclusive `min` and `max`. @internal */
export interface IntegerRange {
  /** Smallest allowed value. */
  min?: number;
  /** Largest allowed value (default: `Number.MAX_SAFE_INTEGER`). */
  max?: number;
}

/** Checks that `value` is a safe integer within `range` (both ends inclusive). @internal */
export function checkInteger(
  who: string,
  param: string,
  value: unknown,
  range: IntegerRange = {},
  fallback?: number,
  fix?: string,
): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const { min, max } = range;
  if (
    typeof value === 'number' &&
    Number.isSafeInteger(value) &&
    (min === undefined || value >= min) &&
    (max === undefined || value <= max)
  ) {
    return value;
  }
  const bounds =
    min !== undefined && max !== undefined
      ? ` from ${min} to ${max}`
      : min !== undefined
        ? ` ≥ ${min}`
        : max !== undefined
          ? ` ≤ ${max}`
          : '';
  return invalid(who, param, `an integer${bounds}`, value, fix);
}

/**
 * An interval of {@link checkNumber}: each end closed (`ge`, `le`) or open (`gt`, `lt`); at most
 * one of `ge`/`gt` and one of `le`/`lt`. No bound means any finite number. @internal
 */
export interface Interval {
  /** Lower bound, inclusive. */
  ge?: number;
  /** Lower bound, exclusive. */
  gt?: number;
  /** Upper bound, inclusive. */
  le?: number;
  /** Upper bound, exclusive. */
  lt?: number;
}

/**
 * The largest iteration or restart count an option accepts (`maxIter`, `nInit`, `epochs`): a
 * million passes over the data is far beyond any fit that converges, and a larger count
 * (`epochs: 1e15`) could only run for years instead of failing. @internal
 */
export const MAX_ITERATIONS = 1_000_000;

/**
 * Checks an iteration or restart count: an integer from 1 to {@link MAX_ITERATIONS}, else an
 * {@link InvalidParameterError} naming `param`, the value and the bound. @internal
 */
export function checkIterations(who: string, param: string, value: unknown, fallback?: number): number {
  return checkInteger(
    who,
    param,
    value,
    { min: 1, max: MAX_ITERATIONS },
    fallback,
    `A larger count could run for days instead of finishing; lower ${param}.`,
  );
}

/** `[0, 1]`, `(0, ∞)`… as a reader writes it. @internal */
export function formatInterval(iv: Interval): string {
  const lo = iv.ge !== undefined ? `[${iv.ge}` : iv.gt !== undefined ? `(${iv.gt}` : '(−∞';
  const hi = iv.le !== undefined ? `${iv.le}]` : iv.lt !== undefined ? `${iv.lt})` : '∞)';
  return `${lo}, ${hi}`;
}

/** Whether finite `x` lies in `iv`. @internal */
export function inInterval(x: number, iv: Interval): boolean {
  return (
    (iv.ge === undefined || x >= iv.ge) &&
    (iv.gt === undefined || x > iv.gt) &&
    (iv.le === undefined || x <= iv.le) &&
    (iv.lt === undefined || x < iv.lt)
  );
}

/** Checks that `value` is a finite number in `interval`. @internal */
export function checkNumber(
  who: string,
  param: string,
  value: unknown,
  interval: Interval = {},
  fallback?: number,
  fix?: string,
): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && inInterval(value, interval)) return value;
  const where = Object.keys(interval).length === 0 ? 'a finite number' : `a number in ${formatInterval(interval)}`;
  return invalid(who, param, where, value, fix);
}

/**
 * Checks a pair `[a, b]` of finite numbers that satisfies `ok` (described by `rule`, e.g.
 * "with min < max"). @internal
 */
export function checkPair(
  who: string,
  param: string,
  value: unknown,
  ok: (a: number, b: number) => boolean,
  rule: string,
  fallback?: readonly [number, number],
): readonly [number, number] {
  if (value === undefined && fallback !== undefined) return fallback;
  if (
    Array.isArray(value) &&
    value.length === 2 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number' &&
    Number.isFinite(value[0]) &&
    Number.isFinite(value[1]) &&
    ok(value[0], value[1])
  ) {
    return [value[0], value[1]] as const;
  }
  return invalid(who, param, `a pair [a, b] of finite numbers ${rule}`, value);
}

/**
 * Checks a list of class labels (strings or finite numbers, no duplicates) and returns a copy.
 * @internal
 */
export function checkLabelList(who: string, param: string, value: unknown, { nonEmpty = true } = {}): Label[] {
  if (!Array.isArray(value) || (nonEmpty && value.length === 0))
    return invalid(who, param, `a${nonEmpty ? ' non-empty' : 'n'} array of class labels`, value);
  const seen = new Set<Label>();
  for (let i = 0; i < value.length; i++) {
    const l: unknown = value[i];
    if (!(typeof l === 'string' || (typeof l === 'number' && Number.isFinite(l))))
      invalid(who, `${param}[${i}]`, 'a class label (a string or a finite number)', l);
    if (seen.has(l as Label)) invalid(who, `${param}[${i}]`, 'a label not already in the list', l);
    seen.add(l as Label);
  }
  return [...(value as Label[])];
}

/** Checks an optional callback. @internal */
export function checkFunction<F extends (...args: never[]) => unknown>(
  who: string,
  param: string,
  value: unknown,
): F | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'function') return value as F;
  return invalid(who, param, 'a function', value);
}

/**
 * Rejects an option given with a value of another option it does not apply to: "Scaler:
 * clip applies to method 'minmax' only, but method is 'robust'. Remove clip or change method."
 *
 * @param who - The constructor, e.g. `'Scaler'`.
 * @param param - The option checked.
 * @param value - Its value; `undefined` (not given) always passes.
 * @param option - The option it depends on, e.g. `'method'`.
 * @param allowed - The values of `option` that `param` applies to.
 * @param actual - The value `option` has.
 * @param fix - How to fix it (default: "Remove param or change option.").
 * @internal
 */
export function checkAppliesTo(
  who: string,
  param: string,
  value: unknown,
  option: string,
  allowed: ReadonlyArray<string>,
  actual: string,
  fix = `Remove ${param} or change ${option}.`,
): void {
  if (value === undefined || allowed.includes(actual)) return;
  throw new InvalidParameterError(
    param,
    `${who}: ${param} applies to ${option} ${allowed.map((a) => `'${a}'`).join(' or ')} only, ` +
      `but ${option} is '${actual}'. ${fix}`,
  );
}

/**
 * Checks an array whose items each pass `item` and are all different, and returns a frozen copy.
 *
 * @param who - The constructor, e.g. `'Encoder'`.
 * @param param - The option checked.
 * @param value - Its value.
 * @param what - What the items are, plural, e.g. `'column names (strings)'`.
 * @param item - Checks one item (throwing on a bad one) and returns it.
 * @returns The items, frozen.
 * @internal
 */
export function checkDistinctList<T>(
  who: string,
  param: string,
  value: unknown,
  what: string,
  item: (x: unknown, i: number) => T,
): readonly T[] {
  if (!Array.isArray(value)) return invalid(who, param, `an array of ${what}`, value);
  const out: T[] = value.map((x: unknown, i) => item(x, i));
  const seen = new Set<T>();
  for (const x of out) {
    if (seen.has(x)) invalid(who, param, `an array of distinct ${what}`, value, `${describe(x)} is listed twice.`);
    seen.add(x);
  }
  return Object.freeze(out);
}

/**
 * Checks an options object nested in the options (the MLP's `earlyStopping`): a plain object (else
 * "who: param must be an object such as example") whose keys are all in `known` (else "who.param:
 * unknown option … — did you mean …?").
 * @internal
 */
export function checkNestedOptions<T extends object>(
  who: string,
  param: string,
  value: T,
  known: ReadonlyArray<string>,
  example: string,
): T {
  if (!isPlainObject(value)) invalid(who, param, `an object such as ${example}`, value);
  return checkOptions(`${who}.${param}`, value, known, param);
}

/**
 * Checks an option that must be an object with the methods `methods` (an estimator, a sampler
 * step), as imbalanced-learn's `HasMethods` constraint: undefined passes (the default applies).
 * The message names the missing method: "SMOTEENN: enn must be a sampler (an object with
 * fitResample), received an object. It has no fitResample."
 * @internal
 */
export function checkMethods<T>(
  who: string,
  param: string,
  value: unknown,
  methods: ReadonlyArray<string>,
  what: string,
  fix?: string,
): T | undefined {
  if (value === undefined) return undefined;
  const expected = `${what} (an object with ${methods.join(' and ')})`;
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
    return invalid(who, param, expected, value, fix);
  }
  const missing = methods.filter((m) => typeof (value as Record<string, unknown>)[m] !== 'function');
  if (missing.length > 0) {
    return invalid(who, param, expected, value, `It has no ${missing.join(' and no ')}.${fix ? ` ${fix}` : ''}`);
  }
  return value as T;
}
