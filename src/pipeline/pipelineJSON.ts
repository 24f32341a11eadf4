/**
 * The JSON form of a {@link Pipeline}: the envelope of every step plus the counts the pipeline
 * learned, and the loader that rebuilds steps from the classes it is given (no global registry).
 * @module
 */
import { SerializationError, describe } from '../core/errors.js';
import { compareLabels } from '../core/labels.js';
import type { Label } from '../core/matrix.js';
import { FORMAT_PREFIX } from '../core/serialization.js';
import type { Envelope } from '../core/serialization.js';
import { isObject } from './steps.js';
import type { NamedStep, PipelineStep } from './steps.js';
import type { PipelineFitted } from './Pipeline.js';

/** A class {@link Pipeline.fromJSON} can build a step with: it has a static `fromJSON`. */
export interface LoadableClass {
  /** Rebuilds an instance from its envelope (e.g. `Scaler.fromJSON`). */
  fromJSON(json: never): unknown;
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

/** Reads a saved `state` back (`undefined` for an unfitted pipeline). @internal */
export function fittedFromJSON(s: unknown): PipelineFitted | undefined {
  if (s === null) return undefined;
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
  return Object.freeze({
    nSamplesIn: s.nSamplesIn,
    nSamplesFinal: s.nSamplesFinal,
    classCountsIn: toMap(s.classCountsIn),
    classCountsFinal: toMap(s.classCountsFinal),
  });
}

/**
 * Rebuilds the saved steps with the classes given; a nested pipeline is rebuilt with
 * `loadPipeline`. @internal
 */
export function stepsFromJSON(
  params: unknown,
  classes: PipelineClasses,
  loadPipeline: (json: unknown, classes: PipelineClasses) => PipelineStep,
): NamedStep[] {
  const list = isObject(params) ? (params as Partial<PipelineParamsJSON>).steps : undefined;
  if (!Array.isArray(list) || list.length === 0) {
    throw new SerializationError(
      'Pipeline.fromJSON: params.steps must be a non-empty array of [name, envelope] pairs.',
    );
  }
  if (!isObject(classes)) {
    throw new SerializationError(
      'Pipeline.fromJSON: the second argument must be an object of classes, e.g. ' +
        `{ Encoder, Scaler, SMOTE, MLPClassifier }, received ${describe(classes)}.`,
    );
  }
  return list.map((pair, i): NamedStep => {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string') {
      throw new SerializationError(`Pipeline.fromJSON: params.steps[${i}] must be a [name, envelope] pair.`);
    }
    const [name, stepEnv] = pair as [string, unknown];
    if (stepEnv === null || stepEnv === 'passthrough') return [name, stepEnv];
    const format = isObject(stepEnv) ? stepEnv.format : undefined;
    if (typeof format !== 'string' || !format.startsWith(FORMAT_PREFIX)) {
      throw new SerializationError(
        `Pipeline.fromJSON: step "${name}" has format ${describe(format)}; expected "${FORMAT_PREFIX}<ClassName>".`,
      );
    }
    const className = format.slice(FORMAT_PREFIX.length);
    if (className === 'Pipeline') return [name, loadPipeline(stepEnv, classes)];
    const Ctor = Object.hasOwn(classes, className) ? classes[className] : undefined;
    if (!Ctor || typeof Ctor.fromJSON !== 'function') {
      const known = Object.keys(classes);
      throw new SerializationError(
        `Pipeline.fromJSON: step "${name}" was saved by ${className}, but no ${className} was passed ` +
          `(received ${known.length > 0 ? known.join(', ') : 'none'}). ` +
          `Call Pipeline.fromJSON(json, { ${[...known, className].join(', ')} }).`,
      );
    }
    const step = Ctor.fromJSON(stepEnv as never);
    if (isObject(step) && typeof (step as { then?: unknown }).then === 'function') {
      throw new SerializationError(
        `Pipeline.fromJSON: ${className}.fromJSON returned a Promise; Pipeline.fromJSON needs a synchronous fromJSON.`,
      );
    }
    return [name, step as PipelineStep];
  });
}
