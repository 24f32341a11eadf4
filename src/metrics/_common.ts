/**
 * Shared validation and counting kernels of the metrics. Nothing here is exported from the
 * package barrel.
 * @internal
 * @packageDocumentation
 */
import { DataValidationError, InvalidParameterError, describe } from '../core/errors.js';
import { checkLabels, compareLabels, uniqueSorted } from '../core/labels.js';
import { toDense, type Dense, type Label, type MatrixInput } from '../core/matrix.js';

/** What to return for a ratio whose denominator is zero. */
export type ZeroDivision = 0 | 1 | 'nan';

/** Averaging modes of the set-wise metrics (scikit-learn's `average`, `null` for per class). */
export type Average = 'binary' | 'micro' | 'macro' | 'weighted';

/** A validated pair of targets. @internal */
export interface Targets {
  yTrue: Label[];
  yPred: Label[];
  n: number;
}

/** Validates yTrue / yPred: label vectors, equal non-zero length, same label type. @internal */
export function checkTargets(
  who: string,
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  predParam = 'yPred',
): Targets {
  const t = checkLabels(yTrue, who, 'yTrue');
  const p = checkLabels(yPred, who, predParam);
  if (t.length !== p.length) {
    throw new DataValidationError(
      `${who}: yTrue has ${t.length} labels but ${predParam} has ${p.length}. Pass one prediction per true label.`,
      { param: predParam },
    );
  }
  if (t.length === 0) {
    throw new DataValidationError(`${who}: yTrue and ${predParam} are empty; at least one sample is needed.`, {
      param: 'yTrue',
    });
  }
  if (typeof t[0] !== typeof p[0]) {
    throw new DataValidationError(
      `${who}: yTrue holds ${typeof t[0]}s but ${predParam} holds ${typeof p[0]}s. Use the same label type for both.`,
      { param: predParam },
    );
  }
  return { yTrue: t, yPred: p, n: t.length };
}

/** Validates a label vector alone (non-empty). @internal */
export function checkTrue(who: string, yTrue: ReadonlyArray<Label>): Label[] {
  const t = checkLabels(yTrue, who, 'yTrue');
  if (t.length === 0)
    throw new DataValidationError(`${who}: yTrue is empty; at least one sample is needed.`, { param: 'yTrue' });
  return t;
}

/**
 * Validates a user `labels` option (non-empty, distinct, one label type matching the data) and
 * returns a fresh copy; without it, returns the sorted union of the given vectors. @internal
 */
export function resolveLabels(
  who: string,
  labels: ReadonlyArray<Label> | undefined,
  ...ys: ReadonlyArray<Label>[]
): Label[] {
  if (labels === undefined) {
    const set = new Set<Label>();
    for (const y of ys) for (const v of y) set.add(v);
    return Array.from(set).sort(compareLabels);
  }
  const l = checkLabels(labels, who, 'labels');
  if (l.length === 0)
    throw new InvalidParameterError('labels', `${who}: labels is empty; pass at least one label or omit it.`);
  if (new Set(l).size !== l.length) {
    throw new InvalidParameterError(
      'labels',
      `${who}: labels contains duplicates (${l.map((v) => describe(v)).join(', ')}); each label must appear once.`,
    );
  }
  const sample = ys.find((y) => y.length > 0)?.[0];
  if (sample !== undefined && typeof sample !== typeof l[0]) {
    throw new InvalidParameterError(
      'labels',
      `${who}: labels holds ${typeof l[0]}s but the targets hold ${typeof sample}s. Use the same label type.`,
    );
  }
  return l;
}

/** Index of each value in `labels`, -1 when absent. @internal */
export function indexIn(y: ReadonlyArray<Label>, labels: ReadonlyArray<Label>): Int32Array {
  const map = new Map<Label, number>();
  labels.forEach((l, i) => map.set(l, i));
  const out = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = map.get(y[i] as Label) ?? -1;
  return out;
}

/** Validates sample weights (finite, non-negative, one per sample) into a Float64Array. @internal */
export function checkWeights(
  who: string,
  w: ReadonlyArray<number> | Float64Array | undefined,
  n: number,
): Float64Array | undefined {
  if (w === undefined) return undefined;
  if (!Array.isArray(w) && !ArrayBuffer.isView(w)) {
    throw new DataValidationError(`${who}: sampleWeight must be an array of numbers, received ${describe(w)}.`, {
      param: 'sampleWeight',
    });
  }
  if (w.length !== n) {
    throw new DataValidationError(
      `${who}: sampleWeight has ${w.length} values but there are ${n} samples. Pass one weight per sample.`,
      { param: 'sampleWeight' },
    );
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = w[i] as number;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new DataValidationError(
        `${who}: sampleWeight[${i}] is ${describe(v)}; weights must be finite and non-negative.`,
        { param: 'sampleWeight', row: i },
      );
    }
    out[i] = v;
  }
  return out;
}

/** Validates the zeroDivision option. @internal */
export function checkZeroDivision(who: string, z: unknown): ZeroDivision {
  if (z === undefined) return 0;
  if (z === 0 || z === 1 || z === 'nan') return z;
  throw new InvalidParameterError(
    'zeroDivision',
    `${who}: zeroDivision must be 0, 1 or 'nan', received ${describe(z)}.`,
  );
}

