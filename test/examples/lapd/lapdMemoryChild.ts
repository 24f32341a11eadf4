/**
 * Child process of lapdMemory.test.ts (run with `node --import tsx --expose-gc`): the example's
 * columnar path on `n` generated rows — a SYNTHETIC CSV streamed into compact columns, the split
 * and the feature tables, the Encoder's compact output, the Scaler's lazy view, a lazy sampler's
 * `fitStream`, and a few training batches — and one JSON line: the RSS before the work (after a GC),
 * the peak RSS during it (the kernel's high-water mark, reset at the start), and the sizes the
 * bound is made of (every typed array the path keeps, the densest class, the batch).
 *
 * Usage: lapdMemoryChild.ts <csv> <SMOTE|ADASYN|none> <k> <batchSize> <batches>
 */
import { ADASYN, Encoder, Scaler, SMOTE } from 'imbalanced-tabular';
import { loadCsvColumns } from '../../../examples/lapd/caseColumns.js';
import { CATEGORICAL_FEATURES, featureTable, numericColumns, topMocodesOf } from '../../../examples/lapd/features.js';
import { peakRss, resetPeakRss } from '../../../examples/lapd/phases.js';
import { splitCases } from '../../../examples/lapd/split.js';

const [path, samplerName, kText, batchText, batchesText] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const [k, batchSize, nBatches] = [Number(kText), Number(batchText), Number(batchesText)];
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

/** Bytes of the typed arrays reachable from `x` (each buffer once). */
function typedBytes(x: unknown, seen = new Set<ArrayBufferLike>()): number {
  if (ArrayBuffer.isView(x)) {
    if (seen.has(x.buffer)) return 0;
    seen.add(x.buffer);
    return x.buffer.byteLength;
  }
  if (x instanceof Map) return [...x.values()].reduce((s: number, v) => s + typedBytes(v, seen), 0);
  if (x !== null && typeof x === 'object') return Object.values(x).reduce((s: number, v) => s + typedBytes(v, seen), 0);
  return 0;
}

gc();
gc();
const base = process.memoryUsage().rss;
const resettable = resetPeakRss();
const { cases } = await loadCsvColumns(path);
const caseBytes = typedBytes(cases);
const split = splitCases(cases, { testSize: 0.25, seed: 0 });
const mocodes = topMocodesOf(cases, split.train, 150);
const table = featureTable(cases, split.train, mocodes);
const tableBytes = typedBytes(table);
const encoder = new Encoder({
  categorical: [...CATEGORICAL_FEATURES],
  numeric: numericColumns(mocodes),
  handleUnknown: 'infrequent',
  minFrequency: 10,
  maxCategories: 60,
  impute: 'median',
  output: 'compact',
});
const X = new Scaler({ method: 'standard' }).fitTransform(encoder.fitTransform(table));
const codeBytes = typedBytes(X.storage.codes);
const counts = new Map<string, number>();
for (const v of split.yTrain) counts.set(v, (counts.get(v) ?? 0) + 1);
const sorted = [...counts.values()].sort((a, b) => b - a);
let rows = 0;
let check = 0;
if (samplerName !== 'none') {
  const sampler =
    samplerName === 'ADASYN' ? new ADASYN({ nNeighbors: k, seed: 1 }) : new SMOTE({ kNeighbors: k, seed: 1 });
  const source = sampler.fitStream(X, split.yTrain);
  let b = 0;
  for (const batch of source.batches(0, batchSize)) {
    rows += batch.size;
    check += batch.x[0] as number;
    if (++b === nBatches) break;
  }
}
const peak = peakRss();
process.stdout.write(
  `${JSON.stringify({
    base,
    peak,
    resettable,
    rows,
    check,
    n: cases.rows,
    nTrain: split.train.length,
    columns: X.columns,
    largestMinority: sorted[1] ?? 0,
    minority: split.train.length - sorted[0]!,
    caseBytes,
    tableBytes,
    codeBytes,
  })}\n`,
);
