/**
 * The JSON form of an {@link MLPClassifier}: `{ format: 'imbalanced-tabular/MLPClassifier', version,
 * params, state }`, with every weight as a plain array of numbers next to the params that rebuild
 * the architecture.
 * @internal
 */
import { SerializationError, describe } from '../core/errors.js';
import {
  badField,
  fieldPath,
  readArray,
  readEntries,
  readInteger,
  readLabel,
  readLabels,
  readNumber,
  readNumbers,
  readObject,
  readOneOf,
} from '../core/jsonFields.js';
import { encodeNumber, encodeNumbers, makeEnvelope, openEnvelope } from '../core/serialization.js';
import type { Envelope } from '../core/serialization.js';
import { netSpec } from './architecture.js';
import type { ResolvedBackend } from './backend.js';
import type { MLPFitted, ModelState } from './fitted.js';
import type { LayerValues, NetSpec } from './Network.js';
import { CLASS } from './options.js';
import type { EpochLogs, MLPClassifierOptions, MLPClassifierParams } from './options.js';

/** Version of the JSON format. */
const VERSION = 1;

/**
 * The envelope of a model: params without callbacks and validation data, and the state (null
 * before fit).
 * @internal
 */
export function encodeModel(p: MLPClassifierParams, s: ModelState | undefined): Envelope {
  const params = {
    hiddenLayers: [...p.hiddenLayers],
    activation: p.activation,
    dropout: p.dropout,
    batchNormalization: p.batchNormalization,
    l2: p.l2,
    optimizer: p.optimizer,
    learningRate: p.learningRate,
    epochs: p.epochs,
    batchSize: p.batchSize,
    validationFraction: p.validationFraction,
    earlyStopping: p.earlyStopping ? { ...p.earlyStopping } : null,
    reduceLROnPlateau: p.reduceLROnPlateau ? { ...p.reduceLROnPlateau } : null,
    classWeight:
      p.classWeight === undefined || p.classWeight === 'balanced'
        ? (p.classWeight ?? null)
        : [...p.classWeight.entries()].map(([c, w]) => [c, encodeNumber(w)]),
    seed: p.seed ?? null,
    backend: p.backend,
    verbose: p.verbose,
  };
  if (!s) return makeEnvelope(CLASS, VERSION, params, null);
  const f = s.fitted;
  const state = {
    classes: [...f.classes],
    nFeaturesIn: f.nFeaturesIn,
    seed: f.seed,
    backend: f.backend,
    classWeight: [...f.classWeight.entries()].map(([c, w]) => [c, encodeNumber(w)]),
    bestEpoch: f.bestEpoch ?? null,
    stoppedEpoch: f.stoppedEpoch ?? null,
    nTrain: f.nTrain,
    nValidation: f.nValidation,
    history: f.history.map((h) =>
      Object.fromEntries(Object.entries(h).map(([key, v]) => [key, encodeNumber(v as number)])),
    ),
    layers: s.values.map((v) =>
      Object.fromEntries(Object.entries(v).map(([key, a]) => [key, encodeNumbers(a as Float32Array)])),
    ),
  };
  return makeEnvelope(CLASS, VERSION, params, state);
}

/**
 * Opens a model envelope (object or JSON text): the constructor options it holds, and its raw
 * state for {@link decodeState} (null when unfitted).
 * @throws {@link SerializationError} on a foreign or corrupt document.
 * @internal
 */
export function openModel(json: unknown): {
  options: MLPClassifierOptions;
  params: Readonly<Record<string, unknown>>;
  state: unknown;
} {
  const who = `${CLASS}.fromJSON`;
  const env = openEnvelope<Record<string, unknown>, unknown>(json, CLASS, VERSION);
  const pj = readObject(who, 'params', env.params, { required: PARAM_FIELDS });
  const options: Record<string, unknown> = {};
  for (const key of Object.keys(pj)) if (pj[key] !== null) options[key] = pj[key];
  if (Array.isArray(pj.classWeight)) {
    options.classWeight = new Map(
      readEntries(
        who,
        'params.classWeight',
        pj.classWeight,
        (c, path) => readLabel(who, path, c),
        (w, path) => readNumber(who, path, w, { interval: { ge: 0 } }),
        { min: 1 },
      ),
    );
  }
  return { options: options as MLPClassifierOptions, params: pj, state: env.state };
}

/** The fields of every entry of `state.history`. */
const HISTORY_FIELDS = ['epoch', 'loss', 'accuracy', 'learningRate', 'seconds'];

/** The params fields of every MLPClassifier document. */
const PARAM_FIELDS = [
  'hiddenLayers',
  'activation',
  'dropout',
  'batchNormalization',
  'l2',
  'optimizer',
  'learningRate',
  'epochs',
  'batchSize',
  'validationFraction',
  'earlyStopping',
  'reduceLROnPlateau',
  'classWeight',
  'seed',
  'backend',
  'verbose',
] as const;

/**
 * Rebuilds the state of a fitted model from the envelope's `state`, checking every weight array
 * against the architecture of `p`.
 * @throws {@link SerializationError} on missing or mis-sized parts.
 * @internal
 */
