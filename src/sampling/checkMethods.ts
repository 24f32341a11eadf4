import { invalid } from '../core/validate.js';

/**
 * Checks an option that must be an object with the methods `methods` (an estimator, a sampler
 * step), as imbalanced-learn's `HasMethods` constraint: undefined passes (the default applies).
 * The message names the missing method: "SMOTEENN: enn must be a sampler (an object with
 * fitResample), received an object. It has no fitResample."
 *
 * A candidate for `src/core/validate.ts` (written here, in the sampling area, for now).
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
