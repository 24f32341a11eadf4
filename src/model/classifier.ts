import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Matrix } from 'ml-matrix';
import {
  DataValidationError,
  InvalidParameterError,
  NotFittedError,
  SerializationError,
  describe,
} from '../core/errors.js';
import { checkLabels, encodeLabels, uniqueSorted } from '../core/labels.js';
import { fromDense, toDense, toDense32 } from '../core/matrix.js';
import type { Label, MatrixInput } from '../core/matrix.js';
import { Random, checkSeed } from '../core/random.js';
import {
  decodeNumber,
  decodeNumbers,
  encodeNumber,
  encodeNumbers,
  makeEnvelope,
  openEnvelope,
} from '../core/serialization.js';
import type { Envelope, JsonNumber } from '../core/serialization.js';
import { activateBackend, activateBackendSync } from './backend.js';
import type { MLPBackend, ResolvedBackend } from './backend.js';
import { Network, initialValues } from './network.js';
import type { LayerValues, MLPActivation, NetSpec } from './network.js';
import { stratifiedHoldout, validationMetrics } from './validation.js';

export type { MLPActivation } from './network.js';
export type { MLPBackend, ResolvedBackend } from './backend.js';

/** A quantity watched by early stopping or the learning-rate scheduler. */
export type MLPMonitor = 'valLoss' | 'valMacroF1' | 'valBalancedAccuracy' | 'valAccuracy' | 'loss';

/** Optimizers available to {@link MLPClassifier}. */
export type MLPOptimizer = 'adam' | 'sgd' | 'rmsprop';

/** Early-stopping settings (Keras `EarlyStopping` semantics, plus a best-weights snapshot that works). */
export interface EarlyStoppingOptions {
  /**
   * Quantity to watch; `val*` monitors need validation data (see `validationFraction`).
   * Losses are minimized, the others maximized.
   * @defaultValue 'valLoss'
   */
  monitor?: MLPMonitor;
  /** Epochs without improvement before training stops. @defaultValue 10 */
  patience?: number;
  /** Smallest change that counts as an improvement. @defaultValue 0 */
  minDelta?: number;
  /**
   * Restore the weights of the best epoch when training ends (whether it stopped early or ran all
   * epochs).
   * @defaultValue true
   */
  restoreBestWeights?: boolean;
}

/** Reduce-learning-rate-on-plateau settings (Keras `ReduceLROnPlateau` semantics). */
export interface ReduceLROnPlateauOptions {
  /** Multiplier applied to the learning rate on a plateau. @defaultValue 0.1 */
  factor?: number;
  /** Epochs without improvement before the rate is reduced. @defaultValue 10 */
  patience?: number;
  /** Lower bound of the learning rate. @defaultValue 0 */
  minLr?: number;
  /** Smallest change that counts as an improvement. @defaultValue 1e-4 */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again. @defaultValue 0 */
  cooldown?: number;
  /** Quantity to watch. @defaultValue the early-stopping monitor, else 'valLoss' with validation data, else 'loss' */
  monitor?: MLPMonitor;
}

/** Explicit validation data for {@link MLPClassifierOptions.validationData}. */
export interface MLPValidationData {
  /** Validation rows (same columns as the training rows). */
  X: MatrixInput;
  /** Validation labels; every label must occur in the training labels. */
  y: ReadonlyArray<Label>;
}

/** What {@link MLPClassifier} records after every epoch (also passed to `onEpochEnd`). */
export interface EpochLogs {
  /** Zero-based epoch index. */
  epoch: number;
  /** Mean training loss over the epoch's batches (class-weighted cross-entropy + L2 penalty, training mode). */
  loss: number;
  /** Training accuracy over the epoch's batches (training mode, so with dropout). */
  accuracy: number;
  /** Unweighted cross-entropy on the validation data (absent without validation data). */
  valLoss?: number;
  /** Accuracy on the validation data. */
  valAccuracy?: number;
  /** Macro-averaged F1 on the validation data (every training class counts; 0 where undefined). */
  valMacroF1?: number;
  /** Balanced accuracy (mean per-class recall) on the validation data. */
  valBalancedAccuracy?: number;
  /** Learning rate used during this epoch. */
  learningRate: number;
  /** Wall time of the epoch in seconds (training and validation). */
  seconds: number;
}

/** What `onBatchEnd` receives. */
export interface BatchLogs {
  /** Zero-based epoch index. */
  epoch: number;
  /** Zero-based batch index within the epoch. */
  batch: number;
  /** Rows in the batch. */
  size: number;
  /** Batch loss (class-weighted cross-entropy + L2 penalty). */
  loss: number;
}

/** Options of {@link MLPClassifier}. */
export interface MLPClassifierOptions {
  /** Units of each hidden layer. @defaultValue [100] */
  hiddenLayers?: readonly number[];
  /** Hidden-layer activation. @defaultValue 'relu' */
  activation?: MLPActivation;
  /** Dropout rate after each hidden layer, in [0, 1). @defaultValue 0 */
  dropout?: number;
  /** Batch normalization between each hidden Dense layer and its activation (momentum 0.99, ε 1e-3). @defaultValue false */
  batchNormalization?: boolean;
  /** L2 penalty `l2 · Σ W²` on every kernel (Keras `regularizers.l2`). @defaultValue 0 */
  l2?: number;
  /** Optimizer (Keras defaults: Adam β 0.9/0.999, ε 1e-7; RMSprop ρ 0.9, ε 1e-7; plain SGD). @defaultValue 'adam' */
  optimizer?: MLPOptimizer;
  /** Initial learning rate. @defaultValue 0.001 */
  learningRate?: number;
  /** Maximum number of passes over the training rows. @defaultValue 100 */
  epochs?: number;
  /** Rows per gradient step. @defaultValue 256 */
  batchSize?: number;
  /**
   * Fraction of the training rows held out, stratified and seeded, for validation (never the last
   * rows, unlike tfjs's `validationSplit`). Ignored when `validationData` is given.
   * @defaultValue 0.1 when a monitor needs validation data, else 0
   */
  validationFraction?: number;
  /** Explicit validation data; takes precedence over `validationFraction`. */
  validationData?: MLPValidationData;
  /** Early stopping; absent means train all `epochs`. */
  earlyStopping?: EarlyStoppingOptions;
  /** Reduce the learning rate on a plateau; absent means a constant rate. */
  reduceLROnPlateau?: ReduceLROnPlateauOptions;
  /**
   * Per-class loss weights: `'balanced'` = n / (nClasses · n_c) (scikit-learn's
   * `compute_class_weight`), or a Map from label to weight (missing classes get 1).
   * @defaultValue undefined (all 1)
   */
  classWeight?: 'balanced' | ReadonlyMap<Label, number>;
  /** Seed of every random step (split, initialization, shuffling, dropout); drawn and recorded when absent. */
  seed?: number;
  /** tfjs backend: `'auto'` uses wasm when it initializes, else cpu. @defaultValue 'auto' */
  backend?: MLPBackend;
  /** Called after every epoch (awaited when it returns a promise). */
  onEpochEnd?: (epoch: number, logs: EpochLogs) => void | Promise<void>;
  /** Called after every batch (synchronously). */
  onBatchEnd?: (batch: number, logs: BatchLogs) => void;
  /** Print one line per epoch with `console.log`. @defaultValue false */
  verbose?: boolean;
}

