/**
 * The `zeroDivision` option: the value of a ratio whose denominator is zero.
 * @internal
 * @module
 */
import { invalid } from '../core/validate.js';

/** What to return for a ratio whose denominator is zero. */
export type ZeroDivision = 0 | 1 | 'nan';

/** Validates the zeroDivision option. @internal */
export function checkZeroDivision(who: string, z: unknown): ZeroDivision {
  if (z === undefined) return 0;
  if (z === 0 || z === 1 || z === 'nan') return z;
  return invalid(who, 'zeroDivision', "0, 1 or 'nan'", z);
}

/** The value a 0/0 ratio takes. @internal */
export function zeroValue(z: ZeroDivision): number {
  return z === 'nan' ? Number.NaN : z;
}

/** Divides, replacing zero denominators by the zeroDivision value. @internal */
export function divide(num: number, den: number, z: ZeroDivision): number {
  return den === 0 ? zeroValue(z) : num / den;
}
