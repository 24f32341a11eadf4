export { MLPClassifier } from './classifier.js';
export type {
  MLPClassifierOptions,
  MLPClassifierParams,
  MLPFitted,
  MLPMonitor,
  MLPOptimizer,
  MLPActivation,
  MLPBackend,
  ResolvedBackend,
  EarlyStoppingOptions,
  ReduceLROnPlateauOptions,
  MLPValidationData,
  EpochLogs,
  BatchLogs,
  MLPSummary,
  MLPLayerSummary,
} from './classifier.js';