/** The resolved, frozen options of an {@link MLPClassifier}. */
export interface MLPClassifierParams {
  /** See {@link MLPClassifierOptions.hiddenLayers}. */
  readonly hiddenLayers: readonly number[];
  /** See {@link MLPClassifierOptions.activation}. */
  readonly activation: MLPActivation;
  /** See {@link MLPClassifierOptions.dropout}. */
  readonly dropout: number;
  /** See {@link MLPClassifierOptions.batchNormalization}. */
  readonly batchNormalization: boolean;
  /** See {@link MLPClassifierOptions.l2}. */
  readonly l2: number;
  /** See {@link MLPClassifierOptions.optimizer}. */
  readonly optimizer: MLPOptimizer;
  /** See {@link MLPClassifierOptions.learningRate}. */
  readonly learningRate: number;
  /** See {@link MLPClassifierOptions.epochs}. */
  readonly epochs: number;
  /** See {@link MLPClassifierOptions.batchSize}. */
  readonly batchSize: number;
  /** Resolved validation fraction (0 = none). */
  readonly validationFraction: number;
  /** See {@link MLPClassifierOptions.validationData} (not serialized). */
  readonly validationData: MLPValidationData | undefined;
  /** Resolved early stopping, or undefined. */
  readonly earlyStopping: Readonly<Required<EarlyStoppingOptions>> | undefined;
  /** Resolved plateau scheduler, or undefined. */
  readonly reduceLROnPlateau: Readonly<Required<ReduceLROnPlateauOptions>> | undefined;
  /** See {@link MLPClassifierOptions.classWeight}. */
  readonly classWeight: 'balanced' | ReadonlyMap<Label, number> | undefined;
  /** See {@link MLPClassifierOptions.seed}. */
  readonly seed: number | undefined;
  /** See {@link MLPClassifierOptions.backend}. */
  readonly backend: MLPBackend;
  /** See {@link MLPClassifierOptions.onEpochEnd} (not serialized). */
  readonly onEpochEnd: MLPClassifierOptions['onEpochEnd'];
  /** See {@link MLPClassifierOptions.onBatchEnd} (not serialized). */
  readonly onBatchEnd: MLPClassifierOptions['onBatchEnd'];
  /** See {@link MLPClassifierOptions.verbose}. */
  readonly verbose: boolean;
}

/** What an {@link MLPClassifier} learned. */
export interface MLPFitted {
  /** Sorted class labels; probability columns follow this order. */
  readonly classes: Label[];
  /** Number of features seen in fit. */
  readonly nFeaturesIn: number;
  /** The seed actually used (drawn when the option was absent). */
  readonly seed: number;
  /** The tfjs backend training ran on. */
  readonly backend: ResolvedBackend;
  /** Per-epoch logs. */
  readonly history: readonly EpochLogs[];
  /** The per-class loss weights used (1 for every class without `classWeight`). */
  readonly classWeight: ReadonlyMap<Label, number>;
  /** Epoch whose weights the model holds when best weights were restored, else undefined. */
  readonly bestEpoch: number | undefined;
  /** Epoch after which early stopping ended training, else undefined. */
  readonly stoppedEpoch: number | undefined;
  /** Number of training rows (after the validation hold-out). */
  readonly nTrain: number;
  /** Number of validation rows (0 without validation). */
  readonly nValidation: number;
}

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

const CLASS = 'MLPClassifier';
const VERSION = 1;
const PREDICT_CHUNK = 4096;
const ACTIVATIONS: readonly MLPActivation[] = ['relu', 'tanh', 'sigmoid', 'elu', 'linear'];
const OPTIMIZERS: readonly MLPOptimizer[] = ['adam', 'sgd', 'rmsprop'];
const BACKENDS: readonly MLPBackend[] = ['cpu', 'wasm', 'auto'];
const MONITORS: readonly MLPMonitor[] = ['valLoss', 'valMacroF1', 'valBalancedAccuracy', 'valAccuracy', 'loss'];

interface State {
  fitted: MLPFitted;
  spec: NetSpec;
  values: LayerValues[];
  net: Network | undefined;
}

