import { describe, expect, it } from 'vitest';
import {
  ADASYN,
  type ADASYNFitted,
  Random,
  type StreamContext,
  type StreamPlan,
  type SyntheticGenerator,
} from '../../../src/index.js';
import { segmentGenerator, uniformPairs, weightedPairs } from '../../../src/sampling/lazy/segmentGenerator.js';
import { X, y } from '../samplerTestData.js';
import { rowSource } from '../propertyData.js';

/** |observed − expected| within 5 standard deviations of a binomial count (plus a little slack). */
function nearExpected(observed: number, draws: number, p: number): boolean {
  return Math.abs(observed - draws * p) <= 5 * Math.sqrt(draws * p * (1 - p)) + 3;
}

describe('segmentGenerator', () => {
  it('writes x_base + u (x_neighbour − x_base) from the gathered rows, bases first then neighbours', () => {
    const rows = Int32Array.of(10, 20, 30);
    const nn = Int32Array.of(1, 2, 0); // k = 1
    const gen = segmentGenerator(rows, 2, uniformPairs(nn, 1));
    const b = gen.draw(new Random(1), 4);
    expect(b.sources.length).toBe(8);
    for (let t = 0; t < 4; t++) {
      const base = (b.sources[t] as number) / 10 - 1;
      expect(b.sources[4 + t]).toBe(rows[nn[base]!]);
    }
    // gathered rows: row r of X holds (r, −r)
    const gathered = Float32Array.from(Array.from(b.sources).flatMap((r) => [r, -r]));
    const out = new Float32Array(2);
    b.write(0, gathered, 0, out, 0);
    const [xb, xn] = [b.sources[0] as number, b.sources[4] as number];
    const u = (out[0]! - xb) / (xn - xb);
    expect(u).toBeGreaterThanOrEqual(0);
    expect(u).toBeLessThan(1);
    expect(out[1]).toBeCloseTo(-xb - u * (xn - xb), 4);
  });

  it('weightedPairs picks base row i with probability g_i / Σg, and only rows that generate', () => {
    const used = Int32Array.of(0, 2, 3);
    const g = Int32Array.of(5, 0, 1, 14);
    const nn = Int32Array.of(1, 2, 0, 3, 1, 0); // k = 2
    const pick = weightedPairs(used, nn, 2, g);
    const counts = new Map<number, number>();
    const rng = new Random(3);
    const M = 20_000;
    const { base, neighbor } = pick(rng, M);
    for (let t = 0; t < M; t++) {
      counts.set(base[t]!, (counts.get(base[t]!) ?? 0) + 1);
      const u = [...used].indexOf(base[t]!);
      expect([nn[2 * u], nn[2 * u + 1]]).toContain(neighbor[t]);
    }
    expect(counts.has(1)).toBe(false);
    for (const [i, gi] of [
      [0, 5],
      [2, 1],
      [3, 14],
    ] as const) {
      expect(nearExpected(counts.get(i) ?? 0, M, gi / 20)).toBe(true);
    }
  });
});

/** ADASYN whose generators record the base row of every synthetic row they draw. */
class RecordingADASYN extends ADASYN {
  readonly bases = new Map<number, number>();
  protected override streamPlan(ctx: StreamContext): StreamPlan<ADASYNFitted> {
    const plan = super.streamPlan(ctx);
    const record = (gen: SyntheticGenerator): SyntheticGenerator => ({
      draw: (rng, m) => {
        const b = gen.draw(rng, m);
        for (let t = 0; t < m; t++)
          this.bases.set(b.sources[t] as number, (this.bases.get(b.sources[t] as number) ?? 0) + 1);
        return b;
      },
    });
    return { ...plan, classes: plan.classes.map((c) => (c.generator ? { ...c, generator: record(c.generator) } : c)) };
  }
}

describe('lazy ADASYN over many epochs', () => {
  it('row i is the base of the share g_i / Σg of its class’s synthetic rows, as in fitResample', () => {
    const s = new RecordingADASYN({ nNeighbors: 3, seed: 5 });
    const src = s.fitStream(rowSource(X), y);
    for (let e = 0; e < 400; e++) for (const _ of src.batches(e, 16));
    for (const [c, g] of s.fitted.rowCounts) {
      const rows = y.flatMap((v, i) => (v === c ? [i] : []));
      const total = g.reduce((a, b) => a + b, 0);
      const drawn = rows.reduce((a, r) => a + (s.bases.get(r) ?? 0), 0);
      expect(drawn).toBeGreaterThan(1000);
      rows.forEach((r, i) => {
        if (g[i] === 0) expect(s.bases.has(r)).toBe(false);
        else expect(nearExpected(s.bases.get(r) ?? 0, drawn, g[i]! / total)).toBe(true);
      });
    }
  });
});
