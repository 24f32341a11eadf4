/**
 * The binary threshold sweep (scikit-learn's `_binary_clf_curve`) and the areas computed from it:
 * ROC AUC and average precision, plus the one-vs-rest flattening of the micro averages.
 * @internal
 * @module
 */

/** The cumulative counts at each distinct threshold, in descending score order. @internal */
export interface ClfCurve {
  /** Weighted negatives with score ≥ threshold. */
  fps: Float64Array;
  /** Weighted positives with score ≥ threshold. */
  tps: Float64Array;
  /** Distinct scores, descending. */
  thresholds: Float64Array;
}

/**
 * scikit-learn's `_binary_clf_curve`: drops zero-weight samples and accumulates positives / negatives at every distinct
 * score. `positive[i]` is 1 for the positive class.
 *
 * Neither path needs a permutation. Unweighted: the positives' and the negatives' scores are
 * sorted separately with the native typed-array sort and merged from the top, one step per
 * distinct score. Weighted: the distinct scores come from one native sort and each sample's
 * weight is added to its score's group found by binary search. O(n log n) either way. @internal
 */
export function binaryClfCurve(positive: Uint8Array, score: Float64Array, weight?: Float64Array): ClfCurve {
  if (weight) return weightedCurve(positive, score, weight);
  const n = score.length;
  let P = 0;
  for (let i = 0; i < n; i++) P += positive[i] as number;
  const ps = new Float64Array(P);
  const ns = new Float64Array(n - P);
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (positive[i]) ps[a++] = score[i] as number;
    else ns[b++] = score[i] as number;
  }
  ps.sort();
  ns.sort();
  const fps = new Float64Array(n);
  const tps = new Float64Array(n);
  const thr = new Float64Array(n);
  let i = ps.length - 1;
  let j = ns.length - 1;
  let tp = 0;
  let fp = 0;
  let m = 0;
  while (i >= 0 || j >= 0) {
    const a = i >= 0 ? (ps[i] as number) : Number.NEGATIVE_INFINITY;
    const b = j >= 0 ? (ns[j] as number) : Number.NEGATIVE_INFINITY;
    const s = i < 0 ? b : j < 0 ? a : a > b ? a : b;
    while (i >= 0 && ps[i] === s) {
      tp++;
      i--;
    }
    while (j >= 0 && ns[j] === s) {
      fp++;
      j--;
    }
    tps[m] = tp;
    fps[m] = fp;
    thr[m] = s;
    m++;
  }
  return { fps: fps.subarray(0, m), tps: tps.subarray(0, m), thresholds: thr.subarray(0, m) };
}

function weightedCurve(positive: Uint8Array, score: Float64Array, weight: Float64Array): ClfCurve {
  // Zero-weight samples are dropped first (their scores must not create thresholds).
  const n0 = score.length;
  let m = 0;
  for (let i = 0; i < n0; i++) if (weight[i] !== 0) m++;
  const kept = new Float64Array(m);
  for (let i = 0, j = 0; i < n0; i++) if (weight[i] !== 0) kept[j++] = score[i] as number;
  kept.sort();
  // distinct scores, ascending
  let d = 0;
  for (let i = 0; i < m; i++) if (i === 0 || kept[i] !== kept[d - 1]) kept[d++] = kept[i] as number;
  const distinct = kept.subarray(0, d);
  const tpw = new Float64Array(d);
  const fpw = new Float64Array(d);
  for (let i = 0; i < n0; i++) {
    const w = weight[i] as number;
    if (w === 0) continue;
    const s = score[i] as number;
    let lo = 0;
    let hi = d - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((distinct[mid] as number) < s) lo = mid + 1;
      else hi = mid;
    }
    if (positive[i]) tpw[lo] += w;
    else fpw[lo] += w;
  }
  const fps = new Float64Array(d);
  const tps = new Float64Array(d);
  const thr = new Float64Array(d);
  let tp = 0;
  let fp = 0;
  for (let g = d - 1, k = 0; g >= 0; g--, k++) {
    tp += tpw[g] as number;
    fp += fpw[g] as number;
    tps[k] = tp;
    fps[k] = fp;
    thr[k] = distinct[g] as number;
  }
  return { fps, tps, thresholds: thr };
}