/**
 * A multilayer-perceptron classifier on tfjs (softmax output, cross-entropy loss) that fills the
 * gaps tfjs-layers leaves for imbalanced tabular data: stratified seeded validation, early
 * stopping that restores the best weights, reduce-LR-on-plateau, scikit-learn's `'balanced'`
 * class weights, full determinism, JSON persistence and a fast training loop.
 *
 * @remarks
 * - Training runs a hand-written forward/backward pass on tfjs-core ops (plain matMuls on
 *   explicitly transposed copies, which the wasm backend runs far faster than tfjs autodiff's
 *   transposed matMuls); {@link MLPClassifier.toLayersModel} gives the same network as a
 *   tfjs-layers model. The loss is Keras's: mean over the batch of `classWeight[y] · CE` plus
 *   `l2 · Σ W²`.
 * - Same seed + same data + same backend (cpu) → identical weights and predictions: kernels are
 *   Glorot-uniform from the library's seeded PRNG, rows are shuffled with it every epoch, dropout
 *   masks use seeds drawn from it.
 * - tfjs backends are global: `fit` activates the chosen backend for the whole process.
 *   `predict` uses the backend the model was trained on when it is initialized in this process,
 *   otherwise cpu (call `await MLPClassifier.ready('wasm')` first in a fresh process, or use
 *   {@link MLPClassifier.load}).
 * - Tensors are freed after every batch and prediction; `dispose()` frees the weights (a later
 *   `predict` rebuilds them from the stored values).
 *
 * @example
 * ```ts
 * import { MLPClassifier } from 'imbalanced-tabular/mlp';
 * const clf = new MLPClassifier({ hiddenLayers: [64, 32], epochs: 30, batchSize: 256, seed: 1,
 *   classWeight: 'balanced', earlyStopping: { patience: 5, monitor: 'valMacroF1' } });
 * await clf.fit(X, y);
 * clf.classes;             // sorted labels
 * clf.predictProba(Xtest); // ml-matrix Matrix, columns follow clf.classes
 * const again = MLPClassifier.fromJSON(clf.toJSON());
 * ```
 *
 * @see scikit-learn `sklearn.neural_network.MLPClassifier`; Keras `Sequential` + `EarlyStopping` + `ReduceLROnPlateau`.
 */
export class MLPClassifier {
  /** The resolved, frozen options. */
  readonly params: MLPClassifierParams;
  private state: State | undefined;

  /**
   * @param options - See {@link MLPClassifierOptions}; every field is optional.
   * @throws {@link InvalidParameterError} when an option is out of range or of the wrong type.
   */
  constructor(options: MLPClassifierOptions = {}) {
    this.params = resolveParams(options);
  }

  /**
   * Waits until a tfjs backend is initialized and active (useful before `predict` in a fresh
   * process when the model was trained on wasm).
   *
   * @param backend - The backend to initialize. @defaultValue 'auto'
   * @returns The backend now active.
   * @throws {@link InvalidParameterError} when the backend cannot be initialized.
   * @example
   * ```ts
   * await MLPClassifier.ready('wasm');
   * ```
   */
  static async ready(backend: MLPBackend = 'auto'): Promise<ResolvedBackend> {
    return activateBackend(backend, `${CLASS}.ready`);
  }

  /**
   * What the model learned.
   * @throws {@link NotFittedError} before `fit`.
   */
  get fitted(): MLPFitted {
    if (!this.state) throw new NotFittedError(CLASS, 'fitted');
    return this.state.fitted;
  }

  /**
   * Sorted class labels (the columns of `predictProba`).
   * @throws {@link NotFittedError} before `fit`.
   */
  get classes(): Label[] {
    if (!this.state) throw new NotFittedError(CLASS, 'classes');
    return this.state.fitted.classes.slice();
  }

  /**
   * Per-epoch training logs of the last fit.
   * @throws {@link NotFittedError} before `fit`.
   */
  get history(): EpochLogs[] {
    if (!this.state) throw new NotFittedError(CLASS, 'history');
    return this.state.fitted.history.map((h) => ({ ...h }));
  }

  /**
   * Trains the network on `(X, y)`.
   *
   * @param X - Training rows (number[][], typed-array rows or ml-matrix Matrix); finite values only.
   * @param y - One label per row (strings or numbers), at least two classes.
   * @returns This classifier, fitted.
   * @throws {@link DataValidationError} on NaN/Infinity, ragged rows, a length mismatch, a single
   * class, a class too small for the stratified split, or validation labels unseen in `y`.
   * @throws {@link InvalidParameterError} when `classWeight` names an unknown class or the backend fails.
   * @example
   * ```ts
   * await new MLPClassifier({ epochs: 20, seed: 0 }).fit([[0, 1], [1, 0], [0, 2], [2, 0]], ['a', 'b', 'a', 'b']);
   * ```
   */
  async fit(X: MatrixInput, y: ReadonlyArray<Label>): Promise<this> {
    const who = `${CLASS}.fit`;
    const p = this.params;
    const dense = toDense(X, { who });
    const labels = checkLabels(y, who, 'y', dense.rows);
    const classes = uniqueSorted(labels);
    if (classes.length < 2) {
      throw new DataValidationError(
        `${who}: y has a single class (${describe(classes[0])}); a classifier needs at least two. Check the target column or the split.`,
        { param: 'y' },
      );
    }
    const k = classes.length;
    const d = dense.cols;
    const yIdx = encodeLabels(labels, classes, who);
    const cw = resolveClassWeights(p.classWeight, classes, yIdx, who);
    const rng = Random.from(p.seed);

    let trainIdx: Int32Array;
    let valX: Float32Array | undefined;
    let valY: Int32Array | undefined;
    if (p.validationData) {
      const v = toDense(p.validationData.X, { who, param: 'validationData.X', cols: d });
      const vl = checkLabels(p.validationData.y, who, 'validationData.y', v.rows);
      valY = encodeLabels(vl, classes, who, 'validationData.y');
      valX = Float32Array.from(v.data);
      trainIdx = identity(dense.rows);
    } else if (p.validationFraction > 0) {
      const split = stratifiedHoldout(yIdx, classes, p.validationFraction, rng, who);
      trainIdx = split.train;
      valY = gatherLabels(yIdx, split.val);
      valX = gatherRows(dense.data, d, split.val);
    } else {
      trainIdx = identity(dense.rows);
    }
    const X32 = Float32Array.from(dense.data);

    const backend = await activateBackend(p.backend, who);
    const spec: NetSpec = {
      nIn: d,
      hidden: p.hiddenLayers,
      nOut: k,
      activation: p.activation,
      dropout: p.dropout,
      batchNorm: p.batchNormalization,
      l2: p.l2,
    };
    const net = new Network(spec, initialValues(spec, rng));
    const optimizer = makeOptimizer(p.optimizer, p.learningRate);
    let bestSnap: tf.Tensor[] | undefined;
    try {
      const { history, bestEpoch, stoppedEpoch, best } = await this.trainLoop(
        net,
        optimizer,
        rng,
        X32,
        d,
        yIdx,
        trainIdx,
        cw,
        valX,
        valY,
        k,
      );
      bestSnap = best;
      if (
        bestSnap &&
        p.earlyStopping?.restoreBestWeights &&
        bestEpoch !== undefined &&
        bestEpoch !== history.length - 1
      ) {
        net.restore(bestSnap);
      }
      const values = net.read();
      const fitted: MLPFitted = Object.freeze({
        classes,
        nFeaturesIn: d,
        seed: rng.seed,
        backend,
        history: Object.freeze(history),
        classWeight: new Map(classes.map((c, i) => [c, cw[i] as number])),
        bestEpoch: p.earlyStopping?.restoreBestWeights ? bestEpoch : undefined,
        stoppedEpoch,
        nTrain: trainIdx.length,
        nValidation: valY?.length ?? 0,
      });
      this.state?.net?.dispose();
      this.state = { fitted, spec, values, net };
    } catch (e) {
      net.dispose();
      throw e;
    } finally {
      for (const t of bestSnap ?? []) t.dispose();
      optimizer.dispose();
    }
    return this;
  }

