/**
 * Memory as a property of the example's columnar path: on ~100k generated rows (the real table's
 * width), load → split and features → Encoder compact → Scaler (lazy) → a lazy sampler's fitStream
 * → a few training batches grow the peak RSS of a child process (a clean heap, `--expose-gc`) by
 * less than a bound made of what the path keeps — the compact columns and feature table, the
 * encoded codes, the sampler's neighbour tables (rows × k) and its densest block (one class at a
 * time, with the k-NN engine's copies of it), the batch buffers — plus a fixed allowance for the
 * runtime; and that bound is far below the dense one-hot matrix of the same rows.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticCsv } from '../../../examples/lapd/synthetic.js';

const child = join(import.meta.dirname, 'lapdMemoryChild.ts');
const MiB = 2 ** 20;
/**
 * What the runtime adds and does not give back at once, measured on this path (100k rows, none: 125
 * MiB of growth for 22 MB of columns): V8's heap growth while the CSV is read (the parser's
 * transient records), the split's JS arrays (about 56 bytes per row), the Encoder's per-column
 * statistics (freed ArrayBuffers are returned on a later GC), compiled code, the k-NN engine's worker.
 */
const RUNTIME = 128 * MiB;

interface Report {
  base: number;
  peak: number;
  resettable: boolean;
  rows: number;
  n: number;
  nTrain: number;
  columns: number;
  largestMinority: number;
  minority: number;
  caseBytes: number;
  tableBytes: number;
  codeBytes: number;
}

function run(path: string, sampler: string, k: number, batch: number, batches: number): Report {
  const args = ['--import', 'tsx', '--expose-gc', child, path, sampler, k, batch, batches].map(String);
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 400_000 });
  if (r.status !== 0) throw new Error(`memory child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as Report;
}

describe('the columnar path stays within its memory bound on 100k rows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lapd-memory-'));
  const paths = { half: join(dir, 'half.csv'), full: join(dir, 'full.csv') };
  const n = 100_000;
  beforeAll(async () => {
    await writeSyntheticCsv(paths.half, { n: n / 2, seed: 3 });
    await writeSyntheticCsv(paths.full, { n, seed: 3 });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('SMOTE: compact columns + codes + neighbour tables + one class densified + batches', { timeout: 600_000 }, () => {
    const [k, batch] = [5, 512];
    const r = run(paths.full, 'SMOTE', k, batch, 8);
    expect(r.n).toBe(n);
    expect(r.rows).toBe(8 * batch);
    const kept = r.caseBytes + r.tableBytes + r.codeBytes;
    const tables = r.minority * (k + 1) * 4 * 2;
    const block = r.largestMinority * r.columns * 8 * 3; // a class densified, with the engine's copies
    const batches = 4 * batch * r.columns * 4;
    const bound = RUNTIME + kept + tables + block + batches;
    // The eager path held the float64 one-hot matrix twice (the Encoder's output and the Scaler's).
    const dense = r.nTrain * r.columns * 8;
    expect(bound).toBeLessThan(dense);
    expect(r.peak - r.base).toBeLessThan(bound);
    // The columns are compact: a few hundred bytes per row, where a dense row has columns × 8 (≈ 3.5 kB).
    expect(kept / n).toBeLessThan(400);

    // What each further row costs (the fixed runtime cancels out): the per-row terms of the bound,
    // a fraction of one dense float64 row.
    const h = run(paths.half, 'SMOTE', k, batch, 8);
    const perRow = (r.peak - r.base - (h.peak - h.base)) / (n / 2);
    const boundPerRow =
      (kept +
        tables +
        block -
        (h.caseBytes + h.tableBytes + h.codeBytes) -
        h.minority * (k + 1) * 8 -
        h.largestMinority * h.columns * 24) /
      (n / 2);
    expect(perRow).toBeLessThan(boundPerRow + 256);
    expect(perRow).toBeLessThan((r.columns * 8) / 3);
  });
});
