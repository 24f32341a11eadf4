/**
 * The JSON form of an {@link MLPClassifier}: `{ format: 'imbalanced-tabular/MLPClassifier', version,
 * params, state }`, with every weight as a plain array of numbers next to the params that rebuild
 * the architecture.
 * @internal
 */
import { SerializationError } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import {
  decodeNumber,
  decodeNumbers,
  encodeNumber,
  encodeNumbers,
  makeEnvelope,
  openEnvelope,
} from '../core/serialization.js';
import type { Envelope, JsonNumber } from '../core/serialization.js';
import { netSpec } from './architecture.js';
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
export function openModel(json: unknown): { options: MLPClassifierOptions; state: unknown } {
  const env = openEnvelope<Record<string, unknown>, unknown>(json, CLASS, VERSION);
  const pj = env.params;
  if (pj === null || typeof pj !== 'object')
    throw new SerializationError(`${CLASS}.fromJSON: params must be an object.`);
  const cwj = pj.classWeight;
  const options: Record<string, unknown> = { ...pj };
  for (const key of ['earlyStopping', 'reduceLROnPlateau', 'seed', 'classWeight'])
    if (options[key] === null) delete options[key];
  if (Array.isArray(cwj))
    options.classWeight = new Map(
      (cwj as [Label, JsonNumber][]).map(([c, w]) => [c, decodeNumber(w, 'params.classWeight')]),
    );
  return { options: options as MLPClassifierOptions, state: env.state };
}

/**
 * Rebuilds the state of a fitted model from the envelope's `state`, checking every weight array
 * against the architecture of `p`.
 * @throws {@link SerializationError} on missing or mis-sized parts.
 * @internal
 */
export function decodeState(st: unknown, p: MLPClassifierParams): ModelState {
  if (st === null || typeof st !== 'object')
    throw new SerializationError(`${CLASS}.fromJSON: state must be an object or null.`);
  const sj = st as Record<string, unknown>;
  const classes = sj.classes as Label[];
  const nIn = sj.nFeaturesIn as number;
  if (!Array.isArray(classes) || classes.length < 2 || !Number.isInteger(nIn) || nIn < 1) {
    throw new SerializationError(`${CLASS}.fromJSON: state.classes or state.nFeaturesIn is missing or invalid.`);
  }
  const spec = netSpec(p, nIn, classes.length);
  const values = decodeLayers(sj.layers, spec);
  const backend = sj.backend === 'wasm' ? 'wasm' : 'cpu';
  const hist = Array.isArray(sj.history) ? (sj.history as Record<string, JsonNumber>[]) : [];
  const history = hist.map(
    (h, i) =>
      Object.fromEntries(
        Object.entries(h).map(([key, v]) => [key, decodeNumber(v, `state.history[${i}].${key}`)]),
      ) as unknown as EpochLogs,
  );
  const cwj = Array.isArray(sj.classWeight)
    ? (sj.classWeight as [Label, JsonNumber][])
    : classes.map((c) => [c, 1] as [Label, JsonNumber]);
  const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
  const fitted: MLPFitted = Object.freeze({
    classes: [...classes],
    nFeaturesIn: nIn,
    seed: num(sj.seed) ?? 0,
    backend,
    history: Object.freeze(history),
    classWeight: new Map(cwj.map(([c, w]) => [c, decodeNumber(w, 'state.classWeight')])),
    bestEpoch: num(sj.bestEpoch),
    stoppedEpoch: num(sj.stoppedEpoch),
    nTrain: num(sj.nTrain) ?? 0,
    nValidation: num(sj.nValidation) ?? 0,
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
  return layersJ.map((lj: Record<string, unknown>, l: number) => {
    const fanIn = sizes[l] as number;
    const fanOut = sizes[l + 1] as number;
    const arr = (key: string, len: number): Float32Array => {
      const a = decodeNumbers(lj?.[key], `state.layers[${l}].${key}`);
      if (a.length !== len)
        throw new SerializationError(
          `${CLASS}.fromJSON: state.layers[${l}].${key} has ${a.length} values, expected ${len}.`,
        );
      return Float32Array.from(a);
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
