/**
 * The MLP's tensors and its hand-written forward / backward pass on tfjs-core ops: the path of
 * `backend: 'cpu'`, and of `'wasm'` for the architectures the WebAssembly kernels
 * (SimdNetwork.ts) do not run (batch normalization; dropout after tanh, sigmoid or ELU). Its dropout
 * masks are the kernels' ({@link dropoutMask}): one seed, one mask on either path.
 *
 * Why by hand: tfjs's autodiff of a dense layer produces matMuls with a transposed operand, which
 * the wasm backend runs ~10× slower than a plain matMul on an explicitly transposed copy;
 * tfjs-layers' `fit` adds per-batch bookkeeping on top. Dense + activation + dropout + batch
 * normalization + softmax cross-entropy have short closed-form gradients, so one training step here
 * is a handful of plain matMuls and element-wise ops. `buildLayersModel` (architecture.ts) rebuilds
 * the same network with tfjs-layers, and the tests check this forward pass against it and this
 * backward pass against tfjs autodiff.
 *
 * @internal
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Random } from '../core/Random.js';
import { dropoutMask } from './dropoutMask.js';

/** Hidden-layer activations supported by the hand-written backward pass. */
export type MLPActivation = 'relu' | 'tanh' | 'sigmoid' | 'elu' | 'linear';

/** Architecture of the network. @internal */
export interface NetSpec {
  nIn: number;
  hidden: readonly number[];
  nOut: number;
  activation: MLPActivation;
  dropout: number;
  batchNorm: boolean;
  l2: number;
}

/** The values of one layer's parameters (float32, row-major kernels `in × out`). @internal */
export interface LayerValues {
  kernel: Float32Array;
  bias: Float32Array;
  gamma?: Float32Array;
  beta?: Float32Array;
  movingMean?: Float32Array;
  movingVariance?: Float32Array;
}

/** Batch normalization constants (Keras defaults). @internal */
export const BN_MOMENTUM = 0.99;
/** @internal */
export const BN_EPSILON = 1e-3;

let netCounter = 0;

/** Rows per forward pass at inference (bounds the size of the input and output tensors). */
const PREDICT_CHUNK = 4096;

interface Layer {
  W: tf.Variable<tf.Rank.R2>;
  b: tf.Variable<tf.Rank.R1>;
  gamma?: tf.Variable<tf.Rank.R1>;
  beta?: tf.Variable<tf.Rank.R1>;
  mean?: tf.Variable<tf.Rank.R1>;
  variance?: tf.Variable<tf.Rank.R1>;
}

/** Glorot-uniform kernels from our seeded PRNG, zero biases, BN at identity. @internal */
export function initialValues(spec: NetSpec, rng: Random): LayerValues[] {
  const sizes = [spec.nIn, ...spec.hidden, spec.nOut];
  const out: LayerValues[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l] as number;
    const fanOut = sizes[l + 1] as number;
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const kernel = new Float32Array(fanIn * fanOut);
    for (let i = 0; i < kernel.length; i++) kernel[i] = (2 * rng.float() - 1) * limit;
    const v: LayerValues = { kernel, bias: new Float32Array(fanOut) };
    if (spec.batchNorm && l + 2 < sizes.length) {
      v.gamma = new Float32Array(fanOut).fill(1);
      v.beta = new Float32Array(fanOut);
      v.movingMean = new Float32Array(fanOut);
      v.movingVariance = new Float32Array(fanOut).fill(1);
    }
    out.push(v);
  }
  return out;
}

function activate(z: tf.Tensor2D, act: MLPActivation): tf.Tensor2D {
  switch (act) {
    case 'relu':
      return tf.relu(z);
    case 'tanh':
      return tf.tanh(z);
    case 'sigmoid':
      return tf.sigmoid(z);
    case 'elu':
      return tf.elu(z);
    default:
      return z;
  }
}

/** d activation / d z expressed through the activation's output `h`. */
function activationGrad(dh: tf.Tensor2D, h: tf.Tensor2D, act: MLPActivation): tf.Tensor2D {
  switch (act) {
    case 'relu':
      return tf.mul(dh, tf.step(h));
    case 'tanh':
      return tf.mul(dh, tf.sub(1, tf.square(h)));
    case 'sigmoid':
      return tf.mul(dh, tf.mul(h, tf.sub(1, h)));
    case 'elu':
      // h > 0: 1; h <= 0: h + 1 (in (0, 1]) — so the derivative is min(h + 1, 1).
      return tf.mul(dh, tf.minimum(tf.add(h, 1), 1));
    default:
      return dh;
  }
}

