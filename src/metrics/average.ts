/**
 * The `average` option of the set-wise metrics and the NaN-skipping mean behind it.
 * @internal
 * @module
 */
import { invalid } from '../core/validate.js';

/** Averaging modes of the set-wise metrics (scikit-learn's `average`, `null` for per class). */
export type Average = 'binary' | 'micro' | 'macro' | 'weighted';

/**
 * Checks an `average` option against the modes a metric supports (`null` among them for per-class
 * results); `undefined` gives `fallback`. @internal
 */
export function checkAverage<A extends string>(
  who: string,
  value: unknown,
  allowed: ReadonlyArray<A | null>,
  fallback: A | null,
): A | null {
  if (value === undefined) return fallback;
  if ((allowed as ReadonlyArray<unknown>).includes(value)) return value as A | null;
  const names = allowed.map((a) => (a === null ? 'null' : `'${a}'`));
  return invalid(who, 'average', `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`, value);
}

/**
 * Average ignoring NaN entries (scikit-learn's `_nanaverage`): NaN when every entry is NaN; with
 * weights whose sum over the kept entries is 0, the unweighted mean. @internal
 */
export function nanAverage(values: ArrayLike<number>, weights?: ArrayLike<number>): number {
  let s = 0;
  let ws = 0;
  let plain = 0;
  let kept = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) continue;
    kept++;
    plain += v;
    if (weights) {
      const w = weights[i] as number;
      s += v * w;
      ws += w;
    }
  }
  if (kept === 0) return Number.NaN;
  if (!weights || ws === 0) return plain / kept;
  return s / ws;
}