  private async trainLoop(
    net: Network,
    optimizer: tf.Optimizer,
    rng: Random,
    X32: Float32Array,
    d: number,
    yIdx: Int32Array,
    trainIdx: Int32Array,
    cw: Float64Array,
    valX: Float32Array | undefined,
    valY: Int32Array | undefined,
    k: number,
  ): Promise<{
    history: EpochLogs[];
    bestEpoch: number | undefined;
    stoppedEpoch: number | undefined;
    best: tf.Tensor[] | undefined;
  }> {
    const p = this.params;
    const nTrain = trainIdx.length;
    const B = Math.min(p.batchSize, nTrain);
    const xBuf = new Float32Array(B * d);
    const xTBuf = new Float32Array(B * d);
    const yBuf = new Int32Array(B);
    const wBuf = new Float32Array(B);
    const order = Int32Array.from(trainIdx);
    const history: EpochLogs[] = [];
    const es = p.earlyStopping;
    const rl = p.reduceLROnPlateau;
    let lr = p.learningRate;
    let esBest = es && isMinimized(es.monitor) ? Infinity : -Infinity;
    let esWait = 0;
    let bestEpoch: number | undefined;
    let best: tf.Tensor[] | undefined;
    let stoppedEpoch: number | undefined;
    let rlBest = rl && isMinimized(rl.monitor) ? Infinity : -Infinity;
    let rlWait = 0;
    let rlCooldown = 0;
    const nHidden = p.hiddenLayers.length;
    try {
      for (let epoch = 0; epoch < p.epochs; epoch++) {
        const t0 = performance.now();
        rng.shuffle(order);
        let lossSum = 0;
        let correct = 0;
        let batch = 0;
        for (let start = 0; start < nTrain; start += B, batch++) {
          const b = Math.min(B, nTrain - start);
          for (let i = 0; i < b; i++) {
            const r = order[start + i] as number;
            xBuf.set(X32.subarray(r * d, r * d + d), i * d);
            for (let j = 0, off = r * d; j < d; j++) xTBuf[j * b + i] = X32[off + j] as number;
            const c = yIdx[r] as number;
            yBuf[i] = c;
            wBuf[i] = (cw[c] as number) / b;
          }
          const seeds: number[] = [];
          if (p.dropout > 0) for (let l = 0; l < nHidden; l++) seeds.push(rng.uint32());
          const xT = tf.tensor2d(xBuf.subarray(0, b * d), [b, d]);
          const xtT = tf.tensor2d(xTBuf.subarray(0, b * d), [d, b]);
          const yT = tf.tensor1d(yBuf.subarray(0, b), 'int32');
          const wT = tf.tensor2d(wBuf.subarray(0, b), [b, 1]);
          let st: { loss: number; correct: number };
          try {
            st = net.trainStep(optimizer, xT, xtT, yT, wT, seeds, true) as { loss: number; correct: number };
          } finally {
            xT.dispose();
            xtT.dispose();
            yT.dispose();
            wT.dispose();
          }
          lossSum += st.loss * b;
          correct += st.correct;
          p.onBatchEnd?.(batch, { epoch, batch, size: b, loss: st.loss });
        }
        const logs: EpochLogs = {
          epoch,
          loss: lossSum / nTrain,
          accuracy: correct / nTrain,
          learningRate: lr,
          seconds: 0,
        };
        if (valX && valY) {
          const proba = probabilities(net, valX, valY.length, d, k);
          Object.assign(logs, validationMetrics(proba, valY, k));
        }
        logs.seconds = (performance.now() - t0) / 1000;
        history.push(logs);
        if (p.verbose) console.log(formatLogs(logs, p.epochs));
        await p.onEpochEnd?.(epoch, { ...logs });

        if (es) {
          const cur = logs[es.monitor] as number;
          if (improved(cur, esBest, es.minDelta, isMinimized(es.monitor))) {
            esBest = cur;
            esWait = 0;
            if (es.restoreBestWeights) {
              for (const t of best ?? []) t.dispose();
              best = net.snapshot();
              bestEpoch = epoch;
            }
          } else {
            esWait++;
            if (esWait >= es.patience && epoch > 0) {
              stoppedEpoch = epoch;
              break;
            }
          }
        }
        if (rl) {
          const cur = logs[rl.monitor] as number;
          if (rlCooldown > 0) {
            rlCooldown--;
            rlWait = 0;
          }
          if (improved(cur, rlBest, rl.minDelta, isMinimized(rl.monitor))) {
            rlBest = cur;
            rlWait = 0;
          } else if (rlCooldown === 0) {
            rlWait++;
            if (rlWait >= rl.patience) {
              if (lr > rl.minLr) {
                lr = Math.max(lr * rl.factor, rl.minLr);
                setLearningRate(optimizer, lr);
                rlCooldown = rl.cooldown;
              }
              rlWait = 0;
            }
          }
        }
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
      }
    } catch (e) {
      for (const t of best ?? []) t.dispose();
      throw e;
    }
    return { history, bestEpoch, stoppedEpoch, best };
  }

