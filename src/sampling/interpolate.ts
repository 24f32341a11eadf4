/**
 * The SMOTE family's interpolation, written once: a synthetic row lies on the segment from a base
 * row towards one of its neighbours, `x_new = x_base + u · (x_neighbour − x_base)` with
 * `u ~ U[0, 1)`.
 *
 * It comes in two separate parts, so that every caller keeps its own order of random draws:
 *
 * 1. **drawing** — {@link drawPairs} (SMOTE's uniform choice of (base row, neighbour) cells of a
 *    neighbour table) and {@link drawSteps} (the `u` of each row), each from the caller's seeded
 *    stream; a sampler with another rule for the pairs (ADASYN's per-row counts) fills a
 *    {@link SyntheticPairs} itself, and one that interleaves other draws with the steps (SMOTENC's
 *    categorical ties) draws each `u` itself;
 * 2. **writing** — {@link interpolateRow} writes one synthetic row from its pair and step into any
 *    buffer, and {@link interpolateRows} every row of a batch. Nothing is drawn here, so a generator
 *    that stores a class's rows and neighbour table can produce rows lazily, one mini-batch at a
 *    time (draw the batch's pairs and steps, then write its rows).
 *
 * Base and neighbour rows may come from different matrices (BorderlineSMOTE interpolates from the
 * "danger" rows towards neighbours in the whole class). The arithmetic is exactly
 * `xb + u * (xn - xb)` in float64, per column in column order, as imbalanced-learn's
 * `X[rows] + steps * diffs` — wherever the difference `xn − xb` is finite. Where it overflows (finite
 * values of opposite signs near ±1.8e308), the point is computed as the weighted mean
 * `xb · (1 − u) + xn · u` instead ({@link lerp}), which stays finite and on the segment.
 *
 * @internal
 * @module
 */
import type { Random } from '../core/Random.js';

/** Row-major rows of float values (`rows × cols`), as read or written by the interpolation. @internal */
export type FloatRows = Float64Array | Float32Array;

/**
 * The two rows of each synthetic row `t`: `base[t]` (a row of the base matrix) and `neighbor[t]`
 * (a row of the neighbour matrix). @internal
 */
export interface SyntheticPairs {
  /** Base row of each synthetic row. */
  readonly base: Int32Array;
  /** Neighbour row of each synthetic row. */
  readonly neighbor: Int32Array;
}

/**
 * SMOTE's pairs: `n` cells of the neighbour table `nn` (row-major, `nBase × k`, `nBase =
 * nn.length / k`) drawn uniformly with replacement, as one `rng.int(nBase · k)` per synthetic row
 * in order (imbalanced-learn's `random_state.randint(0, nn_num.size, n_samples)`). Cell `p` gives
 * base row `⌊p / k⌋` and neighbour row `nn[p]`. @internal
 */
export function drawPairs(rng: Random, nn: Int32Array, k: number, n: number): SyntheticPairs {
  const base = new Int32Array(n);
  const neighbor = new Int32Array(n);
  const range = nn.length;
  for (let t = 0; t < n; t++) {
    const p = rng.int(range);
    base[t] = Math.floor(p / k);
    neighbor[t] = nn[p] as number;
  }
  return { base, neighbor };
}

/** The steps of `n` synthetic rows: one `u = rng.float()` in `[0, 1)` per row, in order. @internal */
export function drawSteps(rng: Random, n: number): Float64Array {
  const steps = new Float64Array(n);
  for (let t = 0; t < n; t++) steps[t] = rng.float();
  return steps;
}

/**
 * The point `u` of the way from `xb` to `xn`: imbalanced-learn's `xb + u · (xn − xb)` exactly where
 * `xn − xb` is finite; where it overflows, `xb · (1 − u) + xn · u` (each term finite, the sum of two
 * values of opposite signs), clamped to the segment against rounding. @internal
 */
export function lerp(xb: number, xn: number, u: number): number {
  const d = xn - xb;
  if (d - d === 0) return xb + u * d; // d finite (NaN or ±Infinity fail the test)
  if (!(Number.isFinite(xb) && Number.isFinite(xn))) return xb + u * d; // non-finite inputs: as before
  const v = xb * (1 - u) + xn * u;
  return Math.min(Math.max(v, Math.min(xb, xn)), Math.max(xb, xn));
}

/**
 * Writes one synthetic row: `out[outRow] = from[base] + step · (to[neighbor] − from[base])`
 * ({@link lerp}), over every column of the `cols`-wide rows, or only over `columns` (SMOTENC's
 * continuous ones; the other columns of `out` are left as they are). Draws nothing. @internal
 */
export function interpolateRow(
  from: FloatRows,
  base: number,
  to: FloatRows,
  neighbor: number,
  cols: number,
  step: number,
  out: FloatRows,
  outRow: number,
  columns?: ArrayLike<number>,
): void {
  const bo = base * cols;
  const no = neighbor * cols;
  const oo = outRow * cols;
  if (columns === undefined) {
    for (let j = 0; j < cols; j++) {
      out[oo + j] = lerp(from[bo + j] as number, to[no + j] as number, step);
    }
  } else {
    for (let t = 0; t < columns.length; t++) {
      const j = columns[t] as number;
      out[oo + j] = lerp(from[bo + j] as number, to[no + j] as number, step);
    }
  }
}

/**
 * {@link interpolateRow} over every column of float32 rows (the lazy samplers' batches), with the
 * same bits: the difference of two float32 values is always finite in float64, so {@link lerp} is
 * `xb + u · (xn − xb)` for each of them (NaN stays NaN). A loop of its own, so that it reads and
 * writes only float32 arrays (the shared one also sees float64 rows and is slower per value).
 * @internal
 */
export function interpolateRow32(
  rows: Float32Array,
  base: number,
  neighbor: number,
  cols: number,
  step: number,
  out: Float32Array,
  outRow: number,
): void {
  const bo = base * cols;
  const no = neighbor * cols;
  const oo = outRow * cols;
  for (let j = 0; j < cols; j++) {
    const xb = rows[bo + j] as number;
    out[oo + j] = xb + step * ((rows[no + j] as number) - xb);
  }
}

/**
 * Writes the synthetic rows `0 … steps.length − 1` of a batch into `out` (row `t` at row
 * `outRow + t`), each from its pair in `pairs` and its step. Draws nothing. @internal
 */
export function interpolateRows(
  from: FloatRows,
  to: FloatRows,
  cols: number,
  pairs: SyntheticPairs,
  steps: Float64Array,
  out: FloatRows,
  outRow = 0,
): void {
  const { base, neighbor } = pairs;
  for (let t = 0; t < steps.length; t++) {
    interpolateRow(from, base[t] as number, to, neighbor[t] as number, cols, steps[t] as number, out, outRow + t);
  }
}
