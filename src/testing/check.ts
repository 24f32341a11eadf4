/**
 * What a conformance check is, and the assertions the suites share.
 * @module
 */
import { Matrix } from 'ml-matrix';
import type { Envelope } from '../core/serialization.js';
import { firstDifference } from './compare.js';
import { fail } from './ConformanceError.js';

/**
 * One named check of a conformance suite: run it with any test framework
 * (`for (const c of checks) it(c.name, c.run)`).
 */
export interface Check {
  /** What is checked, e.g. `Scaler: transform before fit throws NotFittedError`. */
  name: string;
  /** Throws an Error when the check fails. */
  run: () => void | Promise<void>;
}

/** An input with a short description, for the checks' names. */
export interface NamedInput<In> {
  /** What the input is, e.g. `ragged rows` or `Float64Array rows`. */
  name: string;
  /** The input. */
  X: In;
}

/** Runs `fn` and returns the error it throws, failing unless it is a `kind`. @internal */
export async function expectThrows(
  fn: () => unknown,
  kind: abstract new (...args: never[]) => Error,
  what: string,
): Promise<Error> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof kind) return e;
    const err = e as Error | undefined;
    fail(`${what}: expected ${kind.name}, got ${err?.constructor?.name ?? typeof e}: ${err?.message ?? String(e)}`);
  }
  return fail(`${what}: expected ${kind.name}, nothing was thrown`);
}

/** Fails when `a` and `b` differ anywhere (see {@link firstDifference}). @internal */
export function expectSame(a: unknown, b: unknown, what: string): void {
  const d = firstDifference(a, b);
  if (d) fail(`${what}: outputs differ at ${d}`);
}

/** The envelope after a trip through JSON text. @internal */
export function roundTripJSON(env: Envelope): unknown {
  return JSON.parse(JSON.stringify(env));
}

/**
 * A copy of an input that can be frozen without touching the original (rows copied one level
 * deep). @internal
 */
export function copyInput<In>(X: In): In {
  if (X instanceof Matrix) return X.clone() as unknown as In;
  if (Array.isArray(X))
    return X.map((r) =>
      ArrayBuffer.isView(r)
        ? (r as unknown as { slice(): unknown }).slice()
        : Array.isArray(r)
          ? [...r]
          : r !== null && typeof r === 'object'
            ? { ...r }
            : r,
    ) as unknown as In;
  return X;
}
