/**
 * The `'linear'` search of a {@link PriorCorrectedClassifier}: a class-balanced multinomial
 * logistic regression on the log-probabilities of validation rows (matrix scaling, fitted with the
 * balanced weights), solved by Newton's method.
 *
 * @internal
 * @module
 */

/** Log-probabilities below this are clipped (a probability of 1e-30 must not dominate the fit). */
export const LOG_FLOOR = Math.log(1e-7);
/** L2 penalty on `W − I` (the fit is shrunk toward the plain argmax of the log-probabilities). */
const LAMBDA_W = 1e-3;
/** A tiny penalty on the intercepts: it removes the softmax's shift invariance from the Hessian. */
const LAMBDA_B = 1e-6;
const MAX_ITER = 50;
const TOL = 1e-10;

/** A fitted linear rule: score of class c is `Σ_j weights[c][j]·log p_j + bias[c]`. @internal */
export interface LinearRule {
  weights: number[][];
  bias: number[];
}

/**
 * Fits `W` (k × k) and `b` (k) minimising the class-balanced mean cross-entropy of
 * `softmax(W·log p + b)` (each row weighted `n / (k · n_class)`, as scikit-learn's
 * `class_weight='balanced'`) plus `LAMBDA_W/2·‖W − I‖² + LAMBDA_B/2·‖b‖²`, from `W = I, b = 0`,
 * by damped Newton steps with a backtracking line search. Deterministic.
 *
 * @param logp - Row-major `n × k` log-probabilities (already clipped at {@link LOG_FLOOR}).
 * @param y - The class index of each row.
 * @param k - Number of classes.
 * @internal
 */
export function fitLinearRule(logp: Float64Array, y: Int32Array, k: number): LinearRule {
  const n = y.length;
  const d = k + 1; // the k log-probabilities and the intercept
  const D = k * d;
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) counts[y[i] as number]! += 1;
  const present = Array.from(counts, (c) => c > 0).filter(Boolean).length;
  const w = Float64Array.from(counts, (c) => (c > 0 ? n / (present * c) : 0));
  let wSum = 0;
  for (let i = 0; i < n; i++) wSum += w[y[i] as number] as number;
  // θ[c·d + j]: weight of log p_j in class c's score (j < k), θ[c·d + k]: its intercept.
  const theta = new Float64Array(D);
  const prior = new Float64Array(D);
  for (let c = 0; c < k; c++) prior[c * d + c] = 1;
  theta.set(prior);
  const lambda = (idx: number): number => (idx % d === k ? LAMBDA_B : LAMBDA_W);
  const z = new Float64Array(k);
  const p = new Float64Array(k);
  const x = new Float64Array(d);
  x[k] = 1;
  const softmaxRow = (t: Float64Array, i: number): number => {
    for (let j = 0; j < k; j++) x[j] = logp[i * k + j] as number;
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (t[c * d + j] as number) * (x[j] as number);
      z[c] = s;
      if (s > max) max = s;
    }
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp((z[c] as number) - max);
      p[c] = e;
      sum += e;
    }
    for (let c = 0; c < k; c++) p[c] = (p[c] as number) / sum;
    return max + Math.log(sum); // log-sum-exp
  };
  const objective = (t: Float64Array): number => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      const yi = y[i] as number;
      const lse = softmaxRow(t, i);
      f += (w[yi] as number) * (lse - (z[yi] as number));
    }
    f /= wSum;
    for (let q = 0; q < D; q++) f += 0.5 * lambda(q) * ((t[q] as number) - (prior[q] as number)) ** 2;
    return f;
  };
  let f = objective(theta);
  const g = new Float64Array(D);
  const H = new Float64Array(D * D);
  for (let iter = 0; iter < MAX_ITER; iter++) {
    g.fill(0);
    H.fill(0);
    for (let i = 0; i < n; i++) {
      const yi = y[i] as number;
      const wi = (w[yi] as number) / wSum;
      if (wi === 0) continue;
      softmaxRow(theta, i);
      for (let c = 0; c < k; c++) {
        const r = wi * ((p[c] as number) - (c === yi ? 1 : 0));
        for (let j = 0; j < d; j++) g[c * d + j]! += r * (x[j] as number);
        for (let c2 = c; c2 < k; c2++) {
          const a = wi * (p[c] as number) * ((c === c2 ? 1 : 0) - (p[c2] as number));
          if (a === 0) continue;
          for (let j = 0; j < d; j++) {
            const ax = a * (x[j] as number);
            const row = (c * d + j) * D + c2 * d;
            for (let j2 = 0; j2 < d; j2++) H[row + j2]! += ax * (x[j2] as number);
          }
        }
      }
    }
    // the lower blocks from the upper ones, then the penalty
    for (let c = 0; c < k; c++)
      for (let c2 = c + 1; c2 < k; c2++)
        for (let j = 0; j < d; j++)
          for (let j2 = 0; j2 < d; j2++) H[(c2 * d + j2) * D + c * d + j] = H[(c * d + j) * D + c2 * d + j2] as number;
    for (let q = 0; q < D; q++) {
      g[q]! += lambda(q) * ((theta[q] as number) - (prior[q] as number));
      H[q * D + q]! += lambda(q);
    }
    const step = choleskySolve(H, g, D);
    let t = 1;
    let next = new Float64Array(D);
    let fNext = Infinity;
    for (let h = 0; h < 30; h++) {
      for (let q = 0; q < D; q++) next[q] = (theta[q] as number) - t * (step[q] as number);
      fNext = objective(next);
      if (fNext <= f) break;
      t /= 2;
    }
    if (!(fNext <= f)) break;
    const done = f - fNext < TOL;
    theta.set(next);
    f = fNext;
    next = new Float64Array(0);
    if (done) break;
  }
  const weights: number[][] = [];
  const bias: number[] = [];
  for (let c = 0; c < k; c++) {
    weights.push(Array.from(theta.subarray(c * d, c * d + k)));
    bias.push(theta[c * d + k] as number);
  }
  return { weights, bias };
}

/** Solves `A·s = b` for a symmetric positive definite `A` (D × D, row-major) by Cholesky. */
function choleskySolve(A: Float64Array, b: Float64Array, D: number): Float64Array {
  const L = new Float64Array(D * D);
  for (let i = 0; i < D; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * D + j] as number;
      for (let q = 0; q < j; q++) s -= (L[i * D + q] as number) * (L[j * D + q] as number);
      if (i === j) L[i * D + i] = Math.sqrt(Math.max(s, 1e-300));
      else L[i * D + j] = s / (L[j * D + j] as number);
    }
  }
  const u = new Float64Array(D);
  for (let i = 0; i < D; i++) {
    let s = b[i] as number;
    for (let q = 0; q < i; q++) s -= (L[i * D + q] as number) * (u[q] as number);
    u[i] = s / (L[i * D + i] as number);
  }
  const out = new Float64Array(D);
  for (let i = D - 1; i >= 0; i--) {
    let s = u[i] as number;
    for (let q = i + 1; q < D; q++) s -= (L[q * D + i] as number) * (out[q] as number);
    out[i] = s / (L[i * D + i] as number);
  }
  return out;
}
