/**
 * The JSON form of an {@link EnsembleClassifier}: its options (the estimator's own envelope) and
 * its members' envelopes, both ways; members are rebuilt by the classes the caller passes.
 *
 * @internal
 * @module
 */
import type { ProbabilisticClassifier } from '../core/contracts.js';
import { buildStep } from './pipelineJSON.js';
import { SerializationError, describe } from '../core/errors.js';
import { badField, readArray, readBoolean, readInteger, readLabels, readObject } from '../core/jsonFields.js';
import { type Envelope, makeEnvelope, openEnvelope } from '../core/serialization.js';
import type {
  EnsembleClassifierFitted,
  EnsembleClassifierOptions,
  EnsembleClassifierParams,
} from './EnsembleClassifier.js';
import { type EstimatorFactory, MAX_ESTIMATORS, isProbabilistic } from './ensembleMembers.js';
import type { PipelineClasses } from './pipelineJSON.js';
import { isObject } from './steps.js';

const CLASS = 'EnsembleClassifier';
const VERSION = 1;
const WHO = `${CLASS}.fromJSON`;

/** The envelope of an ensemble (members must serialize). @internal */
export function ensembleToJSON<C extends ProbabilisticClassifier<never>>(
  p: EnsembleClassifierParams<C>,
  st: EnsembleClassifierFitted<C> | undefined,
): Envelope {
  const envelopeOf = (m: unknown, what: string): Envelope => {
    const toJSON = (m as { toJSON?: unknown }).toJSON;
    if (typeof toJSON !== 'function') {
      throw new SerializationError(`${CLASS}.toJSON: ${what} has no toJSON method, so the ensemble cannot be saved.`);
    }
    return toJSON.call(m) as Envelope;
  };
  const estimator =
    typeof p.estimator === 'function' ? null : { ...envelopeOf(p.estimator, 'the estimator'), state: null };
  return makeEnvelope(
    CLASS,
    VERSION,
    {
      estimator,
      nEstimators: p.nEstimators,
      seeds: p.seeds === undefined ? null : [...p.seeds],
      seed: p.seed ?? null,
      bootstrap: p.bootstrap,
      crossFit: p.crossFit,
    },
    st === undefined
      ? null
      : {
          classes: [...st.classes],
          seeds: [...st.seeds],
          seed: st.seed ?? null,
          members: st.members.map((m, i) => envelopeOf(m, `member ${i}`)),
        },
  );
}

/**
 * What {@link ensembleFromJSON} read: the constructor options, the fitted state, and whether the
 * estimator was a factory. @internal
 */
export interface LoadedEnsemble<C> {
  /** The options to construct with. */
  readonly options: EnsembleClassifierOptions<C>;
  /** The fitted state, `undefined` for an unfitted ensemble. */
  readonly fitted: EnsembleClassifierFitted<C> | undefined;
  /** Whether the ensemble was saved with a factory (it cannot refit). */
  readonly factory: boolean;
  /** The document's params and state as read (for the write-back check). */
  readonly read: { readonly params: unknown; readonly state: unknown };
}

/**
 * Reads an ensemble's envelope, building its estimator and members with `classes`.
 * @throws {@link SerializationError} naming the path of the first bad field.
 * @internal
 */
