/**
 * The MLP's architecture as Keras layers: a data + text summary, and the same network rebuilt as a
 * tfjs-layers `Sequential` model.
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { InvalidParameterError } from '../core/errors.js';
import { BN_EPSILON, BN_MOMENTUM } from './Network.js';
import type { LayerValues, NetSpec } from './Network.js';
import { CLASS } from './options.js';
import type { MLPClassifierParams } from './options.js';

/** One layer of {@link MLPSummary}. */
export interface MLPLayerSummary {
  /** Keras-style layer name, e.g. `dense_1`. */
  name: string;
  /** Layer type: `Dense`, `BatchNormalization`, `Activation` or `Dropout`. */
  type: 'Dense' | 'BatchNormalization' | 'Activation' | 'Dropout';
  /** Input shape, `null` for the batch dimension. */
  inputShape: [null, number];
  /** Output shape, `null` for the batch dimension. */
  outputShape: [null, number];
  /** Parameter count (for batch normalization: γ, β and the two moving statistics). */
  params: number;
  /** Activation applied by the layer, or null. */
  activation: string | null;
}

/** The architecture as data and as text (see {@link MLPClassifier.summary}). */
export interface MLPSummary {
  /** A Keras-like table. */
  text: string;
  /** The layers in order. */
  layers: MLPLayerSummary[];
  /** Total parameter count. */
  totalParams: number;
  /** Trainable parameter count (excludes batch normalization's moving statistics). */
  trainableParams: number;
}

/**
 * The architecture `p` defines for data with `nIn` features and `nOut` classes.
 * @internal
 */
export function netSpec(p: MLPClassifierParams, nIn: number, nOut: number): NetSpec {
  checkNetworkSize(p, nIn, nOut);
  return {
    nIn,
    hidden: p.hiddenLayers,
    nOut,
    activation: p.activation,
    dropout: p.dropout,
    batchNorm: p.batchNormalization,
    l2: p.l2,
  };
}

/** The most parameters a network may have: weights, gradients and Adam's two moments in 4 GiB of float32. */
const MAX_PARAMS = 2 ** 28;
/** The most activation values of one mini-batch (all hidden layers, forward and backward): 4 GiB of float32. */
const MAX_ACTIVATIONS = 2 ** 30;

/**
 * Refuses a network too large to train before anything is allocated (a layer of 1e12 units would
 * otherwise fail deep inside with a RangeError), stating the size and the option to change.
 * @throws {@link InvalidParameterError} at `hiddenLayers` or `batchSize`.
 */
function checkNetworkSize(p: MLPClassifierParams, nIn: number, nOut: number): void {
  let params = 0;
  let width = nIn;
  for (const h of [...p.hiddenLayers, nOut]) {
    params += (width + 1) * h + (p.batchNormalization && h !== nOut ? 4 * h : 0);
    width = h;
  }
  const shape = `hiddenLayers [${p.hiddenLayers.join(', ')}] with ${nIn} input features and ${nOut} classes`;
  if (params > MAX_PARAMS) {
    throw new InvalidParameterError(
      'hiddenLayers',
      `${CLASS}.fit: ${shape} has ${params.toExponential(3)} parameters (${((params * 16) / 2 ** 30).toFixed(1)} ` +
        `GiB with their gradients and Adam's moments, float32); at most ${MAX_PARAMS.toLocaleString('en-US')} ` +
        'parameters can be trained. Use smaller hidden layers.',
    );
  }
  const units = p.hiddenLayers.reduce((a, h) => a + h, 0);
  if (p.batchSize * units * 3 > MAX_ACTIVATIONS) {
    throw new InvalidParameterError(
      'batchSize',
      `${CLASS}.fit: a mini-batch of ${p.batchSize} rows through ${shape} needs ` +
        `${((p.batchSize * units * 3 * 4) / 2 ** 30).toFixed(1)} GiB of activations (float32, forward and ` +
        'backward); at most 4 GiB fit. Use a smaller batchSize or smaller hidden layers.',
    );
  }
}

/**
 * The Keras layers of `spec` with shapes and parameter counts, and a Keras-like text table.
 * @internal
 */
