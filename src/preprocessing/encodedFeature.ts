/**
 * The column metadata of an {@link EncodedMatrix}: which output columns each input feature fills.
 *
 * @module
 */
import type { EncoderParams } from './encoderOptions.js';
import type { EncoderState } from './encoderState.js';

/** The fields every {@link EncodedFeature} has. */
export interface EncodedFeatureBase {
  /** The input column it comes from. */
  readonly name: string;
  /** Its first output column. */
  readonly offset: number;
  /** Its number of output columns (`offset … offset + width − 1`). */
  readonly width: number;
}

/** A categorical feature encoded one-hot: a block of `width` 0/1 columns, at most one of them 1 per row. */
export interface OneHotFeature extends EncodedFeatureBase {
  /** Discriminant. */
  readonly kind: 'onehot';
  /**
   * Number of codes of the feature (its frequent categories, plus the infrequent slot); `width` is
   * one less when a column is dropped.
   */
  readonly nCodes: number;
}

/** A categorical feature encoded as one column of ordinal codes `0 … nCodes − 1`. */
export interface OrdinalFeature extends EncodedFeatureBase {
  /** Discriminant. */
  readonly kind: 'ordinal';
  /** Always 1. */
  readonly width: 1;
  /** Number of codes. */
  readonly nCodes: number;
  /** The value written for an unknown category. */
  readonly unknownValue: number;
}

/** A numeric feature: one column, passed through (missing values imputed when asked). */
export interface NumericFeature extends EncodedFeatureBase {
  /** Discriminant. */
  readonly kind: 'numeric';
  /** Always 1. */
  readonly width: 1;
  /** The value written for a missing value (NaN when the Encoder does not impute). */
  readonly imputeValue: number;
}

/**
 * One input feature of an {@link EncodedMatrix} and the output columns it fills, told apart by
 * `kind`. Features come in output order: the categorical ones, then the numeric ones.
 */
export type EncodedFeature = OneHotFeature | OrdinalFeature | NumericFeature;

/**
 * The features of an Encoder's output, in output order, with their output columns (the same
 * layout as `EncoderState.outputs`).
 * @internal
 */
export function encodedFeatures(
  st: EncoderState,
  p: Pick<EncoderParams, 'encoding' | 'unknownValue'>,
): EncodedFeature[] {
  const out: EncodedFeature[] = [];
  let offset = 0;
  for (const c of st.categorical) {
    if (p.encoding === 'ordinal') {
      out.push(
        Object.freeze({
          kind: 'ordinal',
          name: c.name,
          offset,
          width: 1,
          nCodes: c.nCodes,
          unknownValue: p.unknownValue,
        }),
      );
      offset += 1;
    } else {
      const width = c.nCodes - (c.dropIndex === null ? 0 : 1);
      out.push(Object.freeze({ kind: 'onehot', name: c.name, offset, width, nCodes: c.nCodes }));
      offset += width;
    }
  }
  for (const nc of st.numeric) {
    out.push(Object.freeze({ kind: 'numeric', name: nc.name, offset, width: 1, imputeValue: nc.imputeValue }));
    offset += 1;
  }
  return out;
}
