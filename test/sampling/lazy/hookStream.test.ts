import { describe, expect, it } from 'vitest';
import { type Label, Sampler, type SamplerContext, type SamplerParams } from '../../../src/index.js';
import { Jitter } from '../../support/jitter.js';
import { X, y } from '../samplerTestData.js';
import { keyOf, readEpoch, rowSource, rowsOf } from '../propertyData.js';

/** A user's over-sampler with no lazy form of its own: new rows are rows of the class shifted by +100. */
class Shift extends Sampler<SamplerParams, { runs: number }> {
  static runs = 0;
  constructor(options: { seed?: number } = {}) {
    super({ name: 'Shift', type: 'over-sampling' }, options, {});
  }
  protected resample(ctx: SamplerContext): { runs: number } {
    Shift.runs++;
    const out = ctx.allocate(new Map([...ctx.plan].map(([c, n]) => [c, Math.ceil(n / 2)]))); // fewer than planned
    for (const [label, n] of ctx.plan) {
      const rows = ctx.indicesOf(label);
      const block = out.rows(label);
      for (let i = 0; i < Math.ceil(n / 2); i++) {
        const src = rows[ctx.rng.int(rows.length)]!;
        for (let j = 0; j < ctx.cols; j++) block[i * ctx.cols + j] = ctx.data[src * ctx.cols + j]! + 100;
      }
    }
    return { runs: Shift.runs };
  }
}

describe("the base class's lazy form (the eager hook once per epoch)", () => {
  const f32 = X.map((r) => Float32Array.from(r));

  it("an epoch's synthetic rows are rows of that epoch's run; the class totals are the run's", () => {
    const s = new Shift({ seed: 1 });
    const src = s.fitStream(rowSource(X), y);
    const plan = s.plan(y);
    for (const [c, n] of plan) expect(s.fitted.counts.get(c)).toBe(rowsOf(y, c).length + Math.ceil(n / 2));
    expect(s.fitted.realized).toEqual(new Map([...plan].map(([c, n]) => [c, Math.ceil(n / 2)])));
    const before = Shift.runs;
    const ep = readEpoch(src, 1, 8);
    expect(Shift.runs).toBe(before + 1); // one run for the epoch
    ep.rows.forEach((row, i) => {
      const c = ep.y[i] as Label;
      const own = rowsOf(y, c).map((r) => f32[r]!);
      const shifted = own.some((r) => keyOf(r.map((v) => Math.fround(v + 100))) === keyOf(row));
      expect(own.some((r) => keyOf(r) === keyOf(row)) || shifted).toBe(true);
    });
    readEpoch(src, 1, 8);
    expect(Shift.runs).toBe(before + 1); // the epoch's run is reused while it is the last one
  });

  it('each epoch runs the hook with its own seed: Jitter draws fresh rows every epoch, replayably', () => {
    const src = new Jitter({ seed: 3 }).fitStream(rowSource(X), y);
    const again = new Jitter({ seed: 3 }).fitStream(rowSource(X), y);
    expect(readEpoch(src, 0, 8).rows).not.toEqual(readEpoch(src, 1, 8).rows);
    expect(readEpoch(again, 1, 8)).toEqual(readEpoch(src, 1, 8));
  });
});
