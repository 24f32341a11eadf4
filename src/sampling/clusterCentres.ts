/**
 * The centres of a k-means estimator ({@link KMeans}, {@link MiniBatchKMeans}), in one place:
 * explicit starting centres checked as an option, the rows checked against the centres at `fit`
 * and `predict`, the error for data beyond the range of doubles, and the JSON of the options and
 * of a fit, written and read back.
 *
 * @internal
 * @module
 */
import type { Matrix } from 'ml-matrix';
import { DataValidationError, SerializationError } from '../core/errors.js';
import { readInteger, readNumber, readNumbers, readObject } from '../core/jsonFields.js';
import { fromDense, type MatrixInput, toDense } from '../core/matrix.js';
import { decodeNumbers, encodeNumbers } from '../core/serialization.js';
import { invalid } from '../core/validate.js';
import { nearestCentres } from './lloyd.js';

/** `nClusters` explicit centres given as an option, copied row-major (`who`'s `init`). @internal */
export function checkExplicitCentres(who: string, value: MatrixInput, k: number): Float64Array {
  const { data, rows } = toDense(value, { who });
  if (rows !== k) {
    invalid(who, 'init', `${k} centres (one per cluster)`, `${rows} rows`, 'Pass nClusters rows, or change nClusters.');
  }
  return data;
}

/**
 * The checks of `fit` that need the data: at least `k` rows, and explicit centres (when `init`
 * holds them) as wide as the rows. @internal
 */
export function checkFitRows(who: string, rows: number, cols: number, k: number, init: unknown): void {
  if (rows < k) {
    throw new DataValidationError(
      `${who}: X has ${rows} row${rows === 1 ? '' : 's'}, fewer than nClusters = ${k}. Lower nClusters.`,
      { param: 'X' },
    );
  }
  if (init instanceof Float64Array && init.length !== k * cols) {
    throw new DataValidationError(
      `${who}: init holds centres of ${init.length / k} columns, X has ${cols}. Pass centres as wide as X.`,
      { param: 'init' },
    );
  }
}

/**
 * `predict`: the nearest of the fitted `centres` to each row of `X` (ties: the smaller index),
 * after checking the width. @internal
 */
export function predictNearest(who: string, X: MatrixInput, centres: Matrix, nFeaturesIn: number): Int32Array {
  const { data, rows, cols } = toDense(X, { who });
  if (cols !== nFeaturesIn) {
    throw new DataValidationError(
      `${who}: X has ${cols} columns, the centres ${nFeaturesIn}. Pass rows like the ones fitted.`,
      { param: 'X' },
    );
  }
  return nearestCentres(data, rows, cols, toDense(centres, { who }).data);
}

/**
 * The error for data whose squared distances (or variance) exceed the range of doubles — values
 * beyond about ±1.3e154 — where k-means iterations would give infinite or NaN centres; it names
 * the row and column of the largest magnitude. @internal
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

/**
 * Explicit centres written by `toJSON` (`params.init`, a flat array of `k` rows) as the rows the
 * constructor takes; a count that is not a positive multiple of `k` is refused. @internal
 */
export function readExplicitCentres(who: string, init: unknown[], k: number): Float64Array[] {
  const flat = decodeNumbers(init, 'params.init', who);
  if (flat.length === 0 || flat.length % k !== 0) {
    throw new SerializationError(`${who}: params.init holds ${flat.length} numbers, not ${k} centres.`, {
      path: 'params.init',
    });
  }
  const width = flat.length / k;
  return Array.from({ length: k }, (_, i) => flat.subarray(i * width, (i + 1) * width));
}

/** What both k-means estimators keep of a fit (each may add its own counts). @internal */
export interface CentresFit {
  /** The final centres (`nClusters × nFeaturesIn`). */
  readonly clusterCenters: Matrix;
  /** Sum of squared distances of the rows to their nearest centre. */
  readonly inertia: number;
  /** Iterations (passes) of the run kept. */
  readonly nIter: number;
  /** The seed the fit used. */
  readonly seed: number;
  /** Number of columns fitted. */
  readonly nFeaturesIn: number;
}

/** The JSON params of a k-means estimator: its options, explicit centres as a flat array. @internal */
export function centresParamsJSON<P extends { readonly init: unknown }>(params: P): Record<string, unknown> {
  const { init, ...rest } = params;
  return { ...rest, init: init instanceof Float64Array ? encodeNumbers(init) : init };
}

/** The JSON state of a fit: the {@link CentresFit} fields, then `extra` (the estimator's own). @internal */
export function centresStateJSON(who: string, st: CentresFit, extra: Record<string, number>): Record<string, unknown> {
  return {
    clusterCenters: encodeNumbers(toDense(st.clusterCenters, { who }).data),
    inertia: st.inertia,
    ...extra,
    nIter: st.nIter,
    seed: st.seed,
    nFeaturesIn: st.nFeaturesIn,
  };
}

/**
 * Reads the JSON state of a fit for an estimator built from the document's params (`nClusters`,
 * `maxIter`, `init`): every {@link CentresFit} field and every `extra` name is required and
 * checked (`nIter` within `maxIter`, centres `nClusters × nFeaturesIn`, explicit starting centres
 * as wide as the fitted rows); the `extra` values come back as positive integers. @internal
 */
export function readCentresState<E extends string>(
  who: string,
  state: unknown,
  params: { readonly nClusters: number; readonly maxIter: number; readonly init: unknown },
  extra: ReadonlyArray<E>,
): { fit: CentresFit; extra: Record<E, number> } {
  const base = ['clusterCenters', 'inertia', 'nIter', 'seed', 'nFeaturesIn'];
  const o = readObject(who, 'state', state, { required: [...base, ...extra] });
  const n = readInteger(who, 'state.nFeaturesIn', o.nFeaturesIn, { min: 1 });
  const k = params.nClusters;
  if (params.init instanceof Float64Array && params.init.length !== k * n) {
    throw new SerializationError(`${who}: params.init and state.nFeaturesIn disagree on the width.`, {
      path: 'state.nFeaturesIn',
    });
  }
  const centres = readNumbers(who, 'state.clusterCenters', o.clusterCenters, { length: k * n });
  const fit: CentresFit = {
    clusterCenters: fromDense(centres, k, n),
    inertia: readNumber(who, 'state.inertia', o.inertia, { interval: { ge: 0 } }),
    nIter: readInteger(who, 'state.nIter', o.nIter, { min: 1, max: params.maxIter }),
    seed: readInteger(who, 'state.seed', o.seed, { min: 0, max: 2 ** 32 - 1 }),
    nFeaturesIn: n,
  };
  const values = {} as Record<E, number>;
  for (const name of extra) values[name] = readInteger(who, `state.${name}`, o[name], { min: 1 });
  return { fit, extra: values };
}
