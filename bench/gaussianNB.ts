/**
 * A Gaussian naive Bayes, the classifier of the samplers bench's InstanceHardnessThreshold
 * measurement — the counterpart of the scikit-learn `GaussianNB()` the imbalanced-learn side gets.
 * It follows scikit-learn's model: per-class priors (class frequencies), means and population
 * variances, each variance plus `varSmoothing · max_j var(X_j)` (1e-9, scikit-learn's default);
 * probabilities from the joint log-likelihood normalised by log-sum-exp.
 *
 * Written on typed arrays (one pass per statistic over the contiguous rows, no per-row objects), as
 * scikit-learn's is NumPy: a Python user's GaussianNB is compiled code, so timing a naive one here
 * would measure the bench's estimator, not the sampler.
 */
import { type Matrix, WrapperMatrix1D } from 'ml-matrix';
import { stratify } from '../src/core/stratify.js';

type Label = number | string;

export class GaussianNB {
  classes: Label[] = [];
  private readonly varSmoothing = 1e-9;
  /** Per class c: log prior − ½ Σ_j log(2π var_cj). */
  private bias = new Float64Array(0);
  /** Row-major classes × cols. */
  private mean = new Float64Array(0);
  /** Row-major classes × cols: 1 / var_cj. */
  private precision = new Float64Array(0);
  clone(): GaussianNB {
    return new GaussianNB();
  }
  fit(X: Matrix, y: ReadonlyArray<Label>): this {
    const rows = X.rows;
    const cols = X.columns;
    const row = rowReader(X);
    // each row's class index, classes sorted (the library's own grouping of labels)
    const { classes, codes: sorted } = stratify(y);
    const k = classes.length;
    // One pass of shifted sums per class (the shift: the class's first row), the numerically sound
    // one-pass form of the two-pass mean and population variance NumPy computes. Flat k × cols tables.
    const count = new Float64Array(k);
    const seen = new Uint8Array(k);
    const shifts = new Float64Array(k * cols);
    const sums = new Float64Array(k * cols);
    const squareSums = new Float64Array(k * cols);
    for (let i = 0; i < rows; i++) {
      const c = sorted[i] as number;
      const x = row(i);
      const o = c * cols;
      if (seen[c] === 0) {
        seen[c] = 1;
        for (let j = 0; j < cols; j++) shifts[o + j] = x[j] as number;
      }
      count[c] = (count[c] as number) + 1;
      for (let j = 0; j < cols; j++) {
        const e = (x[j] as number) - (shifts[o + j] as number);
        sums[o + j] = (sums[o + j] as number) + e;
        squareSums[o + j] = (squareSums[o + j] as number) + e * e;
      }
    }
    const means = new Float64Array(k * cols);
    const variance = new Float64Array(k * cols);
    for (let c = 0; c < k; c++) {
      const n = count[c] as number;
      for (let j = c * cols; j < (c + 1) * cols; j++) {
        const d = (sums[j] as number) / n;
        means[j] = (shifts[j] as number) + d;
        variance[j] = Math.max(0, (squareSums[j] as number) / n - d * d);
      }
    }
    // the variance of every row, for the smoothing term, by the law of total variance
    let top = 0;
    for (let j = 0; j < cols; j++) {
      let mu = 0;
      for (let c = 0; c < k; c++) mu += (count[c] as number) * (means[c * cols + j] as number);
      mu /= rows;
      let total = 0;
      for (let c = 0; c < k; c++) {
        const e = (means[c * cols + j] as number) - mu;
        total += (count[c] as number) * ((variance[c * cols + j] as number) + e * e);
      }
      top = Math.max(top, total / rows);
    }
    const epsilon = this.varSmoothing * top;
    const precision = new Float64Array(k * cols);
    const bias = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      let b = Math.log((count[c] as number) / rows);
      for (let j = 0; j < cols; j++) {
        const v = (variance[c * cols + j] as number) + epsilon;
        precision[c * cols + j] = 1 / v;
        b -= 0.5 * Math.log(2 * Math.PI * v);
      }
      bias[c] = b;
    }
    this.classes = classes;
    this.mean = means;
    this.precision = precision;
    this.bias = bias;
    return this;
  }
  predict(): number[] {
    return [];
  }
  predictProba(X: Matrix): Matrix {
    const rows = X.rows;
    const row = rowReader(X);
    const k = this.classes.length;
    const out = new Float64Array(rows * k);
    // the joint log-likelihoods, two rows at a time (each mean and precision loaded once for both)
    const pairs = rows >> 1;
    this.jointLogLikelihoods(row, pairs, out);
    if (2 * pairs < rows) this.jointLogLikelihood(row(rows - 1), out, (rows - 1) * k);
    for (let r = 0; r < rows; r++) {
      const o = r * k;
      let top = -Infinity;
      for (let c = 0; c < k; c++) if ((out[o + c] as number) > top) top = out[o + c] as number;
      let sum = 0;
      for (let c = 0; c < k; c++) {
        const w = Math.exp((out[o + c] as number) - top);
        out[o + c] = w;
        sum += w;
      }
      for (let c = 0; c < k; c++) out[o + c] = (out[o + c] as number) / sum;
    }
    // a view of the flat buffer, as scikit-learn returns an ndarray: no row object per predicted row
    return new WrapperMatrix1D(out, { rows }) as unknown as Matrix;
  }
  /**
   * Row `x`'s joint log-likelihood of every class into `out[o …]`: per class, four running sums
   * of `(x_j − mean)² · precision` (the additions of one sum wait on each other, of four they
   * overlap).
   */
  private jointLogLikelihood(x: ArrayLike<number>, out: Float64Array, o: number): void {
    const { mean, precision, bias } = this;
    const k = bias.length;
    const cols = mean.length / k;
    for (let c = 0; c < k; c++) {
      const m = c * cols;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let j = 0;
      for (; j + 3 < cols; j += 4) {
        const d0 = (x[j] as number) - (mean[m + j] as number);
        const d1 = (x[j + 1] as number) - (mean[m + j + 1] as number);
        const d2 = (x[j + 2] as number) - (mean[m + j + 2] as number);
        const d3 = (x[j + 3] as number) - (mean[m + j + 3] as number);
        s0 += d0 * d0 * (precision[m + j] as number);
        s1 += d1 * d1 * (precision[m + j + 1] as number);
        s2 += d2 * d2 * (precision[m + j + 2] as number);
        s3 += d3 * d3 * (precision[m + j + 3] as number);
      }
      for (; j < cols; j++) {
        const d = (x[j] as number) - (mean[m + j] as number);
        s0 += d * d * (precision[m + j] as number);
      }
      out[o + c] = (bias[c] as number) - 0.5 * (s0 + s1 + (s2 + s3));
    }
  }
  /**
   * {@link GaussianNB.jointLogLikelihood} of the first `2 · pairs` rows, two at a time: the same
   * sums in the same order, each mean and precision loaded once for both rows (one loop over the
   * rows, so that it runs optimised code from the first call on).
   */
  private jointLogLikelihoods(row: (i: number) => ArrayLike<number>, pairs: number, out: Float64Array): void {
    const { mean, precision, bias } = this;
    const k = bias.length;
    const cols = mean.length / k;
    for (let r = 0; r < pairs; r++) {
      const x = row(2 * r);
      const y = row(2 * r + 1);
      const o = 2 * r * k;
      for (let c = 0; c < k; c++) {
        const m = c * cols;
        // biome-ignore format: one row's four sums per line
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0,
        t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        let j = 0;
        for (; j + 3 < cols; j += 4) {
          const m0 = mean[m + j] as number;
          const m1 = mean[m + j + 1] as number;
          const m2 = mean[m + j + 2] as number;
          const m3 = mean[m + j + 3] as number;
          const p0 = precision[m + j] as number;
          const p1 = precision[m + j + 1] as number;
          const p2 = precision[m + j + 2] as number;
          const p3 = precision[m + j + 3] as number;
          const d0 = (x[j] as number) - m0;
          const d1 = (x[j + 1] as number) - m1;
          const d2 = (x[j + 2] as number) - m2;
          const d3 = (x[j + 3] as number) - m3;
          const e0 = (y[j] as number) - m0;
          const e1 = (y[j + 1] as number) - m1;
          const e2 = (y[j + 2] as number) - m2;
          const e3 = (y[j + 3] as number) - m3;
          s0 += d0 * d0 * p0;
          s1 += d1 * d1 * p1;
          s2 += d2 * d2 * p2;
          s3 += d3 * d3 * p3;
          t0 += e0 * e0 * p0;
          t1 += e1 * e1 * p1;
          t2 += e2 * e2 * p2;
          t3 += e3 * e3 * p3;
        }
        for (; j < cols; j++) {
          const mj = mean[m + j] as number;
          const pj = precision[m + j] as number;
          const d = (x[j] as number) - mj;
          const e = (y[j] as number) - mj;
          s0 += d * d * pj;
          t0 += e * e * pj;
        }
        out[o + c] = (bias[c] as number) - 0.5 * (s0 + s1 + (s2 + s3));
        out[o + k + c] = (bias[c] as number) - 0.5 * (t0 + t1 + (t2 + t3));
      }
    }
  }
}

/** Row `i` of X: ml-matrix's own row storage when X is a plain Matrix (no copy), else a copy. */
function rowReader(X: Matrix): (i: number) => ArrayLike<number> {
  const raw = (X as unknown as { data?: unknown }).data;
  if (Array.isArray(raw)) return (i) => raw[i] as Float64Array;
  return (i) => X.getRow(i);
}
