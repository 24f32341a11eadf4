/**
 * The two passes of the kernel network as per-thread programs.
 *
 * Forward (prediction, and the first half of a training step): the rows of the pass are split
 * among the threads (in multiples of 4); each thread runs its rows through every layer — gemm with
 * the bias (and ReLU) fused, the other activations in place — then the softmax.
 *
 * Training step: forward as above, the softmax cross-entropy gradient, and the input gradients
 * `D_{l−1} = (D_l · W_lᵀ) ⊙ act′(H_{l−1})`, all row-local; a barrier; then the gradient of every
 * layer's `[W; b]` block (`dW = Aᵀ·D`, the bias row a column sum of D) as two partial sums, over
 * the batch's first half of rows `[0, h)` into `grads` and its second half `[h, b)` into `grads2`
 * ({@link firstHalf}: h depends on b alone) — on two or more threads, the first ⌈threads / 2⌉
 * threads share out the parameter rows of the first half, the others those of the second, so with
 * two threads each reads the activation and gradient rows it wrote itself; a barrier; then the
 * parameter rows are split among all the threads, and each adds the second half's sum to the
 * first's, updates its rows with the optimizer and refreshes its columns of Wᵀ. With dropout (ReLU
 * or linear hidden layers), each hidden layer's output rows are multiplied by the step's mask `M`
 * (0 or 1/(1 − rate), drawn by the caller from the step's dropout seeds) right after the
 * activation, and its input gradient by the same mask: `D_{l−1} = (D_l · W_lᵀ) ⊙ act′ ⊙ M`, as
 * tfjs-layers' Dropout.
 *
 * No value depends on how the rows are split: a row's forward and backward results depend on that
 * row only, and every gradient element is (Σ over rows 0 … h−1, in order) + (Σ over rows h … b−1,
 * in order), whichever threads compute the two sums. So the thread count never changes a result bit.
 *
 * @internal
 * @module
 */
import type { MLPActivation, NetSpec } from '../Network.js';
import type { MLPOptimizer } from '../options.js';
import type { LayerLayout, NetLayout } from './layout.js';
import type { ProgramWriter } from './program.js';

/** The gemm epilogue of a hidden layer's forward product. */
const FORWARD: Record<MLPActivation, string> = {
  relu: 'gemm_biasRelu',
  linear: 'gemm_bias',
  tanh: 'gemm_bias',
  sigmoid: 'gemm_bias',
  elu: 'gemm_bias',
};
/** The in-place activation after it (none for relu and linear). */
const ACTIVATE: Partial<Record<MLPActivation, string>> = { tanh: 'act_tanh', sigmoid: 'act_sigmoid', elu: 'act_elu' };
/** The gemm epilogue of the input gradient through a hidden activation. */
const BACKWARD: Record<MLPActivation, string> = {
  relu: 'gemm_reluGrad',
  linear: 'gemm_plain',
  tanh: 'gemm_tanhGrad',
  sigmoid: 'gemm_sigmoidGrad',
  elu: 'gemm_eluGrad',
};

/** Batch rows per block of the weight-gradient product (see updateRows). */
const K_BLOCK = 128;

/** Rows `[lo, hi)` of `n` for `slot` of `threads` (multiples of `align`, the last part shorter). */
export function share(n: number, threads: number, slot: number, align: number): [number, number] {
  const per = Math.ceil(n / threads / align) * align;
  const lo = Math.min(n, slot * per);
  return [lo, Math.min(n, lo + per)];
}

/**
 * Rows `[lo, hi)` of `n` for `slot` of `threads` when slot 0 takes the share `own` (rounded to a
 * multiple of `align`) and the other slots split the rest as {@link share} does.
 * @internal
 */
export function shareOwnFirst(n: number, threads: number, slot: number, own: number, align: number): [number, number] {
  if (threads === 1) return [0, n];
  const first = Math.max(0, Math.min(n, Math.round((own * n) / align) * align));
  if (slot === 0) return [0, first];
  const [lo, hi] = share(n - first, threads - 1, slot - 1, align);
  return [first + lo, first + hi];
}

const rowAt = (base: number, row: number, stride: number) => base + 4 * row * stride;

/**
 * Forward through every layer for rows `[r0, r1)` of the pass (the output layer's logits in its
 * `act`); the first layer reads its rows at `x` (the layout's input rows, or its second buffer).
 * In training (`dropout`), a hidden layer with a mask multiplies its output rows by it.
 */
