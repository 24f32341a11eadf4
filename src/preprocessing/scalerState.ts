/**
 * What a {@link Scaler} learns, one state type per method, and how each is learned.
 *
 * @module
 */
import { DataValidationError } from '../core/errors.js';
import { medianSorted } from '../core/stats/medianSorted.js';
import { nanCount } from '../core/stats/nanCount.js';
import { nanMeanVariance } from '../core/stats/nanMeanVariance.js';
import { nanMinMax } from '../core/stats/nanMinMax.js';
import { nanSortedColumn } from '../core/stats/nanSortedColumn.js';
import { normalPpf } from '../core/stats/normalPpf.js';
import { percentileSorted } from '../core/stats/percentileSorted.js';
import type { ScalerParams } from './scalerOptions.js';

/** The fields every {@link ScalerState} has, whatever the method. */
export interface ScalerStateBase {
  /** Number of columns seen in fit. */
  readonly nFeaturesIn: number;
  /** Whether each column is scaled (false for columns left out by the `columns` option). */
  readonly scaled: readonly boolean[];
  /** Per column: the offset of the method's formula; 0 for columns not scaled. */
  readonly center: Float64Array;
  /** Per column: the factor of the method's formula; 1 for columns not scaled. */
  readonly scale: Float64Array;
  /** Per column: number of non-NaN values seen in fit. */
  readonly nSamplesSeen: Float64Array;
}

/** What a `'standard'` {@link Scaler} learned: `transform` computes `(x − center) / scale`. */
export interface StandardScalerState extends ScalerStateBase {
  /** Discriminant: the method. */
  readonly method: 'standard';
  /** Per column: the mean, or 0 when `withCentering` is off. */
  readonly center: Float64Array;
  /**
   * Per column: the population standard deviation, or 1 when `withScaling` is off or the column
   * is constant.
   */
  readonly scale: Float64Array;
  /** Per column: the population mean (NaN ignored; NaN for columns not scaled). */
  readonly mean: Float64Array;
  /** Per column: the population variance (NaN ignored; NaN for columns not scaled). */
  readonly variance: Float64Array;
  /** Only for `'minmax'`. */
  readonly dataMin?: never;
  /** Only for `'minmax'`. */
  readonly dataMax?: never;
}

/**
 * What a `'minmax'` {@link Scaler} learned: `transform` computes `x · scale + center`, scikit-learn's
 * `X * scale_ + min_`.
 */
export interface MinMaxScalerState extends ScalerStateBase {
  /** Discriminant: the method. */
  readonly method: 'minmax';
  /** Per column: scikit-learn's `min_`, `low − dataMin · scale`, added after multiplying. */
  readonly center: Float64Array;
  /**
   * Per column: scikit-learn's `scale_`, the multiplier `(high − low) / (dataMax − dataMin)`, with
   * a range below `10·ε` read as 1.
   */
  readonly scale: Float64Array;
  /** Per column: minimum (NaN ignored; NaN for columns not scaled). */
  readonly dataMin: Float64Array;
  /** Per column: maximum (NaN ignored; NaN for columns not scaled). */
  readonly dataMax: Float64Array;
  /** Only for `'standard'`. */
  readonly mean?: never;
  /** Only for `'standard'`. */
  readonly variance?: never;
}

/** What a `'robust'` {@link Scaler} learned: `transform` computes `(x − center) / scale`. */
export interface RobustScalerState extends ScalerStateBase {
  /** Discriminant: the method. */
  readonly method: 'robust';
  /** Per column: the median, or 0 when `withCentering` is off. */
  readonly center: Float64Array;
  /**
   * Per column: the inter-quantile range (divided by the normal's with `unitVariance`), or 1 when
   * `withScaling` is off or the range is below `10·ε`.
   */
  readonly scale: Float64Array;
  /** Only for `'standard'`. */
  readonly mean?: never;
  /** Only for `'standard'`. */
  readonly variance?: never;
  /** Only for `'minmax'`. */
  readonly dataMin?: never;
  /** Only for `'minmax'`. */
  readonly dataMax?: never;
}

/**
 * What a {@link Scaler} learned, by method (`method` tells which): `(x − center) / scale` for
 * `'standard'` and `'robust'`, `x · scale + center` for `'minmax'`, per column; columns not scaled
 * have center 0 and scale 1.
 */
export type ScalerState = StandardScalerState | MinMaxScalerState | RobustScalerState;

/** Machine epsilon, 2⁻⁵². */
const EPS = 2.220446049250313e-16;

