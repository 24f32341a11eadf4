export { Encoder } from './encoder.js';
export type {
  TableInput,
  ImputeConstant,
  Category,
  DecodedRow,
  EncoderOptions,
  EncoderParams,
  EncoderState,
  CategoricalColumnState,
  NumericColumnState,
  OutputColumn,
} from './encoder.js';
export { Scaler } from './Scaler.js';
export type { ScalerMethod, ScalerOptions, ScalerParams } from './scalerOptions.js';
export type {
  ScalerState,
  ScalerStateBase,
  StandardScalerState,
  MinMaxScalerState,
  RobustScalerState,
} from './scalerState.js';
