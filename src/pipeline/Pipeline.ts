import type { Matrix } from 'ml-matrix';
import {
  DataValidationError,
  InvalidParameterError,
  NotFittedError,
  SerializationError,
  describe,
} from '../core/errors.js';
import type { ResampleResult } from '../core/estimator.js';
import { checkLabels, classCounts, compareLabels } from '../core/labels.js';
import type { Label } from '../core/matrix.js';
import { FORMAT_PREFIX, makeEnvelope, openEnvelope } from '../core/serialization.js';
import type { Envelope } from '../core/serialization.js';
import { cloneEstimator } from './clone.js';
import { rowCount } from '../core/table.js';
import type { RowsInput } from '../core/table.js';

/**
 * A transformer step: `fit` + `transform` (Encoder, Scaler, or your own).
 *
 * @remarks
 * Inputs are typed `unknown` so that any transformer fits, whatever rows it accepts (the Encoder
 * takes table rows, the Scaler numeric matrices). `fit` may return a Promise; the pipeline awaits it.
 */
export interface PipelineTransformer {
  /** Learns from `X` (and optionally `y`). */
  fit(X: unknown, y?: ReadonlyArray<Label>): unknown;
  /** Maps rows to a numeric matrix. */
  transform(X: unknown): Matrix;
  /** `fit` then `transform`; used while fitting when present (as scikit-learn does). */
  fitTransform?(X: unknown, y?: ReadonlyArray<Label>): Matrix;
  /** The JSON envelope (needed by {@link Pipeline.toJSON}). */
  toJSON?(): Envelope;
}

/** A sampler step: anything with `fitResample` (SMOTE, RandomOverSampler, your own). It runs only in `fit`. */
export interface PipelineSampler {
  /** Resamples the training rows. */
  fitResample(X: never, y: ReadonlyArray<Label>): ResampleResult;
  /** The JSON envelope (needed by {@link Pipeline.toJSON}). */
  toJSON?(): Envelope;
}

/** A final classifier step: `fit` (sync or async), `predict`, and usually `predictProba` and `classes`. */
export interface PipelineClassifier {
  /** Trains on the transformed (and resampled) training rows. */
  fit(X: never, y: ReadonlyArray<Label>): unknown;
  /** Predicted class per row. */
  predict(X: never): Label[];
  /** Class probabilities, columns in `classes` order. */
  predictProba?(X: never): Matrix;
  /** Sorted classes seen in fit. */
  readonly classes?: ReadonlyArray<Label>;
  /** The JSON envelope (needed by {@link Pipeline.toJSON}). */
  toJSON?(): Envelope;
}

/**
 * One step of a {@link Pipeline}: a transformer, a sampler, a final classifier, or
 * `'passthrough'` / `null` (a placeholder that leaves the data unchanged).
 */
export type PipelineStep = PipelineTransformer | PipelineSampler | PipelineClassifier | 'passthrough' | null;

/** A named step: `[name, step]`. */
export type NamedStep = readonly [name: string, step: PipelineStep];

/** What the pipeline decided each step is. */
type StepKind = 'transformer' | 'sampler' | 'classifier' | 'passthrough';

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

/** A class {@link Pipeline.fromJSON} can build a step with: it has a static `fromJSON`. */
export interface LoadableClass {
  /** Rebuilds an instance from its envelope (e.g. `Scaler.fromJSON`). */
  fromJSON(json: never): unknown;
}

/** Classes {@link Pipeline.fromJSON} may build, keyed by class name (`{ Encoder, Scaler, SMOTE, MLPClassifier }`). */
export type PipelineClasses = Readonly<Record<string, LoadableClass>>;

/** The constructor arguments of a {@link Pipeline}. */
export interface PipelineParams {
  /** The named steps, in order. */
  readonly steps: ReadonlyArray<NamedStep>;
}

/** The `params` of a pipeline's JSON envelope. */
export interface PipelineParamsJSON {
  /** Each step's name and envelope (or `'passthrough'` / `null`). */
  steps: Array<[string, Envelope | 'passthrough' | null]>;
}

