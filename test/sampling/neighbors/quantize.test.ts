import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centerInto } from '../../../src/sampling/neighbors/candidates.js';
import {
  centerAndMeasure,
  QMAX,
  QNORM,
  quantizeScaled,
  roundHalfUp,
} from '../../../src/sampling/neighbors/quantize.js';

/** The row measured in its own pass, then quantised: the reference for the fused path. */
function quantizeRow(
  v: Float64Array,
  d: number,
  dst: Int16Array,
  base: number,
  stride: number,
  out: Float64Array,
): number {
  let maxAbs = 0;
  let sq = 0;
  for (let t = 0; t < d; t++) {
    const a = Math.abs(v[t] as number);
    if (a > maxAbs) maxAbs = a;
    sq += a * a;
  }
  return quantizeScaled(v, d, dst, base, stride, out, maxAbs, sq);
}

describe('quantizeRow (int16 rows with their own float32 scale)', () => {
  it('keeps |q| ≤ 32767 and ‖q‖ < 46340, the scale a float32, the residual within s/2 per value', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e12, max: 1e12, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 16 }),
        (values, pairStride) => {
          const d = values.length;
          const v = Float64Array.from(values);
          const stride = 2 * pairStride;
          const dst = new Int16Array(((d + 1) >> 1) * stride + 2);
          const out = new Float64Array(2);
          const s = quantizeRow(v, d, dst, 1, stride, out);
          expect(s).toBe(Math.fround(s));
          let qn = 0;
          let res = 0;
          for (let t = 0; t < d; t++) {
            const q = dst[1 + (t >> 1) * stride + (t & 1)]!;
            expect(Math.abs(q)).toBeLessThanOrEqual(QMAX);
            expect(Math.abs(v[t]! - s * q)).toBeLessThanOrEqual(s / 2 + Math.abs(v[t]!) * 2 ** -52);
            qn += q * q;
            res += (v[t]! - s * q) ** 2;
          }
          expect(Math.sqrt(qn)).toBeLessThan(QNORM);
          if (values.every((x) => x === 0)) expect([s, out[0], out[1]]).toEqual([0, 0, 0]);
          expect(out[0]).toBeCloseTo(Math.sqrt(res), 6);
          expect(out[1]).toBeCloseTo(s * Math.sqrt(qn), 6);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('centerAndMeasure + quantizeScaled are exactly centerInto + quantizeRow (norm, integers, scale, residual)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.double({ min: -1e9, max: 1e9, noNaN: true })),
          {
            minLength: 1,
            maxLength: 70,
          },
        ),
        (pairs) => {
          const d = pairs.length;
          const src = Float64Array.from([7, ...pairs.map((p) => p[0])]);
          const mean = Float64Array.from(pairs.map((p) => p[1]));
          const [v1, v2] = [new Float64Array(d), new Float64Array(d)];
          const [q1, q2] = [new Int16Array(d + 1), new Int16Array(d + 1)];
          const [o1, o2] = [new Float64Array(2), new Float64Array(2)];
          const n1 = centerInto(src, 1, mean, d, v1, 0);
          const s1 = quantizeRow(v1, d, q1, 0, 2, o1);
          const n2 = centerAndMeasure(src, 1, mean, d, v2, o2);
          const s2 = quantizeScaled(v2, d, q2, 0, 2, o2, o2[0]!, n2);
          expect([n2, s2, ...o2]).toEqual([n1, s1, ...o1]);
          expect(v2).toEqual(v1);
          expect(q2).toEqual(q1);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('roundHalfUp is Math.round: halves up, and the sums y + 0.5 that round onto the next integer', () => {
    const edge = [0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 32766.5, -32766.5, 0.49999999999999994, -0.49999999999999994];
    const more = [1.9999999999999998, 0.5000000000000001, 2 ** 52 - 0.5, -(2 ** 52) + 0.5, 4503599627370495.5];
    for (const y of [...edge, ...more]) expect(roundHalfUp(y) === Math.round(y), String(y)).toBe(true);
    // floor(y + 0.5) alone is wrong here: 0.49999999999999994 + 0.5 rounds to 1
    expect(Math.floor(0.49999999999999994 + 0.5)).toBe(1);
    expect(roundHalfUp(0.49999999999999994)).toBe(0);
    fc.assert(
      fc.property(fc.double({ min: -(2 ** 51), max: 2 ** 51, noNaN: true }), (y) => roundHalfUp(y) === Math.round(y)),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: -40000, max: 40000 }), (k) =>
        [k + 0.5, k - 0.5, k + 0.49999999999999994, k + 0.5000000000000001].every(
          (y) => roundHalfUp(y) === Math.round(y),
        ),
      ),
    );
  });

  it('makes every dot product of two quantised rows exact in int32 (Cauchy–Schwarz on ‖q‖ < 46340)', () => {
    expect(QNORM * QNORM).toBeLessThan(2 ** 31);
    expect((QNORM + 1) * (QNORM + 1)).toBeGreaterThan(2 ** 31);
  });
});
