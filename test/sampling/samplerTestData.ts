/**
 * What the per-sampler test files share: a small 3-class dataset, the conformance suite run on a
 * sampler, and the check that a constructor rejects an unknown option naming the closest one.
 */
import { describe, expect, it } from 'vitest';
import { InvalidParameterError, type Sampler } from '../../src/index.js';
import { type SamplerSpec, samplerChecks } from '../../src/testing/index.js';

/** A small 3-class dataset (40 / 14 / 9 rows) with 3 features; column 2 holds category codes. */
function data(): { X: number[][]; y: number[] } {
  let s = 7;
  const r = () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 63; i++) {
    const c = i % 7 === 0 ? 2 : i % 3 === 0 ? 1 : 0;
    X.push([r() + c, r() * 2 - c, Math.floor(r() * 3)]);
    y.push(c);
  }
  return { X, y };
}

export const { X, y } = data();

/** Runs the exported conformance suite on a sampler, over the shared dataset. */
export function describeConformance<S extends Sampler>(spec: Omit<SamplerSpec<S>, 'X' | 'y'>): void {
  describe(`conformance: ${spec.name}`, () => {
    for (const c of samplerChecks({ ...spec, X, y })) it(c.name, c.run);
  });
}

/**
 * Expects `make` to throw the unknown-option {@link InvalidParameterError} of `who`, suggesting
 * `guess` (or no suggestion when `guess` is undefined) and listing the known options.
 */
export function expectUnknownOption(make: () => unknown, who: string, key: string, guess?: string): void {
  let err: unknown;
  try {
    make();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InvalidParameterError);
  expect((err as InvalidParameterError).param).toBe(key);
  const msg = (err as Error).message;
  const suggestion = guess === undefined ? '.' : ` — did you mean '${guess}'?`;
  expect(msg.startsWith(`${who}: unknown option "${key}"${suggestion} Known options: `)).toBe(true);
  expect(msg.endsWith('samplingStrategy, seed.')).toBe(true);
}
