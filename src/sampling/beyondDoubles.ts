/**
 * The error for data whose squared distances exceed the range of doubles. @internal
 * @module
 */
import { DataValidationError } from '../core/errors.js';

/**
 * The error for data whose squared distances (or variance) exceed the range of doubles — values
 * beyond about ±1.3e154 — where k-means iterations would give infinite or NaN centres; it names
 * the row and column of the largest magnitude. (`KMeans.ts` holds a private copy of this function,
 * to be replaced by this one.) @internal
 */
export function beyondDoubles(who: string, data: Float64Array, cols: number): DataValidationError {
  let at = 0;
  for (let i = 1; i < data.length; i++) if (Math.abs(data[i] as number) > Math.abs(data[at] as number)) at = i;
  const row = Math.floor(at / cols);
  const column = at % cols;
  return new DataValidationError(
    `${who}: the squared distances between rows of X exceed the range of doubles (values beyond about ` +
      `±1.3e154, e.g. X[${row}][${column}] = ${data[at]}), so the centres would not be finite. Rescale X ` +
      '(e.g. with a Scaler) first.',
    { param: 'X', row, column },
  );
}