const FUSABLE: ReadonlySet<MLPActivation> = new Set(['relu', 'sigmoid', 'elu', 'linear']);

/** Statistics of one training step. @internal */
export interface StepResult {
  /** Weighted mean cross-entropy + L2 penalty of the batch. */
  loss: number;
  /** Correct predictions in the batch (training mode). */
  correct: number;
}

/**
 * The network's variables plus the forward / backward passes. @internal
 */
export class Network {
  readonly spec: NetSpec;
  private readonly layers: Layer[];
  private readonly prefix: string;

  constructor(spec: NetSpec, values: readonly LayerValues[]) {
    this.spec = spec;
    this.prefix = `imbalanced_tabular_mlp_${++netCounter}`;
    const sizes = [spec.nIn, ...spec.hidden, spec.nOut];
    // Variables survive tidy; the initial-value tensors do not (they would leak otherwise).
    this.layers = [];
    tf.tidy(() =>
      values.forEach((v, l) => {
        const fanIn = sizes[l] as number;
        const fanOut = sizes[l + 1] as number;
        const name = `${this.prefix}/layer${l}`;
        const layer: Layer = {
          W: tf.variable(tf.tensor2d(v.kernel, [fanIn, fanOut]), true, `${name}/kernel`),
          b: tf.variable(tf.tensor1d(v.bias), true, `${name}/bias`),
        };
        if (v.gamma && v.beta && v.movingMean && v.movingVariance) {
          layer.gamma = tf.variable(tf.tensor1d(v.gamma), true, `${name}/gamma`);
          layer.beta = tf.variable(tf.tensor1d(v.beta), true, `${name}/beta`);
          layer.mean = tf.variable(tf.tensor1d(v.movingMean), false, `${name}/moving_mean`);
          layer.variance = tf.variable(tf.tensor1d(v.movingVariance), false, `${name}/moving_variance`);
        }
        this.layers.push(layer);
      }),
    );
  }

  /** Every variable, trainable or not, in a fixed order. */
  variables(): tf.Variable[] {
    const out: tf.Variable[] = [];
    for (const L of this.layers) {
      out.push(L.W, L.b);
      if (L.gamma && L.beta && L.mean && L.variance) out.push(L.gamma, L.beta, L.mean, L.variance);
    }
    return out;
  }

  /** Inference-mode class probabilities for a batch. Call inside `tf.tidy`. */
  forward(x: tf.Tensor2D): tf.Tensor2D {
    return tf.softmax(this.logits(x));
  }

  /**
   * Inference-mode class probabilities of `n` rows (row-major, `nIn` columns), computed in chunks
   * of `PREDICT_CHUNK` rows; returns `n × nOut` float32 values. Frees every tensor it makes.
   */
  probabilities(X: Float32Array | Float64Array, n: number): Float32Array {
    const d = this.spec.nIn;
    const k = this.spec.nOut;
    const out = new Float32Array(n * k);
    // float64 input is converted chunk by chunk into one reused float32 buffer (no full-size copy).
    const buf = X instanceof Float32Array ? undefined : new Float32Array(Math.min(PREDICT_CHUNK, n) * d);
    for (let start = 0; start < n; start += PREDICT_CHUNK) {
      const m = Math.min(PREDICT_CHUNK, n - start);
      let chunk: Float32Array;
      if (buf) {
        chunk = buf.subarray(0, m * d);
        chunk.set(X.subarray(start * d, (start + m) * d));
      } else chunk = (X as Float32Array).subarray(start * d, (start + m) * d);
      const t = tf.tidy(() => this.forward(tf.tensor2d(chunk, [m, d])));
      try {
        out.set(t.dataSync() as Float32Array, start * k);
      } finally {
        t.dispose();
      }
    }
    return out;
  }

  /** Inference-mode logits. Call inside `tf.tidy`. */
  logits(x: tf.Tensor2D): tf.Tensor2D {
    const { activation } = this.spec;
    const last = this.layers.length - 1;
    let a = x;
    this.layers.forEach((L, l) => {
      if (l === last) {
        a = tf.fused.matMul({ a, b: L.W, bias: L.b }) as tf.Tensor2D;
        return;
      }
      if (L.gamma && L.beta && L.mean && L.variance) {
        const z = tf.fused.matMul({ a, b: L.W, bias: L.b }) as tf.Tensor2D;
        const scale = tf.mul(L.gamma, tf.rsqrt(tf.add(L.variance, BN_EPSILON)));
        const shift = tf.sub(L.beta, tf.mul(L.mean, scale));
        a = activate(tf.add(tf.mul(z, scale), shift), activation);
      } else if (FUSABLE.has(activation)) {
        a = tf.fused.matMul({ a, b: L.W, bias: L.b, activation: activation as tf.fused.Activation }) as tf.Tensor2D;
      } else {
        a = activate(tf.fused.matMul({ a, b: L.W, bias: L.b }) as tf.Tensor2D, activation);
      }
    });
    return a;
  }