function forwardRows(
  w: ProgramWriter,
  L: NetLayout,
  spec: NetSpec,
  r0: number,
  r1: number,
  x = L.x,
  dropout = false,
): void {
  const m = r1 - r0;
  if (m <= 0) return;
  const last = L.layers.length - 1;
  L.layers.forEach((layer, l) => {
    const gemm = l === last ? 'gemm_bias' : FORWARD[spec.activation];
    const out = rowAt(layer.act, r0, layer.stride);
    const bias = rowAt(layer.params, layer.nIn, layer.stride);
    const input = rowAt(l === 0 ? x : layer.input, r0, layer.inStride);
    const { width, nIn, inStride, params, stride } = layer;
    w.call(gemm, m, width, nIn, input, inStride, 1, params, stride, out, stride, bias, 0);
    const act = ACTIVATE[spec.activation];
    if (l < last && act) w.call(act, m * stride, out);
    if (dropout && layer.mask !== 0) w.call('mul', m * stride, out, rowAt(layer.mask, r0, stride));
  });
}

/**
 * Writes the prediction pass: thread `t` runs rows `bounds[t] … bounds[t + 1] − 1` of the input
 * rows at `x`; probabilities land in the output layer's `act` (row stride its `stride`).
 * @internal
 */
export function predictPass(w: ProgramWriter, L: NetLayout, spec: NetSpec, x: number, bounds: readonly number[]): void {
  const out = L.layers[L.layers.length - 1] as LayerLayout;
  for (let t = 0; t < w.threads; t++) {
    const r0 = bounds[t] as number;
    const r1 = bounds[t + 1] as number;
    w.at(t);
    forwardRows(w, L, spec, r0, r1, x);
    if (r1 > r0) w.call('softmax_proba', r1 - r0, out.nOut, out.stride, rowAt(out.act, r0, out.stride));
  }
  w.finish();
}

/**
 * Writes one training step over a batch of `b` rows on `threads` threads (see the module notes);
 * in the update, thread 0 takes the share `own` of every layer's parameter rows (less than an
 * equal share when it has other work to overlap with the workers').
 * @internal
 */
export function trainPass(
  w: ProgramWriter,
  L: NetLayout,
  spec: NetSpec,
  b: number,
  optimizer: MLPOptimizer,
  own = 1 / w.threads,
): void {
  const layers = L.layers;
  const out = layers[layers.length - 1] as LayerLayout;
  for (let t = 0; t < w.threads; t++) {
    const [r0, r1] = share(b, w.threads, t, 4);
    const m = r1 - r0;
    w.at(t);
    if (m <= 0) continue;
    forwardRows(w, L, spec, r0, r1, L.x, true);
    w.call(
      'softmax_grad',
      m,
      out.nOut,
      out.stride,
      rowAt(out.act, r0, out.stride),
      L.labels + 4 * r0,
      L.weights + 4 * r0,
      L.stats + 16 * r0,
      rowAt(out.grad, r0, out.stride),
    );
    for (let l = layers.length - 1; l >= 1; l--) {
      const layer = layers[l] as LayerLayout;
      const prev = layers[l - 1] as LayerLayout;
      const H = rowAt(prev.act, r0, prev.stride);
      w.call(
        BACKWARD[spec.activation],
        m,
        prev.width,
        layer.nOut,
        rowAt(layer.grad, r0, layer.stride),
        layer.stride,
        1,
        layer.wt,
        prev.stride,
        rowAt(prev.grad, r0, prev.stride),
        prev.stride,
        H,
        prev.stride,
      );
      // Dropout: ∂(H ⊙ M)/∂z = M ⊙ act′(z). The ReLU gradient above read the masked H, so it is
      // already 0 where M is; the mask's scale 1/(1 − rate) is applied here.
      if (prev.mask !== 0)
        w.call('mul', m * prev.stride, rowAt(prev.grad, r0, prev.stride), rowAt(prev.mask, r0, prev.stride));
    }
  }
  w.barrier();
  // The weight gradient in two halves of the batch, each summed over its own rows, then added:
  // with two or more threads each half is computed by the threads that ran its rows above, so a
  // thread reads the activations and gradients in its own cache (reading the other half's cost
  // ~20 % of a two-thread step at batch 1024). The halves depend on b alone, not on the threads.
  const h = firstHalf(b);
  const team0 = Math.ceil(w.threads / 2);
  for (let t = 0; t < w.threads; t++) {
    w.at(t);
    for (const layer of layers) {
      const rows = layer.nIn + 1;
      if (w.threads === 1) {
        halfGradient(w, layer, 0, h, layer.grads, [0, rows]);
        if (b > h) halfGradient(w, layer, h, b, layer.grads2, [0, rows]);
      } else if (t < team0) halfGradient(w, layer, 0, h, layer.grads, share(rows, team0, t, 1));
      else if (b > h) halfGradient(w, layer, h, b, layer.grads2, share(rows, w.threads - team0, t - team0, 1));
    }
  }
  w.barrier();
  for (let t = 0; t < w.threads; t++) {
    w.at(t);
    for (const layer of layers)
      updateRows(w, L, layer, b > h, shareOwnFirst(layer.nIn + 1, w.threads, t, own, 1), optimizer);
  }
  w.finish();
}

