/**
 * Child process of lazyMemory.test.ts (run with `node --import tsx --expose-gc`): builds a dense
 * float32 row source of `n × d` values in three overlapping classes (a majority and two minorities
 * of `minority` rows each), runs `fitStream` and one epoch of batches, and prints one JSON line:
 * the RSS before the fit (after a GC), the peak RSS of the process afterwards, and what the bound
 * is made of. Nothing is allocated between the baseline and the fit besides what the fit does.
 *
 * Usage: memoryProbe.ts <SMOTE|ADASYN> <n> <d> <minority> <k> <blockRows> <batchSize> <threads: auto|1>
 */
import { ADASYN, denseRowSource, KNeighbors, SMOTE } from '../../../src/index.js';

const [name, ...args] = process.argv.slice(2);
const [n, d, minority, k, blockRows, batchSize] = args.slice(0, 6).map(Number) as [
  number,
  number,
  number,
  number,
  number,
  number,
];
const threads = args[6] === '1' ? { neighbors: new KNeighbors({ threads: 1 }) } : {};
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const data = new Float32Array(n * d);
const y: number[] = new Array(n);
let s = 12345;
for (let i = 0; i < n; i++) {
  const c = i % Math.floor(n / minority) === 0 ? 1 : i % Math.floor(n / minority) === 1 ? 2 : 0;
  y[i] = c;
  for (let j = 0; j < d; j++) {
    s = (s * 48271) % 2147483647;
    data[i * d + j] = s / 2147483647 + (j === 0 ? 0.3 * c : 0);
  }
}
const X = denseRowSource(data, n, d);
const sampler =
  name === 'ADASYN'
    ? new ADASYN({ nNeighbors: k, seed: 1, ...threads })
    : new SMOTE({ kNeighbors: k, seed: 1, ...threads });
gc();
gc();
const base = process.memoryUsage().rss;
const source = sampler.fitStream(X, y, { blockRows });
let rows = 0;
let check = 0;
for (const b of source.batches(0, batchSize)) {
  rows += b.size;
  check += b.x[0] as number;
}
const peak = process.resourceUsage().maxRSS * 1024;
const counts = [...sampler.fitted.counts.values()];
const classSizes = [0, 1, 2].map((c) => y.filter((v) => v === c).length);
process.stdout.write(
  `${JSON.stringify({ base, peak, rows, epochRows: source.epochRows, check, counts, classSizes })}\n`,
);
