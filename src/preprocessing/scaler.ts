import type { Matrix } from 'ml-matrix';
import {
  DataValidationError,
  InvalidParameterError,
  NotFittedError,
  SerializationError,
  describe,
} from '../core/errors.js';
import type { Transformer } from '../core/contracts.js';
import { fromDense, toDense, type MatrixInput } from '../core/matrix.js';
import {
  decodeNumbers,
  encodeNumbers,
  makeEnvelope,
  openEnvelope,
  type Envelope,
  type JsonNumber,
} from '../core/serialization.js';

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
  /** `'minmax'` only: clip transformed values into `featureRange` (useful for unseen data). @defaultValue false */
  clip?: boolean;
  /** `'robust'` only: the percentiles whose difference is the scale, `0 ≤ low < high ≤ 100`. @defaultValue [25, 75] */
  quantileRange?: readonly [number, number];
  /** `'robust'` only: divide the scale by the standard normal's range between the same quantiles, so normal data ends with unit variance. @defaultValue false */
  unitVariance?: boolean;
  /** `'standard'` and `'robust'`: subtract the mean (median). scikit-learn's `with_mean` / `with_centering`. @defaultValue true */
  withCentering?: boolean;
  /** `'standard'` and `'robust'`: divide by the standard deviation (IQR). scikit-learn's `with_std` / `with_scaling`. @defaultValue true */
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

/**
 * What a {@link Scaler} learned. `transform` computes `(x − center) / scale` for `'standard'` and
 * `'robust'`, and `x · scale + min` (scikit-learn's `scale_` and `min_`) for `'minmax'`, per
 * column; columns not scaled have center 0 and scale 1.
 */
export interface ScalerState {
  /** Number of columns seen in fit. */
  readonly nFeaturesIn: number;
  /** Whether each column is scaled (false for columns left out by the `columns` option). */
  readonly scaled: readonly boolean[];
  /**
   * Per column: the subtracted value — the mean (`'standard'`), the median (`'robust'`), or 0 when
   * centering is off or the column is not scaled. For `'minmax'` this is scikit-learn's `min_`,
   * which is added after multiplying by `scale`.
   */
  readonly center: Float64Array;
  /**
   * Per column: the divisor for `'standard'` / `'robust'` (1 for constant columns), or the
   * multiplier for `'minmax'` (scikit-learn's `scale_`).
   */
  readonly scale: Float64Array;
  /** `'standard'`: the per-column population mean (NaN ignored); otherwise absent. */
  readonly mean?: Float64Array;
  /** `'standard'`: the per-column population variance (NaN ignored); otherwise absent. */
  readonly variance?: Float64Array;
  /** `'minmax'`: per-column minimum (NaN ignored). */
  readonly dataMin?: Float64Array;
  /** `'minmax'`: per-column maximum (NaN ignored). */
  readonly dataMax?: Float64Array;
  /** Per column: number of non-NaN values seen in fit. */
  readonly nSamplesSeen: Float64Array;
}

const WHO = 'Scaler';
const EPS = 2.220446049250313e-16;
const VERSION = 1;

function checkPair(
  param: string,
  v: unknown,
  ok: (a: number, b: number) => boolean,
  rule: string,
): readonly [number, number] {
  if (
    !Array.isArray(v) ||
    v.length !== 2 ||
    typeof v[0] !== 'number' ||
    typeof v[1] !== 'number' ||
    !Number.isFinite(v[0]) ||
    !Number.isFinite(v[1]) ||
    !ok(v[0], v[1])
  ) {
    throw new InvalidParameterError(
      param,
      `Scaler: ${param} must be a pair [low, high] of finite numbers with ${rule}, received ${Array.isArray(v) ? JSON.stringify(v) : describe(v)}.`,
    );
  }
  return Object.freeze([v[0], v[1]] as const);
}

function checkBool(param: string, v: unknown, def: boolean): boolean {
  if (v === undefined) return def;
  if (typeof v !== 'boolean')
    throw new InvalidParameterError(param, `Scaler: ${param} must be true or false, received ${describe(v)}.`);
  return v;
}

