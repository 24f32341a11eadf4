import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('KNeighbors with relaxed SIMD (fused multiply-add kernel)', () => {
  it('returns exactly the brute-force neighbours, and the fused kernel its golden results, with relaxed SIMD', () => {
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
      golden: boolean[];
    };
    expect(out.relaxed).toBe(true);
    expect(out.compared).toBeGreaterThan(30_000);
    expect(out.mismatches).toBe(0);
    expect(out.exhaustive).toBeLessThan(out.queries * 0.02); // the fast path did the work
    expect(out.golden).toEqual([true, true]); // unshared and shared memory
  }, 130_000);
});
