/**
 * Conformance suites for estimators — run them on your own samplers and transformers.
 *
 * @packageDocumentation
 */
export { transformerChecks } from './transformerChecks.js';
export type { TransformerSpec } from './transformerChecks.js';
export { samplerChecks } from './samplerChecks.js';
export type { SamplerSpec } from './samplerChecks.js';
export { classifierChecks } from './classifierChecks.js';
export type { ClassifierSpec } from './classifierChecks.js';
export { jsonTamperChecks } from './jsonTamper.js';
export type { JsonTamperSpec, JsonTamperOption } from './jsonTamper.js';
export { BUILTIN_NAMES } from './adversarialInputs.js';
export type { Check, NamedInput } from './check.js';
export { firstDifference, deepFreeze } from './compare.js';
export { ConformanceError } from './ConformanceError.js';
export { lazySamplerChecks, type LazySamplerShape, type LazySamplerSpec } from './lazySamplerChecks.js';
