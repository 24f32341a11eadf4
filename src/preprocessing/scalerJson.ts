/**
 * The JSON form of a {@link Scaler}: its options and its learned state, both ways.
 *
 * @module
 */
import { SerializationError, describe } from '../core/errors.js';
import { decodeNumbers, encodeNumbers, makeEnvelope, type Envelope, type JsonNumber } from '../core/serialization.js';
import type { ScalerMethod, ScalerOptions, ScalerParams } from './scalerOptions.js';
import type { ScalerState } from './scalerState.js';

/** Class name in the envelope's `format`. @internal */
export const SCALER_CLASS = 'Scaler';
/** Layout version of `params` and `state`. @internal */
export const SCALER_VERSION = 1;

/**
 * The envelope `{ format: 'imbalanced-tabular/Scaler', version, params, state }`; `state` is `null`
 * before fit and otherwise lists every field of every method (`null` where the method has none).
 * @internal
 */
export function scalerToJSON(params: ScalerParams, state: ScalerState | undefined): Envelope {
  const arr = (a: Float64Array | undefined): JsonNumber[] | null => (a === undefined ? null : encodeNumbers(a));
  return makeEnvelope(
    SCALER_CLASS,
    SCALER_VERSION,
    {
      ...params,
      featureRange: [...params.featureRange],
      quantileRange: [...params.quantileRange],
      columns: params.columns === null ? null : [...params.columns],
    },
    state === undefined
      ? null
      : {
          nFeaturesIn: state.nFeaturesIn,
          scaled: [...state.scaled],
          center: arr(state.center),
          scale: arr(state.scale),
          mean: arr(state.mean),
          variance: arr(state.variance),
          dataMin: arr(state.dataMin),
          dataMax: arr(state.dataMax),
          nSamplesSeen: arr(state.nSamplesSeen),
        },
  );
}

/**
 * The constructor options saved in a Scaler envelope's params (only those that apply to the saved
 * method).
 * @internal
 */
export function scalerOptionsFromJSON(p: Record<string, unknown>): ScalerOptions {
  const options: ScalerOptions = { method: p.method as ScalerMethod };
  if (p.method === 'minmax') {
    options.featureRange = p.featureRange as [number, number];
    options.clip = p.clip as boolean;
  } else {
    options.withCentering = p.withCentering as boolean;
    options.withScaling = p.withScaling as boolean;
    if (p.method === 'robust') {
      options.quantileRange = p.quantileRange as [number, number];
      options.unitVariance = p.unitVariance as boolean;
    }
  }
  if (p.columns !== null && p.columns !== undefined) options.columns = p.columns as number[];
  return options;
}

/**
 * Rebuilds the learned state of a Scaler with method `method` from its JSON form.
 * @throws {@link SerializationError} for a malformed state.
 * @internal
 */
export function scalerStateFromJSON(st: unknown, method: ScalerMethod): ScalerState {
  if (st === null || typeof st !== 'object') {
    throw new SerializationError('Scaler.fromJSON: state must be an object or null.');
  }
  const s = st as Record<string, unknown>;
  const n = s.nFeaturesIn;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
    throw new SerializationError(
      `Scaler.fromJSON: state.nFeaturesIn must be a positive integer, received ${describe(n)}.`,
    );
  const vec = (k: string): Float64Array => {
    const v = s[k];
    if (v === null || v === undefined) {
      throw new SerializationError(`Scaler.fromJSON: state.${k} is missing (method '${method}' has one).`);
    }
    const a = decodeNumbers(v, `state.${k}`);
    if (a.length !== n)
      throw new SerializationError(`Scaler.fromJSON: state.${k} has ${a.length} values, expected ${n}.`);
    return a;
  };
  const scaled = s.scaled;
  if (!Array.isArray(scaled) || scaled.length !== n || scaled.some((b) => typeof b !== 'boolean')) {
    throw new SerializationError(`Scaler.fromJSON: state.scaled must be ${n} booleans.`);
  }
  const common = {
    nFeaturesIn: n,
    scaled: Object.freeze([...(scaled as boolean[])]),
    center: vec('center'),
    scale: vec('scale'),
    nSamplesSeen: vec('nSamplesSeen'),
  };
  switch (method) {
    case 'standard':
      return Object.freeze({ method, ...common, mean: vec('mean'), variance: vec('variance') });
    case 'minmax':
      return Object.freeze({ method, ...common, dataMin: vec('dataMin'), dataMax: vec('dataMax') });
    case 'robust':
      return Object.freeze({ method, ...common });
  }
}