  /**
   * Class probabilities, one row per input row, columns in `classes` order; every row sums to 1.
   *
   * @param X - Rows with the feature count seen in fit.
   * @returns A fresh ml-matrix `Matrix` (float64 values of the float32 network output, renormalized).
   * @throws {@link NotFittedError} before `fit`.
   * @throws {@link DataValidationError} on a wrong feature count, NaN or Infinity.
   * @example
   * ```ts
   * const P = clf.predictProba(Xtest);
   * P.getRow(0); // probabilities of clf.classes
   * ```
   */
  predictProba(X: MatrixInput): Matrix {
    const s = this.ready(`${CLASS}.predictProba`);
    const dense = toDense32(X, { who: `${CLASS}.predictProba`, cols: s.fitted.nFeaturesIn, minRows: 0 });
    const k = s.fitted.classes.length;
    const proba = probabilities(this.network(s), dense.data, dense.rows, dense.cols, k);
    const out = new Float64Array(proba.length);
    for (let i = 0; i < dense.rows; i++) {
      let sum = 0;
      for (let j = 0; j < k; j++) sum += proba[i * k + j] as number;
      for (let j = 0; j < k; j++) out[i * k + j] = (proba[i * k + j] as number) / sum;
    }
    return fromDense(out, dense.rows, k);
  }

  /**
   * The most probable class of each row (ties go to the first class in `classes` order).
   *
   * @param X - Rows with the feature count seen in fit.
   * @returns One label per row.
   * @throws {@link NotFittedError} before `fit`.
   * @throws {@link DataValidationError} on a wrong feature count, NaN or Infinity.
   * @example
   * ```ts
   * clf.predict([[0.1, 2.3]]); // e.g. ['a']
   * ```
   */
  predict(X: MatrixInput): Label[] {
    const s = this.ready(`${CLASS}.predict`);
    const classes = s.fitted.classes;
    const k = classes.length;
    const dense = toDense32(X, { who: `${CLASS}.predict`, cols: s.fitted.nFeaturesIn, minRows: 0 });
    const proba = probabilities(this.network(s), dense.data, dense.rows, dense.cols, k);
    const out: Label[] = new Array(dense.rows);
    for (let i = 0; i < dense.rows; i++) {
      let best = 0;
      for (let j = 1; j < k; j++) if ((proba[i * k + j] as number) > (proba[i * k + best] as number)) best = j;
      out[i] = classes[best] as Label;
    }
    return out;
  }

