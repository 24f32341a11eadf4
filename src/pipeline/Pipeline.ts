import type { Matrix } from 'ml-matrix';
import type { LazySampler } from '../core/batchSource.js';
import { acceptsLazySampler } from '../core/contracts.js';
import type {
  ClassifierLike,
  LazyResamplingClassifier,
  ProbabilisticClassifier,
  SamplerLike,
  Transformer,
} from '../core/contracts.js';
import {
  DataValidationError,
  InvalidParameterError,
  NotFittedError,
  SerializationError,
  describe,
} from '../core/errors.js';
import { checkLabels, classCounts } from '../core/labels.js';
import type { Label } from '../core/matrix.js';
import { makeEnvelope, openEnvelope } from '../core/serialization.js';
import type { Envelope } from '../core/serialization.js';
import { checkOneOf, checkOptions } from '../core/validate.js';
import { rowCount } from '../core/table.js';
import type { ColumnarTable, RowsInput } from '../core/table.js';
import { cloneEstimator } from '../core/clone.js';
import { checkStepWidths, fittedFromJSON, fittedToJSON, stepsFromJSON, stepsToJSON } from './pipelineJSON.js';
import type { PipelineClasses, PipelineParamsJSON, PipelineStateJSON } from './pipelineJSON.js';
import { checkSteps, hasMethod, isObject } from './steps.js';
import type { NamedStep, PipelineStep, StepKind } from './steps.js';

/** What a fitted {@link Pipeline} learned (beyond the fitted steps themselves). */
export interface PipelineFitted {
  /** Rows given to `fit`. */
  readonly nSamplesIn: number;
  /** Rows the final step was fitted on, after every sampler ran. */
  readonly nSamplesFinal: number;
  /** Class counts of the `y` given to `fit`, in sorted class order. */
  readonly classCountsIn: ReadonlyMap<Label, number>;
  /** Class counts the final step was fitted on (after resampling), in sorted class order. */
  readonly classCountsFinal: ReadonlyMap<Label, number>;
}

/** The constructor arguments of a {@link Pipeline}. */
export interface PipelineParams {
  /** The named steps, in order. */
  readonly steps: ReadonlyArray<NamedStep>;
  /** See {@link PipelineOptions.resampling}. */
  readonly resampling: PipelineResampling;
}

/** How a pipeline's sampler resamples while fitting: materialised (`'eager'`) or streamed (`'lazy'`). */
export type PipelineResampling = 'eager' | 'lazy';

/** Options of {@link Pipeline}. */
export interface PipelineOptions {
  /**
   * `'eager'`: each sampler's `fitResample` builds the resampled matrix and the next step fits on
   * it (imbalanced-learn's behaviour). `'lazy'`: the sampler right before the final classifier is
   * handed to the classifier's `fit(X, y, { sampler })` (a {@link LazyResamplingClassifier} such as
   * `MLPClassifier`), which takes its validation rows from the original rows and trains on the
   * sampler's stream (`fitStream`): the resampled matrix never exists, so memory stays near the
   * size of the data. Lazy epochs have as many rows as the training data (see `fitStream`), so
   * results differ from `'eager'` (not in quality: in which synthetic rows are drawn).
   * @defaultValue 'eager'
   */
  resampling?: PipelineResampling;
}

const VERSION = 1;

/** A step as the pipeline calls it, once its kind is known (inputs flow as `unknown`). */
type AnyTransformer = Transformer<unknown>;
type AnySampler = SamplerLike<unknown>;
type AnyClassifier = ClassifierLike<unknown>;

