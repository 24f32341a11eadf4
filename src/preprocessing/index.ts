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
export { Scaler } from './scaler.js';
export type { ScalerMethod, ScalerOptions, ScalerParams, ScalerState } from './scaler.js';
