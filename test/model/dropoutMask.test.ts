import { describe, expect, it } from 'vitest';
import { Random } from '../../src/core/Random.js';
import { dropoutMask } from '../../src/model/dropoutMask.js';

describe('dropoutMask', () => {
  it('drops each unit with probability rate and scales the kept ones by 1/(1 − rate)', () => {
    for (const rate of [0.1, 0.5, 0.8]) {
      const rows = 400;
      const cols = 50;
      const out = new Float32Array(rows * cols);
      dropoutMask(out, 0, { rows, cols }, rate, 7);
      const scale = Math.fround(1 / (1 - rate));
      let dropped = 0;
      let other = 0;
      for (const v of out) {
        if (v === 0) dropped++;
        else if (v !== scale) other++;
      }
      expect(other).toBe(0);
      // Binomial(20000, rate): 5 standard deviations.
      const n = rows * cols;
      expect(Math.abs(dropped - n * rate)).toBeLessThan(5 * Math.sqrt(n * rate * (1 - rate)));
      // The mean of the mask is 1 in expectation (tfjs-layers' inverted dropout).
      const mean = out.reduce((a, v) => a + v, 0) / n;
      expect(Math.abs(mean - 1)).toBeLessThan(0.05);
    }
  });

  it('depends on the seed and the shape only; writes only the first cols floats of each row', () => {
    const a = new Float32Array(30);
    const b = new Float32Array(30);
    dropoutMask(a, 0, { rows: 5, cols: 6 }, 0.5, 3);
    dropoutMask(b, 0, { rows: 5, cols: 6 }, 0.5, 3);
    expect(Array.from(a)).toEqual(Array.from(b));
    dropoutMask(b, 0, { rows: 5, cols: 6 }, 0.5, 4);
    expect(Array.from(a)).not.toEqual(Array.from(b));
    const strided = new Float32Array(5 * 8).fill(-1);
    dropoutMask(strided, 0, { rows: 5, cols: 6, stride: 8 }, 0.5, 3);
    for (let i = 0; i < 5; i++) {
      expect(Array.from(strided.subarray(i * 8, i * 8 + 6))).toEqual(Array.from(a.subarray(i * 6, i * 6 + 6)));
      expect(Array.from(strided.subarray(i * 8 + 6, i * 8 + 8))).toEqual([-1, -1]);
    }
  });

  it('keeps unit j exactly when the j-th random word u satisfies u ≥ rate · 2³² (rates of any value)', () => {
    const n = 4000;
    for (const rate of [0, 0.3, 0.5, 1 / 3, 0.9999999999, 1 - 2 ** -40]) {
      const out = new Float32Array(n);
      dropoutMask(out, 0, { rows: 40, cols: 100 }, rate, 11);
      const u = new Uint32Array(n);
      new Random(11).fillUint32(u);
      const scale = Math.fround(1 / (1 - rate));
      const want = Array.from(u, (v) => (v >= rate * 2 ** 32 ? scale : 0));
      expect(Array.from(out)).toEqual(want);
    }
  });
});
