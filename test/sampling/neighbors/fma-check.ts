/**
 * Run by fma.test.ts in a child `node --experimental-wasm-relaxed-simd` (relaxed SIMD is on by
 * default only from Node 22): checks that the kernel really uses `relaxed_madd` there and that
 * KNeighbors still returns exactly the brute-force neighbours, serial and on two threads.
 * Prints one JSON line.
 */
import { Random } from '../../../src/core/random.js';
import { BruteNeighbors } from '../../../src/sampling/_bruteNeighbors.js';
import { KNeighbors } from '../../../src/sampling/neighbors/index.js';
import { wasmRelaxedSimdAvailable } from '../../../src/sampling/neighbors/wasm.js';

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
console.log(JSON.stringify({ relaxed: wasmRelaxedSimdAvailable(), compared, mismatches, exhaustive, queries }));
