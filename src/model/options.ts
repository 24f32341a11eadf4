/**
 * The options of {@link MLPClassifier}: their types, defaults and the one function that checks them
 * and resolves them into frozen params.
 *
 * @module
 */
import { checkClassWeightSpec } from '../core/classWeight.js';
import type { ClassWeightSpec } from '../core/classWeight.js';
import type { LazySampler, ProgressCallback } from '../core/batchSource.js';
import type { Label, MatrixInput } from '../core/matrix.js';
import { checkSeed } from '../core/Random.js';
import type { RowSource } from '../core/rowSource.js';
import {
  checkBoolean,
  checkFunction,
  checkInteger,
  checkIterations,
  checkNumber,
  checkNestedOptions,
  checkOneOf,
  checkOptions,
  invalid,
} from '../core/validate.js';
import type { MLPBackend } from './backend.js';
import type { MLPActivation } from './Network.js';

/** The estimator's name in messages and in its JSON format tag. @internal */
export const CLASS = 'MLPClassifier';

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
  /**
   * Quantity to watch.
   * @defaultValue the early-stopping monitor, else 'valLoss' with validation data, else 'loss'
   */
  monitor?: MLPMonitor;
}

/** Explicit validation data for {@link MLPClassifierOptions.validationData}. */
export interface MLPValidationData {
  /** Validation rows (same columns as the training rows): a matrix or a {@link RowSource}. */
  X: MatrixInput | RowSource;
  /** Validation labels; every label must occur in the training labels. */
  y: ReadonlyArray<Label>;
}

/** What {@link MLPClassifier} records after every epoch (also passed to `onEpochEnd`). */
export interface EpochLogs {
  /** Zero-based epoch index. */
  epoch: number;
  /**
   * Mean training loss over the epoch's batches (class-weighted cross-entropy + L2 penalty,
   * training mode).
   */
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
  /**
   * Batch normalization between each hidden Dense layer and its activation (momentum 0.99, ε 1e-3).
   * @defaultValue false
   */
  batchNormalization?: boolean;
  /** L2 penalty `l2 · Σ W²` on every kernel (Keras `regularizers.l2`). @defaultValue 0 */
  l2?: number;
  /**
   * Optimizer (Keras defaults: Adam β 0.9/0.999, ε 1e-7; RMSprop ρ 0.9, ε 1e-7; plain SGD).
   * @defaultValue 'adam'
   */
  optimizer?: MLPOptimizer;
  /** Initial learning rate. @defaultValue 0.001 */
  learningRate?: number;
  /** Maximum number of passes over the training rows: 1 to 1,000,000. @defaultValue 100 */
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
   * `compute_class_weight`, computed by `computeClassWeight`), or a Map from label to weight
   * (missing classes get 1).
   * @defaultValue undefined (all 1)
   */
  classWeight?: ClassWeightSpec;
  /**
   * Seed of every random step (split, initialization, shuffling, dropout); drawn and recorded when
   * absent.
   */
  seed?: number;
  /**
   * Where the network runs. `'wasm'` (and `'auto'`, where WebAssembly SIMD exists) trains and
   * predicts on the library's own WebAssembly SIMD kernels, on `threads` threads — except with
   * batch normalization or dropout after tanh, sigmoid or ELU, which run on tfjs's wasm backend
   * (dropout after ReLU or linear layers runs on the kernels); `'cpu'` runs on tfjs's
   * pure-JS cpu backend. `'auto'` falls back to tfjs-wasm, then cpu.
   * @defaultValue 'auto'
   */
  backend?: MLPBackend;
  /**
   * Threads of the WebAssembly kernels: the calling thread plus `threads − 1` workers (Node's
   * worker_threads; in a browser, web workers on a cross-origin-isolated page only, else one
   * thread). The thread count never changes a result: every value is computed the same way
   * whichever thread computes it. Not saved in the JSON form.
   * @defaultValue every core, at most 8
   */
  threads?: number;
  /**
   * Run the kernels' matrix products with WebAssembly relaxed SIMD (`f32x4.relaxed_madd`: one fused
   * multiply-add where the CPU has FMA, instead of a multiply and an add) where the runtime has it:
   * V8 11.4 and later (Chrome 114+, Node 21+), and Node 20.16+, where the library turns on V8's
   * `--experimental-wasm-relaxed-simd` flag for it when it first builds a kernel network (a
   * process-wide flag, worker threads included, that only lets WebAssembly modules use these
   * instructions). Training runs faster; weights and probabilities then differ in the last bits from
   * the plain kernels', and from one machine to another (a CPU without FMA rounds twice). Same seed,
   * data, machine and runtime still give bit-identical results. `false`: the plain kernels, which
   * never touch V8's flags and give the same bits on every machine and runtime. Not saved in the JSON
   * form.
   * @defaultValue true
   */
  relaxedSimd?: boolean;
  /** Called after every epoch (awaited when it returns a promise). */
  onEpochEnd?: (epoch: number, logs: EpochLogs) => void | Promise<void>;
  /** Called after every batch (synchronously). */
  onBatchEnd?: (batch: number, logs: BatchLogs) => void;
  /**
   * Progress of a fit: `{ phase: 'batch', done, total, unit: 'batches' }` after every batch,
   * `{ phase: 'epoch', done, total, unit: 'epochs' }` after every epoch, and whatever a lazy sampler
   * reports while it fits (it receives this callback). Library code never prints.
   */
  onProgress?: ProgressCallback;
  /** Print one line per epoch with `console.log`. @defaultValue false */
  verbose?: boolean;
}

