/**
 * Child process of workerMemory.test.ts (run with `node --import tsx --expose-gc`): fits a fresh
 * two-thread KNeighbors on `blocks` blocks of `n × d` rows in turn (as a blocked search does, each
 * fit with its own shared memory) and queries each; prints one JSON line with the RSS after the first
 * block and the largest after any block (each after a GC of the calling thread), and how many
 * workers joined.
 *
 * Usage: workerMemoryProbe.ts <blocks> <n> <d> <threads>
 */
import { KNeighbors } from '../../../src/index.js';

const [blocks, n, d, threads] = process.argv.slice(2).map(Number) as [number, number, number, number];
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const data = new Float64Array(n * d);
let s = 12345;
for (let i = 0; i < data.length; i++) {
  s = (s * 48271) % 2147483647;
  data[i] = s / 2147483647;
}
const nq = 512;
const query = data.subarray(0, nq * d);
let first = 0;
let peak = 0;
let joined = 0;
for (let b = 0; b < blocks; b++) {
  const search = new KNeighbors({ threads }).fit(data, n, d);
  search.kneighbors(query, nq, 5);
  joined += search.lastRun.workersJoined;
  gc();
  const rss = process.memoryUsage().rss;
  if (b === 0) first = rss;
  peak = Math.max(peak, rss);
}
gc();
console.log(JSON.stringify({ first, peak, joined, blockBytes: n * d * 4 }));
