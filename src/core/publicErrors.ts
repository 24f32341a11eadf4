/**
 * The error classes every entry point re-exports (one copy in the bundle, so `instanceof` works
 * across `imbalanced-tabular`, `/mlp`, `/node` and `/testing`).
 *
 * @module
 */
export {
  ImbalancedTabularError,
  InvalidParameterError,
  DataValidationError,
  NotFittedError,
  SerializationError,
} from './errors.js';
export type { ErrorCode, DataLocation, SerializationLocation } from './errors.js';
