/**
 * Runs one assembled distance kernel on a small problem laid out by hand exactly as the header of
 * `src/sampling/neighbors/wasm.ts` documents it (independently of the engine's packing code), and
 * returns what it wrote next to the exact answers. Used by wasm.test.ts and, for the relaxed-SIMD
 * variant, by fma-check.ts in a child process.
 */
import { assembleKernel, type KernelVariant } from '../../../src/sampling/neighbors/wasm.js';

/** Dimension of the golden problem: odd, so the int16 layout's padding is exercised. */
export const D = 5;
/** Query rows (2 quads) and data rows (2 panels). */
export const NQ = 8;
export const NX = 16;

/** Small integers: every product, sum and norm is exact in float32 and int32. */
export const queryValue = (i: number, t: number): number => ((i * 3 + t * 5) % 7) - 3;
export const dataValue = (j: number, t: number): number => ((j * 5 + t * 3) % 9) - 4;

/** Exact squared distance between query row `i` and data row `j`. */
export function exactSquared(i: number, j: number): number {
  let s = 0;
  for (let t = 0; t < D; t++) s += (queryValue(i, t) - dataValue(j, t)) ** 2;
  return s;
}

/**
 * Per query row: the threshold below which a panel counts as a hit. Row 2 hits panel 1 only (its
 * smallest values: 30 in panel 0, 27 in panel 1); row 3's is exactly its smallest value and row
 * 7's too (`<` is strict: no hit).
 */
export const THRESHOLDS = [Infinity, -Infinity, 28, 27, Infinity, -Infinity, 27.5, 22];

/** What one call of `dist` wrote. */
export interface KernelRun {
  /** `out[i][j]`, the kernel's value for query row `i` and data row `j`. */
  out: number[][];
  /** Hit codes `row << 16 | panel`, in the order written. */
  hits: number[];
  /** The function's return value. */
  nHits: number;
  /** `dist.length`: number of parameters. */
  arity: number;
}

/** The hits `dist` must report, in panel-then-row order. */
export function expectedHits(): number[] {
  const hits: number[] = [];
  for (let p = 0; p < NX / 8; p++) {
    for (let i = 0; i < NQ; i++) {
      let hit = false;
      for (let r = 0; r < 8; r++) if (exactSquared(i, 8 * p + r) < THRESHOLDS[i]!) hit = true;
      if (hit) hits.push((i << 16) | p);
    }
  }
  return hits;
}

/**
 * Lays the golden problem out in a fresh memory and calls `dist` once. The int16 variant uses
 * power-of-two scales (data rows stored as 2x with scale 0.5, queries as 4q with scale 0.25) so
 * that its scaling arithmetic is exercised and still exact.
 */
export function runKernel(variant: KernelVariant, shared: boolean): KernelRun {
  const i16 = variant === 'i16';
  const memory = shared
    ? new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true })
    : new WebAssembly.Memory({ initial: 1 });
  const module = new WebAssembly.Module(assembleKernel(D, shared, variant) as BufferSource);
  const dist = new WebAssembly.Instance(module, { env: { memory } }).exports.dist as (...a: number[]) => number;
  const buf = memory.buffer;
  const dPad = (D + 1) & ~1;
  const rowBytes = i16 ? dPad * 2 : D * 4;
  const qPtr = 64;
  const qnPtr = qPtr + NQ * rowBytes + 16;
  const pPtr = qnPtr + NQ * 4 + 16;
  const xnPtr = pPtr + NX * rowBytes + 16;
  const sxPtr = xnPtr + NX * 4 + 16;
  const sqPtr = sxPtr + NX * 4 + 16;
  const outPtr = sqPtr + NQ * 4 + 16;
  const outStride = NX * 4;
  const thrPtr = outPtr + NQ * outStride + 16;
  const hitPtr = thrPtr + NQ * 4 + 16;
  const f32 = new Float32Array(buf);
  const i16v = new Int16Array(buf);
  for (let i = 0; i < NQ; i++) {
    let qn = 0;
    for (let t = 0; t < D; t++) {
      const v = queryValue(i, t);
      qn += v * v;
      if (i16) i16v[qPtr / 2 + i * dPad + t] = 4 * v;
      else f32[qPtr / 4 + i * D + t] = v;
    }
    f32[qnPtr / 4 + i] = qn;
    f32[sqPtr / 4 + i] = 2 * 0.25;
    f32[thrPtr / 4 + i] = THRESHOLDS[i]!;
  }
  for (let j = 0; j < NX; j++) {
    const p = j >> 3;
    const r = j & 7;
    let xn = 0;
    for (let t = 0; t < D; t++) {
      const v = dataValue(j, t);
      xn += v * v;
      if (i16) i16v[pPtr / 2 + p * 8 * dPad + (t >> 1) * 16 + (r & 4) * 2 + (r & 3) * 2 + (t & 1)] = 2 * v;
      else f32[pPtr / 4 + (p * D + t) * 8 + r] = v;
    }
    f32[xnPtr / 4 + j] = xn;
    f32[sxPtr / 4 + j] = 0.5;
  }
  const args = [qPtr, qnPtr, NQ / 4, pPtr, xnPtr, NX / 8, outPtr, outStride, thrPtr, hitPtr, sxPtr, sqPtr];
  const nHits = dist(...args);
  const out = Array.from({ length: NQ }, (_, i) =>
    Array.from(f32.subarray(outPtr / 4 + (i * outStride) / 4).subarray(0, NX)),
  );
  const hits = Array.from(new Int32Array(buf, hitPtr, nHits));
  return { out, hits, nHits, arity: dist.length };
}
