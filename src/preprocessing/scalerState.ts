/**
 * What a {@link Scaler} learns, one state type per method, and how each is learned.
 *
 * @module
 */
import { DataValidationError } from '../core/errors.js';
import { medianAt } from '../core/stats/medianSorted.js';
import { normalPpf } from '../core/stats/normalPpf.js';
import { percentileAt } from '../core/stats/percentileSorted.js';
import type { ColumnStats } from './columnStats.js';
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
 * Learns the state of a Scaler with options `p` from the statistics of its training data (NaN
 * values skipped).
 * @throws {@link DataValidationError} when `columns` lists an index beyond the matrix width.
 * @internal
 */
export function learnScalerState(p: ScalerParams, stats: ColumnStats): ScalerState {
  const cols = stats.cols;
  const scaled = scaledMask(p.columns, cols);
  const idx = scaledIndices(scaled);
  const common: Common = { nFeaturesIn: cols, scaled: Object.freeze(scaled), nSamplesSeen: stats.count() };
  switch (p.method) {
    case 'standard':
      return learnStandard(p, stats, idx, common);
    case 'minmax':
      return learnMinMax(p, stats, idx, common);
    case 'robust':
      return learnRobust(p, stats, idx, common);
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

function learnStandard(p: ScalerParams, stats: ColumnStats, idx: Int32Array, common: Common): StandardScalerState {
  const cols = stats.cols;
  const { mean, variance } = stats.meanVariance(idx, common.nSamplesSeen);
  const center = new Float64Array(cols);
  const scale = new Float64Array(cols).fill(1);
  for (let t = 0; t < idx.length; t++) {
    const j = idx[t] as number;
    const n = common.nSamplesSeen[j] as number;
    let m = mean[j] as number;
    let v = variance[j] as number;
    // Values near ±1.8e308 overflow the plain sums: the column divided by its largest magnitude
    // `k` gives the mean and the spread, scaled back (the variance alone may exceed doubles).
    let k = 1;
    if (n > 0 && !(Number.isFinite(m) && Number.isFinite(v))) {
      const r = scaledMeanVariance(stats, j);
      k = r.k;
      m = r.mean * k;
      mean[j] = m;
      variance[j] = r.variance * k * k;
      v = r.variance;
    }
    if (p.withCentering) center[j] = m;
    if (p.withScaling) {
      // scikit-learn's _is_constant_feature: var ≤ n·ε·var + (n·mean·ε)² → scale 1
      const mk = m / k;
      const constant = v <= n * EPS * v + (n * mk * EPS) ** 2;
      scale[j] = constant ? 1 : k * Math.sqrt(v);
    }
  }
  return Object.freeze({ method: 'standard', ...common, center, scale, mean, variance });
}

function learnMinMax(p: ScalerParams, stats: ColumnStats, idx: Int32Array, common: Common): MinMaxScalerState {
  const cols = stats.cols;
  const { min: dataMin, max: dataMax } = stats.minMax(idx);
  const [lo, hi] = p.featureRange;
  const center = new Float64Array(cols);
  const scale = new Float64Array(cols).fill(1);
  for (let t = 0; t < idx.length; t++) {
    const j = idx[t] as number;
    const a = dataMin[j] as number;
    const b = dataMax[j] as number;
    const f = minMaxColumn(lo, hi, a, b);
    scale[j] = f.scale;
    center[j] = f.center;
    if (Number.isNaN(a)) continue; // a column without values: NaN in, NaN out (as scikit-learn)
    const problem = minMaxProblem(f);
    if (problem !== undefined) {
      throw new DataValidationError(
        `Scaler.fit: column ${j} spans [${a}, ${b}], and featureRange [${lo}, ${hi}] on it gives ${problem}. ` +
          "Choose a featureRange closer to the data's range, or rescale the column by a power of ten first.",
        { param: 'featureRange', column: j },
      );
    }
  }
  return Object.freeze({ method: 'minmax', ...common, center, scale, dataMin, dataMax });
}

/**
 * MinMax's factor and offset of a column with minimum `a` and maximum `b`, scikit-learn's
 * `scale = (hi − lo) / (b − a)` (a range below 10ε counts as 1, `_handle_zeros_in_scale`) and
 * `center = lo − a · scale`; a width or a range beyond doubles (near ±1.8e308) is read halved.
 * NaN for a column without values. Shared by `fit` and `fromJSON` (which recomputes the saved
 * factors from `featureRange`, `dataMin` and `dataMax`). @internal
 */
export function minMaxColumn(lo: number, hi: number, a: number, b: number): { scale: number; center: number } {
  let range = b - a;
  if (range < 10 * EPS) range = 1;
  const width = hi - lo;
  // halves where a difference overflows: the same quotient, finite (the fit's historic formula first)
  const sc = Number.isFinite(width)
    ? Number.isFinite(range)
      ? width / range
      : width / 2 / (b / 2 - a / 2)
    : (hi / 2 - lo / 2) / (Number.isFinite(range) ? range / 2 : b / 2 - a / 2);
  return { scale: sc, center: lo - a * sc };
}

/**
 * Why MinMax's factors of a column with values cannot transform it, or undefined: a factor that
 * overflows or underflows (below {@link MIN_SCALE}, where fewer than 30 bits of the factor are left
 * and the values would collapse or lose their precision), or an offset beyond doubles. @internal
 */
export function minMaxProblem(f: { scale: number; center: number }): string | undefined {
  if (!Number.isFinite(f.scale)) return `a scale of ${f.scale} (beyond the range of doubles)`;
  if (!(f.scale >= MIN_SCALE)) return `a scale of ${f.scale} (an underflow: below 5e-315, precision is lost)`;
  if (!Number.isFinite(f.center)) return `an offset of ${f.center} (beyond the range of doubles)`;
  return undefined;
}

/**
 * The smallest MinMax factor used, 2^30 × the smallest subnormal (≈ 5.3e-315): a subnormal factor
 * above it keeps 30 significant bits (the [−1.7e308, 1.7e308] → [0, 1] factor, 2.9e-309, keeps 49).
 */
const MIN_SCALE = Number.MIN_VALUE * 2 ** 30;

function learnRobust(p: ScalerParams, stats: ColumnStats, idx: Int32Array, common: Common): RobustScalerState {
  const cols = stats.cols;
  const [qlo, qhi] = p.quantileRange;
  const adjust = p.unitVariance ? normalPpf(qhi / 100) - normalPpf(qlo / 100) : 1;
  const center = new Float64Array(cols);
  const scale = new Float64Array(cols).fill(1);
  stats.sorted(idx, (t, v) => {
    const j = idx[t] as number;
    // a column whose extremes differ beyond doubles (values near ±1.8e308) is read halved
    const k = v.n > 0 && !Number.isFinite((v.at(v.n - 1) as number) - (v.at(0) as number)) ? 2 : 1;
    const at = k === 1 ? v.at : (i: number) => (v.at(i) as number) / k;
    if (p.withCentering) center[j] = k * medianAt(v.n, at);
    if (p.withScaling) {
      let s = k * (percentileAt(v.n, qhi, at) - percentileAt(v.n, qlo, at));
      if (!Number.isFinite(s) && v.n > 0) throw spreadBeyondDoubles(j, 'quantile range');
      // scikit-learn's _handle_zeros_in_scale
      if (s < 10 * EPS) s = 1;
      if (p.unitVariance) s = s / adjust;
      scale[j] = s;
    }
  });
  return Object.freeze({ method: 'robust', ...common, center, scale });
}

/** Mean and population variance of column `j` divided by its largest magnitude `k` (k ≥ 1e-300). */
function scaledMeanVariance(stats: ColumnStats, j: number): { k: number; mean: number; variance: number } {
  let out = { k: 1, mean: Number.NaN, variance: Number.NaN };
  stats.sorted(Int32Array.of(j), (_, v) => {
    const k = Math.max(Math.abs(v.at(0) as number), Math.abs(v.at(v.n - 1) as number));
    let mean = 0;
    for (let i = 0; i < v.n; i++) mean += (v.at(i) as number) / k;
    mean /= v.n;
    let variance = 0;
    for (let i = 0; i < v.n; i++) {
      const d = (v.at(i) as number) / k - mean;
      variance += d * d;
    }
    out = { k, mean, variance: variance / v.n };
  });
  return out;
}

/** The error for a column whose spread exceeds the range of doubles. */
function spreadBeyondDoubles(j: number, what: string): DataValidationError {
  return new DataValidationError(
    `Scaler.fit: column ${j}'s ${what} exceeds the range of doubles (values near ±1.8e308). ` +
      'Divide the column by a power of ten first.',
    { param: 'X', column: j },
  );
}