  /**
   * Training-mode loss and hand-derived gradients for one batch. Call inside `tf.tidy`.
   *
   * @param x - `b × nIn` inputs.
   * @param xT - The same inputs transposed (`nIn × b`), built on the JS side for free.
   * @param y - `b` class indices (int32).
   * @param sw - `b × 1` per-sample weights divided by the batch size.
   * @param dropoutSeeds - One seed per hidden layer (ignored without dropout).
   * @param updateMoving - Update the batch-normalization moving statistics.
   * @returns The scalar loss, the number of correct predictions and the gradients by variable name.
   */
  lossAndGrads(
    x: tf.Tensor2D,
    xT: tf.Tensor2D,
    y: tf.Tensor1D,
    sw: tf.Tensor2D,
    dropoutSeeds: readonly number[],
    updateMoving: boolean,
  ): { loss: tf.Scalar; correct: tf.Scalar; grads: tf.NamedTensorMap } {
    const { activation, dropout, l2, nOut } = this.spec;
    const last = this.layers.length - 1;
    const inputs: tf.Tensor2D[] = [];
    const outs: tf.Tensor2D[] = [];
    const masks: (tf.Tensor2D | undefined)[] = [];
    const bn: ({ xhat: tf.Tensor2D; invstd: tf.Tensor1D } | undefined)[] = [];
    const b = x.shape[0];
    // Column sums as (1 × b) · (b × n) matMuls: tfjs reduces over axis 0 by transposing first.
    const ones = tf.ones([1, b]) as tf.Tensor2D;
    const colSum = (t: tf.Tensor2D): tf.Tensor1D => tf.reshape(tf.matMul(ones, t), [t.shape[1]]) as tf.Tensor1D;
    const colMean = (t: tf.Tensor2D): tf.Tensor1D => tf.mul(colSum(t), 1 / b) as tf.Tensor1D;
    let a: tf.Tensor2D = x;
    for (let l = 0; l < last; l++) {
      const L = this.layers[l] as Layer;
      inputs.push(a);
      let h: tf.Tensor2D;
      if (L.gamma && L.beta && L.mean && L.variance) {
        // The bias cancels in (z - mean): its gradient is 0.
        const z = tf.fused.matMul({ a, b: L.W, bias: L.b }) as tf.Tensor2D;
        const mean = colMean(z as tf.Tensor2D);
        const variance = colMean(tf.square(tf.sub(z, mean)) as tf.Tensor2D);
        const invstd = tf.rsqrt(tf.add(variance, BN_EPSILON)) as tf.Tensor1D;
        const xhat = tf.mul(tf.sub(z, mean), invstd) as tf.Tensor2D;
        bn.push({ xhat, invstd });
        h = activate(tf.add(tf.mul(xhat, L.gamma), L.beta), activation);
        if (updateMoving) {
          L.mean.assign(tf.add(tf.mul(L.mean, BN_MOMENTUM), tf.mul(mean, 1 - BN_MOMENTUM)));
          L.variance.assign(tf.add(tf.mul(L.variance, BN_MOMENTUM), tf.mul(variance, 1 - BN_MOMENTUM)));
        }
      } else {
        bn.push(undefined);
        h = FUSABLE.has(activation)
          ? (tf.fused.matMul({ a, b: L.W, bias: L.b, activation: activation as tf.fused.Activation }) as tf.Tensor2D)
          : activate(tf.fused.matMul({ a, b: L.W, bias: L.b }) as tf.Tensor2D, activation);
      }
      outs.push(h);
      if (dropout > 0) {
        const [rows, cols] = h.shape;
        const values = new Float32Array(rows * cols);
        dropoutMask(values, 0, { rows, cols }, dropout, dropoutSeeds[l] as number);
        const mask = tf.tensor2d(values, [rows, cols]);
        masks.push(mask);
        a = tf.mul(h, mask);
      } else {
        masks.push(undefined);
        a = h;
      }
    }
    const Lout = this.layers[last] as Layer;
    inputs.push(a);
    const logits = tf.fused.matMul({ a, b: Lout.W, bias: Lout.b });
    const logp = tf.logSoftmax(logits);
    const target = tf.mul(tf.oneHot(y, nOut), sw) as tf.Tensor2D;
    let loss = tf.neg(tf.sum(tf.mul(target, logp)));
    if (l2 > 0) {
      for (const L of this.layers) loss = tf.add(loss, tf.mul(l2, tf.sum(tf.square(L.W))));
    }
    const correct = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), y), 'float32'));

    const grads: tf.NamedTensorMap = {};
    let g: tf.Tensor2D = tf.sub(tf.mul(tf.exp(logp), sw), target);
    for (let l = last; l >= 0; l--) {
      const L = this.layers[l] as Layer;
      const aIn = inputs[l] as tf.Tensor2D;
      // dW = aInᵀ·g with plain matMuls only (tfjs-wasm's transposed-operand matMul is very slow):
      // transpose whichever of aIn and g is narrower, or use the JS-built xᵀ for the first layer.
      let dW: tf.Tensor2D;
      if (l === 0) dW = tf.matMul(xT, g);
      else if (aIn.shape[1] <= g.shape[1]) dW = tf.matMul(tf.transpose(aIn), g);
      else dW = tf.transpose(tf.matMul(tf.transpose(g), aIn)) as tf.Tensor2D;
      if (l2 > 0) dW = tf.add(dW, tf.mul(2 * l2, L.W)) as tf.Tensor2D;
      grads[L.W.name] = dW;
      grads[L.b.name] = L.gamma ? tf.zerosLike(L.b) : colSum(g);
      if (l === 0) break;
      const below = l - 1;
      let d: tf.Tensor2D = tf.matMul(g, tf.transpose(L.W));
      const mask = masks[below];
      if (mask) d = tf.mul(d, mask);
      d = activationGrad(d, outs[below] as tf.Tensor2D, activation);
      const cache = bn[below];
      const Lb = this.layers[below] as Layer;
      if (cache && Lb.gamma && Lb.beta) {
        grads[Lb.gamma.name] = colSum(tf.mul(d, cache.xhat));
        grads[Lb.beta.name] = colSum(d);
        const dxhat = tf.mul(d, Lb.gamma) as tf.Tensor2D;
        const m1 = colMean(dxhat);
        const m2 = colMean(tf.mul(dxhat, cache.xhat));
        d = tf.mul(tf.sub(tf.sub(dxhat, m1), tf.mul(cache.xhat, m2)), cache.invstd);
      }
      g = d;
    }
    return { loss: loss as tf.Scalar, correct: correct as tf.Scalar, grads };
  }

  /** One optimizer step on a batch; returns the batch statistics. */
  trainStep(
    optimizer: tf.Optimizer,
    x: tf.Tensor2D,
    xT: tf.Tensor2D,
    y: tf.Tensor1D,
    sw: tf.Tensor2D,
    dropoutSeeds: readonly number[],
    wantStats: boolean,
  ): StepResult | undefined {
    let stats: Float32Array | undefined;
    tf.tidy(() => {
      const { loss, correct, grads } = this.lossAndGrads(x, xT, y, sw, dropoutSeeds, true);
      optimizer.applyGradients(grads);
      if (wantStats) stats = tf.stack([loss, correct]).dataSync() as Float32Array;
    });
    return stats ? { loss: stats[0] as number, correct: stats[1] as number } : undefined;
  }

  /** A cheap snapshot of every variable (shares buffers until the variable is reassigned). */
  snapshot(): tf.Tensor[] {
    return this.variables().map((v) => tf.keep(tf.clone(v)));
  }

  /** Restores a {@link Network.snapshot}. */
  restore(snap: readonly tf.Tensor[]): void {
    const vars = this.variables();
    vars.forEach((v, i) => v.assign(snap[i] as tf.Tensor));
  }

  /** Reads every parameter back to float32 arrays. */
  read(): LayerValues[] {
    return this.layers.map((L) => {
      const v: LayerValues = { kernel: L.W.dataSync() as Float32Array, bias: L.b.dataSync() as Float32Array };
      if (L.gamma && L.beta && L.mean && L.variance) {
        v.gamma = L.gamma.dataSync() as Float32Array;
        v.beta = L.beta.dataSync() as Float32Array;
        v.movingMean = L.mean.dataSync() as Float32Array;
        v.movingVariance = L.variance.dataSync() as Float32Array;
      }
      return v;
    });
  }

  /** Frees every variable. */
  dispose(): void {
    for (const v of this.variables()) v.dispose();
  }
}
