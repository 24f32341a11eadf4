/**
 * Memory as a property: fitStream and one epoch on 100k rows, in a child process (a clean heap,
 * `--expose-gc`), grow the peak RSS by less than a bound made of what the lazy form holds — the
 * neighbour tables (rows × k), the epoch's slots and batch buffers, and the largest block densified
 * at a time (a class, or a block of the difficulty search) with the k-NN engine's packed copies of it
 * — plus a fixed allowance for the runtime; and that bound is far below the resampled matrix that
 * fitResample would build.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const probe = join(import.meta.dirname, 'memoryProbe.ts');
const MiB = 2 ** 20;
/** V8's heap growth and compiled code while the fit runs, and the k-NN engine's worker thread. */
const RUNTIME = 96 * MiB;
/** A second search thread: its worker isolate (replaced at each block, see neighbors/parallel.ts). */
const WORKER = 16 * MiB;

interface Report {
  base: number;
  peak: number;
  rows: number;
  epochRows: number;
  counts: number[];
  classSizes: number[];
}

function run(args: Array<string | number>): Report {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', probe, ...args.map(String)], {
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`memory probe failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as Report;
}

describe('lazy samplers stay within their memory bound on 100k rows', () => {
  it('SMOTE: tables + batch buffers + one class densified at a time', { timeout: 300_000 }, () => {
    const [n, d, minority, k, batch] = [100_000, 192, 7_500, 5, 1024];
    const r = run(['SMOTE', n, d, minority, k, 16_384, batch, 'auto']);
    expect(r.rows).toBe(n);
    const generating = r.classSizes.slice(1);
    const tables = generating.reduce((s, m) => s + m * k * 4, 0);
    const epoch = r.epochRows * 8 + 4 * batch * d * 4;
    const block = Math.max(...generating) * d * 8;
    const bound = RUNTIME + tables + epoch + 3 * block;
    const resampled = r.counts.reduce((s, v) => s + v, 0) * d * 8;
    expect(bound).toBeLessThan(resampled / 2);
    expect(r.peak - r.base).toBeLessThan(bound);
  });

  it('ADASYN: the difficulty search over all rows in blocks, then one class at a time', { timeout: 300_000 }, () => {
    const [n, d, minority, k, blockRows, batch] = [100_000, 160, 500, 5, 8_192, 1024];
    // Two search threads ('auto'): the pooled worker no longer keeps each block's shared memory
    // (see neighbors/workerMemory.test.ts), so the blocked search holds one block at a time.
    const r = run(['ADASYN', n, d, minority, k, blockRows, batch, 'auto']);
    expect(r.rows).toBe(n);
    const generating = r.classSizes.slice(1);
    const nq = generating.reduce((s, m) => s + m, 0);
    const tables = nq * (k + 1) * 12 + generating.reduce((s, m) => s + m * (k + 2) * 4, 0);
    const epoch = r.epochRows * 8 + 4 * batch * d * 4;
    const block = (Math.max(blockRows, ...generating) + Math.min(nq, blockRows)) * d * 8;
    const bound = RUNTIME + WORKER + tables + epoch + 3 * block;
    const resampled = r.counts.reduce((s, v) => s + v, 0) * d * 8;
    expect(bound).toBeLessThan(resampled / 2);
    expect(r.peak - r.base).toBeLessThan(bound);
  });
});
