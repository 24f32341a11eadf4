import type * as tfl from '@tensorflow/tfjs-layers';
import type { Matrix } from 'ml-matrix';
import { computeClassWeight } from '../core/classWeight.js';
import type { ClassWeightSpec } from '../core/classWeight.js';
import {
  DataValidationError,
  InvalidParameterError,
  NotFittedError,
  SerializationError,
  describe,
} from '../core/errors.js';
import type { ProbabilisticClassifier, Serializable } from '../core/contracts.js';
import { checkLabels, encodeLabels, uniqueSorted } from '../core/labels.js';
import { fromDense, toDense, toDense32 } from '../core/matrix.js';
import type { Label, MatrixInput } from '../core/matrix.js';
import { Random } from '../core/random.js';
import type { Envelope } from '../core/serialization.js';
import { buildLayersModel, netSpec, summarize } from './architecture.js';
import type { MLPSummary } from './architecture.js';
import { activateBackend, activateBackendSync } from './backend.js';
import type { MLPBackend, ResolvedBackend } from './backend.js';
import { decodeState, encodeModel, openModel } from './codec.js';
import type { MLPFitted, ModelState } from './fitted.js';
import { Network, initialValues } from './Network.js';
import { CLASS, resolveParams } from './options.js';
import type { EpochLogs, MLPClassifierOptions, MLPClassifierParams } from './options.js';
import { train } from './trainingLoop.js';
import { splitValidation } from './validationSplit.js';

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
 *   otherwise cpu (call `await MLPClassifier.ready(clf.fitted.backend)` first in a fresh process,
 *   e.g. after {@link MLPClassifier.fromJSON}).
 * - Tensors are freed after every batch and prediction; `dispose()` frees the weights (a later
 *   `predict` rebuilds them from the stored values).
 * - No file I/O here (browser bundles never see `node:fs`): in Node, `saveJSON` / `loadJSON` of
 *   `imbalanced-tabular/node` write and read the JSON form.
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
 * @see scikit-learn `sklearn.neural_network.MLPClassifier`; Keras `Sequential` + `EarlyStopping` +
 * `ReduceLROnPlateau`.
 */
export class MLPClassifier implements ProbabilisticClassifier, Serializable {
  /** The resolved, frozen options. */
  readonly params: MLPClassifierParams;
  private state: ModelState | undefined;

  /**
   * @param options - See {@link MLPClassifierOptions}; every field is optional.
   * @throws {@link InvalidParameterError} when an option is unknown, out of range or of the wrong
   * type (an unknown name suggests the closest known one: `lr` → `learningRate`).
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
   * @throws {@link InvalidParameterError} when `classWeight` names an unknown class or the backend
   * fails.
   * @example
   * ```ts
   * const X = [[0, 1], [1, 0], [0, 2], [2, 0]];
   * await new MLPClassifier({ epochs: 20, seed: 0 }).fit(X, ['a', 'b', 'a', 'b']);
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
        `${who}: y has a single class (${describe(classes[0])}); a classifier needs at least two. ` +
          'Check the target column or the split.',
        { param: 'y' },
      );
    }
    const d = dense.cols;
    const yIdx = encodeLabels(labels, classes, who);
    const cw = classWeights(p.classWeight, classes, labels, who);
    const rng = Random.from(p.seed);
    const { trainIdx, valX, valY } = splitValidation(p, dense.data, d, yIdx, classes, rng, who);
    const X32 = Float32Array.from(dense.data);

    const backend = await activateBackend(p.backend, who);
    const spec = netSpec(p, d, classes.length);
    const net = new Network(spec, initialValues(spec, rng));
    try {
      const data = { X: X32, d, y: yIdx, trainIdx, classWeights: cw, valX, valY };
      const { history, bestEpoch, stoppedEpoch } = await train(net, p, rng, data);
      const values = net.read();
      const fitted: MLPFitted = Object.freeze({
        classes,
        nFeaturesIn: d,
        seed: rng.seed,
        backend,
        history: Object.freeze(history),
        classWeight: new Map(classes.map((c, i) => [c, cw[i] as number])),
        bestEpoch,
        stoppedEpoch,
        nTrain: trainIdx.length,
        nValidation: valY?.length ?? 0,
      });
      this.state?.net?.dispose();
      this.state = { fitted, spec, values, net };
    } catch (e) {
      net.dispose();
      throw e;
    }
    return this;
  }

  /**
   * Class probabilities, one row per input row, columns in `classes` order; every row sums to 1.
   *
   * @param X - Rows with the feature count seen in fit.
   * @returns A fresh ml-matrix `Matrix` (float64 values of the float32 network output,
   * renormalized).
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
    const proba = this.network(s).probabilities(dense.data, dense.rows);
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
    const proba = this.network(s).probabilities(dense.data, dense.rows);
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
    return summarize(this.ready(`${CLASS}.summary`).spec);
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
   * model.predict(tf.tensor2d(rows)); // = clf.predictProba(rows), up to float32 rounding
   * model.dispose();
   * ```
   */
  toLayersModel(): tfl.Sequential {
    const s = this.ready(`${CLASS}.toLayersModel`);
    activateBackendSync(s.fitted.backend);
    return buildLayersModel(s.spec, s.values);
  }

  /**
   * The JSON form: params (without callbacks and validation data), classes, history and every
   * weight as a plain array of numbers, in a versioned envelope.
   *
   * @returns `{ format: 'imbalanced-tabular/MLPClassifier', version, params, state }`; `state` is
   * null before fit.
   * @example
   * ```ts
   * const text = JSON.stringify(clf.toJSON());
   * const again = MLPClassifier.fromJSON(text);
   * ```
   */
  toJSON(): Envelope {
    return encodeModel(this.params, this.state);
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
   * await MLPClassifier.ready(again.fitted.backend); // in a fresh process, to predict on wasm
   * ```
   */
  static fromJSON(json: unknown): MLPClassifier {
    const { options, state } = openModel(json);
    let clf: MLPClassifier;
    try {
      clf = new MLPClassifier(options);
    } catch (e) {
      throw new SerializationError(`${CLASS}.fromJSON: params are invalid (${(e as Error).message}).`);
    }
    if (state !== null) clf.state = decodeState(state, clf.params);
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

  private ready(who: string): ModelState {
    if (!this.state) throw new NotFittedError(CLASS, who.split('.')[1] ?? 'this method');
    return this.state;
  }

  private network(s: ModelState): Network {
    activateBackendSync(s.fitted.backend);
    if (!s.net) s.net = new Network(s.spec, s.values);
    return s.net;
  }
}

/**
 * The loss weight of each class index, from the shared {@link computeClassWeight} (all 1 without
 * a spec). Stricter than scikit-learn about a Map: a label that is not a class of `y` is an
 * error even when every class has a weight (it is almost always a number-vs-string mix-up).
 */
function classWeights(
  spec: ClassWeightSpec | undefined,
  classes: readonly Label[],
  labels: readonly Label[],
  who: string,
): Float64Array {
  if (spec === undefined) return new Float64Array(classes.length).fill(1);
  if (spec !== 'balanced') {
    const known = new Set(classes);
    for (const label of spec.keys()) {
      if (!known.has(label)) {
        throw new InvalidParameterError(
          'classWeight',
          `${who}: classWeight has a weight for ${describe(label)}, which is not a class of y ` +
            `[${classes.map((c) => describe(c)).join(', ')}]. ` +
            'Remove it or fix the label type (numbers and strings differ).',
        );
      }
    }
  }
  const weights = computeClassWeight(spec, classes, labels);
  return Float64Array.from(classes, (c) => weights.get(c) as number);
}
