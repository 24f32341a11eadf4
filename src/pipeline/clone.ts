import { InvalidParameterError, describe } from '../core/errors.js';

/**
 * An unfitted copy of an estimator with the same parameters — what {@link crossValidate} fits
 * once per fold.
 *
 * @remarks
 * The protocol, in order:
 * 1. if the estimator has a `clone()` method, its result is used (a {@link Pipeline} clones each
 *    of its steps this way);
 * 2. otherwise, when it has a `params` object (the house estimator contract: the frozen
 *    constructor options), `new estimator.constructor(estimator.params)` — scikit-learn's
 *    `clone(est)` = `type(est)(**est.get_params())`.
 *
 * Anything else is rejected. Parameters are shared, not deep-copied (they are frozen), and
 * nothing learned is carried over. A `seed` left undefined stays undefined, so each clone draws
 * its own.
 *
 * @param estimator - A transformer, sampler, classifier or pipeline.
 * @returns A fresh, unfitted instance.
 * @throws {@link InvalidParameterError} when the estimator has neither `clone()` nor `params`.
 * @example
 * ```ts
 * const fresh = cloneEstimator(new Scaler({ method: 'robust' })); // same options, unfitted
 * ```
 * @see scikit-learn `sklearn.base.clone`.
 */
export function cloneEstimator<T>(estimator: T): T {
  const e = estimator as unknown as { clone?: unknown; params?: unknown; constructor?: unknown };
  if (e === null || typeof e !== 'object') {
    throw new InvalidParameterError('estimator', `cloneEstimator: expected an estimator object, received ${describe(estimator)}.`);
  }
  if (typeof e.clone === 'function') return (e.clone as () => T).call(e);
  const Ctor = e.constructor;
  if (e.params !== null && typeof e.params === 'object' && typeof Ctor === 'function' && Ctor !== Object) {
    return new (Ctor as new (options: unknown) => T)(e.params);
  }
  throw new InvalidParameterError(
    'estimator',
    `cloneEstimator: ${typeof Ctor === 'function' && Ctor.name ? Ctor.name : 'this object'} has neither a clone() method nor a params object, so an unfitted copy cannot be made. Add clone() (or store the constructor options as params).`,
  );
}
