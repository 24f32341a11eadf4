/**
 * The lazy form of BorderlineSMOTE's synthetic rows: each starts from a danger row and lies on the
 * segment towards one of its `k` neighbours, `x_new = x_danger + s · (x_neighbour − x_danger)`,
 * both rows gathered from X for the batch. The pairs are uniform cells of the danger rows'
 * neighbour table and `s = u` — or `u / 2` towards a row of another class (`'borderline-2'`) —, drawn
 * as `fitResample` draws them: all pairs of the batch, then all steps.
 *
 * @internal
 * @module
 */
import { drawPairs, drawSteps, interpolateRow32 } from '../interpolate.js';
import type { SyntheticGenerator } from './streamPlan.js';

/**
 * The generator of one class: `base` the danger rows (rows of X), `pool` the rows of X the
 * neighbour table `nn` (`base.length × k`) indexes into, `halve[j]` = 1 when the step towards pool
 * row `j` is halved (undefined: never). @internal
 */
export function borderlineGenerator(
  base: Int32Array,
  pool: Int32Array,
  cols: number,
  nn: Int32Array,
  k: number,
  halve: Uint8Array | undefined,
): SyntheticGenerator {
  return {
    draw(rng, m) {
      const pairs = drawPairs(rng, nn, k, m);
      const steps = drawSteps(rng, m);
      const sources = new Int32Array(2 * m);
      for (let t = 0; t < m; t++) {
        const j = pairs.neighbor[t] as number;
        sources[t] = base[pairs.base[t] as number] as number;
        sources[m + t] = pool[j] as number;
        if (halve?.[j] === 1) steps[t] = (steps[t] as number) * 0.5;
      }
      return {
        sources,
        write(t, gathered, offset, out, outRow) {
          interpolateRow32(gathered, offset + t, offset + m + t, cols, steps[t] as number, out, outRow);
        },
        steps,
      };
    },
  };
}
