/**
 * Conformance suites for estimators — run them on your own samplers and transformers.
 *
 * @packageDocumentation
 */
export {
  transformerChecks,
  samplerChecks,
  classifierChecks,
  firstDifference,
  deepFreeze,
  ConformanceError,
} from './conformance.js';
export type {
  Check,
  TransformerSpec,
  SamplerSpec,
  ClassifierSpec,
  TransformerShape,
  SamplerShape,
  ClassifierShape,
  NamedInput,
} from './conformance.js';
export { lazySamplerChecks, type LazySamplerShape, type LazySamplerSpec } from './lazySamplerChecks.js';
