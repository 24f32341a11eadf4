/**
 * The JSON form of a {@link Scaler}: its options and its learned state, both ways.
 *
 * @module
 */
import {
  badField,
  readArray,
  readBoolean,
  readInteger,
  readNumbers,
  readObject,
  readOneOf,
} from '../core/jsonFields.js';
import { encodeNumbers, makeEnvelope, type Envelope, type JsonNumber } from '../core/serialization.js';
import type { ScalerDtype, ScalerMethod, ScalerOptions, ScalerParams } from './scalerOptions.js';
import { minMaxColumn, minMaxProblem, type ScalerState } from './scalerState.js';

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
  // `copy` and `dtype` are written only when not the default, so version-1 documents stay as they were
  const { copy, dtype, ...rest } = params;
  return makeEnvelope(
    SCALER_CLASS,
    SCALER_VERSION,
    {
      ...rest,
      featureRange: [...params.featureRange],
      quantileRange: [...params.quantileRange],
      columns: params.columns === null ? null : [...params.columns],
      ...(copy ? {} : { copy }),
      ...(dtype === 'float64' ? {} : { dtype }),
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

const WHO = 'Scaler.fromJSON';

/** The params fields every Scaler document has; `copy` and `dtype` only when not the default. */
const PARAM_FIELDS = [
  'method',
  'withCentering',
  'withScaling',
  'featureRange',
  'quantileRange',
  'unitVariance',
  'clip',
  'columns',
] as const;

/**
 * The constructor options saved in a Scaler envelope's params (only those that apply to the saved
 * method), every field read with the core readers: `method` required, booleans booleans, ranges
 * two finite numbers, `columns` null or integers ≥ 0. (Fields of other methods are read too; the
 * loader's final faithfulness check refuses any that differ from what toJSON writes.)
 * @throws {@link SerializationError} naming the field.
 * @internal
 */
export function scalerOptionsFromJSON(raw: Record<string, unknown>): ScalerOptions<ScalerDtype> {
  const p = readObject(WHO, 'params', raw, { required: PARAM_FIELDS, optional: ['copy', 'dtype'] });
  const method = readOneOf<ScalerMethod>(WHO, 'params.method', p.method, ['standard', 'minmax', 'robust']);
  const pair = (k: string) => {
    const a = readNumbers(WHO, `params.${k}`, p[k], { length: 2 });
    return [a[0], a[1]] as [number, number];
  };
  const bool = (k: string) => readBoolean(WHO, `params.${k}`, p[k]);
  const fields = {
    withCentering: bool('withCentering'),
    withScaling: bool('withScaling'),
    featureRange: pair('featureRange'),
    quantileRange: pair('quantileRange'),
    unitVariance: bool('unitVariance'),
    clip: bool('clip'),
  };
  const options: ScalerOptions<ScalerDtype> = { method };
  if (method === 'minmax') {
    options.featureRange = fields.featureRange;
    options.clip = fields.clip;
  } else {
    options.withCentering = fields.withCentering;
    options.withScaling = fields.withScaling;
    if (method === 'robust') {
      options.quantileRange = fields.quantileRange;
      options.unitVariance = fields.unitVariance;
    }
  }
  if (p.columns !== null) {
    const cols = readArray(WHO, 'params.columns', p.columns, {}, 'null or an array of column indices');
    options.columns = cols.map((c, i) => readInteger(WHO, `params.columns[${i}]`, c, { min: 0 }));
  }
  if (p.copy !== undefined) options.copy = readBoolean(WHO, 'params.copy', p.copy);
  if (p.dtype !== undefined) options.dtype = readOneOf<ScalerDtype>(WHO, 'params.dtype', p.dtype, ['float32']);
  return options;
}

/**
 * Rebuilds the learned state of a Scaler with method `method` from its JSON form: every vector of
 * length `nFeaturesIn`, `scale` positive (or NaN, a column without values), `nSamplesSeen` counts,
 * the fields of other methods `null`, `scaled` true exactly for the `columns` scaled (all when
 * `columns` is null); for `'minmax'`, each scaled column's `scale` and `center` exactly those `fit`
 * computes from `featureRange`, `dataMin` and `dataMax`.
 * @throws {@link SerializationError} for a malformed state, naming the field.
 * @internal
 */
export function scalerStateFromJSON(
  st: unknown,
  method: ScalerMethod,
  columns: ReadonlyArray<number> | null,
  featureRange: readonly [number, number] = [0, 1],
): ScalerState {
  const s = readObject(WHO, 'state', st, {
    required: ['nFeaturesIn', 'scaled', 'center', 'scale', 'mean', 'variance', 'dataMin', 'dataMax', 'nSamplesSeen'],
  });
  const n = readInteger(WHO, 'state.nFeaturesIn', s.nFeaturesIn, { min: 1 });
  const own: Record<ScalerMethod, ReadonlyArray<string>> = {
    standard: ['mean', 'variance'],
    minmax: ['dataMin', 'dataMax'],
    robust: [],
  };
  const vec = (k: string): Float64Array => {
    if (s[k] === null) badField(WHO, `state.${k}`, `an array of ${n} numbers (method '${method}' has one)`, null);
    const v = readNumbers(WHO, `state.${k}`, s[k], { length: n, special: 'NaN' });
    // a statistic is NaN only for a column without values (or one not scaled, which has none)
    v.forEach((x, j) => {
      if (Number.isNaN(x) && scaled[j] && (nSamplesSeen[j] as number) > 0) {
        badField(WHO, `state.${k}[${j}]`, `a finite number (column ${j} is scaled and has values)`, 'NaN');
      }
    });
    return v;
  };
  for (const k of ['mean', 'variance', 'dataMin', 'dataMax']) {
    if (!own[method].includes(k) && s[k] !== null) badField(WHO, `state.${k}`, `null (method '${method}')`, s[k]);
  }
  const scaledRaw = readArray(WHO, 'state.scaled', s.scaled, { length: n }, 'an array of booleans');
  const inColumns = columns === null ? undefined : new Set(columns);
  const scaled = scaledRaw.map((b, j) => {
    const v = readBoolean(WHO, `state.scaled[${j}]`, b);
    const expected = inColumns === undefined || inColumns.has(j);
    if (v !== expected) badField(WHO, `state.scaled[${j}]`, `${expected} (params.columns)`, v);
    return v;
  });
  if (inColumns !== undefined) {
    for (const c of inColumns) if (c >= n) badField(WHO, 'params.columns', `indices below nFeaturesIn = ${n}`, c);
  }
  const nSamplesSeen = readNumbers(WHO, 'state.nSamplesSeen', s.nSamplesSeen, { length: n });
  nSamplesSeen.forEach((v, j) => {
    if (!Number.isSafeInteger(v) || v < 0) badField(WHO, `state.nSamplesSeen[${j}]`, 'an integer ≥ 0', v);
  });
  const scale = vec('scale');
  scale.forEach((v, j) => {
    if (!(v > 0 && Number.isFinite(v)) && !Number.isNaN(v)) {
      badField(WHO, `state.scale[${j}]`, 'a finite number > 0 (or NaN)', v);
    }
  });
  const center = vec('center');
  // a column not scaled is left as it is: center 0, scale 1
  scaled.forEach((on, j) => {
    if (on) return;
    if (!Object.is(center[j], 0)) badField(WHO, `state.center[${j}]`, `0 (column ${j} is not scaled)`, center[j]);
    if (scale[j] !== 1) badField(WHO, `state.scale[${j}]`, `1 (column ${j} is not scaled)`, scale[j]);
  });
  const common = { nFeaturesIn: n, scaled: Object.freeze(scaled), center, scale, nSamplesSeen };
  switch (method) {
    case 'standard': {
      const variance = vec('variance');
      variance.forEach((v, j) => {
        if (v < 0) badField(WHO, `state.variance[${j}]`, 'a number ≥ 0 (or NaN)', v);
      });
      return Object.freeze({ method, ...common, mean: vec('mean'), variance });
    }
    case 'minmax': {
      const dataMin = vec('dataMin');
      const dataMax = vec('dataMax');
      checkMinMaxFactors(common, dataMin, dataMax, featureRange);
      return Object.freeze({ method, ...common, dataMin, dataMax });
    }
    case 'robust':
      return Object.freeze({ method, ...common });
  }
}

/**
 * A MinMax state's factors of every scaled column are those `fit` gives for its `dataMin`,
 * `dataMax` and the params' `featureRange` (so an edited range or factor is refused, not loaded
 * into a scaler that maps the data elsewhere), and usable ({@link minMaxProblem}).
 */
function checkMinMaxFactors(
  common: { scaled: ReadonlyArray<boolean>; center: Float64Array; scale: Float64Array; nSamplesSeen: Float64Array },
  dataMin: Float64Array,
  dataMax: Float64Array,
  [lo, hi]: readonly [number, number],
): void {
  common.scaled.forEach((on, j) => {
    if (!on) return;
    const a = dataMin[j] as number;
    const b = dataMax[j] as number;
    const empty = (common.nSamplesSeen[j] as number) === 0;
    if (empty ? !(Number.isNaN(a) && Number.isNaN(b)) : !(a <= b)) {
      const expected = empty ? 'NaN (nSamplesSeen is 0)' : `a number ≤ dataMax[${j}] = ${b}`;
      badField(WHO, `state.dataMin[${j}]`, expected, a);
    }
    const f = minMaxColumn(lo, hi, a, b);
    const problem = empty ? undefined : minMaxProblem(f);
    if (problem !== undefined)
      badField(WHO, 'params.featureRange', `a range usable on [${a}, ${b}], not ${problem}`, [lo, hi]);
    for (const k of ['scale', 'center'] as const) {
      const v = common[k][j] as number;
      if (!Object.is(v, f[k])) {
        badField(WHO, `state.${k}[${j}]`, `${f[k]} (featureRange [${lo}, ${hi}] on [${a}, ${b}])`, v);
      }
    }
  });
}
