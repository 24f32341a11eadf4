/**
 * What the k-NN engine accepts: the checks of `KNeighbors.fit`'s data and `KNeighbors.kneighbors`'
 * query, `k` and options, each failure a `DataValidationError` (or, for `k` and the options, an
 * `InvalidParameterError`) that says who, what and the fix.
 *
 * @internal
 * @packageDocumentation
 */
import { DataValidationError, describe, isDetached } from '../../core/errors.js';
import { checkBoolean, checkInteger, checkOptions } from '../../core/validate.js';
import type { KNeighborsOptions } from './types.js';

/** `Float64Array of length 3`, or a description of a value that is not a typed array (or is detached). */
function describeArray(x: unknown): string {
  return ArrayBuffer.isView(x) && !isDetached(x)
    ? `${x.constructor.name} of length ${(x as Float64Array).length}`
    : describe(x);
}

/**
 * Throws unless `values` are all finite, naming the first row and column that is not; returns the
 * largest magnitude `max |v|`.
 */
function checkFinite(who: string, param: 'data' | 'query', values: Float64Array, d: number, fix: string): number {
  let top = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]!);
    if (a <= top) continue;
    // a new largest value, or NaN (which compares false with everything)
    if (!(a < Infinity)) {
      const v = values[i]!;
      const row = Math.floor(i / d);
      const column = i % d;
      throw new DataValidationError(
        `${who}: ${param} row ${row}, column ${column} is ${v}; neighbour search needs finite values.${fix}`,
        { param, row, column },
      );
    }
    top = a;
  }
  return top;
}

/**
 * Checks `fit(data, rows, cols)`: positive integer sizes, a `Float64Array` of `rows × cols`
 * values (their finiteness: {@link refuseNonFinite}).
 * @internal
 */
export function checkFitData(data: unknown, rows: unknown, cols: unknown): asserts data is Float64Array {
  const who = 'KNeighbors.fit';
  if (!(Number.isInteger(rows) && (rows as number) >= 1 && Number.isInteger(cols) && (cols as number) >= 1)) {
    throw new DataValidationError(
      `${who}: rows and cols must be positive integers, got rows = ${describe(rows)}, cols = ${describe(cols)}.`,
      { param: 'data' },
    );
  }
  const size = (rows as number) * (cols as number);
  if (!(data instanceof Float64Array) || data.length !== size) {
    throw new DataValidationError(
      `${who}: data must be a Float64Array of rows × cols = ${size} values, got ${describeArray(data)}.`,
      { param: 'data' },
    );
  }
}

/**
 * Throws for the first value of the fitted rows that is not finite, naming its row and column (the
 * fit calls it when its one pass over the rows found one).
 * @internal
 */
export function refuseNonFinite(data: Float64Array, cols: number): void {
  checkFinite('KNeighbors.fit', 'data', data, cols, ' Impute or drop it first.');
}

/**
 * Checks `kneighbors(query, nQuery, k, options)` against `n` fitted rows of `d` columns; returns
 * `excludeSelf`, the number of rows a query may return and the query's largest magnitude `max |v|`.
 * @internal
 */
export function checkQuery(
  query: unknown,
  nQuery: unknown,
  k: unknown,
  options: KNeighborsOptions | undefined,
  n: number,
  d: number,
): { excludeSelf: boolean; available: number; magnitude: number } {
  const who = 'KNeighbors.kneighbors';
  const kk = checkInteger(who, 'k', k, { min: 1 });
  const o = checkOptions(who, options, ['excludeSelf']);
  const excludeSelf = checkBoolean(who, 'excludeSelf', o.excludeSelf, false);
  const sized = Number.isInteger(nQuery) && (nQuery as number) >= 0;
  if (!sized || !(query instanceof Float64Array) || query.length !== (nQuery as number) * d) {
    throw new DataValidationError(
      `${who}: query must be a Float64Array of nQuery × ${d} values, ` +
        `got ${describeArray(query)} with nQuery = ${describe(nQuery)}.`,
      { param: 'query' },
    );
  }
  if (excludeSelf && nQuery !== n) {
    throw new DataValidationError(
      `${who}: excludeSelf needs the fitted rows as the query (${n} rows), got ${nQuery} rows.`,
      { param: 'query' },
    );
  }
  const available = excludeSelf ? n - 1 : n;
  if (kk > available) {
    const plural = (c: number): string => (c === 1 ? '' : 's');
    throw new DataValidationError(
      `${who}: k = ${kk} neighbours requested but only ${available} row${plural(available)} can be returned ` +
        `(${n} fitted row${plural(n)}${excludeSelf ? ', minus the query row itself' : ''}). ` +
        'Lower k or fit on more rows.',
      { param: 'k' },
    );
  }
  const magnitude = checkFinite(who, 'query', query, d, '');
  return { excludeSelf, available, magnitude };
}