function resolveParams(o: ScalerOptions): ScalerParams {
  if (o === null || typeof o !== 'object')
    throw new InvalidParameterError('options', `Scaler: options must be an object, received ${describe(o)}.`);
  const method = o.method ?? 'standard';
  if (method !== 'standard' && method !== 'minmax' && method !== 'robust') {
    throw new InvalidParameterError(
      'method',
      `Scaler: method must be 'standard', 'minmax' or 'robust', received ${describe(method)}.`,
    );
  }
  const only = (param: keyof ScalerOptions, methods: ScalerMethod[]): void => {
    if (o[param] !== undefined && !methods.includes(method)) {
      throw new InvalidParameterError(
        param,
        `Scaler: ${param} applies to method ${methods.map((m) => `'${m}'`).join(' or ')}, but method is '${method}'. Remove ${param} or change method.`,
      );
    }
  };
  only('featureRange', ['minmax']);
  only('clip', ['minmax']);
  only('quantileRange', ['robust']);
  only('unitVariance', ['robust']);
  only('withCentering', ['standard', 'robust']);
  only('withScaling', ['standard', 'robust']);
  const featureRange =
    o.featureRange === undefined
      ? Object.freeze([0, 1] as const)
      : checkPair('featureRange', o.featureRange, (a, b) => a < b, 'low < high');
  const quantileRange =
    o.quantileRange === undefined
      ? Object.freeze([25, 75] as const)
      : checkPair('quantileRange', o.quantileRange, (a, b) => a >= 0 && a < b && b <= 100, '0 ≤ low < high ≤ 100');
  let columns: readonly number[] | null = null;
  if (o.columns !== undefined) {
    if (!Array.isArray(o.columns))
      throw new InvalidParameterError(
        'columns',
        `Scaler: columns must be an array of column indices, received ${describe(o.columns)}.`,
      );
    const seen = new Set<number>();
    for (const c of o.columns as unknown[]) {
      if (typeof c !== 'number' || !Number.isInteger(c) || c < 0) {
        throw new InvalidParameterError(
          'columns',
          `Scaler: columns must hold non-negative integer indices, received ${describe(c)}.`,
        );
      }
      if (seen.has(c)) throw new InvalidParameterError('columns', `Scaler: column ${c} is listed twice in columns.`);
      seen.add(c);
    }
    columns = Object.freeze([...(o.columns as number[])]);
  }
  return Object.freeze({
    method,
    featureRange,
    clip: checkBool('clip', o.clip, false),
    quantileRange,
    unitVariance: checkBool('unitVariance', o.unitVariance, false),
    withCentering: checkBool('withCentering', o.withCentering, true),
    withScaling: checkBool('withScaling', o.withScaling, true),
    columns,
  });
}

/** The non-NaN values of column j, sorted ascending. @internal */
function sortedFinite(data: Float64Array, rows: number, cols: number, j: number): Float64Array {
  let n = 0;
  for (let i = 0; i < rows; i++) if (!Number.isNaN(data[i * cols + j] as number)) n++;
  const v = new Float64Array(n);
  n = 0;
  for (let i = 0; i < rows; i++) {
    const x = data[i * cols + j] as number;
    if (!Number.isNaN(x)) v[n++] = x;
  }
  return v.sort();
}

/** NumPy's default ('linear') percentile of sorted values, with NumPy's lerp. @internal */
export function percentileSorted(v: Float64Array, q: number): number {
  const n = v.length;
  if (n === 0) return NaN;
  const vi = (n - 1) * (q / 100);
  const lo = Math.floor(vi);
  const t = vi - lo;
  const a = v[Math.min(lo, n - 1)] as number;
  const b = v[Math.min(lo + 1, n - 1)] as number;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** NumPy's median of sorted values. @internal */
function medianSorted(v: Float64Array): number {
  const n = v.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  return n % 2 === 1 ? (v[h] as number) : ((v[h - 1] as number) + (v[h] as number)) / 2;
}

/**
 * Standard normal lower tail Φ(x) for x ≤ 0: Marsaglia's series near 0, the Laplace continued
 * fraction in the tail (relative accuracy ~1e-15 throughout). @internal
 */
function normalLowerTail(x: number): number {
  const x2 = x * x;
  const pdf = Math.exp(-0.5 * x2 - 0.91893853320467274178);
  if (x > -1.5) {
    let sum = x;
    let term = x;
    for (let i = 3; i < 400; i += 2) {
      term = (term * x2) / i;
      const prev = sum;
      sum += term;
      if (sum === prev) break;
    }
    return 0.5 + sum * pdf;
  }
  const t = -x;
  let f = t;
  for (let k = 300; k >= 1; k--) f = t + k / f;
  return pdf / f;
}

/** Standard normal quantile: Acklam's rational start polished by Newton steps on the lower tail. @internal */
export function normalPpf(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p === 0.5) return 0;
  if (p > 0.5) return -normalPpf(1 - p); // 1 − p is exact for p in [0.5, 1]
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
    2.506628277459239,
  ];
  const b = [
    -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
  ];
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  let x: number;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
      (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
  }
  if (x > -37) {
    for (let k = 0; k < 4; k++) {
      const pdf = Math.exp(-0.5 * x * x - 0.91893853320467274178);
      const step = (normalLowerTail(Math.min(x, 0)) - p) / pdf;
      x -= step;
      if (Math.abs(step) < 1e-17 * Math.max(1, Math.abs(x))) break;
    }
  }
  return x;
}

