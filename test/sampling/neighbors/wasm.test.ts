import { describe, expect, it } from 'vitest';
import {
  assembleKernel,
  SELECT_PARAMS,
  type KernelVariant,
  wasmRelaxedSimdAvailable,
  wasmSimdAvailable,
} from '../../../src/sampling/neighbors/wasm.js';
import { f32x4RelaxedMadd } from '../../../src/sampling/neighbors/wasmEncoding.js';
import { BOUNDED, D, exactSquared, expectedSelect, FULL, NQ, NX, runKernel } from './kernelHarness.js';

const simd = wasmSimdAvailable();
const relaxed = wasmRelaxedSimdAvailable();

/** Whether `bytes` contains `needle` as a contiguous run. */
function contains(bytes: Uint8Array, needle: number[]): boolean {
  return Buffer.from(bytes).includes(Buffer.from(needle));
}

describe('wasm distance kernel: module shape', () => {
  for (const variant of ['f32', 'fma', 'i16'] as const) {
    for (const shared of [false, true]) {
      it(`${variant}${shared ? ', shared memory' : ''}: imports env.memory, exports select`, () => {
        const bytes = assembleKernel(D, shared, variant);
        // relaxed SIMD may be missing in this runtime: WebAssembly.Module then refuses to compile,
        // so the shape is checked on a module only where it validates
        if (variant === 'fma' && !relaxed) {
          expect(WebAssembly.validate(bytes as BufferSource)).toBe(false);
          return;
        }
        const m = new WebAssembly.Module(bytes as BufferSource);
        expect(WebAssembly.Module.imports(m)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
        expect(WebAssembly.Module.exports(m)).toEqual([{ name: 'select', kind: 'function' }]);
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
  const full = runKernel(variant, shared, FULL);
  expect(full.arity).toBe(SELECT_PARAMS);
  // small integers: every variant's ‖q‖² + ‖x‖² − 2q·x is exact, so it equals the direct sum; the
  // full lists hold every data row, by (value, index)
  for (let i = 0; i < NQ; i++) {
    const order = Array.from({ length: NX }, (_, j) => j).sort(
      (a, b) => exactSquared(i, a) - exactSquared(i, b) || a - b,
    );
    expect(full.cand[i]).toEqual(order);
    expect(full.candVal[i]).toEqual(order.map((j) => exactSquared(i, j)));
  }
  // a few values written out (query row, data row → squared distance)
  expect([exactSquared(0, 0), exactSquared(3, 7), exactSquared(5, 12), exactSquared(7, 15)]).toEqual([34, 43, 79, 22]);
  // row 3's four equal smallest values, in index order
  expect(full.cand[3]!.slice(0, 5)).toEqual([2, 3, 11, 12, 0]);
  expect(full.candVal[3]!.slice(0, 5)).toEqual([27, 27, 27, 27, 30]);
  expect(full).toMatchObject(expectedSelect(FULL));
  const bounded = runKernel(variant, shared, BOUNDED);
  expect(bounded).toMatchObject(expectedSelect(BOUNDED));
}

describe('wasm distance kernel: golden lists (d = 5, 8 query rows × 16 data rows)', () => {
  it('the bounded lists as simulated: −∞ rows empty, strict thresholds, padding and own rows skipped', () => {
    const want = expectedSelect(BOUNDED);
    expect(want.cand[1]).toEqual([]);
    expect(want.cand[5]).toEqual([]);
    expect(want.cand[3]).toEqual([]); // its threshold 27 is its smallest value
    expect(want.cand.flat().every((j) => j >= 100 && j < 113)).toBe(true);
    // 104 and 106 tie at 22; so would padding rows 113 and 115
    expect(want.cand[0]).toEqual([104, 106, 102]);
    expect(want.cand[4]).toEqual([108, 101, 105]); // its own row 107 (the smallest value, 27) skipped
    expect(want.cand[6]).toEqual([105]); // below 27.5: its own 106 skipped, 114 and 115 padding
    expect(want.candVal.map((c) => c.length)).toEqual([3, 0, 1, 0, 3, 0, 1, 0]);
    expect(want.nHits).toBe(7);
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
