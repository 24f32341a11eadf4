/**
 * A user-written sampler on the Sampler base class: "Jitter" copies random rows of each class and
 * adds Gaussian noise. The base class does validation, samplingStrategy, the seeded stream and
 * output assembly; the sampler only fills its rows. Run: `npx tsx examples/custom-sampler.ts`.
 */
import { Sampler, type SamplerContext, type SamplerOptions, type SamplerParams } from 'imbalanced-tabular';

export interface JitterParams extends SamplerParams {
  readonly sigma: number;
}

export class Jitter extends Sampler<JitterParams> {
  constructor(options: SamplerOptions & { sigma?: number } = {}) {
    super({ name: 'Jitter', type: 'over-sampling' }, options, { sigma: options.sigma ?? 0.1 });
  }

  protected resample(ctx: SamplerContext): object {
    const { data, cols, rng } = ctx;
    const out = ctx.allocate(); // one output buffer: originals first, then new rows by class
    for (const [label, n] of ctx.plan) {
      const rows = ctx.indicesOf(label);
      const block = out.rows(label);
      for (let i = 0; i < n; i++) {
        const src = rows[rng.int(rows.length)]!;
        for (let j = 0; j < cols; j++) block[i * cols + j] = data[src * cols + j]! + this.params.sigma * rng.normal();
      }
    }
    return {};
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const X = [
    [0, 0],
    [1, 1],
    [2, 2],
    [3, 3],
    [10, 10],
    [11, 11],
  ];
  const y = ['a', 'a', 'a', 'a', 'b', 'b'];
  const { X: Xr, y: yr } = new Jitter({ sigma: 0.05, seed: 1 }).fitResample(X, y);
  console.log(yr, Xr.to2DArray());
}
