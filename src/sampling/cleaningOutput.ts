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
 * `sample_indices_` is `flatnonzero(kept)`. The rows of X move in place (the output is this call's
 * own buffer: no second copy of it); labels and indices follow. @internal
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
  const from = new Int32Array(n); // output position q takes the row now at position from[q]
  const y: Label[] = new Array(n);
  const indices = new Int32Array(n);
  let q = 0;
  for (let i = 0; i <= maxIndex; i++) {
    const p = at[i] as number;
    if (p < 0) continue;
    from[q] = p;
    y[q] = result.y[p] as Label;
    indices[q++] = i;
  }
  permuteRows(data, cols, from);
  // denseView gave the Matrix's own buffer when its rows are contiguous: its row views now read the
  // moved rows
  const views = (result.X as unknown as { data?: Float64Array[] }).data;
  const own = n > 0 && views?.[0]?.buffer === data.buffer && views[0].byteOffset === data.byteOffset;
  return { X: own || n === 0 ? result.X : fromDense(data, n, cols), y, sampleIndices: indices };
}

/**
 * Moves the rows of `data` in place so that row q becomes the row that was at `from[q]` (a permutation).
 * @internal
 */
export function permuteRows(data: Float64Array, cols: number, from: Int32Array): void {
  const n = from.length;
  const done = new Uint8Array(n);
  const tmp = new Float64Array(cols);
  for (let start = 0; start < n; start++) {
    if (done[start] || from[start] === start) continue;
    // follow the cycle: each position pulls the row it takes, the first one's from the saved copy
    tmp.set(data.subarray(start * cols, (start + 1) * cols));
    let q = start;
    for (;;) {
      done[q] = 1;
      const p = from[q] as number;
      if (p === start) {
        data.set(tmp, q * cols);
        break;
      }
      data.copyWithin(q * cols, p * cols, (p + 1) * cols);
      q = p;
    }
  }
}
