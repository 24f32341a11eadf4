/**
 * What an epoch of a lazy sampler is: how many rows of each class it has (the resampled data's
 * class mix, allocated by largest remainder), how many of them are original rows, which originals
 * (drawn per class by a cycling permutation, or afresh), and the shuffled order of the epoch's rows.
 *
 * An epoch is laid out as one `Float64Array` of slots, one per row: a value `v ≥ 0` is original row
 * `(v − c) / C` of X of class index `c = v mod C` (C classes), a value `−1 − c` a synthetic row of
 * class index `c` (generated when its batch is built). Exact: rows < 2³¹ and C < 2²⁰.
 *
 * @internal
 * @module
 */
import type { EpochTargets } from '../../core/epochTargets.js';
import { Random } from '../../core/Random.js';
import type { OriginalDraw } from './streamPlan.js';
import { SeedPurpose, streamSeed } from './streamSeed.js';

/** A class as one epoch lays it out: where its originals come from and how. @internal */
export interface EpochClassRows {
  /** Rows of X the originals are drawn from. */
  readonly rows: Int32Array;
  /** How. */
  readonly draw: OriginalDraw;
}

/**
 * Writes `count` original rows of class index `c` for epoch `epoch` into `out` from `at`, drawn
 * from `pool` as `draw` says: `'cycle'` takes positions `[epoch · count, (epoch + 1) · count)` of
 * the endless sequence of permutations `π_0, π_1, …` of the pool (each seeded by class and cycle
 * number alone); `'fresh'` draws a partial Fisher–Yates shuffle from `rng` (`j = i + rng.int(n − i)`,
 * as RandomUnderSampler does; whole permutations first when `count > n`); `'replacement'` draws
 * `count` times `rng.int(n)`. @internal
 */
export function drawOriginals(
  pool: Int32Array,
  draw: OriginalDraw,
  count: number,
  seed: number,
  c: number,
  epoch: number,
  rng: Random,
  out: Int32Array | Float64Array,
  at: number,
): void {
  const n = pool.length;
  if (count === 0) return;
  if (n === 0) throw new Error(`epoch ${epoch} needs ${count} original rows of class index ${c}, which has none.`);
  let p = at;
  if (draw === 'replacement') {
    for (let t = 0; t < count; t++) out[p++] = pool[rng.int(n)] as number;
  } else if (draw === 'fresh') {
    for (let left = count; left > 0; left -= n) {
      const perm = pool.slice();
      const take = Math.min(left, n);
      for (let i = 0; i < take; i++) {
        const j = i + rng.int(n - i);
        const v = perm[j] as number;
        perm[j] = perm[i] as number;
        perm[i] = v;
        out[p++] = v;
      }
    }
  } else {
    const first = epoch * count;
    const end = first + count;
    for (let cycle = Math.floor(first / n); cycle * n < end; cycle++) {
      const perm = new Random(streamSeed(seed, SeedPurpose.cycle, c, cycle)).permutation(n);
      const lo = Math.max(first, cycle * n) - cycle * n;
      const hi = Math.min(end, (cycle + 1) * n) - cycle * n;
      for (let i = lo; i < hi; i++) out[p++] = pool[perm[i] as number] as number;
    }
  }
}

/**
 * The slots of epoch `epoch` (see the module comment): for each class in order its originals
 * ({@link drawOriginals}, the fresh draws from the epoch's stream) then its synthetic markers, and
 * the whole shuffled with the same stream (Fisher–Yates from the end). @internal
 */
export function layoutEpoch(
  classes: ReadonlyArray<EpochClassRows>,
  targets: EpochTargets,
  seed: number,
  epoch: number,
): Float64Array {
  const rng = new Random(streamSeed(seed, SeedPurpose.epoch, epoch));
  const slots = new Float64Array(targets.rows);
  const C = classes.length;
  let p = 0;
  classes.forEach((cl, c) => {
    const o = targets.originals[c] as number;
    drawOriginals(cl.rows, cl.draw, o, seed, c, epoch, rng, slots, p);
    for (let t = p; t < p + o; t++) slots[t] = (slots[t] as number) * C + c;
    p += o;
    const s = targets.synthetic[c] as number;
    slots.fill(-1 - c, p, p + s);
    p += s;
  });
  return rng.shuffle(slots);
}
