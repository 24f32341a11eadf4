/**
 * Child process of compactMemory.test.ts (run with `node --expose-gc --import tsx`): encodes and
 * scales a wide ColumnarTable in compact form and prints, as one JSON line, how much resident
 * memory that took, and whether a gathered batch equals the dense pipeline's rows.
 *
 * Also exports the table recipe, so the parent can run the dense comparison on a smaller table.
 */
import { pathToFileURL } from 'node:url';
import type { ColumnarTable, TableColumn } from '../../src/core/index.js';
import { Random } from '../../src/core/Random.js';
import { Encoder, Scaler } from '../../src/preprocessing/index.js';

/** Categorical features, their largest cardinality, numeric features and 0/1 indicator columns. */
export const WIDE = { categorical: 10, maxCategories: 60, numeric: 5, indicators: 150 } as const;

/** `n` rows: 10 categorical columns (2 to 60 categories, 2% missing), 5 float32 columns (3% NaN), 150 uint8 0/1. */
export function wideTable(n: number, seed: number): ColumnarTable {
  const rng = new Random(seed);
  const columns = new Map<string, TableColumn>();
  for (let f = 0; f < WIDE.categorical; f++) {
    const k = Math.max(2, Math.round((WIDE.maxCategories * (f + 1)) / WIDE.categorical));
    const codes = new Int16Array(n);
    for (let i = 0; i < n; i++) {
      const u = rng.float();
      codes[i] = rng.float() < 0.02 ? -1 : Math.min(k - 1, Math.floor(k * u * u));
    }
    const categories = Array.from({ length: k }, (_, c) => `f${f}_${c}`);
    columns.set(`cat${f}`, { kind: 'categorical', codes, categories });
  }
  for (let g = 0; g < WIDE.numeric; g++) {
    const values = new Float32Array(n);
    for (let i = 0; i < n; i++) values[i] = rng.float() < 0.03 ? Number.NaN : rng.normal() * 10 ** g;
    columns.set(`num${g}`, { kind: 'numeric', values });
  }
  for (let m = 0; m < WIDE.indicators; m++) {
    const values = new Uint8Array(n);
    const p = 0.01 + (m % 10) / 40;
    for (let i = 0; i < n; i++) values[i] = rng.float() < p ? 1 : 0;
    columns.set(`mo${m}`, { kind: 'numeric', values });
  }
  return { nRows: n, columns };
}

/** The names of the table's columns by role. */
export function wideNames(): { categorical: string[]; numeric: string[] } {
  return {
    categorical: Array.from({ length: WIDE.categorical }, (_, f) => `cat${f}`),
    numeric: [
      ...Array.from({ length: WIDE.numeric }, (_, g) => `num${g}`),
      ...Array.from({ length: WIDE.indicators }, (_, m) => `mo${m}`),
    ],
  };
}

/** A full collection, then a pause so that freed array buffers are swept, then another. */
async function settle(gc: () => void): Promise<void> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 100));
  gc();
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 200_000);
  const gc = globalThis.gc as () => void;
  const table = wideTable(n, 5);
  const { categorical, numeric } = wideNames();
  const batch = Int32Array.from({ length: 1024 }, (_, t) => (t * 7919 + 13) % n);
  await settle(gc);
  const mem0 = process.memoryUsage();
  const before = mem0.rss;
  const maxBefore = process.resourceUsage().maxRSS * 1024;
  const enc = new Encoder({ categorical, numeric, impute: 'median', handleUnknown: 'ignore', output: 'compact' });
  const X = enc.fitTransform(table);
  const scaler = new Scaler({ method: 'standard' });
  const Z = scaler.fitTransform(X);
  const out = new Float32Array(batch.length * Z.columns);
  Z.gatherRows(batch, out);
  await settle(gc);
  const mem1 = process.memoryUsage();
  const after = mem1.rss;
  const peak = process.resourceUsage().maxRSS * 1024;
  // the dense pipeline on the batch rows, with the states fitted above (JSON round trip)
  const sub: ColumnarTable = {
    nRows: batch.length,
    columns: new Map(
      [...table.columns].map(([name, col]): [string, TableColumn] =>
        col.kind === 'categorical'
          ? [name, { ...col, codes: Int16Array.from(batch, (i) => col.codes[i] as number) }]
          : [name, { kind: 'numeric', values: Float64Array.from(batch, (i) => col.values[i] as number) }],
      ),
    ),
  };
  const dense = Scaler.fromJSON(scaler.toJSON()).transform(
    Encoder.fromJSON(enc.toJSON(), { output: 'matrix' }).transform(sub),
  );
  let mismatches = 0;
  const flat = dense.to2DArray().flat();
  flat.forEach((v, k) => {
    if (!Object.is(Math.fround(v), out[k])) mismatches++;
  });
  const nCat = X.features.filter((f) => f.kind !== 'numeric').length;
  const codeBytes = X.features.reduce((s, f, i) => s + (f.kind === 'numeric' ? 0 : X.featureCodes(i).byteLength), 0);
  console.log(
    JSON.stringify({
      n,
      columns: X.columns,
      nCategorical: nCat,
      codeBytes,
      growthBytes: after - before,
      arrayBufferGrowthBytes: mem1.arrayBuffers - mem0.arrayBuffers,
      heapGrowthBytes: mem1.heapUsed - mem0.heapUsed,
      batchBytes: out.byteLength,
      peakGrowthBytes: Math.max(0, peak - Math.max(maxBefore, before)),
      denseFloat32Bytes: n * X.columns * 4,
      mismatches,
      compared: flat.length,
    }),
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