/**
 * Scales the columns of a numeric matrix by the standard, min-max or robust rule, with
 * scikit-learn's exact statistics.
 *
 * @remarks
 * - `'standard'` uses the **population** standard deviation (divides by n, like scikit-learn,
 *   not n − 1), computed by scikit-learn's corrected two-pass formula. A column counts as constant
 *   when `var ≤ n·ε·var + (n·mean·ε)²` (ε = 2⁻⁵², scikit-learn's rule); its scale is then exactly 1.
 * - `'minmax'` and `'robust'` use scale 1 whenever the range (IQR) is below `10·ε`.
 * - NaN is ignored when fitting (each column's statistics use its non-NaN values) and stays NaN
 *   in `transform` and `inverseTransform`. ±Infinity is rejected with a {@link DataValidationError}.
 * - Percentiles follow NumPy's default linear interpolation, so `'robust'` matches
 *   `RobustScaler` to the last bits.
 * - Outputs are fresh ml-matrix `Matrix` objects; inputs are never modified.
 *
 * @example
 * ```ts
 * import { Scaler } from 'imbalanced-tabular';
 * const s = new Scaler({ method: 'standard', columns: [2, 3] });
 * const Xs = s.fitTransform([[1, 0, 10, 5], [0, 1, 20, 7], [1, 0, 30, 9]]);
 * Xs.get(0, 2);                 // -1.224744871391589
 * s.inverseTransform(Xs).get(0, 2); // 10
 * ```
 *
 * @see scikit-learn `StandardScaler`, `MinMaxScaler`, `RobustScaler`
 *   (https://scikit-learn.org/stable/modules/preprocessing.html#standardization-or-mean-removal-and-variance-scaling)
 */
export class Scaler implements Transformer<MatrixInput> {
  /** The resolved, frozen options. */
  readonly params: ScalerParams;
  private state: ScalerState | undefined;

  /**
   * @param options - See {@link ScalerOptions}.
   * @throws {@link InvalidParameterError} for an unknown method, a malformed range, an option
   *   that does not apply to the chosen method, or bad column indices.
   */
  constructor(options: ScalerOptions = {}) {
    this.params = resolveParams(options);
  }

  /**
   * What was learned in `fit`.
   * @throws {@link NotFittedError} before `fit`.
   */
  get fitted(): ScalerState {
    if (this.state === undefined) throw new NotFittedError(WHO, 'fitted');
    return this.state;
  }

  /**
   * Learns per-column statistics from `X` (NaN values are skipped).
   * @param X - The training matrix (`number[][]`, typed-array rows or ml-matrix `Matrix`).
   * @returns this
   * @throws {@link DataValidationError} for an empty or ragged matrix, non-numbers, ±Infinity, or
   *   a `columns` index beyond the matrix width.
   */
  fit(X: MatrixInput): this {
    const { data, rows, cols } = toDense(X, { who: `${WHO}.fit`, allowNaN: true });
    this.state = this.learn(data, rows, cols);
    return this;
  }

