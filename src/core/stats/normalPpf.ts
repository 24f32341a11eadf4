/**
 * The quantile function (inverse CDF) of the standard normal distribution.
 *
 * @module
 */

/** log(√(2π)), so that the density is `exp(−x²/2 − LOG_SQRT_2PI)`. */
const LOG_SQRT_2PI = 0.91893853320467274178;

/**
 * Standard normal lower tail Φ(x) for x ≤ 0: Marsaglia's series near 0, the Laplace continued
 * fraction in the tail (relative accuracy ~1e-15 throughout).
 */
function normalLowerTail(x: number): number {
  const x2 = x * x;
  const pdf = Math.exp(-0.5 * x2 - LOG_SQRT_2PI);
  if (x > -1.5) {
    let sum = x;
    let term = x;
    for (let i = 3; i < 400; i += 2) {
      term = (term * x2) / i;
      const prev = sum;
      sum += term;
      if (sum === prev) break;
    }
    return 0.5 + sum * pdf;
  }
  const t = -x;
  let f = t;
  for (let k = 300; k >= 1; k--) f = t + k / f;
  return pdf / f;
}

// Acklam's rational approximation: central region (a, b) and tails (c, d).
const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
] as const;
const B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
] as const;
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
] as const;
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416] as const;

/**
 * The standard normal quantile Φ⁻¹(p) (scipy's `norm.ppf`): Acklam's rational start, polished by
 * Newton steps on the lower tail, so it agrees with scipy to about 1e-15.
 *
 * @param p - A probability; `p ≤ 0` gives −∞, `p ≥ 1` gives +∞.
 * @returns The x with Φ(x) = p.
 * @internal
 */
export function normalPpf(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p === 0.5) return 0;
  if (p > 0.5) return -normalPpf(1 - p); // 1 − p is exact for p in [0.5, 1]
  const [a0, a1, a2, a3, a4, a5] = A;
  const [b0, b1, b2, b3, b4] = B;
  const [c0, c1, c2, c3, c4, c5] = C;
  const [d0, d1, d2, d3] = D;
  let x: number;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
      (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
  }
  if (x > -37) {
    for (let k = 0; k < 4; k++) {
      const pdf = Math.exp(-0.5 * x * x - LOG_SQRT_2PI);
      const step = (normalLowerTail(Math.min(x, 0)) - p) / pdf;
      x -= step;
      if (Math.abs(step) < 1e-17 * Math.max(1, Math.abs(x))) break;
    }
  }
  return x;
}
