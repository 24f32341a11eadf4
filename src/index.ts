/**
 * imbalanced-tabular — imbalanced tabular classification for TypeScript.
 *
 * The core entry: encoding, scaling, resampling, metrics and the pipeline. It never imports
 * tfjs; the MLP lives in `imbalanced-tabular/mlp`.
 *
 * @packageDocumentation
 */
export * from './core/index.js';
export { Matrix } from 'ml-matrix';
export * from './preprocessing/index.js';
export * from './sampling/index.js';
export * from './metrics/index.js';
export * from './pipeline/index.js';
