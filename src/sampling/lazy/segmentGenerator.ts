/**
 * The lazy form of SMOTE's and ADASYN's synthetic rows: each lies on the segment from a base row of
 * the class towards one of its neighbours, `x_new = x_base + u · (x_neighbour − x_base)`, both rows
 * gathered from X for the batch — only the class's rows and neighbour table are kept, never its
 * values. The pairs are SMOTE's uniform cells of the neighbour table or ADASYN's rows weighted by
 * their counts `g_i`.
 *
 * @internal
 * @module
 */
import type { Random } from '../../core/Random.js';
import { drawPairs, drawSteps, interpolateRow32, type SyntheticPairs } from '../interpolate.js';
import type { SyntheticGenerator } from './streamPlan.js';

/** Draws the (base, neighbour) pairs of `m` synthetic rows, as class-local row indices. @internal */
export type PairDraw = (rng: Random, m: number) => SyntheticPairs;

/**
 * The generator of a class whose rows of X are `rows` (class-local index `i` is row `rows[i]`):
 * per batch, `pick` draws the `m` pairs, then `u` is drawn for each row in order
 * ({@link drawSteps}); the batch gathers the base rows then the neighbour rows. @internal
 */
export function segmentGenerator(rows: Int32Array, cols: number, pick: PairDraw): SyntheticGenerator {
  return {
    draw(rng, m) {
      const pairs = pick(rng, m);
      const steps = drawSteps(rng, m);
      return {
        sources: pairSources(rows, pairs),
        write(t, gathered, offset, out, outRow) {
          interpolateRow32(gathered, offset + t, offset + m + t, cols, steps[t] as number, out, outRow);
        },
        steps,
      };
    },
  };
}

/**
 * The rows of X a batch's pairs read: the base rows, then the neighbour rows (`rows` maps
 * class-local indices to rows of X). @internal
 */
export function pairSources(rows: Int32Array, pairs: SyntheticPairs): Int32Array {
  const m = pairs.base.length;
  const sources = new Int32Array(2 * m);
  for (let t = 0; t < m; t++) {
    sources[t] = rows[pairs.base[t] as number] as number;
    sources[m + t] = rows[pairs.neighbor[t] as number] as number;
  }
  return sources;
}

/** SMOTE's pairs: uniform cells of the `n_c × k` neighbour table `nn` ({@link drawPairs}). @internal */
export function uniformPairs(nn: Int32Array, k: number): PairDraw {
  return (rng, m) => drawPairs(rng, nn, k, m);
}

/**
 * ADASYN's pairs: row `used[u]` is the base with probability `g[used[u]] / Σg` — one `rng.int(Σg)`
 * picks one of the eager output's `Σg` synthetic rows uniformly, and its base is the row whose
 * `g_i` rows it belongs to — then its neighbour column with `rng.int(k)` (per row: the base draw,
 * then the neighbour draw). `nn` holds the `k` same-class neighbours of each used row. @internal
 */
export function weightedPairs(used: Int32Array, nn: Int32Array, k: number, g: Int32Array): PairDraw {
  const cum = new Float64Array(used.length + 1);
  for (let u = 0; u < used.length; u++) cum[u + 1] = (cum[u] as number) + (g[used[u] as number] as number);
  const total = cum[used.length] as number;
  return (rng, m) => {
    const base = new Int32Array(m);
    const neighbor = new Int32Array(m);
    for (let t = 0; t < m; t++) {
      const p = rng.int(total);
      // the last u with cum[u] ≤ p
      let lo = 0;
      let hi = used.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((cum[mid] as number) <= p) lo = mid;
        else hi = mid - 1;
      }
      base[t] = used[lo] as number;
      neighbor[t] = nn[lo * k + rng.int(k)] as number;
    }
    return { base, neighbor };
  };
}
