/**
 * Python-compatible number formatting for the text reports.
 * @internal
 * @module
 */

/**
 * Formats like Python's `'{:.Nf}'.format(x)`: exact decimal value of the double, ties to even
 * (JavaScript's `toFixed` rounds exact ties up), `nan` / `inf` spelled as Python does. @internal
 */
export function pyFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let s = a.toFixed(digits);
  if (a < 1e21) {
    const exact = a.toFixed(Math.min(100, digits + 30));
    const cut = exact.indexOf('.') + (digits === 0 ? 0 : digits + 1);
    const rest = exact.slice(digits === 0 ? exact.indexOf('.') + 1 : cut);
    if (/^50*$/.test(rest)) {
      // exact tie: keep the truncated value when its last digit is even
      const truncated = digits === 0 ? exact.slice(0, exact.indexOf('.')) : exact.slice(0, cut);
      const last = Number(truncated[truncated.length - 1]);
      if (last % 2 === 0) s = truncated;
    }
  }
  return (neg ? '-' : '') + s;
}

/**
 * Formats a support like NumPy prints it: counts as integers, weighted supports (floats in
 * scikit-learn) always with a decimal point. @internal
 */
export function pySupport(x: number, weighted = false): string {
  if (Number.isInteger(x) && !weighted) return String(x);
  const s = String(x);
  return s.includes('e') || s.includes('.') ? s : `${s}.0`;
}

/** Right-aligns `s` in `width` characters (Python `'{:>w}'`). @internal */
export function rjust(s: string, width: number): string {
  return s.length >= width ? s : ' '.repeat(width - s.length) + s;
}