export function decodeState(st: unknown, p: MLPClassifierParams): ModelState {
  const who = `${CLASS}.fromJSON`;
  const sj = readObject(who, 'state', st, {
    required: [
      'classes',
      'nFeaturesIn',
      'seed',
      'backend',
      'classWeight',
      'bestEpoch',
      'stoppedEpoch',
      'nTrain',
      'nValidation',
      'history',
      'layers',
    ],
  });
  const classes = readLabels(who, 'state.classes', sj.classes, { min: 2 });
  const nIn = readInteger(who, 'state.nFeaturesIn', sj.nFeaturesIn, { min: 1 });
  const spec = netSpec(p, nIn, classes.length);
  const values = decodeLayers(sj.layers, spec);
  const backend = readOneOf<ResolvedBackend>(who, 'state.backend', sj.backend, ['cpu', 'wasm']);
  // one entry per epoch trained: all the epochs unless early stopping ended them sooner
  const hist = readArray(
    who,
    'state.history',
    sj.history,
    p.earlyStopping === undefined ? { length: p.epochs } : { min: 1, max: p.epochs },
  );
  const history = hist.map((h, i) => {
    const o = readObject(who, `state.history[${i}]`, h, {
      required: HISTORY_FIELDS,
      optional: ['valLoss', 'valAccuracy', 'valMacroF1', 'valBalancedAccuracy'],
    });
    if (o.epoch !== i) badField(who, `state.history[${i}].epoch`, `${i} (its index)`, o.epoch);
    if (i > 0 && Object.keys(o).length !== Object.keys(hist[0] as object).length) {
      badField(who, `state.history[${i}]`, 'an entry with the fields of state.history[0]', h);
    }
    const out: Record<string, number> = {};
    for (const key of Object.keys(o)) {
      // a loss (≥ 0, a cross-entropy) may record a diverged epoch as NaN; the other logs are finite
      const loss = key === 'loss' || key === 'valLoss';
      const field = loss ? ({ special: 'NaN', interval: { ge: 0 } } as const) : {};
      const v = readNumber(who, fieldPath(`state.history[${i}]`, key), o[key], field);
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out as unknown as EpochLogs;
  });
  const cw = readEntries(
    who,
    'state.classWeight',
    sj.classWeight,
    (c, path) => readLabel(who, path, c),
    (w, path) => readNumber(who, path, w, { interval: { ge: 0 } }),
    { length: classes.length },
  );
  cw.forEach(([c], i) => {
    if (c !== classes[i])
      badField(who, `state.classWeight[${i}][0]`, `${describe(classes[i])} (state.classes[${i}])`, c);
  });
  // bestEpoch and stoppedEpoch are set by early stopping only, within the epochs trained
  const epochOrNull = (k: string): number | undefined => {
    if (sj[k] === null) return undefined;
    if (p.earlyStopping === undefined) badField(who, `state.${k}`, 'null (params.earlyStopping is null)', sj[k]);
    return readInteger(who, `state.${k}`, sj[k], { min: 0, max: history.length - 1 });
  };
  const count = (k: string) => readInteger(who, `state.${k}`, sj[k], { min: 0 });
  const fitted: MLPFitted = Object.freeze({
    classes,
    nFeaturesIn: nIn,
    seed: readInteger(who, 'state.seed', sj.seed, { min: 0 }),
    backend,
    history: Object.freeze(history),
    classWeight: new Map(cw),
    bestEpoch: epochOrNull('bestEpoch'),
    stoppedEpoch: epochOrNull('stoppedEpoch'),
    nTrain: count('nTrain'),
    nValidation: count('nValidation'),
  });
  return { fitted, spec, values, net: undefined };
}

function decodeLayers(layersJ: unknown, spec: NetSpec): LayerValues[] {
  const sizes = [spec.nIn, ...spec.hidden, spec.nOut];
  if (!Array.isArray(layersJ) || layersJ.length !== sizes.length - 1) {
    throw new SerializationError(
      `${CLASS}.fromJSON: state.layers should hold ${sizes.length - 1} layers for hiddenLayers ` +
        `[${spec.hidden.join(', ')}].`,
    );
  }
  return layersJ.map((lj: unknown, l: number) => {
    const fanIn = sizes[l] as number;
    const fanOut = sizes[l + 1] as number;
    const who = `${CLASS}.fromJSON`;
    const layer = readObject(who, `state.layers[${l}]`, lj);
    const arr = (key: string, len: number): Float32Array => {
      const path = fieldPath(`state.layers[${l}]`, key);
      // weights are finite float32 values: "NaN", 1e39 or a raw NaN never load
      const a = Float32Array.from(readNumbers(who, path, layer[key], { length: len }));
      const bad = a.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) badField(who, `${path}[${bad}]`, 'a finite float32 number', (layer[key] as unknown[])[bad]);
      return a;
    };
    const v: LayerValues = { kernel: arr('kernel', fanIn * fanOut), bias: arr('bias', fanOut) };
    if (spec.batchNorm && l < sizes.length - 2) {
      v.gamma = arr('gamma', fanOut);
      v.beta = arr('beta', fanOut);
      v.movingMean = arr('movingMean', fanOut);
      v.movingVariance = arr('movingVariance', fanOut);
    }
    return v;
  });
}
