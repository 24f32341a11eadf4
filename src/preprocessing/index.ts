export { Encoder } from './Encoder.js';
export type { DecodedRow } from './Encoder.js';
export type { Category } from './category.js';
export type { ImputeConstant, EncoderOptions, EncoderParams } from './encoderOptions.js';
export type { EncoderState, CategoricalColumnState, NumericColumnState, OutputColumn } from './encoderState.js';
export type { TableInput } from './readTable.js';
export { Scaler } from './Scaler.js';
export type { ScalerMethod, ScalerOptions, ScalerParams } from './scalerOptions.js';
export type {
  ScalerState,
  ScalerStateBase,
  StandardScalerState,
  MinMaxScalerState,
  RobustScalerState,
} from './scalerState.js';
