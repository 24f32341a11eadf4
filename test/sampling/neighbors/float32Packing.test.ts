import { describe, expect, it, vi } from 'vitest';
import { KNeighbors } from '../../../src/sampling/neighbors/index.js';
import * as packing from '../../../src/sampling/neighbors/wasmPacking.js';
import { bruteKNeighbors as naive } from '../../support/bruteNeighbors.js';
import { xorshift } from '../../support/seededRandom.js';

// Counts the packings of the fitted rows by kernel (int16 or float32), the engine otherwise untouched.
const packs: boolean[] = [];
vi.mock('../../../src/sampling/neighbors/wasmPacking.js', async (importOriginal) => {
  const real = await importOriginal<typeof packing>();
  return {
    ...real,
    packWasm: (...args: Parameters<typeof real.packWasm>) => {
      packs.push(args[4]);
      return real.packWasm(...args);
    },
  };
});

describe('KNeighbors float32 packing', () => {
  it.runIf(packing.wasmKernelsAvailable())('is not built when the int16 kernel certifies every query', () => {
    const rand = xorshift(7);
    const n = 600;
    const d = 8;
    const X = Float64Array.from({ length: n * d }, () => rand());
    const Q = Float64Array.from({ length: 50 * d }, () => rand());
    packs.length = 0;
    const nn = new KNeighbors({ kernel: 'wasm-i16', threads: 1 }).fit(X, n, d);
    const got = nn.kneighbors(Q, 50, 3);
    expect(nn.lastRun.rescanned).toBe(0);
    expect(packs).toEqual([true]); // the int16 packing only: no float32 copy for a rescan that never comes
    const want = naive(X, n, d, Q, 50, 3, false);
    expect(Array.from(got.indices)).toEqual(Array.from(want.indices));
  });
});