/**
 * A chain of transformers, samplers and a final classifier, in which samplers run **only while
 * fitting** — the leakage-free way to combine resampling with preprocessing and cross-validation.
 *
 * @remarks
 * - A step is a **sampler** when it has `fitResample` (imbalanced-learn's rule); a step that also
 *   has `transform` is rejected. Other intermediate steps must be transformers (`fit` +
 *   `transform`). The final step may be a classifier (`fit` + `predict`), a transformer, a sampler,
 *   or `'passthrough'`.
 * - `fit(X, y)` runs the steps in order on the training rows: each transformer is fitted on the
 *   output of the previous step (`fitTransform` when it has one, as scikit-learn does), each
 *   sampler resamples the rows and labels, and the final classifier is fitted on the result.
 * - `predict`, `predictProba`, `transform` and `score` apply the transformers and **skip the
 *   samplers**, so synthetic rows never reach prediction and a test row is never resampled.
 * - The steps are the objects you passed (scikit-learn semantics): `fit` fits them in place.
 *   Use {@link Pipeline.clone} for an unfitted copy. A failed `fit` leaves the pipeline unfitted.
 * - The pipeline has no `fitResample` and no `fitTransform`: imbalanced-learn's
 *   `fit_transform` returns resampled rows while `fit().transform()` does not, a documented
 *   gotcha this API leaves out.
 *
 * @example
 * ```ts
 * const pipe = new Pipeline([['scale', new Scaler()], ['smote', new SMOTE({ seed: 1 })], ['clf', clf]]);
 * await pipe.fit(XTrain, yTrain);       // Scaler fitted, SMOTE applied to the training rows only
 * const proba = pipe.predictProba(XTest); // Scaler applied, SMOTE skipped
 * ```
 *
 * @see imbalanced-learn `imblearn.pipeline.Pipeline`; scikit-learn `sklearn.pipeline.Pipeline`.
 */
export class Pipeline<L extends Label = Label> implements ProbabilisticClassifier<RowsInput> {
  /** The constructor arguments, frozen: `{ steps }`. */
  readonly params: PipelineParams;
  private readonly kinds: ReadonlyArray<StepKind>;
  private state: PipelineFitted | undefined;

  /**
   * @param steps - The named steps, in order: `[['scale', scaler], ['smote', smote], ['clf', clf]]`.
   * @throws {@link InvalidParameterError} for an empty list, a name that is empty or repeated, the
   * same object used twice, a step that is both a sampler and a transformer, or a step of no
   * known kind.
   */
  constructor(steps: ReadonlyArray<NamedStep>, options?: PipelineOptions) {
    const checked = checkSteps(steps);
    const o = checkOptions('Pipeline', options, ['resampling']);
    const resampling = checkOneOf('Pipeline', 'resampling', o.resampling, ['eager', 'lazy'] as const, 'eager');
    this.params = Object.freeze({ steps: checked.steps, resampling });
    this.kinds = checked.kinds;
    if (resampling === 'lazy') this.lazySamplerIndex();
  }

  /**
   * The index of the sampler the final classifier streams from under `resampling: 'lazy'`: the one
   * sampler, right before the final classifier (passthrough steps aside), with `fitStream`, and a
   * final classifier that accepts it.
   */
  private lazySamplerIndex(): number {
    const samplers = this.kinds.flatMap((k, i) => (k === 'sampler' ? [i] : []));
    const last = this.kinds.length - 1;
    const why =
      samplers.length !== 1
        ? `it needs exactly one sampler step, found ${samplers.length}`
        : this.kinds[last] !== 'classifier'
          ? 'the final step must be a classifier'
          : this.kinds.slice((samplers[0] as number) + 1, last).some((k) => k !== 'passthrough')
            ? 'the sampler must come right before the final classifier'
            : typeof (this.stepAt(samplers[0] as number) as Partial<LazySampler>).fitStream !== 'function'
              ? 'the sampler has no fitStream (a LazySampler)'
              : !acceptsLazySampler(this.stepAt(last))
                ? 'the final classifier cannot train from a sampler (it is not a LazyResamplingClassifier)'
                : undefined;
    if (why !== undefined) {
      throw new InvalidParameterError(
        'resampling',
        `Pipeline: resampling 'lazy' cannot be used: ${why}. Use resampling 'eager' or rearrange the steps.`,
      );
    }
    return samplers[0] as number;
  }

  private stepAt(i: number): PipelineStep {
    return (this.params.steps[i] as NamedStep)[1];
  }

  /** The named steps, in order (the same objects passed to the constructor). */
  get steps(): ReadonlyArray<NamedStep> {
    return this.params.steps;
  }

