import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleKernel } from '../../../src/sampling/neighbors/wasm.js';

describe('KNeighbors with relaxed SIMD (fused multiply-add kernel)', () => {
  it('assembles a different kernel (relaxed_madd instead of mul + add)', () => {
    const plain = assembleKernel(16, false, 'f32');
    const fma = assembleKernel(16, false, 'fma');
    expect(fma.length).toBeLessThan(plain.length);
    expect(Buffer.from(fma).includes(Buffer.from([0xfd, 0x85, 0x02]))).toBe(true);
  });

  it('returns exactly the brute-force neighbours when the runtime has relaxed SIMD', () => {
    const r = spawnSync(
      process.execPath,
      ['--experimental-wasm-relaxed-simd', '--import', 'tsx', join(import.meta.dirname, 'fma-check.ts')],
      {
        encoding: 'utf8',
        cwd: join(import.meta.dirname, '..', '..', '..'),
        timeout: 120_000,
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop() as string) as {
      relaxed: boolean;
      compared: number;
      mismatches: number;
      exhaustive: number;
      queries: number;
    };
    expect(out.relaxed).toBe(true);
    expect(out.compared).toBeGreaterThan(30_000);
    expect(out.mismatches).toBe(0);
    expect(out.exhaustive).toBeLessThan(out.queries * 0.02); // the fast path did the work
  }, 130_000);
});
