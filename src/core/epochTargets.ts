/**
 * What one epoch of a `BatchSource` from a lazy sampler holds, per class: its rows split by
 * largest remainder in proportion to the resampled class totals, and how many of them are original
 * rows. Shared by the lazy samplers and the conformance check that verifies them.
 *
 * @internal
 * @module
 */

/**
 * Splits `total` into parts proportional to `weights` by the largest-remainder (Hamilton) method:
 * each part gets `⌊total · w / Σw⌋`, and the rows left over go one each to the largest remainders,
 * ties to the earlier part. Exact (integer arithmetic). All zeros when `Σw = 0`.
 *
 * The method of `apportion` (core/stratify), which takes the caller's floating-point quotas so that
 * the splitters match scikit-learn's arithmetic; here the weights are counts and the shares exact,
 * so the two differ where rounding splits an exact tie (8 rows by weights 2, 5, 5: exact 2, 3, 3;
 * float quotas 1, 4, 3). @internal
 */
export function largestRemainder(total: number, weights: ReadonlyArray<number>): number[] {
  const sum = weights.reduce((s, w) => s + BigInt(w), 0n);
  if (sum === 0n) return weights.map(() => 0);
  const T = BigInt(total);
  const parts = weights.map((w) => (T * BigInt(w)) / sum);
  const rem = weights.map((w, i) => T * BigInt(w) - (parts[i] as bigint) * sum);
  let left = Number(T - parts.reduce((s, p) => s + p, 0n));
  const order = weights
    .map((_, i) => i)
    .sort((a, b) => {
      const d = (rem[b] as bigint) - (rem[a] as bigint);
      return d > 0n ? 1 : d < 0n ? -1 : a - b;
    });
  const out = parts.map(Number);
  for (const i of order) {
    if (left-- <= 0) break;
    out[i] = (out[i] as number) + 1;
  }
  return out;
}

/** Rows per class of every epoch. @internal */
export interface EpochTargets {
  /** Rows in one epoch. */
  readonly rows: number;
  /** Rows of each class per epoch (`e_c`, class order). */
  readonly perClass: ReadonlyArray<number>;
  /** Of which original rows (`o_c`). */
  readonly originals: ReadonlyArray<number>;
  /** Of which synthetic rows (`s_c = e_c − o_c`). */
  readonly synthetic: ReadonlyArray<number>;
}

/**
 * The per-epoch targets: `e_c` = the epoch's `rows` split by largest remainder in proportion to
 * the resampled class totals `T_c = originals_c + synthetic_c`; then `o_c = round(e_c · originals_c
 * / T_c)` (half up, exact) and `s_c = e_c − o_c`. @internal
 */
export function epochTargets(
  rows: number,
  originals: ReadonlyArray<number>,
  synthetic: ReadonlyArray<number>,
): EpochTargets {
  const totals = originals.map((o, c) => o + (synthetic[c] as number));
  const perClass = largestRemainder(rows, totals);
  const orig = perClass.map((e, c) => {
    const T = BigInt(totals[c] as number);
    return T === 0n ? 0 : Number((2n * BigInt(e) * BigInt(originals[c] as number) + T) / (2n * T));
  });
  return { rows, perClass, originals: orig, synthetic: perClass.map((e, c) => e - (orig[c] as number)) };
}
