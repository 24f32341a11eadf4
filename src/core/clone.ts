import { InvalidParameterError, describe } from './errors.js';

/**
 * An unfitted copy of an estimator with the same parameters — what {@link crossValidate} fits
 * once per fold.
 *
 * @remarks
 * The protocol, in order:
 * 1. if the estimator has a `clone()` method, its result is used (a {@link Pipeline} clones each
 *    of its steps this way);
 * 2. otherwise, when it has `toJSON()` and its class a static `fromJSON`, the class rebuilds it
 *    from its own envelope with the learned state dropped: `Class.fromJSON({ ...est.toJSON(),
 *    state: null })` — the serialization contract every estimator of this library passes
 *    (used only when it returns an instance of the same class, so a subclass that inherits its
 *    parent's `fromJSON` goes on to route 3);
 * 3. otherwise, when it has a `params` object (the frozen constructor options),
 *    `new estimator.constructor(estimator.params)` — scikit-learn's
 *    `clone(est)` = `type(est)(**est.get_params())`.
 *
 * Anything else is rejected. Nothing learned is carried over. A `seed` left undefined stays
 * undefined, so each clone draws its own. Options that JSON cannot hold (callbacks such as the
 * MLP's `onEpochEnd`) are not carried by route 2; give your class a `clone()` if they matter.
 *
 * @param estimator - A transformer, sampler, classifier or pipeline.
 * @returns A fresh, unfitted instance.
 * @throws {@link InvalidParameterError} when the estimator has neither `clone()`, nor
 * `toJSON` with a static `fromJSON`, nor `params`.
 * @example
 * ```ts
 * const fresh = cloneEstimator(new Scaler({ method: 'robust' })); // same options, unfitted
 * ```
 * @see scikit-learn `sklearn.base.clone`.
 */
export function cloneEstimator<T>(estimator: T): T {
  const e = estimator as unknown as { clone?: unknown; params?: unknown; constructor?: unknown };
  if (e === null || typeof e !== 'object') {
    throw new InvalidParameterError(
      'estimator',
      `cloneEstimator: expected an estimator object, received ${describe(estimator)}.`,
    );
  }
  if (typeof e.clone === 'function') return (e.clone as () => T).call(e);
  const Ctor = e.constructor;
  const fromJSON = typeof Ctor === 'function' ? (Ctor as unknown as { fromJSON?: unknown }).fromJSON : undefined;
  const toJSON = (e as { toJSON?: unknown }).toJSON;
  if (typeof fromJSON === 'function' && typeof toJSON === 'function') {
    const env = toJSON.call(e) as Record<string, unknown>;
    const copy = (fromJSON as (json: unknown) => T).call(Ctor, { ...env, state: null });
    // A subclass that inherits its parent's fromJSON gets a parent instance back: use route 3.
    if (Object.getPrototypeOf(copy) === Object.getPrototypeOf(e)) return copy;
  }
  if (e.params !== null && typeof e.params === 'object' && typeof Ctor === 'function' && Ctor !== Object) {
    return new (Ctor as new (options: unknown) => T)(e.params);
  }
  throw new InvalidParameterError(
    'estimator',
    `cloneEstimator: ${typeof Ctor === 'function' && Ctor.name ? Ctor.name : 'this object'} has neither a ` +
      'clone() method, nor toJSON with a static fromJSON, nor a params object, so an unfitted copy cannot be ' +
      'made. Add clone() (or toJSON/fromJSON, or store the constructor options as params).',
  );
}
