/**
 * The user's sampler of examples/custom-sampler.ts ("Jitter": copies random rows of a class and adds
 * Gaussian noise), built on the sources. The example itself imports the package from dist and is
 * run through the exported conformance suites in test/examples/customSampler.test.ts.
 */
import { Sampler, type SamplerContext, type SamplerOptions, type SamplerParams } from '../../src/index.js';

export class Jitter extends Sampler<SamplerParams & { readonly sigma: number }> {
  constructor(options: SamplerOptions & { sigma?: number } = {}) {
    super({ name: 'Jitter', type: 'over-sampling' }, options, { sigma: options.sigma ?? 0.1 });
  }

  protected resample(ctx: SamplerContext): object {
    const { data, cols, rng } = ctx;
    const out = ctx.allocate();
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
