/**
 * Weighted counting kernels: per-label tp / predicted / true counts and the confusion counts.
 * @internal
 * @module
 */

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
