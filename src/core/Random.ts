import { checkInteger } from './validate.js';

const UINT32 = 0x1_0000_0000;

/**
 * A small, fast, seedable pseudo-random generator (xoshiro128** seeded through SplitMix32),
 * shared by every random step of the library.
 *
 * @remarks
 * Doubles have 53 random bits; integers in `[0, n)` are unbiased (rejection sampling). The
 * stream depends only on the seed, so results are identical across platforms and runs.
 * `Math.random` is never used or patched.
 *
 * @example
 * ```ts
 * const rng = new Random(42);
 * rng.float();   // in [0, 1)
 * rng.int(6);    // in 0..5
 * ```
 */
export class Random {
  /** The seed this generator was created from. */
  readonly seed: number;
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal: number | undefined;

  /**
   * @param seed - An integer in [0, 2^32). Non-integers and out-of-range numbers are rejected.
   * @throws {@link InvalidParameterError} when `seed` is not a non-negative safe integer.
   */
  constructor(seed: number) {
    this.seed = checkInteger('Random', 'seed', seed, { min: 0 }, undefined, 'Pass e.g. seed: 42.');
    // SplitMix32 expands the seed into four non-zero state words.
    let x = (seed ^ Math.floor(seed / UINT32)) >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /**
   * Creates a generator from `seed`, or from a freshly drawn seed when `seed` is undefined.
   * The seed actually used is available as `.seed`, so any run can be replayed.
   *
   * @param seed - Optional seed.
   */
  static from(seed: number | undefined): Random {
    return new Random(seed ?? drawSeed());
  }

  /** Next 32-bit unsigned integer. */
  uint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /**
   * Fills `out` with the next `out.length` values of {@link Random.uint32}, in order (the same
   * stream, several times faster for long runs: the state stays in locals).
   *
   * @param out - The array to fill.
   */
  fillUint32(out: Uint32Array): void {
    let s0 = this.s0 | 0;
    let s1 = this.s1 | 0;
    let s2 = this.s2 | 0;
    let s3 = this.s3 | 0;
    for (let i = 0; i < out.length; i++) {
      const m = Math.imul(s1, 5);
      out[i] = Math.imul((m << 7) | (m >>> 25), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /** A double uniformly distributed in [0, 1) with 53 random bits. */
  float(): number {
    const hi = this.uint32() >>> 5; // 27 bits
    const lo = this.uint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /**
   * An integer uniformly distributed in [0, n).
   *
   * @param n - Exclusive upper bound, a positive integer up to 2^53.
   */
  int(n: number): number {
    if (n <= UINT32) {
      if ((n & (n - 1)) === 0 && n <= 0x8000_0000) return this.uint32() & (n - 1);
      const limit = UINT32 - (UINT32 % n);
      let r: number;
      do r = this.uint32();
      while (r >= limit);
      return r % n;
    }
    let r: number;
    do r = Math.floor(this.float() * n);
    while (r >= n);
    return r;
  }

  /** A standard normal deviate (Marsaglia polar method). */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const s = this.spareNormal;
      this.spareNormal = undefined;
      return s;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.float() - 1;
      v = 2 * this.float() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * m;
    return u * m;
  }

  /**
   * Shuffles `array` in place (Fisher–Yates) and returns it.
   *
   * @param array - The array to shuffle.
   */
  shuffle<T extends IndexedArray>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }

  /**
   * A uniformly random permutation of `0..n-1`.
   *
   * @param n - Length.
   */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }

  /** A new seed derived from this stream, for a child generator (e.g. one per fold or worker). */
  childSeed(): number {
    return this.uint32();
  }
}

/** Anything indexable and writable with a length: arrays and typed arrays. */
export interface IndexedArray {
  /** Number of elements. */
  length: number;
  [i: number]: unknown;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * Draws a fresh 32-bit seed from the platform's cryptographic generator (Web Crypto, present
 * in Node ≥ 20 and browsers).
 */
export function drawSeed(): number {
  const buf = new Uint32Array(1);
  globalThis.crypto.getRandomValues(buf);
  return buf[0] as number;
}

/**
 * Validates an optional `seed` option: `undefined` (a seed will be drawn) or an integer ≥ 0.
 * @internal
 */
export function checkSeed(who: string, seed: unknown): number | undefined {
  if (seed === undefined) return undefined;
  return checkInteger(who, 'seed', seed, { min: 0 }, undefined, 'Pass e.g. seed: 42, or omit it for a random seed.');
}