/** The value a 0/0 ratio takes. @internal */
export function zeroValue(z: ZeroDivision): number {
  return z === 'nan' ? Number.NaN : z;
}

/** Divides, replacing zero denominators by the zeroDivision value. @internal */
export function divide(num: number, den: number, z: ZeroDivision): number {
  return den === 0 ? zeroValue(z) : num / den;
}

/**
 * Average ignoring NaN entries (scikit-learn's `_nanaverage`): NaN when every entry is NaN; with
 * weights whose sum over the kept entries is 0, the unweighted mean. @internal
 */
export function nanAverage(values: ArrayLike<number>, weights?: ArrayLike<number>): number {
  let s = 0;
  let ws = 0;
  let plain = 0;
  let kept = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) continue;
    kept++;
    plain += v;
    if (weights) {
      const w = weights[i] as number;
      s += v * w;
      ws += w;
    }
  }
  if (kept === 0) return Number.NaN;
  if (!weights || ws === 0) return plain / kept;
  return s / ws;
}

/**
 * Per-label weighted counts: tp, predicted (tp + fp), true (tp + fn). Samples whose labels are not
 * in `labels` contribute to nothing for that side. @internal
 */
export function labelCounts(
  t: Int32Array,
  p: Int32Array,
  k: number,
  w: Float64Array | undefined,
): { tp: Float64Array; pred: Float64Array; truth: Float64Array } {
  const tp = new Float64Array(k);
  const pred = new Float64Array(k);
  const truth = new Float64Array(k);
  for (let i = 0; i < t.length; i++) {
    const wi = w ? (w[i] as number) : 1;
    const a = t[i] as number;
    const b = p[i] as number;
    if (a >= 0) truth[a] += wi;
    if (b >= 0) pred[b] += wi;
    if (a >= 0 && a === b) tp[a] += wi;
  }
  return { tp, pred, truth };
}

/** Weighted confusion counts, `k × k` row-major (rows true, columns predicted). @internal */
export function confusionCounts(t: Int32Array, p: Int32Array, k: number, w: Float64Array | undefined): Float64Array {
  const c = new Float64Array(k * k);
  for (let i = 0; i < t.length; i++) {
    const a = t[i] as number;
    const b = p[i] as number;
    if (a < 0 || b < 0) continue;
    c[a * k + b] += w ? (w[i] as number) : 1;
  }
  return c;
}

/** Validates a 1-D score vector (finite numbers, expected length). @internal */
export function checkScores(
  who: string,
  s: ReadonlyArray<number> | Float64Array | Float32Array,
  n: number,
  param = 'yScore',
): Float64Array {
  if (!Array.isArray(s) && !ArrayBuffer.isView(s)) {
    throw new DataValidationError(`${who}: ${param} must be an array of numbers, received ${describe(s)}.`, { param });
  }
  if (s.length !== n) {
    throw new DataValidationError(
      `${who}: yTrue has ${n} labels but ${param} has ${s.length} scores. Pass one score per sample.`,
      { param },
    );
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = s[i] as number;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new DataValidationError(
        `${who}: ${param}[${i}] is ${describe(v)}; scores must be finite numbers (no NaN or ±Infinity).`,
        { param, row: i },
      );
    }
    out[i] = v;
  }
  return out;
}

/** True when the input is a 1-D vector of numbers rather than a matrix. @internal */
export function isVector(s: unknown): s is ReadonlyArray<number> | Float64Array | Float32Array {
  if (ArrayBuffer.isView(s)) return true;
  if (!Array.isArray(s)) return false;
  return s.length === 0 || typeof s[0] === 'number';
}

/** Validates a score / probability matrix (finite, `n` rows, `cols` columns when given). @internal */
export function checkScoreMatrix(
  who: string,
  s: MatrixInput,
  n: number,
  cols: number | undefined,
  param = 'yScore',
): Dense {
  const d = toDense(s, { who, param, minRows: 1 });
  if (d.rows !== n) {
    throw new DataValidationError(
      `${who}: yTrue has ${n} labels but ${param} has ${d.rows} rows. Pass one row of scores per sample.`,
      { param },
    );
  }
  if (cols !== undefined && d.cols !== cols) {
    throw new DataValidationError(
      `${who}: ${param} has ${d.cols} columns but there are ${cols} labels; columns follow labels (sorted by default). Pass labels listing every class the model knows.`,
      { param },
    );
  }
  return d;
}

/** sorted distinct labels of one vector. @internal */
export { uniqueSorted };

// ---------------------------------------------------------------------------------------------
// Sorting and the binary threshold sweep
// ---------------------------------------------------------------------------------------------

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

/** Positive label for a binary problem without an explicit posLabel (scikit-learn's rule). @internal */
export function defaultPosLabel(who: string, classes: ReadonlyArray<Label>): Label {
  const ok =
    classes.every((c) => typeof c === 'number') &&
    ((classes.length === 2 && ((classes[0] === 0 && classes[1] === 1) || (classes[0] === -1 && classes[1] === 1))) ||
      (classes.length === 1 && (classes[0] === 0 || classes[0] === 1 || classes[0] === -1)));
  if (!ok) {
    throw new InvalidParameterError(
      'posLabel',
      `${who}: yTrue takes values in {${classes.map((c) => describe(c)).join(', ')}} and posLabel is not given; pass posLabel explicitly (labels other than {0, 1} or {-1, 1} have no implied positive class).`,
    );
  }
  return 1;
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
