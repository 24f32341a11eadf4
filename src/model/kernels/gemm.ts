/**
 * The dense-layer matrix product as WebAssembly SIMD: one function per epilogue,
 *
 * `gemm_<epilogue>(M, N, K, A, sAm, sAk, B, ldb, C, ldc, X, ldx)`
 *
 * computes for `m < M`, `n < N` (N a multiple of 4; strides in floats, pointers in bytes)
 *
 * `C[m·ldc + n] = epilogue(Σ_{k<K} A[m·sAm + k·sAk] · B[k·ldb + n])`
 *
 * so one kernel serves the three products of a dense layer: the forward `Z = A·W` (`sAm = lda`,
 * `sAk = 1`), the weight gradient `dW = Aᵀ·G` (`sAm = 1`, `sAk = lda`: A read transposed) and the
 * input gradient `dA = G·Wᵀ` (B = a transposed copy of W). The epilogue fuses what follows the
 * product: the bias (`X` = bias vector) and ReLU in the forward pass, the activation derivative
 * (`X` = the layer's output H, row stride `ldx`) in the backward pass.
 *
 * Register tile: {@link TILE_ROWS} rows × {@link TILE_VECTORS} `f32x4` vectors of C in
 * accumulators; per k, the B vectors are loaded once and each row's A value is splatted
 * (`v128.load32_splat`) and multiplied into them — `f32x4.mul` + `f32x4.add`, or one
 * `f32x4.relaxed_madd` in the FMA variant. Rows left over (M mod TILE_ROWS) run 1-row tiles,
 * columns left over (N mod 4·TILE_VECTORS) 1-vector tiles.
 *
 * Determinism: every C element is one accumulator lane that sums its K products in order 0 … K−1
 * from 0, whichever tile computes it — so splitting M or N across threads, or the tile shape at an
 * edge, never changes a result bit. `accumulate` continues from C's stored sums, so a product cut
 * into k-blocks (`plain` for the first, `accumulate` for the others) adds the same values in the
 * same order: the same bits again.
 *
 * @internal
 * @module
 */
import { Func, I32, V128 } from './assembler.js';
import type { Code } from './assembler.js';

/** What a product's result goes through before it is stored. @internal */
export type Epilogue =
  /** `C = Σ`. */
  | 'plain'
  /** `C = C + Σ`, continuing C's running sums: a product split along k gives the same bits. */
  | 'accumulate'
  /** `C = Σ + bias[n]` (`X` = bias). */
  | 'bias'
  /** `C = max(Σ + bias[n], 0)`. */
  | 'biasRelu'
  /** `C = Σ · [H > 0]` (`X` = H, the ReLU output). */
  | 'reluGrad'
  /** `C = Σ · (1 − H²)` (tanh). */
  | 'tanhGrad'
  /** `C = Σ · H · (1 − H)` (sigmoid). */
  | 'sigmoidGrad'
  /** `C = Σ · min(H + 1, 1)` (ELU, α = 1). */
  | 'eluGrad';

/** Every epilogue, in export order. @internal */
export const EPILOGUES: readonly Epilogue[] = [
  'plain',
  'accumulate',
  'bias',
  'biasRelu',
  'reluGrad',
  'tanhGrad',
  'sigmoidGrad',
  'eluGrad',
];

/** Rows of C per register tile. @internal */
export const TILE_ROWS = 4;
/** f32x4 vectors of C per register tile row (8 columns). @internal */
export const TILE_VECTORS = 2;

/** Parameter indices of a gemm function. */
const P = { M: 0, N: 1, K: 2, A: 3, sAm: 4, sAk: 5, B: 6, ldb: 7, C: 8, ldc: 9, X: 10, ldx: 11 } as const;

/**
 * The gemm function for one epilogue.
 * @param fma - Use `f32x4.relaxed_madd` (only where the runtime validates relaxed SIMD).
 * @internal
 */
export function gemmFunc(epilogue: Epilogue, fma: boolean, R0 = TILE_ROWS, V0 = TILE_VECTORS): Func {
  const f = new Func(`gemm_${epilogue}`, new Array(12).fill(I32));
  const c = f.code;
  const [m, n, k, pb, ptr] = f.locals(I32, 5);
  const pa = f.locals(I32, R0);
  const acc = f.locals(V128, R0 * V0);
  const bv = f.locals(V128, V0);
  const s = f.local(V128);
  const t = f.local(V128);
  const L = { m, n, k, pb, ptr, pa, acc, bv, s, t, V0 };
  // Strides to bytes.
  for (const x of [P.sAm, P.sAk, P.ldb, P.ldc, P.ldx]) c.localGet(x).i32Const(2).i32Shl().localSet(x);

  const rowTiles = (R: number) => {
    // while (m + R <= M) { columns; m += R }
    c.block().loop();
    c.localGet(m).i32Const(R).i32Add().localGet(P.M).i32GtS().brIf(1);
    columnTiles(c, L, R, epilogue, fma);
    c.addTo(m, { c: R }).br(0);
    c.end().end();
  };
  c.i32Const(0).localSet(m);
  rowTiles(R0);
  rowTiles(1);
  return f;
}

interface Locals {
  m: number;
  n: number;
  k: number;
  pb: number;
  ptr: number;
  pa: number[];
  acc: number[];
  bv: number[];
  s: number;
  t: number;
  V0: number;
}