/**
 * Area under the ROC curve of a threshold sweep (trapezoid over the distinct thresholds, from
 * (0, 0)); NaN when one side is empty. @internal
 */
export function aucFromCurve(c: ClfCurve): number {
  const k = c.tps.length;
  const P = c.tps[k - 1] as number;
  const N = c.fps[k - 1] as number;
  if (!(P > 0) || !(N > 0)) return Number.NaN;
  let area = 0;
  let pf = 0;
  let pt = 0;
  for (let i = 0; i < k; i++) {
    const f = (c.fps[i] as number) / N;
    const t = (c.tps[i] as number) / P;
    area += ((f - pf) * (t + pt)) / 2;
    pf = f;
    pt = t;
  }
  return area;
}

/**
 * Binary AUC. Unweighted: the positives' and negatives' scores are copied into one scratch
 * buffer (positives first), each part sorted with the native typed-array sort, and merged from
 * the top, integrating the trapezoids on the fly (no curve arrays). Weighted: through
 * {@link binaryClfCurve}. Returns NaN when a side is empty. `scratch`, when given, must hold at
 * least `score.length` values and is overwritten. @internal
 */
export function binaryAuc(
  positive: Uint8Array,
  score: Float64Array,
  weight?: Float64Array,
  scratch?: Float64Array,
): number {
  if (weight) return aucFromCurve(binaryClfCurve(positive, score, weight));
  const n = score.length;
  let P = 0;
  for (let i = 0; i < n; i++) P += positive[i] as number;
  const N = n - P;
  if (P === 0 || N === 0) return Number.NaN;
  const buf = scratch && scratch.length >= n ? scratch : new Float64Array(n);
  for (let i = 0, a = 0, b = P; i < n; i++) {
    if (positive[i]) buf[a++] = score[i] as number;
    else buf[b++] = score[i] as number;
  }
  const ps = buf.subarray(0, P).sort();
  const ns = buf.subarray(P, n).sort();
  let i = P - 1;
  let j = N - 1;
  let tp = 0;
  let fp = 0;
  let area = 0; // in units of (count × count) / 2
  while (i >= 0 || j >= 0) {
    const a = i >= 0 ? (ps[i] as number) : Number.NEGATIVE_INFINITY;
    const b = j >= 0 ? (ns[j] as number) : Number.NEGATIVE_INFINITY;
    const s = a > b ? a : b;
    const tp0 = tp;
    const fp0 = fp;
    while (i >= 0 && ps[i] === s) {
      tp++;
      i--;
    }
    while (j >= 0 && ns[j] === s) {
      fp++;
      j--;
    }
    area += (fp - fp0) * (tp + tp0);
  }
  return area / 2 / P / N;
}

/** Step-rule average precision of a threshold sweep (scikit-learn's, clipped at 0). @internal */
export function apFromCurve(c: ClfCurve): number {
  const k = c.tps.length;
  const P = c.tps[k - 1] as number;
  let ap = 0;
  let prevR = 0;
  for (let i = 0; i < k; i++) {
    const tp = c.tps[i] as number;
    const ps = tp + (c.fps[i] as number);
    const prec = ps === 0 ? 0 : tp / ps;
    const rec = P === 0 ? 1 : tp / P;
    ap += (rec - prevR) * prec;
    prevR = rec;
  }
  if (P === 0) {
    // scikit-learn: recall is 1 everywhere; the only step is 1 → 0 past the top threshold,
    // weighted by the top threshold's precision, which is 0 when there are no positives.
    return 0;
  }
  return Math.max(0, ap);
}

/**
 * Flattens class indices into the one-vs-rest truth of a row-major `n × k` score matrix (the
 * "micro" average: every cell is one binary sample), repeating each row's weight over its `k`
 * cells. @internal
 */
export function flattenOneVsRest(
  ti: Int32Array,
  k: number,
  w: Float64Array | undefined,
): { positive: Uint8Array; weight: Float64Array | undefined } {
  const n = ti.length;
  const positive = new Uint8Array(n * k);
  for (let i = 0; i < n; i++) positive[i * k + (ti[i] as number)] = 1;
  if (!w) return { positive, weight: undefined };
  const weight = new Float64Array(n * k);
  for (let i = 0; i < n; i++) weight.fill(w[i] as number, i * k, i * k + k);
  return { positive, weight };
}