export function ensembleFromJSON<C extends ProbabilisticClassifier<never>>(
  json: unknown,
  classes: PipelineClasses,
): LoadedEnsemble<C> {
  if (!isObject(classes)) {
    throw new SerializationError(
      `${WHO}: the second argument must be an object of the members' classes, e.g. { MLPClassifier }, ` +
        `received ${describe(classes)}.`,
    );
  }
  const env = openEnvelope(json, CLASS, VERSION);
  const p = readObject(WHO, 'params', env.params, {
    required: ['estimator', 'nEstimators', 'seeds', 'seed', 'bootstrap', 'crossFit'],
  });
  const nEstimators = readInteger(WHO, 'params.nEstimators', p.nEstimators, { min: 1, max: MAX_ESTIMATORS });
  const seedsOf = (path: string, v: unknown) =>
    readArray(WHO, path, v, { length: nEstimators }, 'an array of seeds').map((s, i) =>
      readInteger(WHO, `${path}[${i}]`, s, { min: 0, max: 0xffff_ffff }),
    );
  const seeds = p.seeds === null ? undefined : seedsOf('params.seeds', p.seeds);
  const seed = p.seed === null ? undefined : readInteger(WHO, 'params.seed', p.seed, { min: 0, max: 0xffff_ffff });
  const bootstrap = readBoolean(WHO, 'params.bootstrap', p.bootstrap);
  const crossFit = p.crossFit === null ? null : readInteger(WHO, 'params.crossFit', p.crossFit, { min: 2 });
  if (crossFit !== null && (bootstrap || nEstimators % crossFit !== 0)) {
    badField(WHO, 'params.crossFit', 'null with bootstrap, else a divisor of params.nEstimators', p.crossFit);
  }
  const factory = p.estimator === null;
  const estimator: C | EstimatorFactory<C> = factory
    ? () => {
        throw new SerializationError(`${CLASS}: saved with an estimator factory; it cannot make new members.`);
      }
    : (loadEnvelope('params.estimator', p.estimator, classes) as C);
  const options: EnsembleClassifierOptions<C> = {
    estimator,
    nEstimators,
    bootstrap,
    crossFit,
    ...(seeds === undefined ? {} : { seeds }),
    ...(seed === undefined ? {} : { seed }),
  };
  const read = { params: env.params, state: env.state };
  if (env.state === null) return { options, fitted: undefined, factory, read };
  const s = readObject(WHO, 'state', env.state, { required: ['classes', 'seeds', 'seed', 'members'] });
  const labels = readLabels(WHO, 'state.classes', s.classes, { min: 1, sorted: true });
  const fittedSeeds = seedsOf('state.seeds', s.seeds);
  const fittedSeed = s.seed === null ? undefined : readInteger(WHO, 'state.seed', s.seed, { min: 0 });
  const members = readArray(WHO, 'state.members', s.members, { length: nEstimators }).map((m, i) => {
    const path = `state.members[${i}]`;
    const member = loadEnvelope(path, m, classes) as C;
    let got: readonly unknown[];
    try {
      got = member.classes;
    } catch {
      return badField(WHO, path, 'a fitted classifier', m);
    }
    if (got.length !== labels.length || got.some((c, j) => c !== labels[j])) {
      badField(
        WHO,
        `${path}`,
        `a classifier of classes [${labels.map(describe).join(', ')}]`,
        `classes [${got.join(', ')}]`,
      );
    }
    if (!factory) sameAsEstimator(path, m, p.estimator, fittedSeeds[i] as number);
    return member;
  });
  if (seed !== undefined && fittedSeed !== seed) badField(WHO, 'state.seed', `${seed} (params.seed)`, s.seed);
  if (seed === undefined && seeds === undefined && fittedSeed === undefined) {
    badField(WHO, 'state.seed', 'the seed drawn at fit (params.seed and params.seeds are null)', s.seed);
  }
  if (seeds !== undefined && fittedSeeds.some((v, i) => v !== seeds[i])) {
    badField(WHO, 'state.seeds', `[${seeds.join(', ')}] (params.seeds)`, s.seeds);
  }
  return {
    options,
    fitted: { classes: labels, members, seeds: fittedSeeds, seed: fittedSeed },
    factory,
    read,
  };
}

/**
 * A member made from an estimator instance is that estimator reseeded: its saved params equal the
 * estimator's except `seed`, which is the member's fitted seed.
 */
function sameAsEstimator(path: string, member: unknown, estimator: unknown, seed: number): void {
  const paramsOf = (v: unknown): Record<string, unknown> => ({ ...((v as { params?: object }).params ?? {}) });
  const mine = paramsOf(member);
  const template = paramsOf(estimator);
  if ('seed' in mine && mine.seed !== seed) badField(WHO, `${path}.params.seed`, `${seed} (state.seeds)`, mine.seed);
  delete mine.seed;
  delete template.seed;
  if (JSON.stringify(mine) !== JSON.stringify(template)) {
    badField(WHO, `${path}.params`, "the params of params.estimator (apart from 'seed')", member);
  }
}

/** Builds the estimator saved at `path` with the class its format names. */
function loadEnvelope(path: string, value: unknown, classes: PipelineClasses): unknown {
  const built: unknown = buildStep(
    WHO,
    path,
    path,
    value,
    classes,
    () => badField(WHO, `${path}.format`, 'a classifier, not a Pipeline', 'Pipeline'),
    path,
  );
  if (!isProbabilistic(built)) badField(WHO, path, 'a classifier with fit, predict and predictProba', built);
  return built;
}
