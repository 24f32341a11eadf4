import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Encoder, Scaler } from '../../src/preprocessing/index.js';
import { WIDE, wideNames, wideTable } from './compactMemoryChild.js';

const MiB = 2 ** 20;
/**
 * What resident memory may add to the codes: V8 heap pages, compiled code, garbage not yet
 * collected. Measured 4.4–4.7 MB retained and 8–9 MB at the peak for this table (codes included).
 */
const RSS_SLACK = 32 * MiB;

describe('compact encoding: memory is a property', () => {
  it('encoding + scaling 200k rows × (10 categorical + 5 numeric + 150 indicator) columns grows memory ' +
    'by ~1 byte per row per categorical feature, far below the dense size', () => {
    const n = 200_000;
    const script = join(import.meta.dirname, 'compactMemoryChild.ts');
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, String(n)], {
      encoding: 'utf8',
      cwd: join(import.meta.dirname, '..', '..'),
    });
    expect(r.status, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as Record<string, number>;
    const codeBound = n * WIDE.categorical; // one Int8 code per row per categorical feature
    expect(m.nCategorical).toBe(WIDE.categorical);
    expect(m.codeBytes).toBe(codeBound);
    // typed-array memory: the codes, the gathered batch, and per-column tables (kilobytes)
    expect(m.arrayBufferGrowthBytes).toBeLessThanOrEqual(codeBound + (m.batchBytes as number) + 256 * 1024);
    // resident memory, retained and at its peak: the codes plus the process's own drift
    expect(m.growthBytes).toBeLessThan(codeBound + RSS_SLACK);
    expect(m.peakGrowthBytes).toBeLessThan(codeBound + RSS_SLACK);
    expect(codeBound + RSS_SLACK).toBeLessThan((m.denseFloat32Bytes as number) / 5);
    // a batch of 1024 rows is the dense pipeline's rows, rounded once to float32
    expect(m.compared).toBe(1024 * (m.columns as number));
    expect(m.mismatches).toBe(0);
  }, 120_000);

  it('the lazy pipeline gives the dense pipeline (fitted densely) rounded to float32, on a small table', () => {
    const t = wideTable(3000, 9);
    const { categorical, numeric } = wideNames();
    const options = { categorical, numeric, impute: 'median', handleUnknown: 'ignore' } as const;
    const Z = new Scaler().fitTransform(new Encoder({ ...options, output: 'compact' }).fitTransform(t));
    const D = new Scaler().fitTransform(new Encoder(options).fitTransform(t));
    const idx = Int32Array.from({ length: 1024 }, (_, k) => (k * 31) % t.nRows);
    const out = new Float32Array(idx.length * Z.columns);
    Z.gatherRows(idx, out);
    let worst = 0;
    idx.forEach((i, k) => {
      D.getRow(i).forEach((v, j) => {
        const a = out[k * Z.columns + j] as number;
        const e = Math.fround(v);
        // the statistics agree to ~1e-15, so a value may round to the neighbouring float32
        worst = Math.max(worst, Math.abs(a - e) / Math.max(1, Math.abs(e)));
      });
    });
    expect(worst).toBeLessThanOrEqual(2 ** -23);
  });
});
