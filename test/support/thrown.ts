import { expect } from 'vitest';

/**
 * The error `f` throws, checked to be a `Kind`: the test fails when `f` returns, or throws anything
 * else. Tests read the error's fields (`param`, `row`, `path`, …) from the result.
 */
export function thrownBy<E extends Error>(Kind: abstract new (...args: never[]) => E, f: () => unknown): E {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(Kind);
    return e as E;
  }
  throw new Error(`expected a ${Kind.name}, but nothing was thrown`);
}