  /**
   * The step called `name`.
   *
   * @typeParam T - The step's type, for convenience (`pipe.named<Scaler>('scale')`); not checked.
   * @param name - A step name.
   * @throws {@link InvalidParameterError} when no step is called `name`.
   */
  named<T = PipelineStep>(name: string): T {
    const hit = this.params.steps.find(([n]) => n === name);
    if (!hit) {
      throw new InvalidParameterError(
        'name',
        `Pipeline.named: no step is called ${describe(name)}; ` +
          `the steps are ${this.params.steps.map(([n]) => `"${n}"`).join(', ')}.`,
      );
    }
    return hit[1] as T;
  }

  /**
   * What the last successful `fit` saw: row and class counts before and after resampling.
   * @throws {@link NotFittedError} before `fit`.
   */
  get fitted(): PipelineFitted {
    if (this.state === undefined) throw new NotFittedError('Pipeline', 'fitted');
    return this.state;
  }

  /**
   * The classes of the final classifier (sorted), which are the columns of `predictProba`.
   * @throws {@link NotFittedError} before `fit`.
   */
  get classes(): L[] {
    if (this.state === undefined) throw new NotFittedError('Pipeline', 'classes');
    const last = this.finalStep();
    const cls = isObject(last) ? (last as AnyClassifier).classes : undefined;
    return (cls ? [...cls] : [...this.state.classCountsFinal.keys()]) as L[];
  }

  private finalStep(): PipelineStep {
    return (this.params.steps[this.params.steps.length - 1] as NamedStep)[1];
  }

  /**
   * Fits every step in order on the training rows: transformers are fitted and applied, samplers
   * resample the rows and labels, the final classifier is fitted on the result.
   *
   * @param X - Training rows: whatever the first step accepts (table rows, a `{ columns, rows }`
   *   table or a {@link ColumnarTable} for an Encoder, a numeric matrix…).
   * @param y - One label per row.
   * @returns This pipeline, fitted.
   * @throws {@link DataValidationError} when `y` is invalid or its length differs from the rows of
   * `X`; any error a step throws is passed through unchanged.
   *
   * @example
   * ```ts
   * await pipe.fit(XTrain, yTrain);
   * pipe.fitted.classCountsFinal; // class counts after SMOTE
   * ```
   */
  async fit<Y extends L>(X: RowsInput, y: ReadonlyArray<Y>): Promise<Pipeline<Y> & this> {
    const who = 'Pipeline.fit';
    const n = rowCount(X, who);
    const labels = checkLabels(y, who, 'y', n);
    if (n === 0)
      throw new DataValidationError(`${who}: X has no rows; at least one training row is needed.`, { param: 'X' });
    this.state = undefined;
    let Xt: unknown = X;
    let yt: Label[] = labels;
    const steps = this.params.steps;
    const lazy = this.params.resampling === 'lazy' ? this.lazySamplerIndex() : -1;
    let streamed: LazySampler | undefined;
    for (let i = 0; i < steps.length; i++) {
      const step = (steps[i] as NamedStep)[1];
      const kind = this.kinds[i] as StepKind;
      if (kind === 'passthrough') continue;
      if (i === lazy) {
        streamed = step as unknown as LazySampler;
      } else if (kind === 'classifier' && streamed !== undefined) {
        await (step as unknown as LazyResamplingClassifier<unknown>).fit(Xt, yt, { sampler: streamed });
        yt = streamedLabels(streamed, yt);
      } else if (kind === 'sampler') {
        const out = (step as AnySampler).fitResample(Xt, yt);
        Xt = out.X;
        yt = out.y;
      } else if (kind === 'classifier') {
        await (step as AnyClassifier).fit(Xt, yt);
      } else {
        const t = step as AnyTransformer;
        if (i === steps.length - 1) {
          await t.fit(Xt, yt);
        } else if (typeof t.fitTransform === 'function') {
          Xt = await t.fitTransform(Xt, yt);
        } else {
          await t.fit(Xt, yt);
          Xt = t.transform(Xt);
        }
      }
    }
    this.state = Object.freeze({
      nSamplesIn: n,
      nSamplesFinal: yt.length,
      classCountsIn: classCounts(labels),
      classCountsFinal: classCounts(yt),
    });
    return this as Pipeline<Y> & this; // the labels of y are the labels predict returns
  }

