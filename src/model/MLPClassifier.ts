import { checkFaithful, optionsError } from '../core/jsonFields.js';
import type { LayersModel } from './layersModel.js';
import type { Matrix } from 'ml-matrix';
import type { BatchSource } from '../core/batchSource.js';
import { ImbalancedTabularError, NotFittedError, SerializationError } from '../core/errors.js';
import type { LazyResamplingClassifier, ProbabilisticClassifier, Serializable } from '../core/contracts.js';
import { checkLabels, encodeLabels } from '../core/labels.js';
import { fromDense } from '../core/matrix.js';
import type { Label, MatrixInput } from '../core/matrix.js';
import { Random } from '../core/Random.js';
import type { RowSource } from '../core/rowSource.js';
import type { Envelope } from '../core/serialization.js';
import { buildLayersModel, netSpec, summarize } from './architecture.js';
import type { MLPSummary } from './architecture.js';
import { activateBackend, activateBackendSync } from './backend.js';
import type { MLPBackend, ResolvedBackend } from './backend.js';
import { decodeState, encodeModel, openModel } from './codec.js';
import type { MLPFitted, ModelState } from './fitted.js';
import { predictRows, prepareKernels, releaseNetworks, trainNetwork } from './execution.js';
import { initialValues } from './Network.js';
import { resolveFitInput } from './fitInput.js';
import { isBatchSource, predictionRows } from './inputRows.js';
import { CLASS, checkFitOptions, resolveParams } from './options.js';
import type { EpochLogs, MLPClassifierOptions, MLPClassifierParams, MLPFitOptions } from './options.js';

