/**
 * How an {@link EnsembleClassifier} makes its members: a fresh, unfitted copy of the estimator
 * with a member seed, or a call of the user's factory; and the seeds and row samples each gets.
 *
 * @internal
 * @module
 */
import type { ProbabilisticClassifier } from '../core/contracts.js';
import { InvalidParameterError, describe } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import { Random } from '../core/Random.js';
import type { Envelope } from '../core/serialization.js';
import { stratify } from '../core/stratify.js';

/** A factory of members: the member's seed and index → a fresh classifier. */
export type EstimatorFactory<C> = (seed: number, index: number) => C;

/** Whether `v` looks like a probabilistic classifier (its methods; `classes` is checked after fit). @internal */
export function isProbabilistic(v: unknown): boolean {
  const c = v as { fit?: unknown; predict?: unknown; predictProba?: unknown } | null;
  return (
    c !== null &&
    typeof c === 'object' &&
    typeof c.fit === 'function' &&
    typeof c.predict === 'function' &&
    typeof c.predictProba === 'function'
  );
}

/**
 * An unfitted copy of `estimator` with `seed` as its seed, rebuilt by its class's `fromJSON` from
 * its own envelope (`params.seed` replaced, `state: null`) — the serialization contract every
 * classifier of the library passes.
 * @throws {@link InvalidParameterError} when the estimator cannot be rebuilt that way.
 * @internal
 */
export function reseeded<C>(estimator: C, seed: number, who: string): C {
  const e = estimator as { toJSON?: () => Envelope; constructor?: { fromJSON?: (json: unknown) => unknown } };
  const fromJSON = e.constructor?.fromJSON;
  if (typeof e.toJSON !== 'function' || typeof fromJSON !== 'function') {
    throw new InvalidParameterError(
      'estimator',
      `${who}: estimator ${describe(estimator)} has no toJSON with a static fromJSON, so no reseeded copy ` +
        'can be made. Pass a factory instead: estimator: (seed) => new MyClassifier({ seed }).',
    );
  }
  const env = e.toJSON();
  const params = env.params;
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new InvalidParameterError('estimator', `${who}: the estimator's envelope has no params object.`);
  }
  let copy: unknown;
  try {
    copy = fromJSON.call(e.constructor, { ...env, params: { ...params, seed }, state: null });
  } catch (cause) {
    throw new InvalidParameterError(
      'estimator',
      `${who}: the estimator could not be rebuilt with a seed (${(cause as Error).message}). Give it a seed ` +
        'option, or pass a factory: estimator: (seed) => new MyClassifier({ seed }).',
    );
  }
  return copy as C;
}

/** The member seeds: `n` draws from a generator seeded with `seed`. @internal */
export function memberSeeds(seed: number, n: number): number[] {
  const rng = new Random(seed);
  return Array.from({ length: n }, () => rng.uint32());
}

/**
 * A bootstrap sample that keeps every class's count: each class's rows drawn with replacement,
 * as many as it has (so every member sees every class). Sorted row indices.
 * @internal
 */
export function stratifiedBootstrap(y: ReadonlyArray<Label>, seed: number): Int32Array {
  const strata = stratify(y, 'sorted');
  // a stream apart from the member's own use of its seed
  const rng = new Random((seed ^ 0x5bd1e995) >>> 0);
  const out = new Int32Array(y.length);
  let p = 0;
  strata.counts.forEach((count, c) => {
    const start = strata.start[c] as number;
    for (let j = 0; j < count; j++) out[p++] = strata.rows[start + rng.int(count)] as number;
  });
  return out.sort();
}

/** The probabilities a member gives, checked against the ensemble's classes. @internal */
export function checkMemberClasses(
  member: ProbabilisticClassifier<never>,
  classes: ReadonlyArray<Label>,
  index: number,
  who: string,
): void {
  const got = member.classes;
  if (got.length !== classes.length || got.some((c, i) => c !== classes[i])) {
    throw new InvalidParameterError(
      'estimator',
      `${who}: member ${index} learned classes [${got.map(describe).join(', ')}], not the ensemble's ` +
        `[${classes.map(describe).join(', ')}]. Members must give probabilities over the same classes.`,
    );
  }
}

/**
 * The most members an ensemble may have: every member is a fitted estimator held in memory, and
 * a count beyond this (`nEstimators: 1e15`) could only fail allocating its seeds.
 * @internal
 */
export const MAX_ESTIMATORS = 1_000_000;
