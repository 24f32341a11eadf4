/**
 * The JSON form of a {@link Pipeline}: the envelope of every step plus the counts the pipeline
 * learned, and the loader that rebuilds steps from the classes it is given (no global registry).
 * @module
 */
import { ImbalancedTabularError, SerializationError, describe } from '../core/errors.js';
import {
  badField,
  checkLabelSequence,
  readArray,
  readEntries,
  readInteger,
  readLabel,
  readObject,
  readString,
} from '../core/jsonFields.js';
import type { Label } from '../core/matrix.js';
import { FORMAT_PREFIX } from '../core/serialization.js';
import type { Envelope } from '../core/serialization.js';
import { hasMethod, isObject, stepWidths } from './steps.js';
import type { NamedStep, PipelineStep } from './steps.js';
import type { PipelineFitted } from './Pipeline.js';

/** A class {@link Pipeline.fromJSON} can build a step with: it has a static `fromJSON`. */
export interface LoadableClass {
  /**
   * Rebuilds an instance from its envelope (e.g. `Scaler.fromJSON`); it also receives the classes
   * given to {@link Pipeline.fromJSON}, so a step holding other estimators (an
   * `EnsembleClassifier`, a `PriorCorrectedClassifier`) can build what it holds.
   */
  fromJSON(json: never, classes: never): unknown;
}

/**
 * Classes {@link Pipeline.fromJSON} may build, keyed by class name
 * (`{ Encoder, Scaler, SMOTE, MLPClassifier }`).
 */
export type PipelineClasses = Readonly<Record<string, LoadableClass>>;