/** The `state` of a fitted pipeline's JSON envelope. */
export interface PipelineStateJSON {
  /** See {@link PipelineFitted.nSamplesIn}. */
  nSamplesIn: number;
  /** See {@link PipelineFitted.nSamplesFinal}. */
  nSamplesFinal: number;
  /** See {@link PipelineFitted.classCountsIn}, as `[label, count]` pairs. */
  classCountsIn: Array<[Label, number]>;
  /** See {@link PipelineFitted.classCountsFinal}, as `[label, count]` pairs. */
  classCountsFinal: Array<[Label, number]>;
}

const VERSION = 1;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object';
}

function hasMethod(v: unknown, name: string): boolean {
  return isObject(v) && typeof v[name] === 'function';
}

function stepKind(name: string, index: number, step: unknown, last: boolean): StepKind {
  if (step === null || step === 'passthrough') return 'passthrough';
  const where = `Pipeline: step "${name}" (index ${index})`;
  if (!isObject(step)) {
    throw new InvalidParameterError(
      'steps',
      `${where} is ${describe(step)}; expected a transformer (fit + transform), a sampler (fitResample), a classifier (fit + predict), 'passthrough' or null.`,
    );
  }
  const sampler = hasMethod(step, 'fitResample');
  const transformer = hasMethod(step, 'fit') && hasMethod(step, 'transform');
  if (sampler && (hasMethod(step, 'transform') || hasMethod(step, 'fitTransform'))) {
    throw new InvalidParameterError(
      'steps',
      `${where} has both fitResample and transform, so it is both a sampler and a transformer. A step must be one or the other (imbalanced-learn's rule): wrap it, or split it into two steps.`,
    );
  }
  if (sampler) return 'sampler';
  if (last && hasMethod(step, 'fit') && hasMethod(step, 'predict')) return 'classifier';
  if (transformer) return 'transformer';
  throw new InvalidParameterError(
    'steps',
    last
      ? `${where} is the final step but has neither fit + predict (a classifier) nor fit + transform (a transformer) nor fitResample (a sampler).`
      : `${where} is an intermediate step but is neither a transformer (fit + transform) nor a sampler (fitResample). Only the final step may be a classifier.`,
  );
}

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
export class Pipeline {
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
  constructor(steps: ReadonlyArray<NamedStep>) {
    if (!Array.isArray(steps) || steps.length === 0) {
      throw new InvalidParameterError(
        'steps',
        `Pipeline: steps must be a non-empty array of [name, step] pairs, received ${describe(steps)}.`,
      );
    }
    const names = new Set<string>();
    const objects = new Map<unknown, string>();
    const kinds: StepKind[] = [];
    const frozen: NamedStep[] = [];
    steps.forEach((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new InvalidParameterError(
          'steps',
          `Pipeline: steps[${i}] must be a [name, step] pair, received ${describe(pair)}.`,
        );
      }
      const [name, step] = pair as unknown as [unknown, unknown];
      if (typeof name !== 'string' || name.length === 0) {
        throw new InvalidParameterError(
          'steps',
          `Pipeline: steps[${i}] has name ${describe(name)}; names must be non-empty strings.`,
        );
      }
      if (names.has(name)) {
        throw new InvalidParameterError(
          'steps',
          `Pipeline: the step name "${name}" is used twice (steps[${i}]). Give every step a unique name.`,
        );
      }
      names.add(name);
      kinds.push(stepKind(name, i, step, i === steps.length - 1));
      if (isObject(step)) {
        const other = objects.get(step);
        if (other !== undefined) {
          throw new InvalidParameterError(
            'steps',
            `Pipeline: steps "${other}" and "${name}" are the same object; fitting one would overwrite the other. Pass separate instances.`,
          );
        }
        objects.set(step, name);
      }
      frozen.push(Object.freeze([name, step as PipelineStep]) as NamedStep);
    });
    this.params = Object.freeze({ steps: Object.freeze(frozen) });
    this.kinds = Object.freeze(kinds);
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
   * @throws {@link InvalidParameterError} when no step has that name.
   */
  named<T = PipelineStep>(name: string): T {
    const hit = this.params.steps.find(([n]) => n === name);
    if (!hit) {
      throw new InvalidParameterError(
        'name',
        `Pipeline.named: no step is called ${describe(name)}; the steps are ${this.params.steps.map(([n]) => `"${n}"`).join(', ')}.`,
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
  get classes(): Label[] {
    if (this.state === undefined) throw new NotFittedError('Pipeline', 'classes');
    const last = this.finalStep();
    const cls = isObject(last) ? (last as PipelineClassifier).classes : undefined;
    return cls ? [...cls] : [...this.state.classCountsFinal.keys()];
  }

  private finalStep(): PipelineStep {
    return (this.params.steps[this.params.steps.length - 1] as NamedStep)[1];
  }

  /**
   * Fits every step in order on the training rows: transformers are fitted and applied, samplers
   * resample the rows and labels, the final classifier is fitted on the result.
   *
   * @param X - Training rows: whatever the first step accepts (table rows for an Encoder, a numeric matrix…).
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
  async fit(X: RowsInput, y: ReadonlyArray<Label>): Promise<this> {
    const who = 'Pipeline.fit';
    const n = rowCount(X, who);
    const labels = checkLabels(y, who, 'y', n);
    if (n === 0)
      throw new DataValidationError(`${who}: X has no rows; at least one training row is needed.`, { param: 'X' });
    this.state = undefined;
    let Xt: unknown = X;
    let yt: Label[] = labels;
    const steps = this.params.steps;
    for (let i = 0; i < steps.length; i++) {
      const step = (steps[i] as NamedStep)[1];
      const kind = this.kinds[i] as StepKind;
      if (kind === 'passthrough') continue;
      if (kind === 'sampler') {
        const out = (step as PipelineSampler).fitResample(Xt as never, yt);
        Xt = out.X;
        yt = out.y;
      } else if (kind === 'classifier') {
        await (step as PipelineClassifier).fit(Xt as never, yt);
      } else {
        const t = step as PipelineTransformer;
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
    return this;
  }

  /** Applies the transformers of steps `0 .. end-1`, skipping samplers and passthrough steps. */
  private applyTransformers(X: RowsInput, end: number): unknown {
    let Xt: unknown = X;
    for (let i = 0; i < end; i++) {
      const kind = this.kinds[i];
      if (kind === 'transformer') Xt = ((this.params.steps[i] as NamedStep)[1] as PipelineTransformer).transform(Xt);
    }
    return Xt;
  }

  private finalClassifier(method: string): PipelineClassifier {
    if (this.state === undefined) throw new NotFittedError('Pipeline', method);
    const last = this.finalStep();
    if (this.kinds[this.kinds.length - 1] !== 'classifier') {
      const [name] = this.params.steps[this.params.steps.length - 1] as NamedStep;
      throw new InvalidParameterError(
        'steps',
        `Pipeline.${method}: the final step "${name}" is not a classifier (it has no predict). Put a classifier last to predict.`,
      );
    }
    return last as PipelineClassifier;
  }

  /**
   * Predicts the class of each row: transformers applied, samplers skipped, then the final
   * classifier's `predict`.
   *
   * @param X - Rows in the same form as in `fit`.
   * @throws {@link NotFittedError} before `fit`; {@link InvalidParameterError} when the final step is not a classifier.
   * @example
   * ```ts
   * const yPred = pipe.predict(XTest);
   * ```
   */
  predict(X: RowsInput): Label[] {
    const clf = this.finalClassifier('predict');
    return clf.predict(this.applyTransformers(X, this.kinds.length - 1) as never);
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
    return clf.predictProba(this.applyTransformers(X, this.kinds.length - 1) as never);
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
    if (this.kinds[k] === 'classifier') {
      if (!hasMethod(last, 'transform')) {
        const [name] = this.params.steps[k] as NamedStep;
        throw new InvalidParameterError(
          'steps',
          `Pipeline.transform: the final step "${name}" is a classifier without transform.`,
        );
      }
      Xt = (last as unknown as PipelineTransformer).transform(Xt);
    } else if (this.kinds[k] === 'transformer') {
      Xt = (last as PipelineTransformer).transform(Xt);
    }
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
    const steps: Array<[string, Envelope | 'passthrough' | null]> = this.params.steps.map(([name, step]) => {
      if (step === null || step === 'passthrough') return [name, step];
      if (typeof step.toJSON !== 'function') {
        throw new SerializationError(
          `Pipeline.toJSON: step "${name}" has no toJSON method, so the pipeline cannot be saved.`,
        );
      }
      return [name, step.toJSON()];
    });
    const s = this.state;
    const state: PipelineStateJSON | null =
      s === undefined
        ? null
        : {
            nSamplesIn: s.nSamplesIn,
            nSamplesFinal: s.nSamplesFinal,
            classCountsIn: [...s.classCountsIn.entries()],
            classCountsFinal: [...s.classCountsFinal.entries()],
          };
    return makeEnvelope('Pipeline', VERSION, { steps }, state);
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
    const env = openEnvelope<PipelineParamsJSON, PipelineStateJSON | null>(json, 'Pipeline', VERSION);
    const list = isObject(env.params) ? (env.params as Partial<PipelineParamsJSON>).steps : undefined;
    if (!Array.isArray(list) || list.length === 0) {
      throw new SerializationError(
        'Pipeline.fromJSON: params.steps must be a non-empty array of [name, envelope] pairs.',
      );
    }
    if (!isObject(classes)) {
      throw new SerializationError(
        `Pipeline.fromJSON: the second argument must be an object of classes, e.g. { Encoder, Scaler, SMOTE, MLPClassifier }, received ${describe(classes)}.`,
      );
    }
    const steps: NamedStep[] = list.map((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string') {
        throw new SerializationError(`Pipeline.fromJSON: params.steps[${i}] must be a [name, envelope] pair.`);
      }
      const [name, stepEnv] = pair as [string, unknown];
      if (stepEnv === null || stepEnv === 'passthrough') return [name, stepEnv] as const;
      const format = isObject(stepEnv) ? stepEnv.format : undefined;
      if (typeof format !== 'string' || !format.startsWith(FORMAT_PREFIX)) {
        throw new SerializationError(
          `Pipeline.fromJSON: step "${name}" has format ${describe(format)}; expected "${FORMAT_PREFIX}<ClassName>".`,
        );
      }
      const className = format.slice(FORMAT_PREFIX.length);
      if (className === 'Pipeline')
        return [name, Pipeline.fromJSON(stepEnv, classes) as unknown as PipelineStep] as const;
      const Ctor = Object.hasOwn(classes, className) ? classes[className] : undefined;
      if (!Ctor || typeof Ctor.fromJSON !== 'function') {
        const known = Object.keys(classes);
        throw new SerializationError(
          `Pipeline.fromJSON: step "${name}" was saved by ${className}, but no ${className} was passed (received ${known.length > 0 ? known.join(', ') : 'none'}). Call Pipeline.fromJSON(json, { ${[...known, className].join(', ')} }).`,
        );
      }
      const step = Ctor.fromJSON(stepEnv as never);
      if (isObject(step) && typeof (step as { then?: unknown }).then === 'function') {
        throw new SerializationError(
          `Pipeline.fromJSON: ${className}.fromJSON returned a Promise; Pipeline.fromJSON needs a synchronous fromJSON.`,
        );
      }
      return [name, step as PipelineStep] as const;
    });
    let pipe: Pipeline;
    try {
      pipe = new Pipeline(steps);
    } catch (e) {
      throw new SerializationError(
        `Pipeline.fromJSON: the saved steps do not form a valid pipeline: ${(e as Error).message}`,
      );
    }
    const s = env.state;
    if (s !== null) {
      if (
        !isObject(s) ||
        typeof s.nSamplesIn !== 'number' ||
        typeof s.nSamplesFinal !== 'number' ||
        !Array.isArray(s.classCountsIn) ||
        !Array.isArray(s.classCountsFinal)
      ) {
        throw new SerializationError(
          'Pipeline.fromJSON: state must be null or { nSamplesIn, nSamplesFinal, classCountsIn, classCountsFinal }.',
        );
      }
      const toMap = (pairs: Array<[Label, number]>): Map<Label, number> =>
        new Map([...pairs].map(([k, v]) => [k, v] as [Label, number]).sort((a, b) => compareLabels(a[0], b[0])));
      pipe.state = Object.freeze({
        nSamplesIn: s.nSamplesIn,
        nSamplesFinal: s.nSamplesFinal,
        classCountsIn: toMap(s.classCountsIn),
        classCountsFinal: toMap(s.classCountsFinal),
      });
    }
    return pipe;
  }
}
