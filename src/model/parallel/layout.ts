/**
 * Where a network lives in the kernels' WebAssembly memory: every parameter block, optimizer
 * state, activation and gradient buffer, the batch, the control words and the threads' programs,
 * as byte offsets (64-byte aligned) computed once per network.
 *
 * Padding: every layer's output width is rounded up to a multiple of 4 (`width`), the f32x4 the
 * kernels store; the padding columns of W and b are zero and never updated (their gradients are
 * zero), so they never reach a real output. Row strides (`stride`) add 4 more floats when the
 * width is a multiple of 32: a power-of-two stride maps a column of rows onto a few L1 cache sets,
 * and the gemm then runs 5–11 % slower (measured: 36 → 40 GFLOP/s for dW = Xᵀ·D at 128 × 256).
 * A layer's parameters are one block `[W; b]` of `(nIn + 1) × stride` floats — W's `nIn` rows,
 * then the bias row — so the threads split a layer's gradient and update by rows of that block,
 * the bias row included.
 *
 * @internal
 * @module
 */
import type { NetSpec } from '../Network.js';
import { HP_FLOATS } from '../kernels/elementwise.js';
import type { MLPOptimizer } from '../options.js';

/** One dense layer. @internal */
export interface LayerLayout {
  /** Inputs (rows of W). */
  nIn: number;
  /** Outputs. */
  nOut: number;
  /** Outputs rounded up to a multiple of 4: the columns the kernels compute. */
  width: number;
  /** Row stride of W, b, H and D (`width`, or `width + 4`, see the module notes). */
  stride: number;
  /** Row stride of the layer's input (the batch's `xStride` for the first layer, else the previous stride). */
  inStride: number;
  /** Byte offset of the input rows (the batch, or the previous layer's H). */
  input: number;
  /** `[W; b]`, `(nIn + 1) × stride` floats. */
  params: number;
  /** Gradient of `[W; b]` (training): the first half-batch's share, then the whole batch's. */
  grads: number;
  /** The second half-batch's share of the gradient of `[W; b]` (training; see `trainPass`). */
  grads2: number;
  /** Optimizer state: Adam's m / RMSprop's mean square (training, 0 for SGD). */
  state1: number;
  /** Adam's v (training with Adam, else 0). */
  state2: number;
  /** Wᵀ, `nOut × inStride` floats, for the input gradient (training, layers after the first). */
  wt: number;
  /** Output rows H (`cap × stride`). */
  act: number;
  /** Gradient rows D = ∂loss/∂(pre-activation) (`cap × stride`, training). */
  grad: number;
  /**
   * The step's dropout mask of the output rows (`cap × stride`: 0 or 1/(1 − rate); hidden layers of
   * a training network with dropout, else 0).
   */
  mask: number;
}

/** A network's whole memory plan. @internal */
export interface NetLayout {
  /** Rows per pass (a training batch or a prediction chunk). */
  cap: number;
  /** Input features. */
  d: number;
  /** The layers, input to output. */
  layers: LayerLayout[];
  /** Input rows, `cap × xStride` floats. */
  x: number;
  /** A second buffer like `x`, filled while a prediction pass runs on `x` (0 on one thread). */
  x2: number;
  /** Row stride of the input rows (`d`, or `d + 4` when d is a multiple of 32). */
  xStride: number;
  /** Where rows are gathered densely (`cap × d`) before they are spread to `xStride` (0 when xStride = d). */
  staging: number;
  /** Class index of each row (int32, training). */
  labels: number;
  /** Loss weight of each row (float32, training). */
  weights: number;
  /** Per-row softmax statistics, 4 floats a row (training). */
  stats: number;
  /** Optimizer hyper-parameters for kernels (with L2) and for biases (without). */
  hpKernel: number;
  /** See {@link NetLayout.hpKernel}. */
  hpBias: number;
  /** Byte range of all `[W; b]` blocks (contiguous: snapshots copy it). */
  paramsStart: number;
  /** End of {@link NetLayout.paramsStart}'s range. */
  paramsEnd: number;
  /** The control words (int32, {@link CTL_WORDS}). */
  ctl: number;
  /** The programs, one region of {@link PROGRAM_WORDS} int32 per thread. */
  programs: number;
  /** Threads the programs region has room for. */
  threads: number;
  /** Total bytes. */
  bytes: number;
}

/** Int32 words of the control block. @internal */
export const CTL_WORDS = 256;
/** Int32 words of one thread's program. @internal */
export const PROGRAM_WORDS = 4096;

const ceil4 = (n: number) => Math.ceil(n / 4) * 4;
/** Row stride of rows `width` floats wide (see the module notes). @internal */
export const rowStride = (width: number) => (width % 32 === 0 ? width + 4 : width);

/**
 * The layout of `spec` for passes of up to `cap` rows on up to `threads` threads; with
 * `optimizer`, the training buffers too.
 * @internal
 */
export function netLayout(spec: NetSpec, cap: number, threads: number, optimizer?: MLPOptimizer): NetLayout {
  // Offset 0 stays unused, so 0 can mean "no such buffer".
  let at = 64;
  const take = (floats: number): number => {
    const off = at;
    at += Math.ceil((floats * 4) / 64) * 64;
    return off;
  };
  const training = optimizer !== undefined;
  const sizes = [spec.nIn, ...spec.hidden, spec.nOut];
  const shapes = sizes.slice(1).map((nOut, l) => {
    const width = ceil4(nOut);
    return { nIn: sizes[l] as number, nOut, width, stride: rowStride(width) };
  });
  const paramsStart = at;
  const params = shapes.map((s) => take((s.nIn + 1) * s.stride));
  const paramsEnd = at;
  const xStride = rowStride(spec.nIn);
  const x = take(cap * xStride);
  const x2 = threads > 1 ? take(cap * xStride) : 0;
  const staging = xStride === spec.nIn ? 0 : take(cap * spec.nIn);
  const layers: LayerLayout[] = [];
  shapes.forEach((s, l) => {
    const blockFloats = (s.nIn + 1) * s.stride;
    const prev = layers[l - 1];
    layers.push({
      ...s,
      inStride: prev ? prev.stride : xStride,
      input: prev ? prev.act : x,
      params: params[l] as number,
      grads: training ? take(blockFloats) : 0,
      grads2: training ? take(blockFloats) : 0,
      state1: training && optimizer !== 'sgd' ? take(blockFloats) : 0,
      state2: training && optimizer === 'adam' ? take(blockFloats) : 0,
      wt: training && prev ? take(s.nOut * prev.stride) : 0,
      act: take(cap * s.stride),
      grad: training ? take(cap * s.stride) : 0,
      mask: training && spec.dropout > 0 && l < shapes.length - 1 ? take(cap * s.stride) : 0,
    });
  });
  const labels = training ? take(cap) : 0;
  const weights = training ? take(cap) : 0;
  const stats = training ? take(4 * cap) : 0;
  const hpKernel = take(HP_FLOATS);
  const hpBias = take(HP_FLOATS);
  const ctl = take(CTL_WORDS);
  const programs = take(threads * PROGRAM_WORDS);
  return {
    cap,
    d: spec.nIn,
    layers,
    x,
    x2,
    xStride,
    staging,
    labels,
    weights,
    stats,
    hpKernel,
    hpBias,
    paramsStart,
    paramsEnd,
    ctl,
    programs,
    threads,
    bytes: at,
  };
}
