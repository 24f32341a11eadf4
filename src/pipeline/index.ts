export { Pipeline } from './Pipeline.js';
export type { PipelineFitted, PipelineParams } from './Pipeline.js';
export type { PipelineStep, NamedStep } from './steps.js';
export type { PipelineClasses, LoadableClass, PipelineParamsJSON, PipelineStateJSON } from './pipelineJSON.js';
export { cloneEstimator } from './clone.js';
export { trainTestSplit } from './trainTestSplit.js';
export type { TrainTestSplitOptions, TrainTestSplit, SplitPart } from './trainTestSplit.js';
export { StratifiedKFold } from './StratifiedKFold.js';
export type { StratifiedKFoldOptions, StratifiedKFoldParams, Fold } from './StratifiedKFold.js';
export { crossValidate } from './crossValidate.js';
export type {
  CrossValidateOptions,
  CrossValidateResult,
  FoldResult,
  FoldIndices,
  FoldIndexPair,
  Scoring,
} from './crossValidate.js';
export type { ScorerName, ScorerFn, ScoringContext } from './scorers.js';
