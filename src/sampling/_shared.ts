import { DataValidationError, InvalidParameterError, describe } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import { KNeighbors } from './neighbors/index.js';
import type { KNeighborsResult, NeighborSearch } from './neighbors/types.js';

/** The library's default exact neighbour search (the k-NN engine in ./neighbors). @internal */
export function defaultNeighbors(): NeighborSearch {
  return new KNeighbors();
}

/** Validates a positive integer neighbour count option. @internal */
export function checkNeighborCount(who: string, param: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidParameterError(
      param,
      `${who}: ${param} must be an integer ≥ 1${param === 'kNeighbors' ? " or 'auto'" : ''}, received ${describe(value)}. The usual value is 5.`,
    );
  }
  return value;
}

/** Validates a `kNeighbors` option that may be `'auto'` (5, clamped per class to its size − 1). @internal */
export function checkKNeighbors(who: string, value: unknown): number | 'auto' {
  return value === 'auto' ? 'auto' : checkNeighborCount(who, 'kNeighbors', value, 5);
}

/** The number of neighbours used for a class of `n` rows. @internal */
export function kFor(k: number | 'auto', n: number): number {
  return k === 'auto' ? Math.max(1, Math.min(5, n - 1)) : k;
}

/** Validates a custom `neighbors` search object. @internal */
export function checkNeighborSearch(who: string, value: unknown): NeighborSearch | undefined {
  if (value === undefined) return undefined;
  const v = value as Partial<NeighborSearch> | null;
  if (v === null || typeof v !== 'object' || typeof v.fit !== 'function' || typeof v.kneighbors !== 'function') {
    throw new InvalidParameterError(
      'neighbors',
      `${who}: neighbors must be an object with fit(data, rows, cols) and kneighbors(query, nQuery, k, options) (a NeighborSearch), received ${describe(value)}.`,
    );
  }
  return value as NeighborSearch;
}

/** Copies the rows `idx` of a row-major matrix into a fresh contiguous buffer. @internal */
export function gatherRows(data: Float64Array, cols: number, idx: Int32Array): Float64Array {
  const out = new Float64Array(idx.length * cols);
  for (let t = 0; t < idx.length; t++) {
    const i = idx[t] as number;
    out.set(data.subarray(i * cols, (i + 1) * cols), t * cols);
  }
  return out;
}

/** Throws the "class too small for k" error up front, naming the class and the fix. @internal */
export function checkClassSizes(
  who: string,
  param: string,
  k: number | 'auto',
  plan: ReadonlyMap<Label, number>,
  counts: ReadonlyMap<Label, number>,
  fix: (have: number) => string,
): void {
  for (const [c, n] of plan) {
    if (n <= 0) continue;
    const have = counts.get(c) as number;
    if (k === 'auto' && have < 2) {
      throw new DataValidationError(
        `${who}: class ${describe(c)} has ${have} sample, and interpolation needs at least 2 even with ${param}: 'auto'. ${fix(have)}`,
        { param: 'y' },
      );
    }
    if (k !== 'auto' && have < k + 1) {
      throw new DataValidationError(
        `${who}: class ${describe(c)} has ${have} sample${have === 1 ? '' : 's'}, fewer than ${param} + 1 = ${k + 1}. ${fix(have)}`,
        { param: 'y' },
      );
    }
  }
}

/** Runs a same-set k-NN query (self excluded) and checks the result's shape. @internal */
export function selfNeighbors(
  who: string,
  search: NeighborSearch,
  data: Float64Array,
  rows: number,
  cols: number,
  k: number,
): Int32Array {
  search.fit(data, rows, cols);
  const res = search.kneighbors(data, rows, k, { excludeSelf: true });
  return checkResult(who, res, rows, rows, k);
}

/** Validates a neighbour table returned by a (possibly custom) search. @internal */
export function checkResult(who: string, res: KNeighborsResult, nQuery: number, nFit: number, k: number): Int32Array {
  const idx = res?.indices;
  if (!(idx instanceof Int32Array) || res.k !== k || idx.length !== nQuery * k) {
    throw new Error(
      `${who}: the neighbour search returned a table of the wrong shape (expected ${nQuery} × ${k} Int32Array indices).`,
    );
  }
  for (let t = 0; t < idx.length; t++) {
    const v = idx[t] as number;
    if (v < 0 || v >= nFit)
      throw new Error(`${who}: the neighbour search returned index ${v}, outside 0..${nFit - 1}.`);
  }
  return idx;
}

/**
 * NumPy's `rint`: rounds to the nearest integer, halves to even. @internal
 */
export function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * NumPy's pairwise summation of a contiguous float64 vector (what `np.sum` returns, bit for bit).
 * @internal
 */
export function pairwiseSum(a: Float64Array, lo = 0, n = a.length): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[lo + i] as number;
    return res;
  }
  if (n <= 128) {
    let r0 = a[lo] as number,
      r1 = a[lo + 1] as number,
      r2 = a[lo + 2] as number,
      r3 = a[lo + 3] as number;
    let r4 = a[lo + 4] as number,
      r5 = a[lo + 5] as number,
      r6 = a[lo + 6] as number,
      r7 = a[lo + 7] as number;
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      const o = lo + i;
      r0 += a[o] as number;
      r1 += a[o + 1] as number;
      r2 += a[o + 2] as number;
      r3 += a[o + 3] as number;
      r4 += a[o + 4] as number;
      r5 += a[o + 5] as number;
      r6 += a[o + 6] as number;
      r7 += a[o + 7] as number;
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[lo + i] as number;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, lo, n2) + pairwiseSum(a, lo + n2, n - n2);
}
