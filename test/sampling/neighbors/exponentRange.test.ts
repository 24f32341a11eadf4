import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataValidationError } from '../../../src/core/errors.js';
import { ilogb, scalePow2 } from '../../../src/sampling/neighbors/exponentRange.js';
import { KNeighbors, type KNeighborsParams } from '../../../src/sampling/neighbors/index.js';
import { xorshift } from '../../support/seededRandom.js';

const KERNELS: [string, KNeighborsParams][] = [
  ['wasm-i16', { algorithm: 'brute', kernel: 'wasm-i16', threads: 1 }],
  ['wasm-f32', { algorithm: 'brute', kernel: 'wasm-f32', threads: 1 }],
  ['js', { algorithm: 'brute', kernel: 'js', threads: 1 }],
  ['kd-tree', { algorithm: 'kd-tree' }],
];

function search(params: KNeighborsParams, X: number[], d: number, k: number, Q?: number[]) {
  const data = Float64Array.from(X);
  const nn = new KNeighbors(params).fit(data, X.length / d, d);
  const q = Q === undefined ? data : Float64Array.from(Q);
  const r = nn.kneighbors(q, q.length / d, k, { excludeSelf: Q === undefined });
  return { indices: Array.from(r.indices), distances: Array.from(r.distances), nn };
}

// ---- an exact model of float64 arithmetic with an unbounded exponent (test oracle) ----------

/** A finite double as an integer multiple of 2⁻¹⁰⁷⁴ (every double is one). */
function toUnits(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const exp = (hi >>> 20) & 0x7ff;
  const mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  const v = exp === 0 ? mant : (mant | (1n << 52n)) << BigInt(exp - 1);
  return hi >>> 31 ? -v : v;
}

/** Rounds a non-negative integer to 53 significant bits, ties to even. */
function round53(v: bigint): bigint {
  const bits = v.toString(2).length;
  if (bits <= 53) return v;
  const shift = BigInt(bits - 53);
  const q = v >> shift;
  const r = v - (q << shift);
  const half = 1n << (shift - 1n);
  return (r > half || (r === half && (q & 1n) === 1n) ? q + 1n : q) << shift;
}

/**
 * `Σ(qₜ − xₜ)²` as float64 computes it in coordinate order — each difference (exact or correctly
 * rounded; the values stay far from overflow), each square and each partial sum rounded to 53
 * bits — but with no limit on the exponent: an integer multiple of 2⁻²¹⁴⁸.
 */
function exactSquared(q: Float64Array, qo: number, x: Float64Array, xo: number, d: number): bigint {
  let s = 0n;
  for (let t = 0; t < d; t++) {
    const h = toUnits(q[qo + t]! - x[xo + t]!);
    s = round53(s + round53(h * h));
  }
  return s;
}

/** `√(s·2⁻²¹⁴⁸)` rounded to a double. */
function sqrtUnits(s: bigint): number {
  if (s === 0n) return 0;
  const shift = Math.max(0, s.toString(2).length - 53);
  let m = Number(s >> BigInt(shift)); // exact: s has at most 53 significant bits
  let e = shift - 2148;
  if (e % 2 !== 0) {
    m *= 2;
    e -= 1;
  }
  return scalePow2(Math.sqrt(m), e / 2);
}

/** The k nearest by (exact float64-with-unbounded-exponent squared distance, index). */
function oracle(X: Float64Array, n: number, d: number, k: number) {
  const indices: number[] = [];
  const distances: number[] = [];
  for (let i = 0; i < n; i++) {
    const all: [bigint, number][] = [];
    for (let j = 0; j < n; j++) if (j !== i) all.push([exactSquared(X, i * d, X, j * d, d), j]);
    all.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    for (let a = 0; a < k; a++) {
      indices.push(all[a]![1]);
      distances.push(sqrtUnits(all[a]![0]));
    }
  }
  return { indices, distances };
}

