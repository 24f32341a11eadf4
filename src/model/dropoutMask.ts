/**
 * The dropout masks of a training step, drawn the same way on both paths (the tfjs {@link Network}
 * and the kernels' SimdNetwork), so one seed gives one mask whatever runs the step.
 * @internal
 * @module
 */
import { Random } from '../core/Random.js';

/** The random words of the last mask, reused (a step's masks are drawn one after the other). */
let scratch = new Uint32Array(0);

/**
 * Writes a dropout mask for `rows` rows of `cols` units (row stride `stride`) at float index `at`
 * of `out`: each unit independently 0 with probability `rate`, else 1/(1 − rate) as tfjs-layers'
 * Dropout scales, from a {@link Random} seeded with `seed`, row by row, unit by unit (the other
 * `stride − cols` floats of a row are not written). The mask depends on the seed and the shape only.
 * @internal
 */
export function dropoutMask(
  out: Float32Array,
  at: number,
  { rows, cols, stride = cols }: { rows: number; cols: number; stride?: number },
  rate: number,
  seed: number,
): void {
  const rng = new Random(seed);
  // u32 < rate·2³² has probability rate (to within 2⁻³²); an integer u is ≥ rate·2³² exactly when
  // it is ≥ ⌈rate·2³²⌉ — 2³² (rate within 2⁻³² of 1) drops every unit.
  const threshold = Math.ceil(rate * 0x1_0000_0000);
  const t = threshold > 0xffff_ffff ? 0 : threshold >>> 0;
  const scale = Math.fround(1 / (1 - rate));
  const value = Float32Array.of(0, threshold > 0xffff_ffff ? 0 : scale);
  if (scratch.length < rows * cols) scratch = new Uint32Array(rows * cols);
  const u = scratch.subarray(0, rows * cols);
  rng.fillUint32(u);
  for (let i = 0; i < rows; i++) {
    const row = at + i * stride;
    const from = i * cols;
    // Branch-free (a coin flip mispredicts), and both sides of the comparison unsigned 32-bit
    // integers (compared as doubles it ran ~3× slower): value[u ≥ t].
    for (let j = 0; j < cols; j++) out[row + j] = value[+((u[from + j] as number) >>> 0 >= t)] as number;
  }
}
