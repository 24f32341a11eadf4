import { describe, expect, it } from 'vitest';
import { Random } from '../../../src/core/Random.js';
import { assemble } from '../../../src/model/kernels/assembler.js';
import { EPILOGUES, gemmFunc } from '../../../src/model/kernels/gemm.js';
import type { Epilogue } from '../../../src/model/kernels/gemm.js';
import { hasRelaxedSimd } from '../../../src/model/kernels/module.js';

type Gemm = (...a: number[]) => void;

function instance(fma: boolean): { gemm: Record<string, Gemm>; f32: Float32Array } {
  const bytes = assemble(
    EPILOGUES.map((e) => gemmFunc(e, fma)),
    { shared: false },
  );
  const memory = new WebAssembly.Memory({ initial: 64 });
  const ex = new WebAssembly.Instance(new WebAssembly.Module(bytes as BufferSource), { env: { memory } }).exports;
  return { gemm: ex as unknown as Record<string, Gemm>, f32: new Float32Array(memory.buffer) };
}

/** The epilogue in float64 on the float32 inputs. */
function epilogue(e: Epilogue, s: number, x: number): number {
  switch (e) {
    case 'plain':
      return s;
    case 'accumulate':
      return s + x;
    case 'bias':
      return s + x;
    case 'biasRelu':
      return Math.max(s + x, 0);
    case 'reluGrad':
      return x > 0 ? s : 0;
    case 'tanhGrad':
      return s * (1 - x * x);
    case 'sigmoidGrad':
      return s * x * (1 - x);
    case 'eluGrad':
      return s * Math.min(x + 1, 1);
  }
}

describe('gemm kernel', () => {
  it('a product cut into k-blocks (plain, then accumulate) gives the bits of the whole product', () => {
    const { gemm, f32 } = instance(false);
    const rng = new Random(3);
    const [M, N, K, lda, ldb] = [9, 12, 70, 11, 16];
    for (let i = 0; i < K * lda; i++) f32[i] = rng.normal();
    for (let i = 0; i < K * ldb; i++) f32[4096 + i] = rng.normal();
    const [A, B, C1, C2] = [0, 16384, 32768, 40960];
    (gemm.gemm_plain as Gemm)(M, N, K, A, 1, lda, B, ldb, C1, N, 0, 0);
    for (let k0 = 0; k0 < K; k0 += 32)
      (gemm[k0 === 0 ? 'gemm_plain' : 'gemm_accumulate'] as Gemm)(
        M,
        N,
        Math.min(32, K - k0),
        A + 4 * k0 * lda,
        1,
        lda,
        B + 4 * k0 * ldb,
        ldb,
        C2,
        N,
        0,
        0,
      );
    expect(Array.from(f32.subarray(C2 / 4, C2 / 4 + M * N))).toEqual(Array.from(f32.subarray(C1 / 4, C1 / 4 + M * N)));
  });

  const variants = hasRelaxedSimd(true) ? [false, true] : [false];
  for (const fma of variants) {
    it(`agrees with a naive float64 product for every epilogue, both A layouts and ragged sizes (fma: ${fma})`, () => {
      const { gemm, f32 } = instance(fma);
      const rng = new Random(11);
      for (const [M, N, K] of [
        [1, 4, 1],
        [5, 12, 7],
        [13, 8, 9],
        [9, 20, 33],
      ] as const) {
        for (const trans of [false, true]) {
          for (const e of EPILOGUES) {
            const lda = trans ? M + 3 : K + 2;
            const ldb = N + 4;
            const ldc = N + 8;
            const ldx = N;
            const [A, B, C, X] = [0, 16384, 32768, 49152];
            const aLen = trans ? K * lda : M * lda;
            for (let i = 0; i < aLen; i++) f32[A / 4 + i] = rng.normal();
            for (let i = 0; i < K * ldb; i++) f32[B / 4 + i] = rng.normal();
            for (let i = 0; i < M * ldx; i++) f32[X / 4 + i] = rng.float() * 2 - 0.5;
            f32.fill(Number.NaN, C / 4, C / 4 + M * ldc);
            // accumulate adds to C: start it from the bias-like X values row by row.
            if (e === 'accumulate')
              for (let m = 0; m < M; m++) f32.set(f32.subarray(X / 4, X / 4 + N), C / 4 + m * ldc);
            const sAm = trans ? 1 : lda;
            const sAk = trans ? lda : 1;
            const usesH = e.endsWith('Grad');
            (gemm[`gemm_${e}`] as Gemm)(M, N, K, A, sAm, sAk, B, ldb, C, ldc, X, usesH ? ldx : 0);
            for (let m = 0; m < M; m++) {
              for (let n = 0; n < N; n++) {
                let s = 0;
                for (let k = 0; k < K; k++)
                  s += (f32[A / 4 + m * sAm + k * sAk] as number) * (f32[B / 4 + k * ldb + n] as number);
                const x = usesH ? (f32[X / 4 + m * ldx + n] as number) : (f32[X / 4 + n] as number);
                const want = epilogue(e, s, x);
                expect(Math.abs((f32[C / 4 + m * ldc + n] as number) - want)).toBeLessThan(
                  1e-5 * (1 + Math.abs(want)) * K,
                );
              }
              // Columns past N are never written.
              expect(Number.isNaN(f32[C / 4 + m * ldc + N] as number)).toBe(true);
            }
          }
        }
      }
    });
  }
});
