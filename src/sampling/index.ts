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