  /**
   * Scales `X` with the statistics learned in `fit`.
   * @param X - A matrix with as many columns as the training matrix.
   * @returns A fresh `Matrix`.
   * @throws {@link NotFittedError} before `fit`; {@link DataValidationError} for a wrong column
   *   count, ragged rows, non-numbers or ±Infinity.
   */
  transform(X: MatrixInput): Matrix {
    const st = this.fitted;
    const { data, rows, cols } = toDense(X, { who: `${WHO}.transform`, allowNaN: true, cols: st.nFeaturesIn });
    this.apply(st, data, rows, cols);
    return fromDense(data, rows, cols);
  }

  /**
   * `fit(X)` then `transform(X)`, copying `X` only once.
   * @param X - The training matrix.
   * @returns The scaled training matrix.
   * @throws {@link DataValidationError} as {@link Scaler.fit}.
   */
  fitTransform(X: MatrixInput): Matrix {
    const { data, rows, cols } = toDense(X, { who: `${WHO}.fitTransform`, allowNaN: true });
    const st = this.learn(data, rows, cols);
    this.state = st;
    this.apply(st, data, rows, cols);
    return fromDense(data, rows, cols);
  }

  /**
   * Undoes `transform`: maps scaled values back to the original units (NaN stays NaN).
   * @param X - A scaled matrix with as many columns as the training matrix.
   * @returns A fresh `Matrix` in the original units. With `clip`, clipped values cannot be undone.
   * @throws {@link NotFittedError} before `fit`; {@link DataValidationError} for bad input.
   */
  inverseTransform(X: MatrixInput): Matrix {
    const st = this.fitted;
    const { data, rows, cols } = toDense(X, { who: `${WHO}.inverseTransform`, allowNaN: true, cols: st.nFeaturesIn });
    const minmax = this.params.method === 'minmax';
    const idx = scaledIndices(st.scaled);
    const center = st.center;
    const scale = st.scale;
    for (let off = 0; off < data.length; off += cols) {
      for (let t = 0; t < idx.length; t++) {
        const j = idx[t] as number;
        const i = off + j;
        data[i] = minmax
          ? ((data[i] as number) - (center[j] as number)) / (scale[j] as number)
          : (data[i] as number) * (scale[j] as number) + (center[j] as number);
      }
    }
    return fromDense(data, rows, cols);
  }

  /**
   * The JSON form `{ format: 'imbalanced-tabular/Scaler', version, params, state }` (`state` is
   * `null` before fit). Numbers round-trip bit for bit.
   * @returns The envelope.
   */
  toJSON(): Envelope {
    const st = this.state;
    const arr = (a: Float64Array | undefined): JsonNumber[] | null => (a === undefined ? null : encodeNumbers(a));
    return makeEnvelope(
      'Scaler',
      VERSION,
      {
        ...this.params,
        featureRange: [...this.params.featureRange],
        quantileRange: [...this.params.quantileRange],
        columns: this.params.columns === null ? null : [...this.params.columns],
      },
      st === undefined
        ? null
        : {
            nFeaturesIn: st.nFeaturesIn,
            scaled: [...st.scaled],
            center: arr(st.center),
            scale: arr(st.scale),
            mean: arr(st.mean),
            variance: arr(st.variance),
            dataMin: arr(st.dataMin),
            dataMax: arr(st.dataMax),
            nSamplesSeen: arr(st.nSamplesSeen),
          },
    );
  }

