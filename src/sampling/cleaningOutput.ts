import type { ResampleResult } from '../core/contracts.js';
import { denseView, fromDense, type Label } from '../core/matrix.js';
import type { SamplerContext } from './Sampler.js';

/**
 * Hands the surviving rows (`alive[i] === 1`) of every class to `ctx.keep`, in input order: the
 * Sampler base then outputs them class by class in sorted class order, which is imbalanced-learn's
 * order for the edited-nearest-neighbour family. @internal
 */
export function keepAlive(ctx: SamplerContext, alive: Uint8Array): void {
  for (const label of ctx.counts.keys()) {
    const idx = ctx.indicesOf(label);
    let n = 0;
    for (let t = 0; t < idx.length; t++) n += alive[idx[t] as number] as number;
    if (n === idx.length) continue; // untouched: the base keeps the whole class
    const kept = new Int32Array(n);
    let p = 0;
    for (let t = 0; t < idx.length; t++) {
      const i = idx[t] as number;
      if (alive[i]) kept[p++] = i;
    }
    ctx.keep(label, kept);
  }
}

/**
 * Reorders an under-sampler's output (class by class, each class in input order) into input
 * order — imbalanced-learn's order for TomekLinks and NeighbourhoodCleaningRule, whose
 * `sample_indices_` is `flatnonzero(kept)`. X is copied once; labels and indices follow. @internal
 */
export function inInputOrder(result: ResampleResult): ResampleResult {
  const src = result.sampleIndices as Int32Array;
  const n = src.length;
  const { data, cols } = denseView(result.X);
  let maxIndex = -1;
  for (let p = 0; p < n; p++) if ((src[p] as number) > maxIndex) maxIndex = src[p] as number;
  // Each input row appears at most once, so a position table sorts in O(n + max index).
  const at = new Int32Array(maxIndex + 1).fill(-1);
  for (let p = 0; p < n; p++) at[src[p] as number] = p;
  const X = new Float64Array(n * cols);
  const y: Label[] = new Array(n);
  const indices = new Int32Array(n);
  let q = 0;
  for (let i = 0; i <= maxIndex; i++) {
    const p = at[i] as number;
    if (p < 0) continue;
    X.set(data.subarray(p * cols, (p + 1) * cols), q * cols);
    y[q] = result.y[p] as Label;
    indices[q++] = i;
  }
  return { X: fromDense(X, n, cols), y, sampleIndices: indices };
}
