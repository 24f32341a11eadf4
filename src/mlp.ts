/**
 * imbalanced-tabular/mlp — the MLPClassifier on `@tensorflow/tfjs-layers` (a peer dependency).
 *
 * @packageDocumentation
 */
export * from './model/index.js';
export {
  ImbalancedTabularError,
  InvalidParameterError,
  DataValidationError,
  NotFittedError,
  SerializationError,
} from './core/errors.js';
