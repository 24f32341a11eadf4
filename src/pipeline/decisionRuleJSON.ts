/**
 * The JSON form of a {@link PriorCorrectedClassifier}: its envelope's `params` and `state`, and the
 * reader that checks every field (a SerializationError naming the path of the first bad one).
 * @module
 */
import type { ProbabilisticClassifier } from '../core/contracts.js';
import { SerializationError } from '../core/errors.js';
import {
  badField,
  readInteger,
  readLabels,
  readNumber,
  readNumbers,
  readObject,
  readArray,
  readOneOf,
} from '../core/jsonFields.js';
import type { Label } from '../core/matrix.js';
import { openEnvelope } from '../core/serialization.js';
import type { Envelope } from '../core/serialization.js';
import { buildStep } from './pipelineJSON.js';
import type { PipelineClasses } from './pipelineJSON.js';
import type { DecisionTuning, PriorCorrectedFitted } from './PriorCorrectedClassifier.js';
import type { PipelineStep } from './steps.js';
import { hasMethod } from './steps.js';

/** The `params` of a {@link PriorCorrectedClassifier}'s envelope. */
export interface DecisionRuleParamsJSON {
  /** The wrapped classifier's envelope (with its fitted state). */
  classifier: Envelope;
  /** The α given to the constructor. */
  alpha: number;
  /** The resolved tuning options, or `null`. */
  tune: DecisionTuning | null;
}

/** The `state` of a fitted {@link PriorCorrectedClassifier}'s envelope (see {@link PriorCorrectedFitted}). */
export interface DecisionRuleStateJSON {
  /** The classes, sorted. */
  classes: Label[];
  /** The class shares of the training data, in `classes` order. */
  priors: number[];
  /** The α in use. */
  alpha: number;
  /** The per-class offsets, in `classes` order. */
  offsets: number[];
  /** The matrix `W` of a `'linear'` rule (one row per class), or `null`. */
  weights: number[][] | null;
  /** The tuned metric on the validation rows, or `null`. */
  validationScore: number | null;
  /** Rows held out for tuning. */
  nValidation: number;
}

/** What {@link decisionRuleFromJSON} read. @internal */
export interface DecisionRuleRead {
  classifier: ProbabilisticClassifier<never>;
  alpha: number;
  tune: DecisionTuning | null;
  state: PriorCorrectedFitted | undefined;
}

const UNIT = { ge: 0, le: 1 };

/**
 * Opens and checks a saved decision rule; the wrapped classifier is built by the class its
 * envelope names, taken from `classes`. @internal
 */
export function decisionRuleFromJSON(
  json: unknown,
  classes: PipelineClasses,
  className: string,
  version: number,
): DecisionRuleRead {
  const who = `${className}.fromJSON`;
  const env = openEnvelope<unknown, unknown>(json, className, version);
  const p = readObject(who, 'params', env.params, { required: ['classifier', 'alpha', 'tune'] });
  const built: PipelineStep = buildStep(who, 'classifier', 'params.classifier', p.classifier, classes, () =>
    badField(who, 'params.classifier.format', 'a classifier, not a Pipeline', 'Pipeline'),
  );
  if (!hasMethod(built, 'predictProba')) badField(who, 'params.classifier', 'a classifier with predictProba', built);
  const alpha = readNumber(who, 'params.alpha', p.alpha, { interval: { ge: 0, le: 2 } });
  const tune = p.tune === null ? null : readTuning(who, p.tune);
  const state = env.state === null ? undefined : readState(who, env.state);
  const inner = built as ProbabilisticClassifier<never>;
  if (state !== undefined) {
    let innerClasses: ReadonlyArray<Label> | undefined;
    try {
      innerClasses = inner.classes;
    } catch {
      innerClasses = undefined;
    }
    const same =
      innerClasses !== undefined &&
      innerClasses.length === state.classes.length &&
      innerClasses.every((c, i) => c === state.classes[i]);
    if (!same) {
      throw new SerializationError(
        `${who}: state.classes does not match the classes of the wrapped classifier ` +
          '(is it fitted, and saved with the same rule?).',
        { path: 'state.classes' },
      );
    }
  }
  return { classifier: inner, alpha, tune, state };
}

function readTuning(who: string, value: unknown): DecisionTuning {
  const t = readObject(who, 'params.tune', value, {
    required: ['search', 'metric', 'validation', 'validationFraction', 'seed'],
  });
  return Object.freeze({
    search: readOneOf(who, 'params.tune.search', t.search, ['alpha', 'offsets', 'linear'] as const),
    validation: readOneOf(who, 'params.tune.validation', t.validation, ['holdout', 'outOfFold'] as const),
    metric: readOneOf(who, 'params.tune.metric', t.metric, ['balancedAccuracy', 'macroF1', 'geometricMean'] as const),
    validationFraction: readNumber(who, 'params.tune.validationFraction', t.validationFraction, {
      interval: { gt: 0, lt: 1 },
    }),
    seed: readInteger(who, 'params.tune.seed', t.seed, { min: 0 }),
  });
}

function readState(who: string, value: unknown): PriorCorrectedFitted {
  const s = readObject(who, 'state', value, {
    required: ['classes', 'priors', 'alpha', 'offsets', 'weights', 'validationScore', 'nValidation'],
  });
  const classes = readLabels(who, 'state.classes', s.classes, { min: 1, sorted: true });
  const k = classes.length;
  const priors = [...readNumbers(who, 'state.priors', s.priors, { length: k, interval: UNIT })];
  const offsets = [...readNumbers(who, 'state.offsets', s.offsets, { length: k })];
  const nValidation = readInteger(who, 'state.nValidation', s.nValidation, { min: 0 });
  const weights =
    s.weights === null
      ? null
      : readArray(who, 'state.weights', s.weights, { length: k }, 'an array of one row of weights per class').map(
          (row, c) => Object.freeze([...readNumbers(who, `state.weights[${c}]`, row, { length: k })]),
        );
  // a tuned rule records its validation rows and score; an untuned one neither
  if ((s.validationScore === null) !== (nValidation === 0)) {
    const expected = nValidation === 0 ? 'null (state.nValidation is 0)' : 'a number (state.nValidation > 0)';
    badField(who, 'state.validationScore', expected, s.validationScore);
  }
  return Object.freeze({
    classes: Object.freeze(classes),
    priors: Object.freeze(priors),
    alpha: readNumber(who, 'state.alpha', s.alpha, { interval: { ge: 0, le: 2 } }),
    offsets: Object.freeze(offsets),
    weights: weights === null ? null : Object.freeze(weights),
    validationScore: s.validationScore === null ? null : readNumber(who, 'state.validationScore', s.validationScore),
    nValidation,
  });
}
