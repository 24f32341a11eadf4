import { describe, expect, it } from 'vitest';
import { KNeighbors } from '../../../src/sampling/neighbors/index.js';
import { wasmKernelsAvailable } from '../../../src/sampling/neighbors/wasmPacking.js';
import { xorshift } from '../../support/seededRandom.js';

// A refit packs into the previous fit's wasm memory when it can: its answers must be a fresh
// instance's, whatever was packed there before (larger, smaller, other values, padding rows).
describe.runIf(wasmKernelsAvailable())('KNeighbors refit in the previous memory', () => {
  const rand = xorshift(21);
  const d = 9;
  const sets = [1003, 61, 517, 2000, 13].map((n) => ({
    n,
    X: Float64Array.from({ length: n * d }, () => Math.round(rand() * 40) / 8),
    Q: Float64Array.from({ length: 300 * d }, () => Math.round(rand() * 40) / 8),
  }));
  for (const kernel of ['wasm-i16', 'wasm-f32'] as const) {
    for (const threads of [1, 2]) {
      it(`${kernel}, threads ${threads}: every refit answers as a fresh fit`, () => {
        const reused = new KNeighbors({ algorithm: 'brute', kernel, threads });
        for (const { n, X, Q } of sets) {
          const k = Math.min(5, n);
          const got = reused.fit(X, n, d).kneighbors(Q, 300, k);
          const want = new KNeighbors({ algorithm: 'brute', kernel, threads }).fit(X, n, d).kneighbors(Q, 300, k);
          expect(got.indices).toEqual(want.indices);
          expect(got.distances).toEqual(want.distances);
          const self = reused.kneighbors(X, n, Math.min(3, n - 1), { excludeSelf: true });
          const selfWant = new KNeighbors({ algorithm: 'brute', kernel, threads })
            .fit(X, n, d)
            .kneighbors(X, n, Math.min(3, n - 1), { excludeSelf: true });
          expect(self.indices).toEqual(selfWant.indices);
        }
      });
    }
  }
});