/** The learned fields the three methods share. */
type Common = Pick<ScalerStateBase, 'nFeaturesIn' | 'scaled' | 'nSamplesSeen'>;

/**
 * Learns the state of a Scaler with options `p` from a row-major matrix (NaN values skipped).
 * @throws {@link DataValidationError} when `columns` lists an index beyond the matrix width.
 * @internal
 */
export function learnScalerState(p: ScalerParams, data: Float64Array, cols: number): ScalerState {
  const scaled = scaledMask(p.columns, cols);
  const idx = scaledIndices(scaled);
  const common: Common = { nFeaturesIn: cols, scaled: Object.freeze(scaled), nSamplesSeen: nanCount(data, cols) };
  switch (p.method) {
    case 'standard':
      return learnStandard(p, data, cols, idx, common);
    case 'minmax':
      return learnMinMax(p, data, cols, idx, common);
    case 'robust':
      return learnRobust(p, data, cols, idx, common);
  }
}

/** Which columns are scaled: all, or those listed in `columns`. */
function scaledMask(columns: readonly number[] | null, cols: number): boolean[] {
  const scaled = new Array<boolean>(cols).fill(columns === null);
  for (const c of columns ?? []) {
    if (c >= cols) {
      throw new DataValidationError(
        `Scaler.fit: columns lists index ${c}, but X has ${cols} columns (0..${cols - 1}). ` +
          'Fix the columns option.',
        { param: 'X', column: c },
      );
    }
    scaled[c] = true;
  }
  return scaled;
}

/** The indices of the scaled columns, ascending. @internal */
export function scaledIndices(scaled: readonly boolean[]): Int32Array {
  const out: number[] = [];
  scaled.forEach((b, j) => {
    if (b) out.push(j);
  });
  return Int32Array.from(out);
}

function learnStandard(
  p: ScalerParams,
  data: Float64Array,
  cols: number,
  idx: Int32Array,
  common: Common,
): StandardScalerState {
  const { mean, variance } = nanMeanVariance(data, cols, idx, common.nSamplesSeen);
  const center = new Float64Array(cols);
  const scale = new Float64Array(cols).fill(1);
  for (let t = 0; t < idx.length; t++) {
    const j = idx[t] as number;
    const n = common.nSamplesSeen[j] as number;
    const m = mean[j] as number;
    const v = variance[j] as number;
    if (p.withCentering) center[j] = m;
    if (p.withScaling) {
      // scikit-learn's _is_constant_feature: var ≤ n·ε·var + (n·mean·ε)² → scale 1
      const constant = v <= n * EPS * v + (n * m * EPS) ** 2;
      scale[j] = constant ? 1 : Math.sqrt(v);
    }
  }
  return Object.freeze({ method: 'standard', ...common, center, scale, mean, variance });
}

function learnMinMax(
  p: ScalerParams,
  data: Float64Array,
  cols: number,
  idx: Int32Array,
  common: Common,
): MinMaxScalerState {
  const { min: dataMin, max: dataMax } = nanMinMax(data, cols, idx);
  const [lo, hi] = p.featureRange;
  const center = new Float64Array(cols);
  const scale = new Float64Array(cols).fill(1);
  for (let t = 0; t < idx.length; t++) {
    const j = idx[t] as number;
    const a = dataMin[j] as number;
    let range = (dataMax[j] as number) - a;
    // scikit-learn's _handle_zeros_in_scale
    if (range < 10 * EPS) range = 1;
    const sc = (hi - lo) / range;
    scale[j] = sc;
    center[j] = lo - a * sc;
  }
  return Object.freeze({ method: 'minmax', ...common, center, scale, dataMin, dataMax });
}

function learnRobust(
  p: ScalerParams,
  data: Float64Array,
  cols: number,
  idx: Int32Array,
  common: Common,
): RobustScalerState {
  const [qlo, qhi] = p.quantileRange;
  const adjust = p.unitVariance ? normalPpf(qhi / 100) - normalPpf(qlo / 100) : 1;
  const center = new Float64Array(cols);
  const scale = new Float64Array(cols).fill(1);
  for (let t = 0; t < idx.length; t++) {
    const j = idx[t] as number;
    const v = nanSortedColumn(data, cols, j);
    if (p.withCentering) center[j] = medianSorted(v);
    if (p.withScaling) {
      let s = percentileSorted(v, qhi) - percentileSorted(v, qlo);
      // scikit-learn's _handle_zeros_in_scale
      if (s < 10 * EPS) s = 1;
      if (p.unitVariance) s = s / adjust;
      scale[j] = s;
    }
  }
  return Object.freeze({ method: 'robust', ...common, center, scale });
}
