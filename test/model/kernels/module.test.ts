import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KERNEL_NAMES, hasSimd, kernelBytes } from '../../../src/model/kernels/module.js';

const root = join(import.meta.dirname, '..', '..', '..');

describe('kernel module', () => {
  it('has the documented shape: header, one memory import (shared or not), the exports in order', () => {
    expect(hasSimd()).toBe(true);
    for (const shared of [false, true]) {
      const bytes = kernelBytes({ shared, fma: false });
      expect(Array.from(bytes.subarray(0, 8))).toEqual([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
      expect(WebAssembly.validate(bytes as BufferSource)).toBe(true);
      const m = new WebAssembly.Module(bytes as BufferSource);
      expect(WebAssembly.Module.imports(m)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
      expect(WebAssembly.Module.exports(m)).toEqual(KERNEL_NAMES.map((name) => ({ name, kind: 'function' })));
      // A shared module only links to a shared memory, and the other way round.
      const memory = new WebAssembly.Memory(shared ? { initial: 1, maximum: 1, shared: true } : { initial: 1 });
      const wrong = new WebAssembly.Memory(shared ? { initial: 1 } : { initial: 1, maximum: 1, shared: true });
      expect(() => new WebAssembly.Instance(m, { env: { memory } })).not.toThrow();
      expect(() => new WebAssembly.Instance(m, { env: { memory: wrong } })).toThrow();
    }
    expect(KERNEL_NAMES.slice(0, 8)).toEqual([
      'gemm_plain',
      'gemm_accumulate',
      'gemm_bias',
      'gemm_biasRelu',
      'gemm_reluGrad',
      'gemm_tanhGrad',
      'gemm_sigmoidGrad',
      'gemm_eluGrad',
    ]);
  });

  it('golden results: small integer products are exact in both variants (the FMA one in a child process)', () => {
    // [[1, 2], [3, 4]] · [[5, 6, 7, 8], [9, 10, 11, 12]] + bias [1, -100, 0, 0], then ReLU.
    const script = `
      import { kernelBytes, hasRelaxedSimd } from ${JSON.stringify(join(root, 'src/model/kernels/module.ts'))};
      const fma = process.argv.includes('fma');
      if (fma && !hasRelaxedSimd()) { console.log('unsupported'); process.exit(0); }
      const memory = new WebAssembly.Memory({ initial: 1 });
      const module = new WebAssembly.Module(kernelBytes({ shared: false, fma }));
      const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
      const f = new Float32Array(memory.buffer);
      f.set([1, 2, 3, 4], 0); f.set([5, 6, 7, 8, 9, 10, 11, 12], 16); f.set([1, -100, 0, 0], 32);
      ex.gemm_biasRelu(2, 4, 2, 0, 2, 1, 64, 4, 192, 4, 128, 0);
      const golden = Array.from(f.subarray(48, 56));
      // And a random 13 × 20 × 33 product, A read both ways, against float64.
      let err = 0;
      for (const t of [0, 1]) {
        for (let i = 0; i < 13 * 33; i++) f[i] = Math.sin(7 * i + t);
        for (let i = 0; i < 33 * 20; i++) f[1024 + i] = Math.cos(3 * i);
        const [sAm, sAk] = t ? [1, 13] : [33, 1];
        ex.gemm_plain(13, 20, 33, 0, sAm, sAk, 4096, 20, 8192, 20, 0, 0);
        for (let m = 0; m < 13; m++) for (let n = 0; n < 20; n++) {
          let s = 0;
          for (let k = 0; k < 33; k++) s += f[m * sAm + k * sAk] * f[1024 + k * 20 + n];
          err = Math.max(err, Math.abs(s - f[2048 + m * 20 + n]));
        }
      }
      console.log(JSON.stringify({ golden, small: err < 2e-5 }));`;
    const run = (flags: string[], arg: string) =>
      execFileSync(process.execPath, [...flags, '--import', 'tsx', '--input-type=module', '-e', script, arg], {
        cwd: root,
        encoding: 'utf8',
      }).trim();
    const want = JSON.stringify({ golden: [24, 0, 29, 32, 52, 0, 65, 72], small: true });
    expect(run([], 'plain')).toBe(want);
    let flagWorks = true;
    try {
      execFileSync(process.execPath, ['--experimental-wasm-relaxed-simd', '-e', '0']);
    } catch {
      flagWorks = false;
    }
    const fma = run(flagWorks ? ['--experimental-wasm-relaxed-simd'] : [], 'fma');
    expect([want, 'unsupported']).toContain(fma);
    if (flagWorks) expect(fma).toBe(want);
  });
});