  /**
   * Accuracy of `predict(X)` against `y`.
   *
   * @param X - Rows with the feature count seen in fit.
   * @param y - True labels; each must be one of `classes`.
   * @returns The fraction of correct predictions.
   * @throws {@link DataValidationError} on a length mismatch or a label not seen in fit.
   * @example
   * ```ts
   * clf.score(Xtest, yTest); // e.g. 0.93
   * ```
   */
  score(X: MatrixInput, y: ReadonlyArray<Label>): number {
    const who = `${CLASS}.score`;
    const s = this.ready(who);
    const pred = this.predict(X);
    const labels = checkLabels(y, who, 'y', pred.length);
    encodeLabels(labels, s.fitted.classes, who);
    let ok = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === labels[i]) ok++;
    return pred.length ? ok / pred.length : 0;
  }

  /**
   * The architecture as data (for figures) and as a Keras-like text table.
   *
   * @returns Layers with shapes, parameter counts and activations, plus the totals.
   * @throws {@link NotFittedError} before `fit` (the input and output sizes come from the data).
   * @example
   * ```ts
   * console.log(clf.summary().text);
   * ```
   */
  summary(): MLPSummary {
    const s = this.ready(`${CLASS}.summary`);
    const { spec } = s;
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
   * The same network as a tfjs-layers `Sequential` model holding this model's weights (for tfjs
   * tooling such as `model.save` with a tfjs IO handler). The caller owns and disposes it.
   *
   * @returns A new `tf.Sequential`, compiled with nothing (inference only).
   * @throws {@link NotFittedError} before `fit`.
   * @example
   * ```ts
   * const model = clf.toLayersModel();
   * model.predict(tf.tensor2d(rows)); // same probabilities as clf.predictProba(rows), up to float32 rounding
   * model.dispose();
   * ```
   */
  toLayersModel(): tfl.Sequential {
    const s = this.ready(`${CLASS}.toLayersModel`);
    activateBackendSync(s.fitted.backend);
    const { spec, values } = s;
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
        model.add(tfl.layers.batchNormalization({ momentum: 0.99, epsilon: 1e-3 }));
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

  /**
   * The JSON form: params (without callbacks and validation data), classes, history and every
   * weight as a plain array of numbers, in a versioned envelope.
   *
   * @returns `{ format: 'imbalanced-tabular/MLPClassifier', version, params, state }`; `state` is null before fit.
   * @example
   * ```ts
   * const text = JSON.stringify(clf.toJSON());
   * const again = MLPClassifier.fromJSON(text);
   * ```
   */
  toJSON(): Envelope {
    const p = this.params;
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
    const s = this.state;
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
   * Rebuilds a classifier from {@link MLPClassifier.toJSON} output (object or JSON text);
   * predictions are bit-identical to the original's on the same backend.
   *
   * @param json - The envelope or its text.
   * @returns A new classifier (fitted when the envelope holds state).
   * @throws {@link SerializationError} on a foreign or corrupt document.
   * @example
   * ```ts
   * const again = MLPClassifier.fromJSON(JSON.parse(text));
   * ```
   */
  static fromJSON(json: unknown): MLPClassifier {
    const env = openEnvelope<Record<string, unknown>, Record<string, unknown> | null>(json, CLASS, VERSION);
    const pj = env.params;
    if (pj === null || typeof pj !== 'object')
      throw new SerializationError(`${CLASS}.fromJSON: params must be an object.`);
    let clf: MLPClassifier;
    try {
      const cwj = pj.classWeight;
      const options: Record<string, unknown> = { ...pj };
      for (const key of ['earlyStopping', 'reduceLROnPlateau', 'seed', 'classWeight'])
        if (options[key] === null) delete options[key];
      if (Array.isArray(cwj))
        options.classWeight = new Map(
          (cwj as [Label, JsonNumber][]).map(([c, w]) => [c, decodeNumber(w, 'params.classWeight')]),
        );
      clf = new MLPClassifier(options as MLPClassifierOptions);
    } catch (e) {
      if (e instanceof SerializationError) throw e;
      throw new SerializationError(`${CLASS}.fromJSON: params are invalid (${(e as Error).message}).`);
    }
    const st = env.state;
    if (st === null) return clf;
    if (typeof st !== 'object') throw new SerializationError(`${CLASS}.fromJSON: state must be an object or null.`);
    const classes = st.classes as Label[];
    const nIn = st.nFeaturesIn as number;
    if (!Array.isArray(classes) || classes.length < 2 || !Number.isInteger(nIn) || nIn < 1) {
      throw new SerializationError(`${CLASS}.fromJSON: state.classes or state.nFeaturesIn is missing or invalid.`);
    }
    const p = clf.params;
    const spec: NetSpec = {
      nIn,
      hidden: p.hiddenLayers,
      nOut: classes.length,
      activation: p.activation,
      dropout: p.dropout,
      batchNorm: p.batchNormalization,
      l2: p.l2,
    };
    const layersJ = st.layers;
    const sizes = [nIn, ...p.hiddenLayers, classes.length];
    if (!Array.isArray(layersJ) || layersJ.length !== sizes.length - 1) {
      throw new SerializationError(
        `${CLASS}.fromJSON: state.layers should hold ${sizes.length - 1} layers for hiddenLayers [${p.hiddenLayers.join(', ')}].`,
      );
    }
    const values: LayerValues[] = layersJ.map((lj: Record<string, unknown>, l: number) => {
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
      if (p.batchNormalization && l < sizes.length - 2) {
        v.gamma = arr('gamma', fanOut);
        v.beta = arr('beta', fanOut);
        v.movingMean = arr('movingMean', fanOut);
        v.movingVariance = arr('movingVariance', fanOut);
      }
      return v;
    });
    const backend = st.backend === 'wasm' ? 'wasm' : 'cpu';
    const hist = Array.isArray(st.history) ? (st.history as Record<string, JsonNumber>[]) : [];
    const history = hist.map(
      (h, i) =>
        Object.fromEntries(
          Object.entries(h).map(([key, v]) => [key, decodeNumber(v, `state.history[${i}].${key}`)]),
        ) as unknown as EpochLogs,
    );
    const cwj = Array.isArray(st.classWeight)
      ? (st.classWeight as [Label, JsonNumber][])
      : classes.map((c) => [c, 1] as [Label, JsonNumber]);
    const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
    const fitted: MLPFitted = Object.freeze({
      classes: [...classes],
      nFeaturesIn: nIn,
      seed: num(st.seed) ?? 0,
      backend,
      history: Object.freeze(history),
      classWeight: new Map(cwj.map(([c, w]) => [c, decodeNumber(w, 'state.classWeight')])),
      bestEpoch: num(st.bestEpoch),
      stoppedEpoch: num(st.stoppedEpoch),
      nTrain: num(st.nTrain) ?? 0,
      nValidation: num(st.nValidation) ?? 0,
    });
    clf.state = { fitted, spec, values, net: undefined };
    return clf;
  }

  /**
   * Writes `toJSON()` to `<dir>/mlp-classifier.json` (Node only; creates `dir`). No tfjs-node needed.
   *
   * @param dir - Target directory.
   * @returns The path written.
   * @throws {@link NotFittedError} before `fit`.
   * @example
   * ```ts
   * await clf.save('./models/lapd');
   * const again = await MLPClassifier.load('./models/lapd');
   * ```
   */
  async save(dir: string): Promise<string> {
    this.ready(`${CLASS}.save`);
    const { fs, path } = nodeModules(`${CLASS}.save`);
    await fs.promises.mkdir(dir, { recursive: true });
    const file = path.join(dir, FILE_NAME);
    await fs.promises.writeFile(file, JSON.stringify(this.toJSON()));
    return file;
  }

  /**
   * Reads a classifier written by {@link MLPClassifier.save} and initializes the backend it was
   * trained on (falling back to cpu), so predictions match the original's.
   *
   * @param dir - Directory passed to `save`.
   * @returns The fitted classifier.
   * @throws {@link SerializationError} when the file is missing or corrupt.
   * @example
   * ```ts
   * const clf = await MLPClassifier.load('./models/lapd');
   * ```
   */
  static async load(dir: string): Promise<MLPClassifier> {
    const { fs, path } = nodeModules(`${CLASS}.load`);
    const file = path.join(dir, FILE_NAME);
    let text: string;
    try {
      text = await fs.promises.readFile(file, 'utf8');
    } catch (e) {
      throw new SerializationError(
        `${CLASS}.load: cannot read ${file} (${(e as Error).message}). Pass the directory given to save().`,
      );
    }
    const clf = MLPClassifier.fromJSON(text);
    if (clf.state) {
      try {
        await activateBackend(clf.state.fitted.backend, `${CLASS}.load`);
      } catch {
        await activateBackend('cpu', `${CLASS}.load`);
      }
    }
    return clf;
  }

  /**
   * Frees the tensors holding the weights. The learned values stay in memory, so a later `predict`
   * rebuilds the tensors; call it when you are done with the model.
   *
   * @example
   * ```ts
   * clf.dispose();
   * ```
   */
  dispose(): void {
    if (this.state?.net) {
      this.state.net.dispose();
      this.state.net = undefined;
    }
  }

  private ready(who: string): State {
    if (!this.state) throw new NotFittedError(CLASS, who.split('.')[1] ?? 'this method');
    return this.state;
  }

  private network(s: State): Network {
    activateBackendSync(s.fitted.backend);
    if (!s.net) s.net = new Network(s.spec, s.values);
    return s.net;
  }
}

const FILE_NAME = 'mlp-classifier.json';

interface NodeFs {
  promises: {
    mkdir(p: string, o: { recursive: boolean }): Promise<unknown>;
    writeFile(p: string, data: string): Promise<void>;
    readFile(p: string, enc: 'utf8'): Promise<string>;
  };
}

function nodeModules(who: string): { fs: NodeFs; path: { join(...p: string[]): string } } {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const get = proc?.getBuiltinModule;
  if (typeof get !== 'function') {
    throw new InvalidParameterError(
      'dir',
      `${who}: saving to and loading from a directory needs Node ≥ 20.16. In a browser use toJSON() / fromJSON().`,
    );
  }
  return {
    fs: get.call(proc, 'node:fs') as NodeFs,
    path: get.call(proc, 'node:path') as { join(...p: string[]): string },
  };
}

function probabilities(net: Network, X: Float32Array | Float64Array, n: number, d: number, k: number): Float32Array {
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
    const t = tf.tidy(() => net.forward(tf.tensor2d(chunk, [m, d])));
    try {
      out.set(t.dataSync() as Float32Array, start * k);
    } finally {
      t.dispose();
    }
  }
  return out;
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

function gatherRows(data: Float64Array, d: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * d);
  rows.forEach((r, i) => out.set(data.subarray(r * d, r * d + d), i * d));
  return out;
}

