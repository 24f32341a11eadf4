/**
 * The options of a {@link Scaler}: their types, defaults and validation.
 *
 * @module
 */
import {
  checkAppliesTo,
  checkBoolean,
  checkDistinctList,
  checkInteger,
  checkOneOf,
  checkOptions,
  checkPair,
} from '../core/validate.js';

/** The scaling rule of a {@link Scaler}. */
export type ScalerMethod = 'standard' | 'minmax' | 'robust';

/** Options of {@link Scaler}. */
export interface ScalerOptions {
  /**
   * `'standard'`: subtract the mean, divide by the population standard deviation (scikit-learn's
   * StandardScaler). `'minmax'`: map `[min, max]` onto `featureRange` (MinMaxScaler). `'robust'`:
   * subtract the median, divide by the inter-quantile range (RobustScaler).
   * @defaultValue 'standard'
   */
  method?: ScalerMethod;
  /** Target range of `'minmax'` (only valid with that method). @defaultValue [0, 1] */
  featureRange?: readonly [number, number];
  /**
   * `'minmax'` only: clip transformed values into `featureRange` (useful for unseen data).
   * @defaultValue false
   */
  clip?: boolean;
  /**
   * `'robust'` only: the percentiles whose difference is the scale, `0 ≤ low < high ≤ 100`.
   * @defaultValue [25, 75]
   */
  quantileRange?: readonly [number, number];
  /**
   * `'robust'` only: divide the scale by the standard normal's range between the same quantiles,
   * so normal data ends with unit variance.
   * @defaultValue false
   */
  unitVariance?: boolean;
  /**
   * `'standard'` and `'robust'`: subtract the mean (median). scikit-learn's `with_mean` /
   * `with_centering`.
   * @defaultValue true
   */
  withCentering?: boolean;
  /**
   * `'standard'` and `'robust'`: divide by the standard deviation (IQR). scikit-learn's `with_std`
   * / `with_scaling`.
   * @defaultValue true
   */
  withScaling?: boolean;
  /**
   * Zero-based indices of the columns to scale; the others pass through unchanged (e.g. leave an
   * Encoder's one-hot columns alone). Omit to scale every column.
   * @defaultValue all columns
   */
  columns?: readonly number[];
}

/** The resolved, frozen options of a {@link Scaler} (every field present). */
export interface ScalerParams {
  /** See {@link ScalerOptions.method}. */
  readonly method: ScalerMethod;
  /** See {@link ScalerOptions.featureRange}. */
  readonly featureRange: readonly [number, number];
  /** See {@link ScalerOptions.clip}. */
  readonly clip: boolean;
  /** See {@link ScalerOptions.quantileRange}. */
  readonly quantileRange: readonly [number, number];
  /** See {@link ScalerOptions.unitVariance}. */
  readonly unitVariance: boolean;
  /** See {@link ScalerOptions.withCentering}. */
  readonly withCentering: boolean;
  /** See {@link ScalerOptions.withScaling}. */
  readonly withScaling: boolean;
  /** See {@link ScalerOptions.columns}; `null` means every column. */
  readonly columns: readonly number[] | null;
}

const WHO = 'Scaler';

/** Every option name, for the unknown-key check. */
const OPTION_NAMES = [
  'method',
  'featureRange',
  'clip',
  'quantileRange',
  'unitVariance',
  'withCentering',
  'withScaling',
  'columns',
] as const;

/** The methods each method-specific option applies to. */
const APPLIES_TO: ReadonlyArray<readonly [keyof ScalerOptions, ReadonlyArray<ScalerMethod>]> = [
  ['featureRange', ['minmax']],
  ['clip', ['minmax']],
  ['quantileRange', ['robust']],
  ['unitVariance', ['robust']],
  ['withCentering', ['standard', 'robust']],
  ['withScaling', ['standard', 'robust']],
];

/**
 * Validates {@link ScalerOptions} and fills in the defaults.
 * @throws {@link InvalidParameterError} for an unknown option, an unknown method, a malformed range,
 *   an option that does not apply to the chosen method, or bad column indices.
 * @internal
 */
export function resolveScalerParams(options: ScalerOptions | undefined): ScalerParams {
  const o = checkOptions(WHO, options, OPTION_NAMES);
  // `?? undefined`: an explicit null reads as "not given", as it always has
  const method = checkOneOf(WHO, 'method', o.method ?? undefined, ['standard', 'minmax', 'robust'], 'standard');
  for (const [param, methods] of APPLIES_TO) checkAppliesTo(WHO, param, o[param], 'method', methods, method);
  const featureRange = checkPair(WHO, 'featureRange', o.featureRange, (a, b) => a < b, 'with a < b', [0, 1]);
  const quantileRange = checkPair(
    WHO,
    'quantileRange',
    o.quantileRange,
    (a, b) => a >= 0 && a < b && b <= 100,
    'with 0 ≤ a < b ≤ 100',
    [25, 75],
  );
  const columns =
    o.columns === undefined
      ? null
      : checkDistinctList(WHO, 'columns', o.columns, 'column indices', (c, i) =>
          checkInteger(WHO, `columns[${i}]`, c, { min: 0 }),
        );
  return Object.freeze({
    method,
    featureRange: Object.freeze([featureRange[0], featureRange[1]] as const),
    clip: checkBoolean(WHO, 'clip', o.clip, false),
    quantileRange: Object.freeze([quantileRange[0], quantileRange[1]] as const),
    unitVariance: checkBoolean(WHO, 'unitVariance', o.unitVariance, false),
    withCentering: checkBoolean(WHO, 'withCentering', o.withCentering, true),
    withScaling: checkBoolean(WHO, 'withScaling', o.withScaling, true),
    columns,
  });
}
