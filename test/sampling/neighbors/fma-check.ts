/**
 * Run by fma.test.ts in a child `node --experimental-wasm-relaxed-simd` (relaxed SIMD is on by
 * default only from Node 22): checks that the kernel really uses `relaxed_madd` there and that
 * KNeighbors still returns exactly the brute-force neighbours, serial and on two threads; and runs
 * the fused kernel on the golden problem of kernelHarness.ts. Prints one JSON line.
 */
import { Random } from '../../../src/core/Random.js';
import { BruteNeighbors } from '../../support/bruteNeighbors.js';
import { KNeighbors } from '../../../src/sampling/neighbors/index.js';
import { wasmRelaxedSimdAvailable } from '../../../src/sampling/neighbors/wasm.js';
import { BOUNDED, expectedSelect, FULL, runKernel } from './kernelHarness.js';

let mismatches = 0;
let compared = 0;
let exhaustive = 0;
let queries = 0;
for (const [n, d] of [
  [3000, 37],
  [2000, 128],
  [1500, 300],
] as const) {
  const rng = new Random(n + d);
  const X = new Float64Array(n * d);
  // quarter-step values: many exact ties, which the certificate must resolve like brute force
  for (let i = 0; i < X.length; i++) X[i] = Math.round(rng.normal() * 4) / 4 + (i % 7 === 0 ? 100 : 0);
  const want = new BruteNeighbors().fit(X, n, d).kneighbors(X, n, 5, { excludeSelf: true }).indices;
  for (const threads of [1, 2] as const) {
    const nn = new KNeighbors({ kernel: 'wasm-f32', threads }).fit(X, n, d);
    const got = nn.kneighbors(X, n, 5, { excludeSelf: true }).indices;
    // a wrong kernel would not show in the result (failed certificates fall back to an exhaustive
    // search), but it would show here
    exhaustive += nn.lastRun.exhaustive;
    queries += n;
    for (let i = 0; i < want.length; i++) if (got[i] !== want[i]) mismatches++;
    compared += want.length;
  }
}
/** The fused kernel's golden results: every list as simulated (exact values, ties by index). */
const golden = [false, true].map((shared) =>
  [FULL, BOUNDED].every((sel) => {
    const run = runKernel('fma', shared, sel);
    const want = expectedSelect(sel);
    return JSON.stringify([run.cand, run.candVal, run.nHits]) === JSON.stringify([want.cand, want.candVal, want.nHits]);
  }),
);
const relaxed = wasmRelaxedSimdAvailable();
console.log(JSON.stringify({ relaxed, compared, mismatches, exhaustive, queries, golden }));
