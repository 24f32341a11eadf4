/**
 * Exact comparison and freezing of estimator outputs, for the conformance suites.
 * @module
 */
import { Matrix } from 'ml-matrix';

/** Deep copy of plain data (arrays, typed arrays, objects, Maps, matrices as nested arrays). @internal */
export function snapshot(v: unknown): unknown {
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  if (v instanceof Matrix) return v.to2DArray();
  if (Array.isArray(v)) return v.map(snapshot);
  if (v instanceof Map) return [...v.entries()].map(([k, x]) => [k, snapshot(x)]);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, snapshot(x)]));
  return v;
}

/**
 * Freezes plain arrays and objects recursively (typed arrays cannot be frozen; they are
 * snapshotted).
 *
 * @example
 * ```ts
 * const X = deepFreeze([[1, 2], [3, 4]]); // any write now throws in strict mode
 * ```
 */
export function deepFreeze<T>(v: T): T {
  if (Array.isArray(v)) {
    for (const x of v) deepFreeze(x);
    Object.freeze(v);
  } else if (
    v !== null &&
    typeof v === 'object' &&
    !ArrayBuffer.isView(v) &&
    !(v instanceof Matrix) &&
    !(v instanceof Map)
  ) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

/**
 * Bit-for-bit equality of two outputs (numbers compared with `Object.is`, so NaN equals NaN and
 * 0 differs from -0). Returns a description of the first difference, or `undefined`.
 *
 * @example
 * ```ts
 * firstDifference([1, 2], [1, 3]); // '$[1]: 2 !== 3'
 * ```
 */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  const sa = snapshot(a);
  const sb = snapshot(b);
  if (typeof sa === 'number' && typeof sb === 'number')
    return Object.is(sa, sb) ? undefined : `${path}: ${sa} !== ${sb}`;
  if (Array.isArray(sa) && Array.isArray(sb)) {
    if (sa.length !== sb.length) return `${path}: length ${sa.length} !== ${sb.length}`;
    for (let i = 0; i < sa.length; i++) {
      const d = firstDifference(sa[i], sb[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (sa !== null && sb !== null && typeof sa === 'object' && typeof sb === 'object') {
    const ka = Object.keys(sa).sort();
    const kb = Object.keys(sb).sort();
    if (ka.join('\u0000') !== kb.join('\u0000')) return `${path}: keys [${ka}] !== [${kb}]`;
    for (const k of ka) {
      const d = firstDifference((sa as Record<string, unknown>)[k], (sb as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(sa, sb) ? undefined : `${path}: ${String(sa)} !== ${String(sb)}`;
}