  /** Applies the transformers of steps `0 .. end-1`, skipping samplers and passthrough steps. */
  private applyTransformers(X: RowsInput, end: number): unknown {
    let Xt: unknown = X;
    for (let i = 0; i < end; i++) {
      if (this.kinds[i] === 'transformer')
        Xt = ((this.params.steps[i] as NamedStep)[1] as AnyTransformer).transform(Xt);
    }
    return Xt;
  }

  private finalClassifier(method: string): AnyClassifier {
    if (this.state === undefined) throw new NotFittedError('Pipeline', method);
    const last = this.finalStep();
    if (this.kinds[this.kinds.length - 1] !== 'classifier') {
      const [name] = this.params.steps[this.params.steps.length - 1] as NamedStep;
      throw new InvalidParameterError(
        'steps',
        `Pipeline.${method}: the final step "${name}" is not a classifier (it has no predict). ` +
          'Put a classifier last to predict.',
      );
    }
    return last as AnyClassifier;
  }

  /**
   * Predicts the class of each row: transformers applied, samplers skipped, then the final
   * classifier's `predict`.
   *
   * @param X - Rows in the same form as in `fit`.
   * @throws {@link NotFittedError} before `fit`; {@link InvalidParameterError} when the final step is
   * not a classifier.
   * @example
   * ```ts
   * const yPred = pipe.predict(XTest);
   * ```
   */
  predict(X: RowsInput): L[] {
    const clf = this.finalClassifier('predict');
    return clf.predict(this.applyTransformers(X, this.kinds.length - 1)) as L[];
  }

  /**
   * Class probabilities for each row (columns follow {@link Pipeline.classes}): transformers
   * applied, samplers skipped, then the final classifier's `predictProba`.
   *
   * @param X - Rows in the same form as in `fit`.
   * @throws {@link NotFittedError} before `fit`; {@link InvalidParameterError} when the final step
   * has no `predictProba`.
   * @example
   * ```ts
   * const proba = pipe.predictProba(XTest); // Matrix, one column per class
   * ```
   */
  predictProba(X: RowsInput): Matrix {
    const clf = this.finalClassifier('predictProba');
    if (typeof clf.predictProba !== 'function') {
      throw new InvalidParameterError('steps', 'Pipeline.predictProba: the final classifier has no predictProba.');
    }
    return clf.predictProba(this.applyTransformers(X, this.kinds.length - 1));
  }

  /**
   * Applies every transformer, including a final one, and skips samplers.
   *
   * @param X - Rows in the same form as in `fit`.
   * @returns The transformed rows.
   * @throws {@link NotFittedError} before `fit`; {@link InvalidParameterError} when the final step
   * is a classifier without `transform`.
   * @example
   * ```ts
   * const prep = new Pipeline([['encode', enc], ['scale', scaler], ['smote', smote]]);
   * await prep.fit(rows, y);
   * const Xt = prep.transform(rows); // encoded and scaled, not resampled
   * ```
   */
  transform(X: RowsInput): Matrix {
    if (this.state === undefined) throw new NotFittedError('Pipeline', 'transform');
    const last = this.finalStep();
    const k = this.kinds.length - 1;
    let Xt = this.applyTransformers(X, k);
    if (this.kinds[k] === 'classifier' && !hasMethod(last, 'transform')) {
      const [name] = this.params.steps[k] as NamedStep;
      throw new InvalidParameterError(
        'steps',
        `Pipeline.transform: the final step "${name}" is a classifier without transform.`,
      );
    }
    if (this.kinds[k] === 'classifier' || this.kinds[k] === 'transformer') Xt = (last as AnyTransformer).transform(Xt);
    return Xt as Matrix;
  }

  /**
   * Accuracy of {@link Pipeline.predict} on `(X, y)` — scikit-learn's default `score` for
   * classifiers. Samplers are skipped.
   *
   * @param X - Rows in the same form as in `fit`.
   * @param y - True labels.
   * @returns The fraction of rows predicted correctly.
   * @throws {@link DataValidationError} when `y` does not have one label per row.
   * @example
   * ```ts
   * pipe.score(XTest, yTest); // e.g. 0.93
   * ```
   */
  score(X: RowsInput, y: ReadonlyArray<Label>): number {
    const who = 'Pipeline.score';
    const labels = checkLabels(y, who, 'y', rowCount(X, who));
    if (labels.length === 0) throw new DataValidationError(`${who}: X has no rows.`, { param: 'X' });
    const pred = this.predict(X);
    let hit = 0;
    for (let i = 0; i < labels.length; i++) if (pred[i] === labels[i]) hit++;
    return hit / labels.length;
  }

