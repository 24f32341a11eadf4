/**
 * The lazy form of SMOTENC's new rows: continuous columns on the segment from a base row towards
 * one of its neighbours (both gathered from X for the batch), each categorical column the value
 * most frequent among the base's k neighbours — read from the class's categorical table, the only
 * values kept besides the neighbour table.
 *
 * @internal
 * @module
 */
import { drawPairs, interpolateRow } from '../interpolate.js';
import { vote, voteScratch } from '../smotencEncoding.js';
import { pairSources } from './segmentGenerator.js';
import type { SyntheticGenerator } from './streamPlan.js';

/**
 * The generator of a class whose rows of X are `rows`, with neighbour table `nn` (`n_c × k`,
 * class-local) and categorical table `table` (`n_c × cat.length`): per batch, the `m` pairs
 * ({@link drawPairs}), then per row in order its step `u` and its categorical ties in column order
 * — SMOTENC's order of draws. @internal
 */
export function smotencGenerator(
  rows: Int32Array,
  cols: number,
  nn: Int32Array,
  k: number,
  table: Float64Array,
  cat: ReadonlyArray<number>,
  cont: ReadonlyArray<number>,
): SyntheticGenerator {
  const nCat = cat.length;
  const scratch = voteScratch(k);
  return {
    draw(rng, m) {
      const pairs = drawPairs(rng, nn, k, m);
      const { base } = pairs;
      const steps = new Float64Array(m);
      const votes = new Float64Array(m * nCat);
      for (let t = 0; t < m; t++) {
        steps[t] = rng.float();
        for (let f = 0; f < nCat; f++)
          votes[t * nCat + f] = vote(table, nCat, f, nn, base[t] as number, k, rng, scratch);
      }
      return {
        sources: pairSources(rows, pairs),
        write(t, gathered, offset, out, outRow) {
          interpolateRow(gathered, offset + t, gathered, offset + m + t, cols, steps[t] as number, out, outRow, cont);
          for (let f = 0; f < nCat; f++) out[outRow * cols + (cat[f] as number)] = votes[t * nCat + f] as number;
        },
      };
    },
  };
}
