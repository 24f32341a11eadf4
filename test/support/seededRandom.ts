/**
 * A tiny seeded generator for test data (xorshift32): independent of the library's own RNG, so a
 * change there cannot move the data a test was written against.
 */

/** Uniform values in [0, 1) from the xorshift32 sequence of `seed` (0 is read as 1). */
export function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}
