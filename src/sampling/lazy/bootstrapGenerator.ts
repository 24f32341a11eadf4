/**
 * The lazy form of RandomOverSampler's new rows: copies of uniformly drawn rows of the class,
 * perturbed with `shrinkage` by Gaussian noise of per-feature scale `s · h · σ_c` (the smoothed
 * bootstrap) — drawn afresh every batch.
 *
 * @internal
 * @module
 */
import type { SyntheticGenerator } from './streamPlan.js';

/**
 * The generator of a class whose rows of X are `rows`: per batch, `m` source rows `rng.int(n_c)`,
 * then (with `scale`) `m × cols` standard normal draws, row-major — RandomOverSampler's order —
 * and `x_new = x_src + z · scale`. A noisy value beyond the float32 range of the batch (a source
 * value near ±3.4e38) throws `overflow(row of X, column)` instead of writing ±Infinity. @internal
 */
export function bootstrapGenerator(
  rows: Int32Array,
  cols: number,
  scale: Float64Array | undefined,
  overflow: (row: number, column: number) => Error,
): SyntheticGenerator {
  const nc = rows.length;
  return {
    draw(rng, m) {
      const sources = new Int32Array(m);
      for (let t = 0; t < m; t++) sources[t] = rows[rng.int(nc)] as number;
      let noise: Float64Array | undefined;
      if (scale) {
        noise = new Float64Array(m * cols);
        for (let p = 0; p < noise.length; p++) noise[p] = rng.normal();
      }
      return {
        sources,
        write(t, gathered, offset, out, outRow) {
          const src = (offset + t) * cols;
          const dst = outRow * cols;
          if (!noise || !scale) {
            out.set(gathered.subarray(src, src + cols), dst);
            return;
          }
          for (let j = 0; j < cols; j++) {
            const v = Math.fround(
              (gathered[src + j] as number) + (noise[t * cols + j] as number) * (scale[j] as number),
            );
            if (v - v !== 0) throw overflow(sources[t] as number, j);
            out[dst + j] = v;
          }
        },
      };
    },
  };
}
