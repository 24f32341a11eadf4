import { describe, expect, it } from 'vitest';
import {
  assembleKernel,
  DIST_PARAMS,
  type KernelVariant,
  wasmRelaxedSimdAvailable,
  wasmSimdAvailable,
} from '../../../src/sampling/neighbors/wasm.js';
import { f32x4RelaxedMadd } from '../../../src/sampling/neighbors/wasmEncoding.js';
import { D, exactSquared, expectedHits, NQ, NX, runKernel } from './kernelHarness.js';

const simd = wasmSimdAvailable();
const relaxed = wasmRelaxedSimdAvailable();

/** Whether `bytes` contains `needle` as a contiguous run. */
function contains(bytes: Uint8Array, needle: number[]): boolean {
  return Buffer.from(bytes).includes(Buffer.from(needle));
}

describe('wasm distance kernel: module shape', () => {
  for (const variant of ['f32', 'fma', 'i16'] as const) {
    for (const shared of [false, true]) {
      it(`${variant}${shared ? ', shared memory' : ''}: imports env.memory, exports dist`, () => {
        const bytes = assembleKernel(D, shared, variant);
        // relaxed SIMD may be missing in this runtime: WebAssembly.Module then refuses to compile,
        // so the shape is checked on a module only where it validates
        if (variant === 'fma' && !relaxed) {
          expect(WebAssembly.validate(bytes as BufferSource)).toBe(false);
          return;
        }
        const m = new WebAssembly.Module(bytes as BufferSource);
        expect(WebAssembly.Module.imports(m)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
        expect(WebAssembly.Module.exports(m)).toEqual([{ name: 'dist', kind: 'function' }]);
      });
    }
  }

  it('the fma variant differs only by relaxed_madd in place of f32x4.mul + f32x4.add', () => {
    const plain = assembleKernel(16, false, 'f32');
    const fma = assembleKernel(16, false, 'fma');
    expect(fma.length).toBeLessThan(plain.length);
    expect(contains(fma, f32x4RelaxedMadd)).toBe(true);
    expect(contains(plain, f32x4RelaxedMadd)).toBe(false);
  });

  it('this runtime compiles the SIMD kernels (Node ≥ 16.4)', () => {
    expect(simd).toBe(true);
  });
});

function checkGolden(variant: KernelVariant, shared: boolean): void {
  const run = runKernel(variant, shared);
  expect(run.arity).toBe(DIST_PARAMS);
  // small integers: every variant's ‖q‖² + ‖x‖² − 2q·x is exact, so it equals the direct sum
  for (let i = 0; i < NQ; i++) for (let j = 0; j < NX; j++) expect(run.out[i]![j]).toBe(exactSquared(i, j));
  // a few values written out (query row, data row → squared distance)
  expect([run.out[0]![0], run.out[3]![7], run.out[5]![12], run.out[7]![15]]).toEqual([
    exactSquared(0, 0),
    exactSquared(3, 7),
    exactSquared(5, 12),
    exactSquared(7, 15),
  ]);
  expect([exactSquared(0, 0), exactSquared(3, 7), exactSquared(5, 12), exactSquared(7, 15)]).toEqual([34, 43, 79, 22]);
  expect(run.hits).toEqual(expectedHits());
  expect(run.nHits).toBe(run.hits.length);
}

describe('wasm distance kernel: golden distances and hits (d = 5, 8 query rows × 16 data rows)', () => {
  it('the expected hits: panel 0 rows 0, 4, 6; panel 1 rows 0, 2, 4, 6 (code row << 16 | panel)', () => {
    expect(expectedHits()).toEqual([0, 4 << 16, 6 << 16, 1, (2 << 16) | 1, (4 << 16) | 1, (6 << 16) | 1]);
  });
  for (const shared of [false, true]) {
    it(`float32 multiply-add${shared ? ', shared memory' : ''}`, () => checkGolden('f32', shared));
    it(`int16 dot products with per-row scales${shared ? ', shared memory' : ''}`, () => checkGolden('i16', shared));
    it.skipIf(!relaxed)(
      `relaxed-SIMD fused multiply-add${shared ? ', shared memory' : ''} (skipped where the runtime lacks ` +
        'relaxed SIMD, e.g. Node 20 without --experimental-wasm-relaxed-simd: fma.test.ts runs it there)',
      () => checkGolden('fma', shared),
    );
  }
});
