/**
 * What a pipeline step is, and how the {@link Pipeline} tells the kinds apart (imbalanced-learn's
 * rules) and validates a list of named steps.
 * @module
 */
import { InvalidParameterError, NotFittedError, describe } from '../core/errors.js';
import type { ClassifierLike, SamplerLike, Transformer } from '../core/contracts.js';
import { invalid } from '../core/validate.js';

/**
 * One step of a {@link Pipeline}: a {@link Transformer}, a {@link SamplerLike}, a final
 * {@link ClassifierLike}, or `'passthrough'` / `null` (a placeholder that leaves the data
 * unchanged).
 *
 * @remarks
 * Inputs are typed `never` so that any estimator fits, whatever rows it accepts (the Encoder takes
 * table rows, the Scaler numeric matrices): what flows between steps is only known at run time.
 */
export type PipelineStep = Transformer<never> | SamplerLike<never> | ClassifierLike<never> | 'passthrough' | null;

/** A named step: `[name, step]`. */
export type NamedStep = readonly [name: string, step: PipelineStep];

/** What the pipeline decided each step is. @internal */
export type StepKind = 'transformer' | 'sampler' | 'classifier' | 'passthrough';

/** Whether `v` is a non-null object. @internal */
export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object';
}

/** Whether `v` is an object with a method called `name`. @internal */
export function hasMethod(v: unknown, name: string): boolean {
  return isObject(v) && typeof v[name] === 'function';
}

function stepError(message: string): InvalidParameterError {
  return new InvalidParameterError('steps', message);
}

/**
 * The kind of one step: a step with `fitResample` is a sampler (and may not also transform), the
 * last step may be a classifier (`fit` + `predict`), any other step must be a transformer.
 * @internal
 */
export function stepKind(name: string, index: number, step: unknown, last: boolean): StepKind {
  if (step === null || step === 'passthrough') return 'passthrough';
  const where = `Pipeline: step "${name}" (index ${index})`;
  if (!isObject(step)) {
    throw stepError(
      `${where} is ${describe(step)}; expected a transformer (fit + transform), a sampler (fitResample), ` +
        `a classifier (fit + predict), 'passthrough' or null.`,
    );
  }
  const sampler = hasMethod(step, 'fitResample');
  const transformer = hasMethod(step, 'fit') && hasMethod(step, 'transform');
  if (sampler && (hasMethod(step, 'transform') || hasMethod(step, 'fitTransform'))) {
    throw stepError(
      `${where} has both fitResample and transform, so it is both a sampler and a transformer. ` +
        `A step must be one or the other (imbalanced-learn's rule): wrap it, or split it into two steps.`,
    );
  }
  if (sampler) return 'sampler';
  if (last && hasMethod(step, 'fit') && hasMethod(step, 'predict')) return 'classifier';
  if (transformer) return 'transformer';
  throw stepError(
    last
      ? `${where} is the final step but has neither fit + predict (a classifier) nor fit + transform ` +
          '(a transformer) nor fitResample (a sampler).'
      : `${where} is an intermediate step but is neither a transformer (fit + transform) nor a sampler ` +
          '(fitResample). Only the final step may be a classifier.',
  );
}

/**
 * Validates a list of named steps: a non-empty array of `[name, step]` pairs with unique,
 * non-empty names, no object used twice, and every step of a known kind. Returns the frozen pairs
 * and the kind of each step.
 * @internal
 */
export function checkSteps(steps: unknown): { steps: ReadonlyArray<NamedStep>; kinds: ReadonlyArray<StepKind> } {
  if (!Array.isArray(steps) || steps.length === 0) {
    invalid('Pipeline', 'steps', 'a non-empty array of [name, step] pairs', steps);
  }
  const names = new Set<string>();
  const objects = new Map<unknown, string>();
  const kinds: StepKind[] = [];
  const frozen: NamedStep[] = [];
  steps.forEach((pair: unknown, i: number) => {
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw stepError(`Pipeline: steps[${i}] must be a [name, step] pair, received ${describe(pair)}.`);
    }
    const [name, step] = pair as [unknown, unknown];
    if (typeof name !== 'string' || name.length === 0) {
      throw stepError(`Pipeline: steps[${i}] has name ${describe(name)}; names must be non-empty strings.`);
    }
    if (names.has(name)) {
      throw stepError(`Pipeline: the step name "${name}" is used twice (steps[${i}]). Give every step a unique name.`);
    }
    names.add(name);
    kinds.push(stepKind(name, i, step, i === steps.length - 1));
    if (isObject(step)) {
      const other = objects.get(step);
      if (other !== undefined) {
        throw stepError(
          `Pipeline: steps "${other}" and "${name}" are the same object; fitting one would overwrite the other. ` +
            'Pass separate instances.',
        );
      }
      objects.set(step, name);
    }
    frozen.push(Object.freeze([name, step as PipelineStep]) as NamedStep);
  });
  return { steps: Object.freeze(frozen), kinds: Object.freeze(kinds) };
}

/** The input and output widths a fitted step reports (see {@link stepWidths}). @internal */
export interface StepWidths {
  /** Columns the step reads, when it says (`fitted.nFeaturesIn`: a Scaler, an MLP). */
  readonly in?: number;
  /**
   * Columns the step writes, when it says: `featureNames()` (an Encoder), `fitted.featureNames`
   * (a TargetEncoder), `fitted.nFeaturesOut` (a ColumnTransformer); a transformer that reports
   * only its input width (a Scaler) writes as many columns.
   */
  readonly out?: number;
}

/**
 * What a step reports of its widths once fitted; `'unfitted'` when asking throws NotFittedError,
 * `{}` when it does not say. Loaders compare these with their neighbours' (a saved document whose
 * steps or parts disagree on a width is not a document any fit wrote).
 * @internal
 */
export function stepWidths(step: unknown): StepWidths | 'unfitted' {
  if (!isObject(step)) return {};
  const count = (v: unknown) => (Number.isSafeInteger(v) ? (v as number) : undefined);
  try {
    const fitted = (step as { fitted?: unknown }).fitted;
    const f = isObject(fitted) ? fitted : {};
    const named = hasMethod(step, 'featureNames')
      ? (step as { featureNames: () => unknown }).featureNames()
      : f.featureNames;
    const inWidth = count(f.nFeaturesIn);
    const out =
      (Array.isArray(named) ? named.length : undefined) ??
      count(f.nFeaturesOut) ??
      (hasMethod(step, 'transform') && !hasMethod(step, 'predict') ? inWidth : undefined);
    return { ...(inWidth === undefined ? {} : { in: inWidth }), ...(out === undefined ? {} : { out }) };
  } catch (e) {
    if (e instanceof NotFittedError) return 'unfitted';
    throw e;
  }
}
