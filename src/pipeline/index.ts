export { Pipeline } from './Pipeline.js';
export type {
  PipelineStep,
  NamedStep,
  PipelineTransformer,
  PipelineSampler,
  PipelineClassifier,
  PipelineFitted,
  PipelineClasses,
} from './Pipeline.js';
export { cloneEstimator } from './clone.js';
export type { RowsInput, ColumnRows } from './rows.js';
export { trainTestSplit } from './trainTestSplit.js';
export type { TrainTestSplitOptions, TrainTestSplit, SplitPart } from './trainTestSplit.js';
export { StratifiedKFold } from './StratifiedKFold.js';
export type { StratifiedKFoldOptions, Fold } from './StratifiedKFold.js';
export { crossValidate } from './crossValidate.js';
export type { CrossValidatable, CrossValidateOptions, CrossValidateResult, FoldResult, FoldIndices, Scoring } from './crossValidate.js';
export type { ScorerName, ScorerFn, ScoringContext } from './scorers.js';
export { computeClassWeight, computeSampleWeight } from './classWeight.js';
export type { ClassWeightSpec } from './classWeight.js';
