export {
  Sampler,
  type SamplerOptions,
  type SamplerParams,
  type FittedSampler,
  type SamplerContext,
  type SyntheticRows,
  type SamplerConfig,
} from './Sampler.js';
export type {
  SamplingStrategy,
  PlanContext,
  SamplingStrategyName,
  SamplingStrategyFunction,
  SamplingStrategyRecord,
  SamplingType,
} from './samplingStrategy.js';
export { SMOTE, type SMOTEOptions, type SMOTEParams, type SMOTEFitted } from './SMOTE.js';
export { ADASYN, type ADASYNOptions, type ADASYNParams, type ADASYNFitted } from './ADASYN.js';
export { SMOTENC, type SMOTENCOptions, type SMOTENCParams, type SMOTENCFitted } from './SMOTENC.js';
export { RandomOverSampler, type RandomOverSamplerOptions, type RandomOverSamplerParams } from './RandomOverSampler.js';
export {
  RandomUnderSampler,
  type RandomUnderSamplerOptions,
  type RandomUnderSamplerParams,
} from './RandomUnderSampler.js';
export { KNeighbors, type KNeighborsParams, type KNeighborsFitted } from './neighbors/index.js';
export type { NeighborSearch, KNeighborsResult, KNeighborsOptions } from './neighbors/types.js';
export type {
  SamplerStreamOptions,
  StreamContext,
  StreamPlan,
  StreamClass,
  EpochClass,
  OriginalDraw,
  SyntheticGenerator,
  SyntheticBatch,
} from './lazy/streamPlan.js';
export type { CleaningStrategy, CleaningStrategyName } from './cleaningStrategy.js';
export {
  EditedNearestNeighbours,
  type EditedNearestNeighboursOptions,
  type EditedNearestNeighboursParams,
  type KindSel,
} from './EditedNearestNeighbours.js';
export {
  RepeatedEditedNearestNeighbours,
  type RepeatedEditedNearestNeighboursOptions,
  type RepeatedEditedNearestNeighboursParams,
  type RepeatedEditingFitted,
} from './RepeatedEditedNearestNeighbours.js';
export { AllKNN, type AllKNNOptions, type AllKNNParams } from './AllKNN.js';
export { TomekLinks, type TomekLinksOptions, type TomekLinksParams } from './TomekLinks.js';
export {
  NeighbourhoodCleaningRule,
  type NeighbourhoodCleaningRuleOptions,
  type NeighbourhoodCleaningRuleParams,
} from './NeighbourhoodCleaningRule.js';
export { NearMiss, type NearMissOptions, type NearMissParams } from './NearMiss.js';
export type { CondensingOptions, CondensingParams } from './CondensingSampler.js';
export {
  CondensedNearestNeighbour,
  type CondensedNearestNeighbourOptions,
  type CondensedNearestNeighbourParams,
} from './CondensedNearestNeighbour.js';
export { OneSidedSelection, type OneSidedSelectionOptions, type OneSidedSelectionParams } from './OneSidedSelection.js';
export { KMeans, type KMeansOptions, type KMeansParams, type KMeansFitted, type KMeansInitFunction } from './KMeans.js';
export {
  MiniBatchKMeans,
  type MiniBatchKMeansOptions,
  type MiniBatchKMeansParams,
  type MiniBatchKMeansFitted,
} from './MiniBatchKMeans.js';
export {
  BorderlineSMOTE,
  type BorderlineSMOTEOptions,
  type BorderlineSMOTEParams,
  type BorderlineSMOTEFitted,
  type BorderlineKind,
} from './BorderlineSMOTE.js';
export { SMOTEN, type SMOTENOptions, type SMOTENParams } from './SMOTEN.js';
export {
  KMeansSMOTE,
  type KMeansSMOTEOptions,
  type KMeansSMOTEParams,
  type KMeansSMOTEFitted,
  type KMeansSMOTECluster,
  type ClusterEstimator,
} from './KMeansSMOTE.js';
export {
  ClusterCentroids,
  type ClusterCentroidsOptions,
  type ClusterCentroidsParams,
  type ClusterCentroidsFitted,
  type CentroidVoting,
} from './ClusterCentroids.js';
export {
  CombinedSampler,
  type CombinedSamplerFitted,
  type CombinedSamplerOptions,
  type CombinedSamplerParams,
} from './CombinedSampler.js';
export { SMOTEENN, type SMOTEENNOptions, type SMOTEENNParams } from './SMOTEENN.js';
export { SMOTETomek, type SMOTETomekOptions, type SMOTETomekParams } from './SMOTETomek.js';
export {
  InstanceHardnessThreshold,
  type InstanceHardnessThresholdOptions,
  type InstanceHardnessThresholdParams,
  type InstanceHardnessThresholdFitted,
  type HardnessEstimator,
} from './InstanceHardnessThreshold.js';
export {
  FunctionSampler,
  type FunctionSamplerOptions,
  type FunctionSamplerParams,
  type FunctionSamplerOutput,
  type ResampleFunction,
} from './FunctionSampler.js';
export { makeImbalance, type MakeImbalanceOptions, type MakeImbalanceResult } from './makeImbalance.js';