describe('squared distances beyond float64 exponent range', () => {
  for (const [name, params] of [['auto', {}] as [string, KNeighborsParams], ...KERNELS]) {
    it(`${name}: 1-column [0, 1e200, 3e200] (squares overflow) and [0, 1e-170, 3e-170] (underflow)`, () => {
      const big = search(params, [0, 1e200, 3e200], 1, 1);
      expect(big.indices).toEqual([1, 0, 1]);
      expect(big.distances).toEqual([1e200, 1e200, 2e200]);
      const tiny = search(params, [0, 1e-170, 3e-170], 1, 1);
      expect(tiny.indices).toEqual([1, 0, 1]);
      expect(tiny.distances).toEqual([1e-170, 1e-170, 3e-170 - 1e-170]);
      // both served by the fitted frame, not by the range-safe search
      expect(tiny.nn.lastRun.rangeSafe).toBe(0);
    });

    it(`${name}: magnitudes no single power of two serves (range-safe search)`, () => {
      // 1e-200 apart next to 1: the squares of 1e-200 underflow whatever the scale
      const mixed = search(params, [0, 1e-200, 2e-200, 1], 1, 2);
      expect(mixed.indices).toEqual([1, 2, 0, 2, 1, 0, 0, 1]);
      expect(mixed.distances).toEqual([1e-200, 2e-200, 1e-200, 1e-200, 1e-200, 2e-200, 1, 1]);
      expect(mixed.nn.lastRun.rangeSafe).toBe(3);
      // a huge common offset: scaled into [1, 2), 1e-300 becomes 0, yet the rows differ
      const offset = search(params, [1e300, 0, 1e300, 1e-300, 1e300, 2e-300], 2, 1);
      expect(offset.indices).toEqual([1, 0, 1]);
      expect(offset.distances).toEqual([1e-300, 1e-300, 1e-300]);
    });

    it(`${name}: queries far outside the fitted rows, and distances beyond float64`, () => {
      // 1e190 apart: squared spread beyond float64, so a frame, in which these queries are near
      const framed = search(params, [0, 1e190, 2e190], 1, 2, [1e200, -1e300, 1.25e190]);
      expect(framed.indices).toEqual([2, 1, 0, 1, 1, 2]);
      // against 1e300, 2e190 is below float64's resolution: a tie, smaller index first
      const near = [1.25e190 - 1e190, 2e190 - 1.25e190];
      expect(framed.distances).toEqual([1e200 - 2e190, 1e200 - 1e190, 1e300, 1e300, ...near]);
      expect(framed.nn.lastRun.rangeSafe).toBe(0);
      // 1e150 apart: searched as given; queries whose squares overflow take the range-safe search
      const far = search(params, [0, 1e150, 2e150], 1, 2, [1e154, -1e300, 1.25e150]);
      expect(far.indices).toEqual([2, 1, 0, 1, 1, 2]);
      const near150 = [1.25e150 - 1e150, 2e150 - 1.25e150];
      expect(far.distances).toEqual([1e154 - 2e150, 1e154 - 1e150, 1e300, 1e300, ...near150]);
      expect(far.nn.lastRun.rangeSafe).toBe(2);
      // tiny data scaled up: a query of 1 would overflow in the frame; float64 itself rounds every
      // distance to 1 (a tie: the smallest index)
      const one = search(params, [0, 1e-170, 3e-170], 1, 1, [1]);
      expect(one.indices).toEqual([0]);
      expect(one.distances).toEqual([1]);
      expect(one.nn.lastRun.rangeSafe).toBe(1);
      // differences that overflow before squaring (rows 0 and 1 are 2.8e308 apart)
      const huge = search(params, [-1e308, 1e308, 1e308, -1e308, 0, 0], 2, 1);
      expect(huge.indices).toEqual([2, 2, 0]);
      for (const v of huge.distances) expect(Math.abs(v / (1e308 * Math.SQRT2) - 1)).toBeLessThan(2 ** -51);
      let err: unknown;
      try {
        search(params, [-1.5e308, 1.5e308], 1, 1);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DataValidationError);
      expect((err as Error).message).toMatch(
        /query row 0 to fitted row 1 exceeds the largest float64 .* Scale the data and the queries down together/,
      );
    });
  }

  it('data at an extreme scale still get the fast wasm kernels (the frame brings them into range)', () => {
    const n = 400;
    const d = 10;
    let s = 3;
    const u = (): number => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
    const X = Float64Array.from({ length: n * d }, u);
    const base = new KNeighbors({ algorithm: 'brute', threads: 1 }).fit(X, n, d).kneighbors(X, n, 5, {
      excludeSelf: true,
    });
    for (const k of [600, -600]) {
      const Xk = X.map((v) => scalePow2(v, k));
      const nn = new KNeighbors({ algorithm: 'brute', threads: 1 }).fit(Xk, n, d);
      expect(nn.fitted.kernel).toBe('wasm-i16');
      const r = nn.kneighbors(Xk, n, 5, { excludeSelf: true });
      expect(r.indices).toEqual(base.indices);
      expect(r.distances).toEqual(base.distances.map((v) => scalePow2(v, k)));
      expect(nn.lastRun.rangeSafe).toBe(0);
    }
  });
});