function gatherLabels(y: Int32Array, rows: Int32Array): Int32Array {
  const out = new Int32Array(rows.length);
  rows.forEach((r, i) => (out[i] = y[r] as number));
  return out;
}

function isMinimized(m: MLPMonitor): boolean {
  return m === 'valLoss' || m === 'loss';
}

function improved(cur: number, best: number, minDelta: number, minimize: boolean): boolean {
  if (Number.isNaN(cur)) return false;
  return minimize ? cur + minDelta < best : cur - minDelta > best;
}

function makeOptimizer(name: MLPOptimizer, lr: number): tf.Optimizer {
  switch (name) {
    case 'sgd':
      return tf.train.sgd(lr);
    case 'rmsprop':
      return tf.train.rmsprop(lr, 0.9, 0, 1e-7);
    default:
      return tf.train.adam(lr, 0.9, 0.999, 1e-7);
  }
}

function setLearningRate(opt: tf.Optimizer, lr: number): void {
  // SGD caches −lr in a scalar and has setLearningRate; Adam and RMSprop read their protected
  // `learningRate` field at every step (tfjs 4.22).
  const o = opt as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };
  if (opt.getClassName() === 'SGD' && typeof o.setLearningRate === 'function') o.setLearningRate(lr);
  else o.learningRate = lr;
}

function resolveClassWeights(
  cw: MLPClassifierParams['classWeight'],
  classes: readonly Label[],
  y: Int32Array,
  who: string,
): Float64Array {
  const k = classes.length;
  const out = new Float64Array(k).fill(1);
  if (cw === undefined) return out;
  if (cw === 'balanced') {
    const counts = new Float64Array(k);
    for (const c of y) counts[c]++;
    for (let c = 0; c < k; c++) out[c] = y.length / (k * (counts[c] as number));
    return out;
  }
  const index = new Map(classes.map((c, i) => [c, i]));
  for (const [label, w] of cw) {
    const i = index.get(label);
    if (i === undefined) {
      throw new InvalidParameterError(
        'classWeight',
        `${who}: classWeight has a weight for ${describe(label)}, which is not a class of y [${classes.map((c) => describe(c)).join(', ')}]. Remove it or fix the label type (numbers and strings differ).`,
      );
    }
    out[i] = w;
  }
  return out;
}

function formatLogs(l: EpochLogs, epochs: number): string {
  const parts = [`epoch ${l.epoch + 1}/${epochs}`, `loss ${l.loss.toFixed(4)}`, `acc ${l.accuracy.toFixed(4)}`];
  if (l.valLoss !== undefined)
    parts.push(
      `valLoss ${l.valLoss.toFixed(4)}`,
      `valAcc ${(l.valAccuracy ?? NaN).toFixed(4)}`,
      `valMacroF1 ${(l.valMacroF1 ?? NaN).toFixed(4)}`,
    );
  parts.push(`lr ${l.learningRate.toPrecision(3)}`, `${l.seconds.toFixed(2)} s`);
  return `${CLASS}: ${parts.join(' · ')}`;
}

// ---------------------------------------------------------------------------------------------
// Option validation

function bad(param: string, msg: string): never {
  throw new InvalidParameterError(param, `${CLASS}: ${msg}`);
}

function posInt(v: unknown, param: string, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    bad(param, `${param} must be a positive integer, received ${describe(v)}.`);
  return v;
}

function nonNegInt(v: unknown, param: string, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    bad(param, `${param} must be a non-negative integer, received ${describe(v)}.`);
  return v;
}

function num(v: unknown, param: string, dflt: number, lo: number, hi: number, loOpen = false, hiOpen = false): number {
  if (v === undefined) return dflt;
  const ok = typeof v === 'number' && Number.isFinite(v) && (loOpen ? v > lo : v >= lo) && (hiOpen ? v < hi : v <= hi);
  if (!ok)
    bad(
      param,
      `${param} must be a number in ${loOpen ? '(' : '['}${lo}, ${hi}${hiOpen ? ')' : ']'}, received ${describe(v)}.`,
    );
  return v as number;
}

function oneOf<T extends string>(v: unknown, param: string, allowed: readonly T[], dflt: T): T {
  if (v === undefined) return dflt;
  if (!allowed.includes(v as T))
    bad(param, `${param} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, received ${describe(v)}.`);
  return v as T;
}