/**
 * A multilayer-perceptron classifier (softmax output, cross-entropy loss), defined as a tfjs-layers
 * model, that fills the gaps tfjs-layers leaves for imbalanced tabular data: stratified seeded
 * validation, early stopping that restores the best weights, reduce-LR-on-plateau, scikit-learn's
 * `'balanced'` class weights, full determinism, JSON persistence and fast multi-threaded training.
 *
 * @remarks
 * - With `backend: 'auto'` or `'wasm'` the network trains and predicts on the library's own
 *   WebAssembly SIMD kernels on `threads` threads (worker_threads in Node; in browsers, web
 *   workers on cross-origin-isolated pages only, else one thread), dropout included after ReLU
 *   or linear layers; with batch normalization or dropout after tanh, sigmoid or ELU, on a
 *   hand-written forward/backward pass on tfjs-wasm; with `'cpu'`, on tfjs-cpu.
 *   {@link MLPClassifier.toLayersModel} gives the same network as a tfjs-layers model.
 *   The loss is Keras's: mean over the batch of `classWeight[y] · CE` plus `l2 · Σ W²`.
 * - Same seed + same data + same path → identical weights and predictions: kernels are
 *   Glorot-uniform from the library's seeded PRNG, rows are shuffled with it every epoch, dropout
 *   masks use seeds drawn from it (the same masks on the kernels and on tfjs). The thread count
 *   never changes a result.
 * - tfjs backends are global: a fit on tfjs activates its backend for the whole process.
 *   `predict` runs on the kernels for a model trained on them; otherwise on the backend the model
 *   was trained on when it is initialized in this process, else cpu (call
 *   `await MLPClassifier.ready(clf.fitted.backend)` first in a fresh process or page, e.g. after
 *   {@link MLPClassifier.fromJSON}).
 * - Tensors are freed after every batch and prediction; `dispose()` frees the weights and stops
 *   the kernel threads (a later `predict` rebuilds them from the stored values).
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
export class MLPClassifier implements ProbabilisticClassifier, LazyResamplingClassifier, Serializable {
  /** The resolved, frozen options. */
  readonly params: MLPClassifierParams;
  /** `fit(X, y, { sampler })` resamples lazily (a {@link LazyResamplingClassifier}). */
  readonly acceptsLazySampler = true as const;
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
   * Waits until a tfjs backend is initialized and active, and (except for `'cpu'`) the
   * WebAssembly kernels are compiled — useful before `predict` in a fresh process or page when the
   * model was trained on wasm (browsers compile large modules only asynchronously).
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
    if (backend !== 'cpu') await prepareKernels();
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
   * Trains the network on rows and labels, optionally resampled lazily by a sampler, or on a
   * stream of mini-batches.
   *
   * @remarks
   * - `fit(X, y)`: `X` is a matrix (number[][], typed-array rows, ml-matrix Matrix) or a
   *   {@link RowSource}, whose batches are gathered straight into float32 buffers (no full copy).
   * - `fit(X, y, { sampler })`: the stratified validation hold-out is taken from the original rows
   *   first; then `sampler.fitStream(X, y, { rows: trainingRows, onProgress })` gives the training
   *   batches, so validation never sees a synthetic row and the resampled matrix never exists.
   *   `'balanced'` class weights follow the stream's resampled class counts.
   * - `fit(batches)`: epochs come from `batches.batches(epoch, batchSize)`, classes from
   *   `batches.classes`, `'balanced'` class weights from `batches.epochCounts`; validation only from
   *   `validationData`.
   *
   * @param X - Training rows; finite values only (a RowSource's values are used as they are).
   * @param y - One label per row (strings or numbers), at least two classes.
   * @param options - `{ sampler }`: a lazy sampler for the training rows.
   * @returns This classifier, fitted.
   * @throws {@link DataValidationError} on NaN/Infinity, ragged rows, a length mismatch, a single
   * class, a class too small for the stratified split, validation labels unseen in `y`, or a batch
   * source whose shape or classes do not match.
   * @throws {@link InvalidParameterError} when `classWeight` names an unknown class, the backend
   * fails, an option of `options` is unknown, or `validationFraction` is set for a batch source.
   * @example
   * ```ts
   * const X = [[0, 1], [1, 0], [0, 2], [2, 0]];
   * await new MLPClassifier({ epochs: 20, seed: 0 }).fit(X, ['a', 'b', 'a', 'b']);
   * ```
   */
  async fit(X: MatrixInput | RowSource, y: ReadonlyArray<Label>, options?: MLPFitOptions): Promise<this>;
  /**
   * Trains the network on a stream of mini-batches (see the other overload for the rules).
   *
   * @param batches - The training batches, e.g. a lazy sampler's `fitStream` output.
   * @returns This classifier, fitted.
   * @throws {@link DataValidationError} on a batch source whose shape, classes or batches are bad.
   * @throws {@link InvalidParameterError} when `validationFraction` is set without `validationData`.
   * @example
   * ```ts
   * await clf.fit(sampler.fitStream(rows, y));
   * ```
   */
  async fit(batches: BatchSource): Promise<this>;
  async fit(
    X: MatrixInput | RowSource | BatchSource,
    y?: ReadonlyArray<Label>,
    options?: MLPFitOptions,
  ): Promise<this> {
    const who = `${CLASS}.fit`;
    const p = this.params;
    const rng = Random.from(p.seed);
    const input =
      y === undefined && isBatchSource(X)
        ? resolveFitInput(p, { batches: X }, rng, who)
        : resolveFitInput(
            p,
            { X: X as MatrixInput | RowSource, y: y as ReadonlyArray<Label>, options: checkFitOptions(who, options) },
            rng,
            who,
          );
    const { classes, nFeatures: d, classWeights: cw, stream, valX, valY } = input;

    const spec = netSpec(p, d, classes.length);
    const data = { stream, d, classWeights: cw, valX, valY };
    const run = await trainNetwork(p, spec, initialValues(spec, rng), rng, data, who);
    const { history, bestEpoch, stoppedEpoch } = run.result;
    const fitted: MLPFitted = Object.freeze({
      classes,
      nFeaturesIn: d,
      seed: rng.seed,
      backend: run.backend,
      history: Object.freeze(history),
      classWeight: new Map(classes.map((c, i) => [c, cw[i] as number])),
      bestEpoch,
      stoppedEpoch,
      nTrain: stream.epochRows,
      nValidation: valY?.length ?? 0,
    });
    releaseNetworks(this.state);
    this.state = { fitted, spec, values: run.values, net: run.net, engine: run.engine };
    return this;
  }

  /**
   * Class probabilities, one row per input row, columns in `classes` order; every row sums to 1.
   *
   * @param X - Rows with the feature count seen in fit: a matrix, or a {@link RowSource} read in
   * large chunks gathered into one float32 buffer (never a full-size copy).
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
  predictProba(X: MatrixInput | RowSource): Matrix {
    const s = this.ready(`${CLASS}.predictProba`);
    const { proba, rows } = this.probabilities(s, X, `${CLASS}.predictProba`);
    const k = s.fitted.classes.length;
    const out = new Float64Array(proba.length);
    for (let i = 0; i < rows; i++) {
      let sum = 0;
      for (let j = 0; j < k; j++) sum += proba[i * k + j] as number;
      for (let j = 0; j < k; j++) out[i * k + j] = (proba[i * k + j] as number) / sum;
    }
    return fromDense(out, rows, k);
  }

  /**
   * The most probable class of each row (ties go to the first class in `classes` order).
   *
   * @param X - Rows with the feature count seen in fit (a matrix or a {@link RowSource}).
   * @returns One label per row.
   * @throws {@link NotFittedError} before `fit`.
   * @throws {@link DataValidationError} on a wrong feature count, NaN or Infinity.
   * @example
   * ```ts
   * clf.predict([[0.1, 2.3]]); // e.g. ['a']
   * ```
   */
  predict(X: MatrixInput | RowSource): Label[] {
    const s = this.ready(`${CLASS}.predict`);
    const classes = s.fitted.classes;
    const k = classes.length;
    const { proba, rows } = this.probabilities(s, X, `${CLASS}.predict`);
    const out: Label[] = new Array(rows);
    for (let i = 0; i < rows; i++) {
      let best = 0;
      for (let j = 1; j < k; j++) if ((proba[i * k + j] as number) > (proba[i * k + best] as number)) best = j;
      out[i] = classes[best] as Label;
    }
    return out;
  }

  /**
   * Accuracy of `predict(X)` against `y`.
   *
   * @param X - Rows with the feature count seen in fit (a matrix or a {@link RowSource}).
   * @param y - True labels; each must be one of `classes`.
   * @returns The fraction of correct predictions.
   * @throws {@link DataValidationError} on a length mismatch or a label not seen in fit.
   * @example
   * ```ts
   * clf.score(Xtest, yTest); // e.g. 0.93
   * ```
   */
  score(X: MatrixInput | RowSource, y: ReadonlyArray<Label>): number {
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
   * @returns A new `tf.Sequential` (typed as {@link LayersModel}), compiled with nothing (inference only).
   * @throws {@link NotFittedError} before `fit`.
   * @example
   * ```ts
   * const model = clf.toLayersModel();
   * model.predict(tf.tensor2d(rows)); // = clf.predictProba(rows), up to float32 rounding
   * model.dispose();
   * ```
   */
  toLayersModel(): LayersModel {
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
    const { options, params, state } = openModel(json);
    let clf: MLPClassifier;
    try {
      clf = new MLPClassifier(options);
    } catch (e) {
      throw optionsError(`${CLASS}.fromJSON`, e);
    }
    if (state !== null) {
      try {
        clf.state = decodeState(state, clf.params);
      } catch (e) {
        // the architecture's own checks (a layer too large to build) refuse the document too
        if (e instanceof SerializationError || !(e instanceof ImbalancedTabularError)) throw e;
        throw new SerializationError(`${CLASS}.fromJSON: the saved model cannot be rebuilt (${e.message}).`);
      }
    }
    checkFaithful(`${CLASS}.fromJSON`, { params, state }, clf.toJSON());
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
    releaseNetworks(this.state);
  }

  private ready(who: string): ModelState {
    if (!this.state) throw new NotFittedError(CLASS, who.split('.')[1] ?? 'this method');
    return this.state;
  }

  /** Network output (`rows × k` float32) of `X`, read in large gathered chunks. */
  private probabilities(s: ModelState, X: MatrixInput | RowSource, who: string): { proba: Float32Array; rows: number } {
    const source = predictionRows(X, who, s.fitted.nFeaturesIn);
    return { proba: predictRows(s, this.params, source), rows: source.rows };
  }
}