/** The tiles of rows m … m+R−1: full-width tiles, then 1-vector tiles for the last columns. */
function columnTiles(c: Code, L: Locals, R: number, epilogue: Epilogue, fma: boolean): void {
  const tiles = (V: number) => {
    c.block().loop();
    c.localGet(L.n)
      .i32Const(4 * V)
      .i32Add()
      .localGet(P.N)
      .i32GtS()
      .brIf(1);
    microTile(c, L, R, V, epilogue, fma);
    c.addTo(L.n, { c: 4 * V }).br(0);
    c.end().end();
  };
  c.i32Const(0).localSet(L.n);
  tiles(L.V0);
  if (L.V0 > 1) tiles(1);
}

/** One R × V tile at (m, n): accumulate over k, then the epilogue and the stores. */
function microTile(c: Code, L: Locals, R: number, V: number, epilogue: Epilogue, fma: boolean): void {
  const { m, n, k, pb, ptr, pa, acc, bv, s, t } = L;
  const a = (r: number, v: number) => acc[r * L.V0 + v] as number;
  // pa[r] = A + (m + r)·sAm ; pb = B + 4n ; acc = 0 ; k = K
  for (let r = 0; r < R; r++) {
    c.localGet(P.A).localGet(m).i32Const(r).i32Add().localGet(P.sAm).i32Mul().i32Add();
    c.localSet(pa[r] as number);
  }
  c.localGet(P.B).localGet(n).i32Const(2).i32Shl().i32Add().localSet(pb);
  for (let r = 0; r < R; r++) {
    for (let v = 0; v < V; v++) {
      if (epilogue === 'accumulate') {
        // Start from C: the running sums of the k before this call, added to in the same order.
        c.localGet(P.C).localGet(m).i32Const(r).i32Add().localGet(P.ldc).i32Mul().i32Add();
        c.localGet(n)
          .i32Const(2)
          .i32Shl()
          .i32Add()
          .v128Load(16 * v);
      } else c.v128ConstF32(0);
      c.localSet(a(r, v));
    }
  }
  c.localGet(P.K).localSet(k);
  c.localGet(k).i32Const(0).i32GtS().if().loop();
  for (let v = 0; v < V; v++)
    c.localGet(pb)
      .v128Load(16 * v)
      .localSet(bv[v] as number);
  for (let r = 0; r < R; r++) {
    c.localGet(pa[r] as number)
      .v128Load32Splat()
      .localSet(s);
    for (let v = 0; v < V; v++) {
      if (fma)
        c.localGet(s)
          .localGet(bv[v] as number)
          .localGet(a(r, v))
          .f32x4RelaxedMadd()
          .localSet(a(r, v));
      else
        c.localGet(a(r, v))
          .localGet(s)
          .localGet(bv[v] as number)
          .f32x4Mul()
          .f32x4Add()
          .localSet(a(r, v));
    }
  }
  for (let r = 0; r < R; r++) c.addTo(pa[r] as number, P.sAk);
  c.addTo(pb, P.ldb);
  c.localGet(k).i32Const(1).i32Sub().localTee(k).brIf(0);
  c.end().end();
  // Epilogue and stores, row by row.
  for (let r = 0; r < R; r++) {
    const usesH = epilogue.endsWith('Grad');
    if (usesH) {
      c.localGet(P.X).localGet(m).i32Const(r).i32Add().localGet(P.ldx).i32Mul().i32Add();
      c.localGet(n).i32Const(2).i32Shl().i32Add().localSet(ptr);
    }
    // pc = C + (m + r)·ldc + 4n, kept on the stack per store.
    for (let v = 0; v < V; v++) {
      c.localGet(P.C).localGet(m).i32Const(r).i32Add().localGet(P.ldc).i32Mul().i32Add();
      c.localGet(n).i32Const(2).i32Shl().i32Add();
      c.localGet(a(r, v));
      epilogueOp(c, epilogue, v, n, ptr, t);
      c.v128Store(16 * v);
    }
  }
}

/** Applies the epilogue to the vector on the stack (vector `v` of the tile row). */
function epilogueOp(c: Code, e: Epilogue, v: number, n: number, ptr: number, t: number): void {
  const bias = () =>
    c
      .localGet(P.X)
      .localGet(n)
      .i32Const(2)
      .i32Shl()
      .i32Add()
      .v128Load(16 * v);
  const h = () => c.localGet(ptr).v128Load(16 * v);
  switch (e) {
    case 'plain':
    case 'accumulate':
      return;
    case 'bias':
      bias().f32x4Add();
      return;
    case 'biasRelu':
      bias().f32x4Add().v128ConstF32(0).f32x4Max();
      return;
    case 'reluGrad':
      h().v128ConstF32(0).f32x4Gt().v128And();
      return;
    case 'tanhGrad':
      h().localTee(t).localGet(t).f32x4Mul().localSet(t);
      c.v128ConstF32(1).localGet(t).f32x4Sub().f32x4Mul();
      return;
    case 'sigmoidGrad':
      h().localTee(t).v128ConstF32(1).localGet(t).f32x4Sub().f32x4Mul().f32x4Mul();
      return;
    case 'eluGrad':
      h().v128ConstF32(1).f32x4Add().v128ConstF32(1).f32x4Min().f32x4Mul();
      return;
  }
}