function resolveParams(o: MLPClassifierOptions): MLPClassifierParams {
  if (o === null || typeof o !== 'object') bad('options', `options must be an object, received ${describe(o)}.`);
  const hidden = o.hiddenLayers ?? [100];
  if (!Array.isArray(hidden) || hidden.some((h) => typeof h !== 'number' || !Number.isInteger(h) || h < 1)) {
    bad(
      'hiddenLayers',
      `hiddenLayers must be an array of positive integers (units per hidden layer, e.g. [256, 128]), received ${describe(hidden)}.`,
    );
  }
  const validationData = o.validationData;
  if (
    validationData !== undefined &&
    (validationData === null ||
      typeof validationData !== 'object' ||
      !('X' in validationData) ||
      !('y' in validationData))
  ) {
    bad('validationData', `validationData must be { X, y }, received ${describe(validationData)}.`);
  }
  let earlyStopping: Required<EarlyStoppingOptions> | undefined;
  if (o.earlyStopping !== undefined) {
    const e = o.earlyStopping;
    if (e === null || typeof e !== 'object')
      bad('earlyStopping', `earlyStopping must be an object such as { patience: 5 }, received ${describe(e)}.`);
    if (e.restoreBestWeights !== undefined && typeof e.restoreBestWeights !== 'boolean')
      bad(
        'earlyStopping.restoreBestWeights',
        `earlyStopping.restoreBestWeights must be a boolean, received ${describe(e.restoreBestWeights)}.`,
      );
    earlyStopping = Object.freeze({
      monitor: oneOf(e.monitor, 'earlyStopping.monitor', MONITORS, 'valLoss'),
      patience: nonNegInt(e.patience, 'earlyStopping.patience', 10),
      minDelta: num(e.minDelta, 'earlyStopping.minDelta', 0, 0, Infinity, false, true),
      restoreBestWeights: e.restoreBestWeights ?? true,
    });
  }
  let reduceLROnPlateau: Required<ReduceLROnPlateauOptions> | undefined;
  const hasValidation = validationData !== undefined || (o.validationFraction ?? 0) > 0;
  if (o.reduceLROnPlateau !== undefined) {
    const r = o.reduceLROnPlateau;
    if (r === null || typeof r !== 'object')
      bad(
        'reduceLROnPlateau',
        `reduceLROnPlateau must be an object such as { factor: 0.5, patience: 3 }, received ${describe(r)}.`,
      );
    const dfltMonitor: MLPMonitor = earlyStopping?.monitor ?? (hasValidation ? 'valLoss' : 'loss');
    reduceLROnPlateau = Object.freeze({
      factor: num(r.factor, 'reduceLROnPlateau.factor', 0.1, 0, 1, true, true),
      patience: nonNegInt(r.patience, 'reduceLROnPlateau.patience', 10),
      minLr: num(r.minLr, 'reduceLROnPlateau.minLr', 0, 0, Infinity, false, true),
      minDelta: num(r.minDelta, 'reduceLROnPlateau.minDelta', 1e-4, 0, Infinity, false, true),
      cooldown: nonNegInt(r.cooldown, 'reduceLROnPlateau.cooldown', 0),
      monitor: oneOf(r.monitor, 'reduceLROnPlateau.monitor', MONITORS, dfltMonitor),
    });
  }
  const needsValidation = [earlyStopping?.monitor, reduceLROnPlateau?.monitor].some(
    (m) => m !== undefined && m !== 'loss',
  );
  const validationFraction = num(
    o.validationFraction,
    'validationFraction',
    needsValidation ? 0.1 : 0,
    0,
    1,
    false,
    true,
  );
  if (needsValidation && validationData === undefined && validationFraction === 0) {
    bad(
      'validationFraction',
      `a validation monitor (${earlyStopping?.monitor ?? reduceLROnPlateau?.monitor}) needs validation data, but validationFraction is 0 and no validationData was given. Set validationFraction (e.g. 0.1), pass validationData, or monitor 'loss'.`,
    );
  }
  let classWeight: MLPClassifierParams['classWeight'];
  if (o.classWeight !== undefined) {
    if (o.classWeight === 'balanced') classWeight = 'balanced';
    else if (o.classWeight instanceof Map) {
      for (const [c, w] of o.classWeight) {
        if ((typeof c !== 'string' && typeof c !== 'number') || typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
          bad(
            'classWeight',
            `classWeight must map labels to finite non-negative weights; entry ${describe(c)} → ${describe(w)} is invalid.`,
          );
        }
      }
      classWeight = new Map(o.classWeight);
    } else
      bad(
        'classWeight',
        `classWeight must be 'balanced' or a Map from label to weight, received ${describe(o.classWeight)}.`,
      );
  }
  for (const cb of ['onEpochEnd', 'onBatchEnd'] as const) {
    if (o[cb] !== undefined && typeof o[cb] !== 'function')
      bad(cb, `${cb} must be a function, received ${describe(o[cb])}.`);
  }
  if (o.batchNormalization !== undefined && typeof o.batchNormalization !== 'boolean')
    bad('batchNormalization', `batchNormalization must be a boolean, received ${describe(o.batchNormalization)}.`);
  if (o.verbose !== undefined && typeof o.verbose !== 'boolean')
    bad('verbose', `verbose must be a boolean, received ${describe(o.verbose)}.`);
  return Object.freeze({
    hiddenLayers: Object.freeze([...hidden]),
    activation: oneOf(o.activation, 'activation', ACTIVATIONS, 'relu'),
    dropout: num(o.dropout, 'dropout', 0, 0, 1, false, true),
    batchNormalization: o.batchNormalization ?? false,
    l2: num(o.l2, 'l2', 0, 0, Infinity, false, true),
    optimizer: oneOf(o.optimizer, 'optimizer', OPTIMIZERS, 'adam'),
    learningRate: num(o.learningRate, 'learningRate', 1e-3, 0, Infinity, true, true),
    epochs: posInt(o.epochs, 'epochs', 100),
    batchSize: posInt(o.batchSize, 'batchSize', 256),
    validationFraction,
    validationData,
    earlyStopping,
    reduceLROnPlateau,
    classWeight,
    seed: checkSeed(CLASS, o.seed),
    backend: oneOf(o.backend, 'backend', BACKENDS, 'auto'),
    onEpochEnd: o.onEpochEnd,
    onBatchEnd: o.onBatchEnd,
    verbose: o.verbose ?? false,
  });
}
