/**
 * An unfitted copy of a sampler with the same options: `new Class(sampler.params)` (a sampler's
 * params are named after its options). The `clone()` of the samplers whose options can hold
 * objects or functions (an estimator, a step, a function), which their JSON cannot carry: without
 * it {@link cloneEstimator} would try the JSON route and fail, so a pipeline holding one could not
 * be cross-validated. Objects in the options are shared, not copied (they are templates the sampler
 * clones or calls, never fits in place). @internal
 */
export function cloneSampler<S extends { readonly params: object }>(sampler: S): S {
  const Ctor = sampler.constructor as new (options: object) => S;
  return new Ctor({ ...sampler.params });
}
