/**
 * Option checks the preprocessing constructors need that `core/validate` does not have yet: an
 * option that only applies with some value of another, and a list of distinct items. Messages
 * follow the shared form "Who: param must be X, received Y. Fix."
 *
 * @internal
 * @module
 */
import { InvalidParameterError, describe } from '../core/errors.js';
import { invalid } from '../core/validate.js';

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