  /**
   * An unfitted copy with the same steps' parameters (each step cloned, see {@link cloneEstimator}).
   *
   * @throws {@link InvalidParameterError} when a step cannot be cloned.
   * @example
   * ```ts
   * const fresh = pipe.clone(); // same options, nothing learned
   * ```
   */
  clone(): Pipeline {
    return new Pipeline(
      this.params.steps.map(
        ([name, step]) => [name, step === null || step === 'passthrough' ? step : cloneEstimator(step)] as const,
      ),
    );
  }

  /**
   * Releases resources held by the steps (calls `dispose()` on every step that has one, e.g.
   * the MLPClassifier's tfjs model).
   *
   * @example
   * ```ts
   * pipe.dispose();
   * ```
   */
  dispose(): void {
    for (const [, step] of this.params.steps) {
      if (hasMethod(step, 'dispose')) (step as unknown as { dispose(): void }).dispose();
    }
  }

  /**
   * The JSON form: the envelope of every step (its own `toJSON()`), plus what the pipeline learned.
   *
   * @throws {@link SerializationError} when a step has no `toJSON`.
   * @example
   * ```ts
   * const text = JSON.stringify(pipe.toJSON());
   * ```
   */
  toJSON(): Envelope<PipelineParamsJSON, PipelineStateJSON | null> {
    const params = stepsToJSON(this.params.steps);
    if (this.params.resampling !== 'eager') params.resampling = this.params.resampling;
    return makeEnvelope('Pipeline', VERSION, params, fittedToJSON(this.state));
  }

  /**
   * Rebuilds a pipeline saved by {@link Pipeline.toJSON}. Each step is built by the class named in
   * its envelope's `format` (`imbalanced-tabular/<ClassName>`), taken from `classes` — there is no
   * global registry, so only the classes you pass can be built (and bundled).
   *
   * @param json - The envelope, or its JSON text.
   * @param classes - The classes the loader may build, e.g. `{ Encoder, Scaler, SMOTE, MLPClassifier }`.
   *   Nested pipelines are built with `Pipeline` itself.
   * @throws {@link SerializationError} when the document is not a pipeline envelope, a step's
   *   class is not in `classes`, or a step's `fromJSON` fails.
   * @example
   * ```ts
   * const again = Pipeline.fromJSON(JSON.parse(text), { Encoder, Scaler, SMOTE, MLPClassifier });
   * ```
   */
  static fromJSON(json: unknown, classes: PipelineClasses): Pipeline {
    const env = openEnvelope<unknown, unknown>(json, 'Pipeline', VERSION);
    const steps = stepsFromJSON(env.params, classes, (j, c) => Pipeline.fromJSON(j, c) as PipelineStep);
    let pipe: Pipeline;
    try {
      const resampling = (env.params as { resampling?: unknown } | null)?.resampling;
      pipe = new Pipeline(steps, resampling === undefined ? {} : { resampling: resampling as PipelineResampling });
    } catch (e) {
      throw new SerializationError(
        `Pipeline.fromJSON: the saved steps do not form a valid pipeline: ${(e as Error).message}`,
      );
    }
    pipe.state = fittedFromJSON(env.state);
    if (pipe.state !== undefined) checkStepWidths(steps);
    return pipe;
  }
}

/**
 * The labels the final classifier of a lazy pipeline was fitted on, for the pipeline's record: one
 * per resampled row as the sampler's plan counts them (`fitted.counts`, the totals of the
 * resampled data the stream draws its epochs from), else the input labels.
 */
function streamedLabels(sampler: LazySampler, y: Label[]): Label[] {
  const counts = (sampler as { fitted?: { counts?: ReadonlyMap<Label, number> } }).fitted?.counts;
  if (!(counts instanceof Map)) return y;
  const out: Label[] = [];
  for (const [label, n] of counts) for (let i = 0; i < n; i++) out.push(label);
  return out;
}
