/**
 * Inputs the conformance suites attack estimators with: labels and column names spelled like
 * Object.prototype members, a continuous target, and finite values at the edge of the float64
 * range; plus the assertion that an outcome is finite or a located, typed error.
 *
 * @module
 */
import { Matrix } from 'ml-matrix';
import { DataValidationError } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import { fail } from './ConformanceError.js';

/**
 * Names of Object.prototype members, in sorted order: as labels or column names they must be data
 * like any other (a lookup in a plain object would find the inherited member instead).
 */
export const BUILTIN_NAMES: readonly string[] = Object.freeze([
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'toString',
  'valueOf',
]);

/**
 * The labels `y` renamed to {@link BUILTIN_NAMES} in sorted class order (so the class order is
 * kept; beyond five classes, `valueOf_000005`, …). @internal
 */
export function builtinLabels(y: ReadonlyArray<Label>): Label[] {
  const classes = [...new Set(y)].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0,
  );
  const name = new Map<Label, string>();
  classes.forEach((c, i) =>
    name.set(c, i < BUILTIN_NAMES.length ? (BUILTIN_NAMES[i] as string) : `valueOf_${String(i).padStart(6, '0')}`),
  );
  return y.map((v) => name.get(v) as string);
}

/** A column name → its builtin replacement (same order rule as {@link builtinLabels}). @internal */
export function builtinColumnNames(columns: ReadonlyArray<string>): Map<string, string> {
  const sorted = [...columns].sort();
  const renamed = builtinLabels(sorted) as string[];
  return new Map(sorted.map((c, i) => [c, renamed[i] as string]));
}

/** An object with the given own keys and values — `__proto__` included — in the given order. */
function ownObject(entries: ReadonlyArray<[string, unknown]>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries)
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

/**
 * `X` with its column names replaced by `rename` — for `{ columns, rows }` tables and arrays of row
 * objects (own properties, so `__proto__` is a column, not the prototype); other inputs have no
 * names and are returned as they are. @internal
 */
export function renameColumns<In>(X: In, rename: (column: string) => string): In {
  if (Array.isArray(X)) {
    return X.map((r) =>
      r !== null && typeof r === 'object' && !Array.isArray(r) && !ArrayBuffer.isView(r)
        ? ownObject(Object.keys(r).map((k) => [rename(k), (r as Record<string, unknown>)[k]]))
        : r,
    ) as In;
  }
  if (X !== null && typeof X === 'object' && !(X instanceof Matrix)) {
    const t = X as unknown as { columns?: unknown; rows?: unknown };
    if (Array.isArray(t.columns) && Array.isArray(t.rows)) {
      return { ...t, columns: (t.columns as string[]).map(rename) } as In;
    }
  }
  return X;
}

/** The column names of a table input (`{ columns, rows }` or row objects), or `[]`. @internal */
export function columnNames(X: unknown): string[] {
  if (Array.isArray(X)) {
    const first = X.find((r) => r !== null && typeof r === 'object' && !Array.isArray(r) && !ArrayBuffer.isView(r));
    return first ? Object.keys(first) : [];
  }
  const t = X as { columns?: unknown } | null;
  return t && Array.isArray(t.columns) ? [...(t.columns as string[])] : [];
}

/** `n` values evenly spaced over [0, 1]: a regression target, which no sampler or classifier may accept. @internal */
export function continuousTarget(n: number): number[] {
  return Array.from({ length: n }, (_, i) => (n === 1 ? 0.5 : i / (n - 1)));
}

/** The largest magnitude the overflow inputs reach: finite, a little below `Number.MAX_VALUE`. */
const EDGE = 1.7e308;

/**
 * `X` with every numeric column mapped affinely onto [−1.7e308, 1.7e308] (its minimum to the low
 * end, its maximum to the high end; a constant column to 1.7e308): every value is finite, but
 * differences and sums of two values overflow. Rows holding a missing value (NaN, null) are left
 * out, since a missing value passes through as NaN by design. Works on `number[][]`, typed-array rows, a Matrix
 * (returned as `number[][]`), `{ columns, rows }` tables and row objects (numeric cells only).
 * @internal
 */