/** Options of {@link MLPClassifier.fit} on rows and labels. */
export interface MLPFitOptions {
  /**
   * Resample the training rows lazily: the validation hold-out is taken from the original rows
   * first, then `sampler.fitStream(X, y, { rows: trainingRows, onProgress })` gives the training
   * mini-batches (original and synthetic rows), so the resampled matrix never exists and no
   * synthetic row is ever validated on.
   */
  sampler?: LazySampler;
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
  readonly classWeight: ClassWeightSpec | undefined;
  /** See {@link MLPClassifierOptions.seed}. */
  readonly seed: number | undefined;
  /** See {@link MLPClassifierOptions.backend}. */
  readonly backend: MLPBackend;
  /** See {@link MLPClassifierOptions.threads} (undefined: every core, at most 8; not serialized). */
  readonly threads: number | undefined;
  /** See {@link MLPClassifierOptions.relaxedSimd} (not serialized). */
  readonly relaxedSimd: boolean;
  /** See {@link MLPClassifierOptions.onEpochEnd} (not serialized). */
  readonly onEpochEnd: MLPClassifierOptions['onEpochEnd'];
  /** See {@link MLPClassifierOptions.onBatchEnd} (not serialized). */
  readonly onBatchEnd: MLPClassifierOptions['onBatchEnd'];
  /** See {@link MLPClassifierOptions.onProgress} (not serialized). */
  readonly onProgress: ProgressCallback | undefined;
  /** See {@link MLPClassifierOptions.verbose}. */
  readonly verbose: boolean;
}

// The option names, checked against the types by the compiler (a key missing here or unknown
// there fails to compile), so the unknown-option check cannot drift from the interfaces.
const OPTION_NAMES = Object.keys({
  hiddenLayers: 0,
  activation: 0,
  dropout: 0,
  batchNormalization: 0,
  l2: 0,
  optimizer: 0,
  learningRate: 0,
  epochs: 0,
  batchSize: 0,
  validationFraction: 0,
  validationData: 0,
  earlyStopping: 0,
  reduceLROnPlateau: 0,
  classWeight: 0,
  seed: 0,
  backend: 0,
  threads: 0,
  relaxedSimd: 0,
  onEpochEnd: 0,
  onBatchEnd: 0,
  onProgress: 0,
  verbose: 0,
} satisfies Record<keyof MLPClassifierOptions, 0>);
const FIT_OPTION_NAMES = Object.keys({ sampler: 0 } satisfies Record<keyof MLPFitOptions, 0>);
const EARLY_STOPPING_NAMES = Object.keys({
  monitor: 0,
  patience: 0,
  minDelta: 0,
  restoreBestWeights: 0,
} satisfies Record<keyof EarlyStoppingOptions, 0>);
const PLATEAU_NAMES = Object.keys({
  factor: 0,
  patience: 0,
  minLr: 0,
  minDelta: 0,
  cooldown: 0,
  monitor: 0,
} satisfies Record<keyof ReduceLROnPlateauOptions, 0>);

