import { describe, expect, it } from 'vitest';
import { normalPpf } from '../../../src/core/stats/normalPpf.js';

describe('normalPpf', () => {
  it('agrees with scipy.stats.norm.ppf', () => {
    // scipy 1.10 values
    expect(normalPpf(0.75)).toBeCloseTo(0.6744897501960817, 14);
    expect(normalPpf(0.9)).toBeCloseTo(1.2815515655446004, 14);
    expect(normalPpf(0.02)).toBeCloseTo(-2.053748910631823, 14);
    expect(normalPpf(1e-5)).toBeCloseTo(-4.264890793922825, 14);
    expect(normalPpf(0.999)).toBeCloseTo(3.090232306167813, 14);
  });
  it('is exactly 0 at ½, odd around it, and infinite at the ends', () => {
    expect(normalPpf(0.5)).toBe(0);
    for (const p of [0.6, 0.75, 0.99, 0.999999]) expect(normalPpf(p)).toBe(-normalPpf(1 - p));
    expect(normalPpf(0)).toBe(-Infinity);
    expect(normalPpf(-1)).toBe(-Infinity);
    expect(normalPpf(1)).toBe(Infinity);
  });
  it('is increasing, also across the switch to the tail approximation at 0.02425', () => {
    const ps = [1e-300, 1e-12, 0.001, 0.0242, 0.02425, 0.0243, 0.1, 0.3, 0.49];
    const xs = ps.map(normalPpf);
    for (let i = 1; i < xs.length; i++) expect(xs[i]!).toBeGreaterThan(xs[i - 1]!);
    expect(normalPpf(1e-300)).toBeCloseTo(-37.0470962993612, 6); // scipy 1.10
    expect(normalPpf(1e-12)).toBeCloseTo(-7.034483825301131, 13);
  });
});
