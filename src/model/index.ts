export { MLPClassifier } from './MLPClassifier.js';
export type {
  MLPClassifierOptions,
  MLPFitOptions,
  MLPClassifierParams,
  MLPMonitor,
  MLPOptimizer,
  EarlyStoppingOptions,
  ReduceLROnPlateauOptions,
  MLPValidationData,
  EpochLogs,
  BatchLogs,
} from './options.js';
export type { MLPFitted } from './fitted.js';
export type { LayersModel } from './layersModel.js';
export type { MLPSummary, MLPLayerSummary } from './architecture.js';
export type { MLPActivation } from './Network.js';
export type { MLPBackend, ResolvedBackend } from './backend.js';
