export { Pipeline } from './Pipeline.js';
export type { PipelineFitted, PipelineParams, PipelineOptions, PipelineResampling } from './Pipeline.js';
export type { PipelineStep, NamedStep } from './steps.js';
export type { PipelineClasses, LoadableClass, PipelineParamsJSON, PipelineStateJSON } from './pipelineJSON.js';
export { cloneEstimator } from '../core/clone.js';
export { trainTestSplit } from './trainTestSplit.js';
export type { TrainTestSplitOptions, TrainTestSplit, SplitPart } from './trainTestSplit.js';
export { StratifiedKFold } from '../core/StratifiedKFold.js';
export type { StratifiedKFoldOptions, StratifiedKFoldParams, Fold } from '../core/StratifiedKFold.js';
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
export { EnsembleClassifier } from './EnsembleClassifier.js';
export type {
  EnsembleClassifierOptions,
  EnsembleClassifierParams,
  EnsembleClassifierFitted,
  EnsembleFitOptions,
  MemberInput,
} from './EnsembleClassifier.js';
export type { EstimatorFactory } from './ensembleMembers.js';
export { PriorCorrectedClassifier } from './PriorCorrectedClassifier.js';
export type {
  DecisionMetric,
  DecisionSearch,
  DecisionValidation,
  OutOfFoldPredictor,
  DecisionTuning,
  DecisionTuningOptions,
  PriorCorrectedClassifierOptions,
  PriorCorrectedClassifierParams,
  PriorCorrectedFitted,
} from './PriorCorrectedClassifier.js';
export type { DecisionRuleParamsJSON, DecisionRuleStateJSON } from './decisionRuleJSON.js';
export { ColumnTransformer } from './ColumnTransformer.js';
export type {
  ColumnOutput,
  ColumnPart,
  ColumnParts,
  ColumnTransformerFitted,
  ColumnTransformerOptions,
  ColumnTransformerParams,
} from './ColumnTransformer.js';