export function summarize(spec: NetSpec): MLPSummary {
  const layers: MLPLayerSummary[] = [];
  let width = spec.nIn;
  let n = 0;
  spec.hidden.forEach((h, i) => {
    const idx = i + 1;
    layers.push({
      name: `dense_${idx}`,
      type: 'Dense',
      inputShape: [null, width],
      outputShape: [null, h],
      params: width * h + h,
      activation: spec.batchNorm ? null : spec.activation,
    });
    if (spec.batchNorm) {
      layers.push({
        name: `batch_normalization_${idx}`,
        type: 'BatchNormalization',
        inputShape: [null, h],
        outputShape: [null, h],
        params: 4 * h,
        activation: null,
      });
      layers.push({
        name: `activation_${idx}`,
        type: 'Activation',
        inputShape: [null, h],
        outputShape: [null, h],
        params: 0,
        activation: spec.activation,
      });
    }
    if (spec.dropout > 0)
      layers.push({
        name: `dropout_${idx}`,
        type: 'Dropout',
        inputShape: [null, h],
        outputShape: [null, h],
        params: 0,
        activation: null,
      });
    width = h;
    n = idx;
  });
  layers.push({
    name: `dense_${n + 1}`,
    type: 'Dense',
    inputShape: [null, width],
    outputShape: [null, spec.nOut],
    params: width * spec.nOut + spec.nOut,
    activation: 'softmax',
  });
  const totalParams = layers.reduce((a, l) => a + l.params, 0);
  const nonTrainable = layers.filter((l) => l.type === 'BatchNormalization').reduce((a, l) => a + l.params / 2, 0);
  const rows = layers.map((l) => [
    `${l.name} (${l.type})`,
    `[null, ${l.outputShape[1]}]`,
    String(l.params),
    l.activation ?? '',
  ]);
  const head = ['Layer (type)', 'Output shape', 'Params', 'Activation'];
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] as string).length)));
  const fmt = (r: string[]): string =>
    r
      .map((c, j) => c.padEnd(widths[j] as number))
      .join('  ')
      .trimEnd();
  const rule = '-'.repeat(widths.reduce((a, w) => a + w + 2, -2));
  const text = [
    `${CLASS}: input ${spec.nIn} features → ${spec.nOut} classes`,
    rule,
    fmt(head),
    rule,
    ...rows.map(fmt),
    rule,
    `Total params: ${totalParams}`,
    `Trainable params: ${totalParams - nonTrainable}`,
    `Non-trainable params: ${nonTrainable}`,
  ].join('\n');
  return { text, layers, totalParams, trainableParams: totalParams - nonTrainable };
}

/**
 * The network of `spec` as a tfjs-layers `Sequential` holding `values` (compiled with nothing,
 * for inference). The caller owns and disposes it.
 * @internal
 */
export function buildLayersModel(spec: NetSpec, values: readonly LayerValues[]): tfl.Sequential {
  const model = tfl.sequential();
  spec.hidden.forEach((h, i) => {
    model.add(
      tfl.layers.dense({
        units: h,
        activation: spec.batchNorm ? 'linear' : spec.activation,
        ...(i === 0 ? { inputShape: [spec.nIn] } : {}),
      }),
    );
    if (spec.batchNorm) {
      model.add(tfl.layers.batchNormalization({ momentum: BN_MOMENTUM, epsilon: BN_EPSILON }));
      model.add(tfl.layers.activation({ activation: spec.activation }));
    }
    if (spec.dropout > 0) model.add(tfl.layers.dropout({ rate: spec.dropout }));
  });
  model.add(
    tfl.layers.dense({
      units: spec.nOut,
      activation: 'softmax',
      ...(spec.hidden.length === 0 ? { inputShape: [spec.nIn] } : {}),
    }),
  );
  const sizes = [spec.nIn, ...spec.hidden, spec.nOut];
  // model.weights lists every trainable weight first, then the non-trainable ones.
  const trainable: tf.Tensor[] = [];
  const fixed: tf.Tensor[] = [];
  values.forEach((v, l) => {
    trainable.push(tf.tensor2d(v.kernel, [sizes[l] as number, sizes[l + 1] as number]), tf.tensor1d(v.bias));
    if (v.gamma && v.beta && v.movingMean && v.movingVariance) {
      trainable.push(tf.tensor1d(v.gamma), tf.tensor1d(v.beta));
      fixed.push(tf.tensor1d(v.movingMean), tf.tensor1d(v.movingVariance));
    }
  });
  const tensors = [...trainable, ...fixed];
  model.setWeights(tensors);
  tf.dispose(tensors);
  return model;
}