const ACTIVATIONS: readonly MLPActivation[] = ['relu', 'tanh', 'sigmoid', 'elu', 'linear'];
const OPTIMIZERS: readonly MLPOptimizer[] = ['adam', 'sgd', 'rmsprop'];
const BACKENDS: readonly MLPBackend[] = ['cpu', 'wasm', 'auto'];
const MONITORS: readonly MLPMonitor[] = ['valLoss', 'valMacroF1', 'valBalancedAccuracy', 'valAccuracy', 'loss'];

/** Whether a monitored quantity improves downwards (the losses) or upwards (the scores). @internal */
export function monitorMode(m: MLPMonitor): 'min' | 'max' {
  return m === 'valLoss' || m === 'loss' ? 'min' : 'max';
}

/**
 * Checks the options and resolves every default into frozen params.
 *
 * @throws {@link InvalidParameterError} naming the option (an unknown key, in the options or in
 * `earlyStopping` / `reduceLROnPlateau`, names the closest known one).
 * @internal
 */
export function resolveParams(options: MLPClassifierOptions): MLPClassifierParams {
  const o = checkOptions(CLASS, options, OPTION_NAMES);
  const hiddenLayers = checkUnitList(CLASS, 'hiddenLayers', o.hiddenLayers, [100]);
  const validationData = o.validationData;
  if (validationData !== undefined && !(isObject(validationData) && 'X' in validationData && 'y' in validationData))
    invalid(CLASS, 'validationData', '{ X, y }', validationData);
  let earlyStopping: Required<EarlyStoppingOptions> | undefined;
  if (o.earlyStopping !== undefined) {
    const e = checkNestedOptions(CLASS, 'earlyStopping', o.earlyStopping, EARLY_STOPPING_NAMES, '{ patience: 5 }');
    earlyStopping = Object.freeze({
      monitor: checkOneOf(CLASS, 'earlyStopping.monitor', e.monitor, MONITORS, 'valLoss'),
      patience: checkInteger(CLASS, 'earlyStopping.patience', e.patience, { min: 0 }, 10),
      minDelta: checkNumber(CLASS, 'earlyStopping.minDelta', e.minDelta, { ge: 0 }, 0),
      restoreBestWeights: checkBoolean(CLASS, 'earlyStopping.restoreBestWeights', e.restoreBestWeights, true),
    });
  }
  let reduceLROnPlateau: Required<ReduceLROnPlateauOptions> | undefined;
  // Read before validationFraction is checked (below): compare only a number, so a Symbol or an
  // object there reaches that check's InvalidParameterError instead of throwing a TypeError here.
  const hasValidation =
    validationData !== undefined || (typeof o.validationFraction === 'number' && o.validationFraction > 0);
  if (o.reduceLROnPlateau !== undefined) {
    const r = checkNestedOptions(
      CLASS,
      'reduceLROnPlateau',
      o.reduceLROnPlateau,
      PLATEAU_NAMES,
      '{ factor: 0.5, patience: 3 }',
    );
    const dfltMonitor: MLPMonitor = earlyStopping?.monitor ?? (hasValidation ? 'valLoss' : 'loss');
    reduceLROnPlateau = Object.freeze({
      factor: checkNumber(CLASS, 'reduceLROnPlateau.factor', r.factor, { gt: 0, lt: 1 }, 0.1),
      patience: checkInteger(CLASS, 'reduceLROnPlateau.patience', r.patience, { min: 0 }, 10),
      minLr: checkNumber(CLASS, 'reduceLROnPlateau.minLr', r.minLr, { ge: 0 }, 0),
      minDelta: checkNumber(CLASS, 'reduceLROnPlateau.minDelta', r.minDelta, { ge: 0 }, 1e-4),
      cooldown: checkInteger(CLASS, 'reduceLROnPlateau.cooldown', r.cooldown, { min: 0 }, 0),
      monitor: checkOneOf(CLASS, 'reduceLROnPlateau.monitor', r.monitor, MONITORS, dfltMonitor),
    });
  }
  const monitor = [earlyStopping?.monitor, reduceLROnPlateau?.monitor].find((m) => m !== undefined && m !== 'loss');
  const validationFraction = checkNumber(
    CLASS,
    'validationFraction',
    o.validationFraction,
    { ge: 0, lt: 1 },
    monitor ? 0.1 : 0,
  );
  if (monitor && validationData === undefined && validationFraction === 0) {
    invalid(
      CLASS,
      'validationFraction',
      `above 0 for the validation monitor ${monitor} when no validationData is given`,
      validationFraction,
      "Set validationFraction (e.g. 0.1), pass validationData, or monitor 'loss'.",
    );
  }
  let classWeight: ClassWeightSpec | undefined;
  if (o.classWeight !== undefined) {
    const cw = checkClassWeightSpec(CLASS, o.classWeight);
    if (cw !== 'balanced') {
      for (const c of cw.keys())
        if (typeof c !== 'string' && typeof c !== 'number')
          invalid(CLASS, 'classWeight', 'a Map whose keys are class labels (strings or numbers)', c);
    }
    classWeight = cw === 'balanced' ? cw : new Map(cw);
  }
  return Object.freeze({
    hiddenLayers,
    activation: checkOneOf(CLASS, 'activation', o.activation, ACTIVATIONS, 'relu'),
    dropout: checkNumber(CLASS, 'dropout', o.dropout, { ge: 0, lt: 1 }, 0),
    batchNormalization: checkBoolean(CLASS, 'batchNormalization', o.batchNormalization, false),
    l2: checkNumber(CLASS, 'l2', o.l2, { ge: 0 }, 0),
    optimizer: checkOneOf(CLASS, 'optimizer', o.optimizer, OPTIMIZERS, 'adam'),
    learningRate: checkNumber(CLASS, 'learningRate', o.learningRate, { gt: 0 }, 1e-3),
    epochs: checkIterations(CLASS, 'epochs', o.epochs, 100),
    batchSize: checkInteger(CLASS, 'batchSize', o.batchSize, { min: 1 }, 256),
    validationFraction,
    validationData,
    earlyStopping,
    reduceLROnPlateau,
    classWeight,
    seed: checkSeed(CLASS, o.seed),
    backend: checkOneOf(CLASS, 'backend', o.backend, BACKENDS, 'auto'),
    threads: o.threads === undefined ? undefined : checkInteger(CLASS, 'threads', o.threads, { min: 1, max: 64 }),
    relaxedSimd: checkBoolean(CLASS, 'relaxedSimd', o.relaxedSimd, true),
    onEpochEnd: checkFunction<NonNullable<MLPClassifierOptions['onEpochEnd']>>(CLASS, 'onEpochEnd', o.onEpochEnd),
    onBatchEnd: checkFunction<NonNullable<MLPClassifierOptions['onBatchEnd']>>(CLASS, 'onBatchEnd', o.onBatchEnd),
    onProgress: checkFunction<ProgressCallback>(CLASS, 'onProgress', o.onProgress),
    verbose: checkBoolean(CLASS, 'verbose', o.verbose, false),
  });
}

