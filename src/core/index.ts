export * from './publicErrors.js';
export { Random, drawSeed } from './Random.js';
export type { IndexedArray } from './Random.js';
export type { MatrixInput, NumericRow, Label } from './matrix.js';
export type {
  Cell,
  ColumnTable,
  RowsInput,
  ColumnarTable,
  TableColumn,
  NumericColumn,
  CategoricalColumn,
} from './table.js';
export { FORMAT_PREFIX } from './serialization.js';
export type { Envelope, JsonNumber } from './serialization.js';
export type {
  Serializable,
  Transformer,
  SamplerLike,
  ResampleResult,
  ClassifierLike,
  ProbabilisticClassifier,
  LazyResamplingClassifier,
} from './contracts.js';
export { isRowSource, denseRowSource } from './rowSource.js';
export { Float32Matrix } from './Float32Matrix.js';
export type { RowSource } from './rowSource.js';
export type {
  Batch,
  BatchSource,
  FitStreamOptions,
  LazySampler,
  Progress,
  ProgressCallback,
} from './batchSource.js';
export { computeClassWeight, computeSampleWeight } from './classWeight.js';
export { typeOfTarget } from './labels.js';
export type { ClassWeightSpec } from './classWeight.js';
