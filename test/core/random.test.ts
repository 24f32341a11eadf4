import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../src/core/errors.js';
import { Random } from '../../src/core/Random.js';

describe('Random', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const sa = Array.from({ length: 20 }, () => a.uint32());
    expect(sa).toEqual(Array.from({ length: 20 }, () => b.uint32()));
    expect(sa).not.toEqual(Array.from({ length: 20 }, () => c.uint32()));
  });
  it('float is in [0,1) with mean ~0.5; int is unbiased over a non-power-of-two range', () => {
    const r = new Random(1);
    let sum = 0;
    const counts = new Array(6).fill(0);
    const n = 60000;
    for (let i = 0; i < n; i++) {
      const f = r.float();
      expect(f >= 0 && f < 1).toBe(true);
      sum += f;
      counts[r.int(6)]++;
    }
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.01);
    for (const c of counts) expect(Math.abs(c / n - 1 / 6)).toBeLessThan(0.01);
  });
  it('normal has mean 0 and variance 1', () => {
    const r = new Random(3);
    let s = 0;
    let s2 = 0;
    const n = 50000;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.02);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.03);
  });
  it('fillUint32 continues the uint32 stream exactly, and uint32 continues after it', () => {
    const a = new Random(9);
    const b = new Random(9);
    const buf = new Uint32Array(1001);
    a.fillUint32(buf.subarray(0, 3));
    a.fillUint32(buf.subarray(3));
    for (let i = 0; i < buf.length; i++) expect(buf[i]).toBe(b.uint32());
    expect(a.uint32()).toBe(b.uint32());
    expect(a.float()).toBe(b.float());
  });

  it('permutation is a permutation', () => {
    const p = Array.from(new Random(5).permutation(100)).sort((a, b) => a - b);
    expect(p).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
  it('rejects bad seeds with InvalidParameterError', () => {
    expect(() => new Random(-1)).toThrow(InvalidParameterError);
    expect(() => new Random(1.5)).toThrow(/seed/);
  });
  it('Random.from without a seed records the seed it drew', () => {
    const r = Random.from(undefined);
    const again = new Random(r.seed);
    expect(r.uint32()).toBe(again.uint32());
  });
});
