export { Encoder } from './Encoder.js';
export type { DecodedRow, EncodedOutput } from './Encoder.js';
export { EncodedMatrix } from './EncodedMatrix.js';
export type { CodeArray, NumericValues } from './EncodedMatrix.js';
export type {
  EncodedFeature,
  EncodedFeatureBase,
  OneHotFeature,
  OrdinalFeature,
  NumericFeature,
} from './encodedFeature.js';
export type { Category } from './category.js';
export type { ImputeConstant, EncoderOptions, EncoderOutput, EncoderParams } from './encoderOptions.js';
export type { EncoderState, CategoricalColumnState, NumericColumnState, OutputColumn } from './encoderState.js';
export type { CellRecord, TableInput } from './readTable.js';
export { Scaler } from './Scaler.js';
export type { ScalerDense, ScalerLazy } from './Scaler.js';
export { ScaledRowSource } from './ScaledRowSource.js';
export type { ScalerDtype, ScalerMethod, ScalerOptions, ScalerParams } from './scalerOptions.js';
export type {
  ScalerState,
  ScalerStateBase,
  StandardScalerState,
  MinMaxScalerState,
  RobustScalerState,
} from './scalerState.js';
export { TargetEncoder } from './TargetEncoder.js';
export type { TargetEncoderState } from './TargetEncoder.js';
export type { TargetEncoderOptions, TargetEncoderParams, TargetType } from './targetEncoderOptions.js';