  /**
   * Rebuilds a Scaler (fitted or not) from {@link Scaler.toJSON} output or its JSON text.
   * @param json - The envelope or its JSON text.
   * @returns A Scaler that transforms exactly like the saved one.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): Scaler {
    const env = openEnvelope<Record<string, unknown>, Record<string, unknown> | null>(json, 'Scaler', VERSION);
    const p = env.params;
    if (p === null || typeof p !== 'object') throw new SerializationError('Scaler.fromJSON: params must be an object.');
    const opts: ScalerOptions = { method: p.method as ScalerMethod };
    if (p.method === 'minmax') {
      opts.featureRange = p.featureRange as [number, number];
      opts.clip = p.clip as boolean;
    } else {
      opts.withCentering = p.withCentering as boolean;
      opts.withScaling = p.withScaling as boolean;
      if (p.method === 'robust') {
        opts.quantileRange = p.quantileRange as [number, number];
        opts.unitVariance = p.unitVariance as boolean;
      }
    }
    if (p.columns !== null && p.columns !== undefined) opts.columns = p.columns as number[];
    let s: Scaler;
    try {
      s = new Scaler(opts);
    } catch (e) {
      throw new SerializationError(`Scaler.fromJSON: invalid params (${(e as Error).message}).`);
    }
    const st = env.state;
    if (st === null) return s;
    if (typeof st !== 'object') throw new SerializationError('Scaler.fromJSON: state must be an object or null.');
    const n = st.nFeaturesIn;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
      throw new SerializationError(
        `Scaler.fromJSON: state.nFeaturesIn must be a positive integer, received ${describe(n)}.`,
      );
    const vec = (k: string, required: boolean): Float64Array | undefined => {
      const v = st[k];
      if (v === null || v === undefined) {
        if (required) throw new SerializationError(`Scaler.fromJSON: state.${k} is missing.`);
        return undefined;
      }
      const a = decodeNumbers(v, `state.${k}`);
      if (a.length !== n)
        throw new SerializationError(`Scaler.fromJSON: state.${k} has ${a.length} values, expected ${n}.`);
      return a;
    };
    const scaled = st.scaled;
    if (!Array.isArray(scaled) || scaled.length !== n || scaled.some((b) => typeof b !== 'boolean')) {
      throw new SerializationError(`Scaler.fromJSON: state.scaled must be ${n} booleans.`);
    }
    const state: ScalerState = {
      nFeaturesIn: n,
      scaled: Object.freeze([...(scaled as boolean[])]),
      center: vec('center', true) as Float64Array,
      scale: vec('scale', true) as Float64Array,
      nSamplesSeen: vec('nSamplesSeen', true) as Float64Array,
      ...optional('mean', vec('mean', false)),
      ...optional('variance', vec('variance', false)),
      ...optional('dataMin', vec('dataMin', false)),
      ...optional('dataMax', vec('dataMax', false)),
    };
    s.state = Object.freeze(state);
    return s;
  }

  private learn(data: Float64Array, rows: number, cols: number): ScalerState {
    const p = this.params;
    const scaled: boolean[] = new Array<boolean>(cols).fill(p.columns === null);
    if (p.columns !== null) {
      for (const c of p.columns) {
        if (c >= cols) {
          throw new DataValidationError(
            `Scaler.fit: columns lists index ${c}, but X has ${cols} columns (0..${cols - 1}). Fix the columns option.`,
            { param: 'X', column: c },
          );
        }
        scaled[c] = true;
      }
    }
    const center = new Float64Array(cols);
    const scale = new Float64Array(cols).fill(1);
    const nSeen = new Float64Array(cols);
    const idx = scaledIndices(scaled);
    // Row-major passes (cache friendly); per column the additions still run in row order, which is
    // exactly NumPy's order for nansum(X, axis=0) on a C-ordered matrix.
    const countSeen = (): void => {
      for (let off = 0; off < data.length; off += cols) {
        for (let j = 0; j < cols; j++) if (!Number.isNaN(data[off + j] as number)) nSeen[j] = (nSeen[j] as number) + 1;
      }
    };
    if (p.method !== 'standard') countSeen();
    if (p.method === 'standard') {
      const mean = new Float64Array(cols).fill(NaN);
      const variance = new Float64Array(cols).fill(NaN);
      const sum = new Float64Array(cols);
      for (let off = 0; off < data.length; off += cols) {
        for (let j = 0; j < cols; j++) {
          const x = data[off + j] as number;
          if (!Number.isNaN(x)) {
            sum[j] = (sum[j] as number) + x;
            nSeen[j] = (nSeen[j] as number) + 1;
          }
        }
      }
      const m = new Float64Array(cols);
      for (let t = 0; t < idx.length; t++) {
        const j = idx[t] as number;
        m[j] = (sum[j] as number) / (nSeen[j] as number);
      }
      const corr = new Float64Array(cols);
      const sq = new Float64Array(cols);
      for (let off = 0; off < data.length; off += cols) {
        for (let t = 0; t < idx.length; t++) {
          const j = idx[t] as number;
          const x = data[off + j] as number;
          if (!Number.isNaN(x)) {
            const d = x - (m[j] as number);
            corr[j] = (corr[j] as number) + d;
            sq[j] = (sq[j] as number) + d * d;
          }
        }
      }
      for (let t = 0; t < idx.length; t++) {
        const j = idx[t] as number;
        const n = nSeen[j] as number;
        const mj = m[j] as number;
        const c = corr[j] as number;
        const v = ((sq[j] as number) - (c * c) / n) / n;
        mean[j] = mj;
        variance[j] = v;
        if (p.withCentering) center[j] = mj;
        if (p.withScaling) {
          // scikit-learn's _is_constant_feature: var ≤ n·ε·var + (n·mean·ε)² → scale 1
          const constant = v <= n * EPS * v + (n * mj * EPS) ** 2;
          scale[j] = constant ? 1 : Math.sqrt(v);
        }
      }
      return Object.freeze({
        nFeaturesIn: cols,
        scaled: Object.freeze(scaled),
        center,
        scale,
        mean,
        variance,
        nSamplesSeen: nSeen,
      });
    }
    if (p.method === 'minmax') {
      const dataMin = new Float64Array(cols).fill(NaN);
      const dataMax = new Float64Array(cols).fill(NaN);
      const mn = new Float64Array(cols).fill(Infinity);
      const mx = new Float64Array(cols).fill(-Infinity);
      const [lo, hi] = p.featureRange;
      for (let off = 0; off < data.length; off += cols) {
        for (let t = 0; t < idx.length; t++) {
          const j = idx[t] as number;
          const x = data[off + j] as number;
          if (x < (mn[j] as number)) mn[j] = x;
          if (x > (mx[j] as number)) mx[j] = x;
        }
      }
      for (let t = 0; t < idx.length; t++) {
        const j = idx[t] as number;
        const a = nSeen[j] === 0 ? NaN : (mn[j] as number);
        const b = nSeen[j] === 0 ? NaN : (mx[j] as number);
        dataMin[j] = a;
        dataMax[j] = b;
        let range = b - a;
        if (range < 10 * EPS) range = 1;
        const sc = (hi - lo) / range;
        scale[j] = sc;
        center[j] = lo - a * sc;
      }
      return Object.freeze({
        nFeaturesIn: cols,
        scaled: Object.freeze(scaled),
        center,
        scale,
        dataMin,
        dataMax,
        nSamplesSeen: nSeen,
      });
    }
    const [qlo, qhi] = p.quantileRange;
    const adjust = p.unitVariance ? normalPpf(qhi / 100) - normalPpf(qlo / 100) : 1;
    for (let j = 0; j < cols; j++) {
      if (!scaled[j]) continue;
      const v = sortedFinite(data, rows, cols, j);
      if (p.withCentering) center[j] = medianSorted(v);
      if (p.withScaling) {
        let s = percentileSorted(v, qhi) - percentileSorted(v, qlo);
        if (s < 10 * EPS) s = 1;
        if (p.unitVariance) s = s / adjust;
        scale[j] = s;
      }
    }
    return Object.freeze({ nFeaturesIn: cols, scaled: Object.freeze(scaled), center, scale, nSamplesSeen: nSeen });
  }

  private apply(st: ScalerState, data: Float64Array, _rows: number, cols: number): void {
    const minmax = this.params.method === 'minmax';
    const clip = this.params.clip;
    const [lo, hi] = this.params.featureRange;
    const idx = scaledIndices(st.scaled);
    const center = st.center;
    const scale = st.scale;
    // row-major: one sequential pass over the buffer
    for (let off = 0; off < data.length; off += cols) {
      if (minmax) {
        for (let t = 0; t < idx.length; t++) {
          const j = idx[t] as number;
          let x = (data[off + j] as number) * (scale[j] as number) + (center[j] as number);
          if (clip) x = x < lo ? lo : x > hi ? hi : x;
          data[off + j] = x;
        }
      } else {
        for (let t = 0; t < idx.length; t++) {
          const j = idx[t] as number;
          data[off + j] = ((data[off + j] as number) - (center[j] as number)) / (scale[j] as number);
        }
      }
    }
  }
}

function scaledIndices(scaled: readonly boolean[]): Int32Array {
  const out: number[] = [];
  scaled.forEach((b, j) => {
    if (b) out.push(j);
  });
  return Int32Array.from(out);
}

function optional<K extends string>(k: K, v: Float64Array | undefined): { [P in K]?: Float64Array } {
  return (v === undefined ? {} : { [k]: v }) as { [P in K]?: Float64Array };
}
