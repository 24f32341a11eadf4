/**
 * imbalanced-tabular/mlp — the MLPClassifier on `@tensorflow/tfjs-layers` (a peer dependency).
 *
 * @packageDocumentation
 */
export * from './model/index.js';
export * from './core/publicErrors.js';
