export { Pipeline } from './Pipeline.js';
export type {
  PipelineStep,
  NamedStep,
  PipelineTransformer,
  PipelineSampler,
  PipelineClassifier,
  PipelineFitted,
  PipelineClasses,
  LoadableClass,
  PipelineParams,
  PipelineParamsJSON,
  PipelineStateJSON,
} from './Pipeline.js';
export { cloneEstimator } from './clone.js';
export { trainTestSplit } from './trainTestSplit.js';
export type { TrainTestSplitOptions, TrainTestSplit, SplitPart } from './trainTestSplit.js';
export { StratifiedKFold } from './StratifiedKFold.js';
export type { StratifiedKFoldOptions, StratifiedKFoldParams, Fold } from './StratifiedKFold.js';
export { crossValidate } from './crossValidate.js';
export type {
  CrossValidatable,
  CrossValidateOptions,
  CrossValidateResult,
  FoldResult,
  FoldIndices,
  FoldIndexPair,
  Scoring,
} from './crossValidate.js';
export type { ScorerName, ScorerFn, ScoringContext } from './scorers.js';