/**
 * Checks the options of `fit(X, y, options)`: a plain object with only known keys, and a sampler
 * that has `fitStream`.
 * @throws {@link InvalidParameterError} naming the option.
 * @internal
 */
export function checkFitOptions(who: string, options: MLPFitOptions | undefined): MLPFitOptions {
  const o = checkOptions(who, options, FIT_OPTION_NAMES);
  if (o.sampler !== undefined && !(isObject(o.sampler) && typeof o.sampler.fitStream === 'function'))
    invalid(who, 'sampler', 'a lazy sampler (an object with fitStream(X, y, options))', o.sampler);
  return o;
}

function isObject(v: unknown): v is object {
  return v !== null && typeof v === 'object';
}

/**
 * Checks a list of layer sizes: an array of integers ≥ 1 (possibly empty), returned frozen.
 *
 * Local to the model until core has it; candidate for `src/core/validate.ts`.
 * @internal
 */
export function checkUnitList(
  who: string,
  param: string,
  value: unknown,
  fallback: readonly number[],
): readonly number[] {
  if (value === undefined) return Object.freeze([...fallback]);
  if (!Array.isArray(value) || value.some((h) => typeof h !== 'number' || !Number.isSafeInteger(h) || h < 1)) {
    invalid(who, param, 'an array of positive integers (units per hidden layer, e.g. [256, 128])', value);
  }
  return Object.freeze([...(value as number[])]);
}