describe('range properties', () => {
  /** Dyadic values m·2^p (|m| < 2^20, |p| ≤ 10): scaling by 2^k, |k| ≤ 990, is exact. */
  const scaled = fc.record({
    n: fc.integer({ min: 2, max: 50 }),
    d: fc.integer({ min: 1, max: 9 }),
    seed: fc.integer(),
    k: fc.integer({ min: -990, max: 990 }),
    kFrac: fc.double({ min: 0, max: 1, noNaN: true }),
  });

  for (const [name, params] of KERNELS) {
    it(`${name}: data times 2^k (|k| ≤ 990) have the unscaled neighbours, distances times 2^k`, () => {
      fc.assert(
        fc.property(scaled, ({ n, d, seed, k, kFrac }) => {
          const next = xorshift(seed);
          const X = Float64Array.from(
            { length: n * d },
            () => Math.floor((next() - 0.5) * 2 ** 20) * 2 ** (Math.floor(next() * 21) - 10),
          );
          const kk = 1 + Math.floor(kFrac * (n - 2));
          const base = new KNeighbors(params).fit(X, n, d).kneighbors(X, n, kk, { excludeSelf: true });
          const Xk = X.map((v) => scalePow2(v, k));
          const r = new KNeighbors(params).fit(Xk, n, d).kneighbors(Xk, n, kk, { excludeSelf: true });
          expect(r.indices).toEqual(base.indices);
          expect(r.distances).toEqual(base.distances.map((v) => scalePow2(v, k)));
        }),
        { numRuns: 100 },
      );
    });
  }

  it('mixed magnitudes (2^-1074 … 2^1018 in one column): exact against float64 with an unbounded exponent', () => {
    const P = [-1074, -1000, -800, -600, -520, -480, -300, 0, 300, 600, 900, 1010];
    const mixed = fc.record({
      n: fc.integer({ min: 2, max: 24 }),
      d: fc.integer({ min: 1, max: 4 }),
      values: fc.array(fc.tuple(fc.integer({ min: -255, max: 255 }), fc.constantFrom(...P)), {
        minLength: 96,
        maxLength: 96,
      }),
      kFrac: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(mixed, ({ n, d, values, kFrac }) => {
        const X = Float64Array.from({ length: n * d }, (_, i) => values[i]![0] * 2 ** values[i]![1]);
        const k = 1 + Math.floor(kFrac * (n - 2));
        const want = oracle(X, n, d, k);
        for (const [, params] of KERNELS) {
          const r = new KNeighbors(params).fit(X, n, d).kneighbors(X, n, k, { excludeSelf: true });
          expect(Array.from(r.indices)).toEqual(want.indices);
          // equal, but for a subnormal result's last unit
          for (let i = 0; i < r.distances.length; i++) {
            expect(Math.abs(r.distances[i]! - want.distances[i]!)).toBeLessThanOrEqual(
              want.distances[i]! >= 2 ** -1022 ? 0 : 2 ** -1073,
            );
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('power-of-two helpers', () => {
  it('ilogb is ⌊log₂ x⌋ exactly, subnormals included', () => {
    /** The next double below positive x. */
    const below = (x: number): number => {
      const v = new DataView(new ArrayBuffer(8));
      v.setFloat64(0, x);
      v.setBigUint64(0, v.getBigUint64(0) - 1n);
      return v.getFloat64(0);
    };
    for (let e = -1074; e <= 1023; e++) {
      const x = 2 ** e;
      expect(ilogb(x)).toBe(e);
      if (e > -1074) expect(ilogb(below(x))).toBe(e - 1);
    }
    expect(ilogb(Number.MAX_VALUE)).toBe(1023);
    expect(ilogb(5e-324)).toBe(-1074);
  });
  it('scalePow2 is exact for normal results, beyond ±1022 too', () => {
    expect(scalePow2(1, -1074)).toBe(5e-324);
    expect(scalePow2(5e-324, 1074)).toBe(1);
    expect(scalePow2(5e-324, 2097)).toBe(2 ** 1023);
    expect(scalePow2(Number.MAX_VALUE, -2046)).toBe(Number.MAX_VALUE * 2 ** -1023 * 2 ** -1023);
    expect(scalePow2(3, 1022)).toBe(3 * 2 ** 1022);
    expect(scalePow2(2, 1023)).toBe(Infinity);
    expect(scalePow2(-7, -1080)).toBe(-0);
  });
});