export function overflowInput<In>(X: In): In {
  const keyed = Array.isArray(X) && X.length > 0 && !Array.isArray(X[0]) && !ArrayBuffer.isView(X[0]);
  const table = X as unknown as { columns?: unknown; rows?: unknown };
  const rows: unknown[] =
    X instanceof Matrix
      ? X.to2DArray()
      : Array.isArray(X)
        ? keyed
          ? X
          : X.map((r) => Array.from(r as ArrayLike<unknown>))
        : Array.isArray(table.rows)
          ? (table.rows as unknown[][]).map((r) => [...r])
          : [];
  const keys0 = keyed ? columnNames(X) : [...Array((rows[0] as unknown[] | undefined)?.length ?? 0).keys()];
  const get = (r: unknown, k: string | number): unknown => (r as Record<string | number, unknown>)[k];
  // a missing value would pass through as NaN by design: its row is left out
  const missing = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v));
  const complete = rows.filter((r) => !keys0.some((k) => missing(get(r, k))));
  if (complete.length > 0) rows.splice(0, rows.length, ...complete);
  const keys = keys0;
  const out = rows.map((r) => (keyed ? { ...(r as object) } : [...(r as unknown[])])) as Array<
    Record<string | number, unknown>
  >;
  for (const k of keys) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of rows) {
      const v = get(r, k);
      if (typeof v === 'number' && Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    if (lo > hi) continue;
    const mid = lo / 2 + hi / 2;
    const half = hi / 2 - lo / 2;
    rows.forEach((r, i) => {
      const v = get(r, k);
      if (typeof v !== 'number' || !Number.isFinite(v)) return;
      const row = out[i] as Record<string | number, unknown>;
      const unit = half === 0 ? 1 : Math.max(-1, Math.min(1, (v - mid) / half));
      if (keyed)
        Object.defineProperty(row, k, { value: unit * EDGE, enumerable: true, writable: true, configurable: true });
      else row[k] = unit * EDGE;
    });
  }
  if (Array.isArray(X) || X instanceof Matrix) return out as unknown as In;
  return { ...table, rows: out } as In;
}

/** Every number in an output (arrays, typed arrays, matrices, Maps, objects) with its path. */
function numbersOf(v: unknown, path: string, out: Array<[string, number]>): void {
  if (typeof v === 'number') out.push([path, v]);
  else if (v instanceof Matrix) numbersOf(v.to2DArray(), path, out);
  else if (ArrayBuffer.isView(v))
    Array.from(v as unknown as ArrayLike<number>).forEach((x, i) => out.push([`${path}[${i}]`, x]));
  else if (Array.isArray(v)) v.forEach((x, i) => numbersOf(x, `${path}[${i}]`, out));
  else if (v instanceof Map) for (const [k, x] of v) numbersOf(x, `${path}.get(${String(k)})`, out);
  else if (v !== null && typeof v === 'object')
    for (const k of Object.keys(v)) numbersOf((v as Record<string, unknown>)[k], `${path}.${k}`, out);
}

/**
 * Runs `f`: passes when every number it returns is finite, or when it throws a
 * DataValidationError that names a row or a column; fails otherwise (a non-finite output, a
 * generic error, a DataValidationError that does not say where). @internal
 */
export async function expectFiniteOrLocated(what: string, f: () => unknown): Promise<void> {
  let out: unknown;
  try {
    out = await f();
  } catch (e) {
    if (e instanceof DataValidationError) {
      if (e.row !== undefined || e.column !== undefined) return;
      fail(`${what}: threw a DataValidationError that names no row or column: ${e.message}`);
    }
    const err = e as Error | undefined;
    fail(
      `${what}: expected finite output or a DataValidationError naming the row or column, ` +
        `got ${err?.name}: ${err?.message}`,
    );
  }
  const nums: Array<[string, number]> = [];
  numbersOf(out, '$', nums);
  const bad = nums.find(([, v]) => !Number.isFinite(v));
  if (bad) fail(`${what}: output ${bad[0]} is ${bad[1]} although every input was finite`);
}
