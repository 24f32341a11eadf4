/**
 * Runs one assembled distance kernel on a small problem laid out by hand exactly as the header of
 * `src/sampling/neighbors/wasm.ts` documents it (independently of the engine's packing code), and
 * returns the candidate lists it left, next to a plain simulation of the answer. Used by
 * wasm.test.ts and, for the relaxed-SIMD variant, by fma-check.ts in a child process.
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
 * The selection problem of {@link runKernel}: per query row its starting threshold, the list
 * length `K`, how many data rows are real (`nReal`; the rest are padding, never selected), each
 * query row's own row to skip (a global index, −1 for none) and the global index of data row 0.
 */
export interface Selection {
  K: number;
  thresholds: number[];
  nReal: number;
  self: number[] | null;
  j0: number;
}

/** Every row's full list: all 16 data rows, no threshold, no exclusion. */
export const FULL: Selection = {
  K: NX,
  thresholds: new Array<number>(NQ).fill(Infinity),
  nReal: NX,
  self: null,
  j0: 0,
};

/**
 * Lists of 3 from given thresholds (rows 1 and 5 at −∞ take nothing; row 3's is its smallest
 * value and row 7's too, so `<` being strict leaves their lists empty), the last 3 data rows
 * padding, some rows skipping their own row, indices offset by 100.
 */
export const BOUNDED: Selection = {
  K: 3,
  thresholds: [Infinity, -Infinity, 28, 27, Infinity, -Infinity, 27.5, 22],
  nReal: 13,
  self: [103, -1, 115, -1, 107, -1, 106, 112],
  j0: 100,
};

/** What one call of `select` left. */
export interface KernelRun {
  /** Per query row: the candidate indices, in list order. */
  cand: number[][];
  /** Their values. */
  candVal: number[][];
  /** The function's return value (hits). */
  nHits: number;
  /** `select.length`: number of parameters. */
  arity: number;
}

/**
 * The answer `select` must give, by a plain simulation: data rows in panel order, and for each
 * panel every query row, a hit when one of the panel's 8 values is below the row's current
 * threshold; then each value below it in row order (a real row other than its own) enters the
 * sorted list after its equals, the last dropping out once the list is full, whose last value
 * becomes the threshold.
 */
export function expectedSelect(sel: Selection): { cand: number[][]; candVal: number[][]; nHits: number } {
  const lists = Array.from({ length: NQ }, () => [] as { v: number; j: number }[]);
  const th = [...sel.thresholds];
  let nHits = 0;
  for (let p = 0; p < NX / 8; p++) {
    for (let i = 0; i < NQ; i++) {
      const vals = Array.from({ length: 8 }, (_, r) => exactSquared(i, 8 * p + r));
      if (!vals.some((v) => v < th[i]!)) continue;
      nHits++;
      for (let r = 0; r < 8; r++) {
        const j = 8 * p + r;
        const v = vals[r]!;
        if (!(v < th[i]!) || j >= sel.nReal || sel.j0 + j === sel.self?.[i]) continue;
        const list = lists[i]!;
        let at = list.length;
        while (at > 0 && list[at - 1]!.v > v) at--;
        list.splice(at, 0, { v, j: sel.j0 + j });
        if (list.length > sel.K) list.pop();
        if (list.length === sel.K) th[i] = list[sel.K - 1]!.v;
      }
    }
  }
  return { cand: lists.map((l) => l.map((e) => e.j)), candVal: lists.map((l) => l.map((e) => e.v)), nHits };
}

/**
 * Lays the golden problem out in a fresh memory and calls `select` once. The int16 variant uses
 * power-of-two scales (data rows stored as 2x with scale 0.5, queries as 4q with scale 0.25) so
 * that its scaling arithmetic is exercised and still exact.
 */
export function runKernel(variant: KernelVariant, shared: boolean, sel: Selection): KernelRun {
  const i16 = variant === 'i16';
  const memory = shared
    ? new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true })
    : new WebAssembly.Memory({ initial: 1 });
  const module = new WebAssembly.Module(assembleKernel(D, shared, variant) as BufferSource);
  const select = new WebAssembly.Instance(module, { env: { memory } }).exports.select as (...a: number[]) => number;
  const buf = memory.buffer;
  const dPad = (D + 1) & ~1;
  const rowBytes = i16 ? dPad * 2 : D * 4;
  const { K } = sel;
  const qPtr = 64;
  const qnPtr = qPtr + NQ * rowBytes + 16;
  const pPtr = qnPtr + NQ * 4 + 16;
  const xnPtr = pPtr + NX * rowBytes + 16;
  const sxPtr = xnPtr + NX * 4 + 16;
  const sqPtr = sxPtr + NX * 4 + 16;
  const thrPtr = sqPtr + NQ * 4 + 16;
  const candPtr = thrPtr + NQ * 4 + 16;
  const candValPtr = candPtr + NQ * K * 4 + 16;
  const fillPtr = candValPtr + NQ * K * 4 + 16;
  const selfPtr = fillPtr + NQ * 4 + 16;
  const f32 = new Float32Array(buf);
  const i32 = new Int32Array(buf);
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
    f32[thrPtr / 4 + i] = sel.thresholds[i]!;
    i32[selfPtr / 4 + i] = sel.self?.[i] ?? -1;
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
  const self = sel.self === null ? 0 : selfPtr;
  const args = [qPtr, qnPtr, NQ / 4, pPtr, xnPtr, NX / 8, thrPtr, sxPtr, sqPtr, candPtr, candValPtr, fillPtr];
  const nHits = select(...args, self, K, sel.nReal, sel.j0);
  const fill = Array.from(new Int32Array(buf, fillPtr, NQ));
  const cand = fill.map((f, i) => Array.from(new Int32Array(buf, candPtr + i * K * 4, f)));
  const candVal = fill.map((f, i) => Array.from(new Float32Array(buf, candValPtr + i * K * 4, f)));
  return { cand, candVal, nHits, arity: select.length };
}