/**
 * The rows of the weight-gradient half-batch split, `[0, h)` and `[h, b)`: the rows of the first
 * thread of two (a multiple of 4), whatever the thread count.
 * @internal
 */
export function firstHalf(b: number): number {
  return Math.min(b, Math.ceil(b / 8) * 4);
}

/**
 * Rows `[lo, hi)` of one layer's `[W; b]` gradient summed over batch rows `[k0, k1)` into `dst`
 * (the layer's `grads` or `grads2`): `Aᵀ·D` for the weight rows, the column sum of D for the bias row.
 */
function halfGradient(
  w: ProgramWriter,
  layer: LayerLayout,
  k0: number,
  k1: number,
  dst: number,
  [lo, hi]: [number, number],
): void {
  const { nIn, width, stride, inStride } = layer;
  const wHi = Math.min(hi, nIn);
  if (wHi > lo) {
    // dW rows lo … wHi−1: A read transposed (column lo of the input rows, stride inStride), in
    // blocks of K_BLOCK batch rows, so the A and D rows in use stay in cache at large batches
    // (measured, 128 × 256 from 1024 rows: 31 → 38 GFLOP/s with blocks of 256; blocks of 128
    // trained the bench's network ~5 % faster at batch 1024 on two threads).
    for (let k = k0; k < k1; k += K_BLOCK) {
      w.call(
        k === k0 ? 'gemm_plain' : 'gemm_accumulate',
        wHi - lo,
        width,
        Math.min(K_BLOCK, k1 - k),
        layer.input + 4 * (lo + k * inStride),
        1,
        inStride,
        layer.grad + 4 * k * stride,
        stride,
        dst + 4 * lo * stride,
        stride,
        0,
        0,
      );
    }
  }
  if (hi > nIn) w.call('colsum', width, k1 - k0, layer.grad + 4 * k0 * stride, stride, dst + 4 * nIn * stride);
}

/**
 * Rows `[lo, hi)` of one layer's `[W; b]` block: the second half-batch's gradient added to the
 * first's (when the batch has a second half), the optimizer step and the Wᵀ refresh.
 */
function updateRows(
  w: ProgramWriter,
  L: NetLayout,
  layer: LayerLayout,
  second: boolean,
  [lo, hi]: [number, number],
  optimizer: MLPOptimizer,
): void {
  if (hi <= lo) return;
  const { nIn, stride } = layer;
  const wHi = Math.min(hi, nIn);
  const at = (base: number, row: number) => (base === 0 ? 0 : base + 4 * row * stride);
  const step = (row: number, count: number, hp: number) => {
    const p = at(layer.params, row);
    const g = at(layer.grads, row);
    if (optimizer === 'adam') w.call('adam', count, p, g, at(layer.state1, row), at(layer.state2, row), hp);
    else if (optimizer === 'rmsprop') w.call('rmsprop', count, p, g, at(layer.state1, row), hp);
    else w.call('sgd', count, p, g, hp);
  };
  if (second) w.call('add', (hi - lo) * stride, at(layer.grads, lo), at(layer.grads2, lo));
  if (wHi > lo) {
    step(lo, (wHi - lo) * stride, L.hpKernel);
    if (layer.wt !== 0)
      w.call('transpose', wHi - lo, layer.nOut, at(layer.params, lo), stride, layer.wt + 4 * lo, layer.inStride);
  }
  if (hi > nIn) step(nIn, stride, L.hpBias);
}
