export { Sampler } from './Sampler.js';
export type {
  SamplerOptions,
  SamplerParams,
  FittedSampler,
  SamplerContext,
  SyntheticRows,
  SamplerConfig,
} from './Sampler.js';
export type {
  SamplingStrategy,
  PlanContext,
  SamplingStrategyName,
  SamplingStrategyFunction,
  SamplingStrategyRecord,
  SamplingType,
} from './samplingStrategy.js';
export { SMOTE } from './SMOTE.js';
export type { SMOTEOptions, SMOTEParams, SMOTEFitted } from './SMOTE.js';
export { ADASYN } from './ADASYN.js';
export type { ADASYNOptions, ADASYNParams, ADASYNFitted } from './ADASYN.js';
export { SMOTENC } from './SMOTENC.js';
export type { SMOTENCOptions, SMOTENCParams, SMOTENCFitted } from './SMOTENC.js';
export { RandomOverSampler } from './RandomOverSampler.js';
export type { RandomOverSamplerOptions, RandomOverSamplerParams } from './RandomOverSampler.js';
export { RandomUnderSampler } from './RandomUnderSampler.js';
export type { RandomUnderSamplerOptions, RandomUnderSamplerParams } from './RandomUnderSampler.js';
export { KNeighbors } from './neighbors/index.js';
export type { KNeighborsParams, KNeighborsFitted } from './neighbors/index.js';
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
export { EditedNearestNeighbours } from './EditedNearestNeighbours.js';
export type {
  EditedNearestNeighboursOptions,
  EditedNearestNeighboursParams,
  KindSel,
} from './EditedNearestNeighbours.js';
export { RepeatedEditedNearestNeighbours } from './RepeatedEditedNearestNeighbours.js';
export type {
  RepeatedEditedNearestNeighboursOptions,
  RepeatedEditedNearestNeighboursParams,
  RepeatedEditingFitted,
} from './RepeatedEditedNearestNeighbours.js';
export { AllKNN } from './AllKNN.js';
export type { AllKNNOptions, AllKNNParams } from './AllKNN.js';
export { TomekLinks } from './TomekLinks.js';
export type { TomekLinksOptions, TomekLinksParams } from './TomekLinks.js';
export { NeighbourhoodCleaningRule } from './NeighbourhoodCleaningRule.js';
export type { NeighbourhoodCleaningRuleOptions, NeighbourhoodCleaningRuleParams } from './NeighbourhoodCleaningRule.js';
export { NearMiss } from './NearMiss.js';
export type { NearMissOptions, NearMissParams } from './NearMiss.js';
export type { CondensingOptions, CondensingParams } from './CondensingSampler.js';
export { CondensedNearestNeighbour } from './CondensedNearestNeighbour.js';
export type {
  CondensedNearestNeighbourOptions,
  CondensedNearestNeighbourParams,
} from './CondensedNearestNeighbour.js';
export { OneSidedSelection } from './OneSidedSelection.js';
export type { OneSidedSelectionOptions, OneSidedSelectionParams } from './OneSidedSelection.js';
export { KMeans } from './KMeans.js';
export type { KMeansOptions, KMeansParams, KMeansFitted, KMeansInitFunction } from './KMeans.js';
export { BorderlineSMOTE } from './BorderlineSMOTE.js';
export type {
  BorderlineSMOTEOptions,
  BorderlineSMOTEParams,
  BorderlineSMOTEFitted,
  BorderlineKind,
} from './BorderlineSMOTE.js';
export { SMOTEN } from './SMOTEN.js';
export type { SMOTENOptions, SMOTENParams } from './SMOTEN.js';
export { KMeansSMOTE } from './KMeansSMOTE.js';
export type {
  KMeansSMOTEOptions,
  KMeansSMOTEParams,
  KMeansSMOTEFitted,
  KMeansSMOTECluster,
  ClusterEstimator,
} from './KMeansSMOTE.js';
export { ClusterCentroids } from './ClusterCentroids.js';
export type {
  ClusterCentroidsOptions,
  ClusterCentroidsParams,
  ClusterCentroidsFitted,
  CentroidVoting,
} from './ClusterCentroids.js';
export { CombinedSampler } from './CombinedSampler.js';
export type { CombinedSamplerFitted, CombinedSamplerOptions, CombinedSamplerParams } from './CombinedSampler.js';
export { SMOTEENN } from './SMOTEENN.js';
export type { SMOTEENNOptions, SMOTEENNParams } from './SMOTEENN.js';
export { SMOTETomek } from './SMOTETomek.js';
export type { SMOTETomekOptions, SMOTETomekParams } from './SMOTETomek.js';
export { InstanceHardnessThreshold } from './InstanceHardnessThreshold.js';
export type {
  InstanceHardnessThresholdOptions,
  InstanceHardnessThresholdParams,
  InstanceHardnessThresholdFitted,
  HardnessEstimator,
} from './InstanceHardnessThreshold.js';
export { FunctionSampler } from './FunctionSampler.js';
export type {
  FunctionSamplerOptions,
  FunctionSamplerParams,
  FunctionSamplerOutput,
  ResampleFunction,
} from './FunctionSampler.js';
export { makeImbalance } from './makeImbalance.js';
export type { MakeImbalanceOptions, MakeImbalanceResult } from './makeImbalance.js';
