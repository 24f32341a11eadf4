/**
 * Memory as a property of the two-thread scan: fitting a fresh index block after block (each fit
 * has its own shared memory, as the blocked difficulty search does) must not grow the process by a
 * block per block. The pooled worker used to keep every memory it was sent until its own heap was
 * collected (+10 MB per block here, +40 MB per block of ADASYN's search on the LAPD example).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const probe = join(import.meta.dirname, 'workerMemoryProbe.ts');

describe('the parallel scan does not keep the shared memory of earlier fits', () => {
  it('16 fits of 20k × 256 rows on two threads: RSS stays flat', { timeout: 120_000 }, () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', probe, '16', '20000', '256', '2'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (r.status !== 0) throw new Error(`probe failed (${r.status}): ${r.stderr}`);
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as {
      first: number;
      peak: number;
      joined: number;
      blockBytes: number;
    };
    // the worker must have taken part, or the test measures nothing
    expect(out.joined).toBeGreaterThan(0);
    // retained: +165 MB measured (8 blocks' worth); flat: +33 MB (a fresh worker and one memory)
    expect(out.peak - out.first).toBeLessThan(3 * out.blockBytes);
  });
});
