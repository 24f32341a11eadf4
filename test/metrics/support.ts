/** Helpers shared by the metric tests. */
import { expect } from 'vitest';
import { DataValidationError, InvalidParameterError } from '../../src/core/errors.js';
import type { Random } from '../../src/core/Random.js';

/** Expects `fn` to throw a DataValidationError (naming `param`, when given). */
export function throwsData(fn: () => unknown, param?: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DataValidationError);
    if (param) expect((e as DataValidationError).param).toBe(param);
    return;
  }
  throw new Error('expected a DataValidationError');
}

/** Expects `fn` to throw an InvalidParameterError naming `param`. */
export function throwsParam(fn: () => unknown, param: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidParameterError);
    expect((e as InvalidParameterError).param).toBe(param);
    return;
  }
  throw new Error('expected an InvalidParameterError');
}

/** `n` rows of `k` probabilities (coarse values, so ties occur). */
export function randomProba(r: Random, n: number, k: number): number[][] {
  return Array.from({ length: n }, () => {
    const row = Array.from({ length: k }, () => Math.floor(r.float() * 4) + 0.5);
    const s = row.reduce((a, b) => a + b, 0);
    return row.map((v) => v / s);
  });
}