/** The `params` of a pipeline's JSON envelope. */
export interface PipelineParamsJSON {
  /** Each step's name and envelope (or `'passthrough'` / `null`). */
  steps: Array<[string, Envelope | 'passthrough' | null]>;
  /** `'lazy'` when the pipeline streams its sampler (absent for the default `'eager'`). */
  resampling?: 'lazy';
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

/** The envelope of every step; throws when a step cannot be saved. @internal */
export function stepsToJSON(steps: ReadonlyArray<NamedStep>): PipelineParamsJSON {
  return {
    steps: steps.map(([name, step]) => {
      if (step === null || step === 'passthrough') return [name, step];
      if (typeof step.toJSON !== 'function') {
        throw new SerializationError(
          `Pipeline.toJSON: step "${name}" has no toJSON method, so the pipeline cannot be saved.`,
        );
      }
      return [name, step.toJSON()];
    }),
  };
}

/** The JSON form of what the pipeline learned (`null` when unfitted). @internal */
export function fittedToJSON(s: PipelineFitted | undefined): PipelineStateJSON | null {
  if (s === undefined) return null;
  return {
    nSamplesIn: s.nSamplesIn,
    nSamplesFinal: s.nSamplesFinal,
    classCountsIn: [...s.classCountsIn.entries()],
    classCountsFinal: [...s.classCountsFinal.entries()],
  };
}

const WHO = 'Pipeline.fromJSON';

/**
 * Per-class counts saved as `[label, count]` pairs: distinct labels of one type in sorted order
 * (as toJSON writes them), counts ≥ 1, summing to `total`.
 */
function readCounts(path: string, value: unknown, total: number, totalPath: string): Map<Label, number> {
  const pairs = readEntries(
    WHO,
    path,
    value,
    (v, p) => readLabel(WHO, p, v),
    (v, p) => readInteger(WHO, p, v, { min: 1 }),
  );
  checkLabelSequence(
    WHO,
    path,
    pairs.map(([label]) => label),
    (i) => `${path}[${i}][0]`,
    true,
  );
  let sum = 0;
  for (const [, count] of pairs) sum += count;
  if (sum !== total) {
    throw new SerializationError(
      `${WHO}: the counts of ${path} sum to ${sum}, but ${totalPath} is ${total}; they must agree.`,
      { path },
    );
  }
  return new Map(pairs);
}

/**
 * Reads a saved `state` back (`undefined` for an unfitted pipeline), checking every field: row
 * counts are integers (≥ 1 rows in, ≥ 0 after resampling), class counts are `[label, count]`
 * pairs with distinct, sorted labels of one type and counts ≥ 1 that sum to the row counts. @internal
 */
export function fittedFromJSON(s: unknown): PipelineFitted | undefined {
  if (s === null) return undefined;
  const st = readObject(WHO, 'state', s, {
    required: ['nSamplesIn', 'nSamplesFinal', 'classCountsIn', 'classCountsFinal'],
  });
  const nSamplesIn = readInteger(WHO, 'state.nSamplesIn', st.nSamplesIn, { min: 1 });
  const nSamplesFinal = readInteger(WHO, 'state.nSamplesFinal', st.nSamplesFinal, { min: 0 });
  return Object.freeze({
    nSamplesIn,
    nSamplesFinal,
    classCountsIn: readCounts('state.classCountsIn', st.classCountsIn, nSamplesIn, 'state.nSamplesIn'),
    classCountsFinal: readCounts('state.classCountsFinal', st.classCountsFinal, nSamplesFinal, 'state.nSamplesFinal'),
  });
}

/**
 * Rebuilds the saved steps with the classes given; a nested pipeline is rebuilt with
 * `loadPipeline`. Step names are checked here (non-empty, distinct); anything a step's own
 * `fromJSON` throws — a SerializationError, an InvalidParameterError from its constructor, or a
 * plain TypeError from a loader that trusted its input — comes out as a SerializationError whose
 * path leads to the step (`params.steps[1][1]…`), with the original error as `cause`. @internal
 */
export function stepsFromJSON(
  params: unknown,
  classes: PipelineClasses,
  loadPipeline: (json: unknown, classes: PipelineClasses) => PipelineStep,
): NamedStep[] {
  if (!isObject(classes)) {
    throw new SerializationError(
      `${WHO}: the second argument must be an object of classes, e.g. ` +
        `{ Encoder, Scaler, SMOTE, MLPClassifier }, received ${describe(classes)}.`,
    );
  }
  const p = readObject(WHO, 'params', params, { required: ['steps'], optional: ['resampling'] });
  if (p.resampling !== undefined && p.resampling !== 'lazy')
    badField(WHO, 'params.resampling', "'lazy' or absent", p.resampling);
  const list = readArray(WHO, 'params.steps', p.steps, { min: 1 }, 'an array of [name, envelope] pairs');
  const names = new Set<string>();
  return list.map((pair, i): NamedStep => {
    const at = `params.steps[${i}]`;
    const [nameJ, stepEnv] = readArray(WHO, at, pair, { length: 2 }, 'a [name, envelope] pair');
    const name = readString(WHO, `${at}[0]`, nameJ, { nonEmpty: true });
    if (names.has(name)) badField(WHO, `${at}[0]`, 'a step name not used by an earlier step', name);
    names.add(name);
    if (stepEnv === null || stepEnv === 'passthrough') return [name, stepEnv];
    return [name, buildStep(WHO, name, `${at}[1]`, stepEnv, classes, loadPipeline)];
  });
}

/**
 * Builds one saved estimator with the class its envelope's `format` names, taken from `classes`
 * (`'Pipeline'` is built by `loadPipeline`); the class's `fromJSON` receives `classes` too, so a
 * wrapper can build what it wraps. What the loader throws comes out as a SerializationError whose
 * path starts at `at`; messages call the estimator `label` (a pipeline step: `step "name"`; an
 * ensemble's member: its path). @internal
 */
export function buildStep(
  who: string,
  name: string,
  at: string,
  stepEnv: unknown,
  classes: PipelineClasses,
  loadPipeline: (json: unknown, classes: PipelineClasses) => PipelineStep,
  label = `step "${name}"`,
): PipelineStep {
  const env = readObject(who, `${at}`, stepEnv);
  const format = env.format;
  if (typeof format !== 'string' || !format.startsWith(FORMAT_PREFIX)) {
    throw new SerializationError(
      `${who}: ${label} has format ${describe(format)}; expected "${FORMAT_PREFIX}<ClassName>".`,
      { path: `${at}.format` },
    );
  }
  const className = format.slice(FORMAT_PREFIX.length);
  const Ctor =
    className === 'Pipeline' ? undefined : Object.hasOwn(classes, className) ? classes[className] : undefined;
  if (className !== 'Pipeline' && (!Ctor || typeof Ctor.fromJSON !== 'function')) {
    const known = Object.keys(classes);
    throw new SerializationError(
      `${who}: ${label} was saved by ${className}, but no ${className} was passed ` +
        `(received ${known.length > 0 ? known.join(', ') : 'none'}). ` +
        `Call Pipeline.fromJSON(json, { ${[...known, className].join(', ')} }).`,
      { path: `${at}.format` },
    );
  }
  let step: unknown;
  try {
    step = Ctor
      ? (Ctor.fromJSON as (json: unknown, classes: PipelineClasses) => unknown)(stepEnv, classes)
      : loadPipeline(stepEnv, classes);
  } catch (e) {
    throw stepLoadError(who, label, `${at}`, className, e);
  }
  if (isObject(step) && typeof (step as { then?: unknown }).then === 'function') {
    throw new SerializationError(
      `${who}: ${className}.fromJSON returned a Promise; Pipeline.fromJSON needs a synchronous fromJSON.`,
      { path: `${at}` },
    );
  }
  return step as PipelineStep;
}

/** What a step's loader threw, as a SerializationError whose path starts at the pipeline's root. */
function stepLoadError(who: string, label: string, at: string, className: string, e: unknown): SerializationError {
  const inner = e instanceof SerializationError ? e.path : undefined;
  const path = inner === undefined || inner === '' ? at : `${at}.${inner}`;
  const detail =
    e instanceof ImbalancedTabularError
      ? e.message
      : `${className}.fromJSON threw ${e instanceof Error ? `${e.name}: ${e.message}` : describe(e)}`;
  return new SerializationError(`${who}: ${label} (${at}) cannot be rebuilt. ${detail}`, { path, cause: e });
}

/**
 * Checks that the fitted steps agree on the widths between them: a step that says how many columns
 * it reads (a Scaler, an MLP) must read what the step before it says it writes (an Encoder, a
 * ColumnTransformer, a Scaler). Samplers, placeholders and steps that do not say pass the width on
 * unchecked (a sampler keeps the columns; anything else unknown resets it).
 * @throws {@link SerializationError} at the first step that disagrees. @internal
 */
export function checkStepWidths(steps: ReadonlyArray<NamedStep>): void {
  let width: { value: number; from: string } | undefined;
  steps.forEach(([name, step], i) => {
    if (step === null || step === 'passthrough') return;
    const w = stepWidths(step);
    if (w === 'unfitted') return;
    if (w.in !== undefined && width !== undefined && w.in !== width.value) {
      badField(
        WHO,
        `params.steps[${i}][1]`,
        `fitted on the ${width.value} columns that step "${width.from}" writes`,
        w.in,
        `Step "${name}" reads ${w.in} columns; the document was not written by one fitted pipeline.`,
      );
    }
    if (w.out !== undefined) width = { value: w.out, from: name };
    else if (!hasMethod(step, 'fitResample')) width = undefined;
  });
}
