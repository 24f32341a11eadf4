import type { Batch, BatchSource } from '../../core/batchSource.js';
import type { Label } from '../../core/matrix.js';
import { Random } from '../../core/Random.js';
import { isPlacing, type PlacingRowSource, type RowSource } from '../../core/rowSource.js';
import { checkInteger } from '../../core/validate.js';
import { epochTargets, type EpochTargets } from '../../core/epochTargets.js';
import { type EpochClassRows, layoutEpoch } from './epochLayout.js';
import type { StreamClass, StreamPlan, SyntheticBatch } from './streamPlan.js';
import { SeedPurpose, streamSeed } from './streamSeed.js';

/**
 * The {@link BatchSource} of a lazy sampler: epochs of original rows gathered from X and synthetic
 * rows generated batch by batch, shuffled together, from a {@link StreamPlan}.
 *
 * @remarks
 * Epoch `e` (see `epochLayout.ts`): the per-class targets are fixed at construction; the epoch's
 * originals and order come from a stream seeded by (seed, e) and each class's cycle permutations;
 * batch `b` of size `B` is slots `[b·B, (b+1)·B)` of the epoch, and its synthetic rows are drawn from
 * a stream seeded by (seed, e, b) — class by class in sorted order, `generator.draw(rng, m_c)` for the
 * `m_c` synthetic slots of class c in the batch. So a batch depends only on the seed, `e`, `B` and
 * `b`; the epoch's original rows do not depend on `B` at all. The `x` and `y` buffers are reused
 * from batch to batch.
 *
 * @internal
 */
export class LazyBatchSource implements BatchSource {
  readonly nFeatures: number;
  readonly classes: ReadonlyArray<Label>;
  readonly epochRows: number;
  readonly epochCounts: ReadonlyMap<Label, number>;
  private readonly who: string;
  private readonly X: RowSource;
  private readonly plan: StreamPlan;
  private readonly seed: number;
  private readonly targets: EpochTargets;

  /**
   * @param who - `SMOTE batch source`, for messages.
   * @param X - The rows originals are gathered from and synthetic rows read.
   * @param plan - The per-class plan (every class, sorted).
   * @param seed - The stream's seed.
   * @param epochRows - Rows per epoch (undefined: min(selected rows, resampled total)).
   */
  constructor(who: string, X: RowSource, plan: StreamPlan, seed: number, epochRows: number | undefined) {
    this.who = who;
    this.X = X;
    this.plan = plan;
    this.seed = seed;
    this.nFeatures = X.columns;
    const cls = plan.classes;
    this.classes = Object.freeze(cls.map((c) => c.label));
    let selected = 0;
    let resampled = 0;
    for (const c of cls) {
      selected += c.rows.length;
      resampled += c.originals + c.synthetic;
      if (c.synthetic > 0 && c.generator === undefined && plan.epoch === undefined) {
        throw new Error(`${who}: class ${String(c.label)} has ${c.synthetic} synthetic rows but no generator.`);
      }
    }
    this.epochRows = epochRows ?? Math.min(selected, resampled);
    this.targets = epochTargets(
      this.epochRows,
      cls.map((c) => c.originals),
      cls.map((c) => c.synthetic),
    );
    this.epochCounts = new Map(cls.map((c, i) => [c.label, this.targets.perClass[i] as number]));
  }

  /**
   * The batches of epoch `epoch`, each of `batchSize` rows but the last.
   * @throws {@link InvalidParameterError} when `epoch` is not an integer from 0 to 2²¹ − 1 (so that
   * `epoch × rows` stays exact) or `batchSize` not one from 1 to 2²⁴.
   */
  batches(epoch: number, batchSize: number): Iterable<Batch> {
    checkInteger(this.who, 'epoch', epoch, { min: 0, max: 2 ** 21 - 1 });
    checkInteger(this.who, 'batchSize', batchSize, { min: 1, max: 2 ** 24 });
    return { [Symbol.iterator]: () => this.run(epoch, batchSize) };
  }

  /** The rows and generator of every class for `epoch` (the plan's, or its per-epoch override). */
  private epochClasses(epoch: number): Array<StreamClass & EpochClassRows> {
    const over = this.plan.epoch?.(epoch);
    return this.plan.classes.map((c, i) => {
      const o = over?.[i];
      const generator = o?.generator ?? c.generator;
      return {
        ...c,
        rows: o?.rows ?? c.rows,
        draw: o?.draw ?? c.draw ?? 'cycle',
        ...(generator ? { generator } : {}),
      };
    });
  }

  private *run(epoch: number, B: number): Generator<Batch> {
    const classes = this.epochClasses(epoch);
    const slots = layoutEpoch(classes, this.targets, this.seed, epoch);
    const d = this.nFeatures;
    const nClasses = classes.length;
    const x = new Float32Array(Math.min(B, slots.length) * d);
    const y = new Int32Array(Math.min(B, slots.length));
    const m = new Int32Array(nClasses);
    const next = new Int32Array(nClasses);
    const offsets = new Int32Array(nClasses);
    const draws: Array<SyntheticBatch | undefined> = new Array(nClasses);
    let gathered = new Float32Array(0);
    let need = new Int32Array(0);
    const placing = isPlacing(this.X) ? this.X : undefined;
    const place = { rows: new Int32Array(y.length), at: new Int32Array(y.length), gathered: new Float32Array(0) };
    for (let b = 0, lo = 0; lo < slots.length; b++, lo += B) {
      const size = Math.min(B, slots.length - lo);
      const batch = slots.subarray(lo, lo + size);
      m.fill(0);
      let nOrig = 0;
      for (let t = 0; t < size; t++) {
        const v = batch[t] as number;
        if (v >= 0) nOrig++;
        else m[-1 - v]!++;
      }
      // The batch's synthetic rows, class by class in sorted order, from the batch's own stream.
      const rng = new Random(streamSeed(this.seed, SeedPurpose.batch, epoch, b));
      let nNeed = nOrig;
      for (let c = 0; c < nClasses; c++) {
        draws[c] = undefined;
        if ((m[c] as number) === 0) continue;
        const gen = classes[c]!.generator;
        if (!gen)
          throw new Error(`${this.who}: class ${String(classes[c]!.label)} has synthetic rows but no generator.`);
        const drawn = gen.draw(rng, m[c] as number);
        draws[c] = drawn;
        offsets[c] = nNeed;
        nNeed += drawn.sources.length;
      }
      if (placing) {
        placeBatch(placing, batch, nClasses, draws, m, x, y, place);
        yield { x, y, size };
        continue;
      }
      // One gather for the batch: its originals in slot order, then every class's sources.
      if (need.length < nNeed) need = new Int32Array(nNeed);
      let p = 0;
      for (let t = 0; t < size; t++) {
        const v = batch[t] as number;
        if (v >= 0) need[p++] = (v - (v % nClasses)) / nClasses;
      }
      for (let c = 0; c < nClasses; c++) {
        const drawn = draws[c];
        if (drawn) for (let s = 0; s < drawn.sources.length; s++) need[p++] = drawn.sources[s] as number;
      }
      if (gathered.length < nNeed * d) gathered = new Float32Array(nNeed * d);
      this.X.gatherRows(need.subarray(0, nNeed), gathered);
      next.fill(0);
      for (let t = 0, o = 0; t < size; t++) {
        const v = batch[t] as number;
        if (v >= 0) {
          x.set(gathered.subarray(o * d, (o + 1) * d), t * d);
          o++;
          y[t] = v % nClasses;
        } else {
          const c = -1 - v;
          (draws[c] as SyntheticBatch).write(next[c]!++, gathered, offsets[c] as number, x, t);
          y[t] = c;
        }
      }
      yield { x, y, size };
    }
  }
}

/**
 * Writes a batch straight into `x` on a source that places rows: the originals into their slots,
 * then each class's synthetic rows — segments placed without a gather where the generator gives
 * their steps, else gathered and written one by one. The same bits as the gathering path.
 */
function placeBatch(
  X: PlacingRowSource,
  batch: Float64Array,
  nClasses: number,
  draws: ReadonlyArray<SyntheticBatch | undefined>,
  m: Int32Array,
  x: Float32Array,
  y: Int32Array,
  place: { rows: Int32Array; at: Int32Array; gathered: Float32Array },
): void {
  const { rows, at } = place;
  // slots: the originals first, then each class's synthetic slots from `start[c]` on, in batch order
  const start = new Int32Array(nClasses + 1);
  let nOrig = batch.length;
  for (let c = 0; c < nClasses; c++) nOrig -= m[c] as number;
  start[0] = nOrig;
  for (let c = 0; c < nClasses; c++) start[c + 1] = (start[c] as number) + (m[c] as number);
  const fill = start.slice(0, nClasses);
  let o = 0;
  for (let t = 0; t < batch.length; t++) {
    const v = batch[t] as number;
    if (v >= 0) {
      rows[o] = (v - (v % nClasses)) / nClasses;
      at[o++] = t;
      y[t] = v % nClasses;
    } else {
      const c = -1 - v;
      at[fill[c]!++] = t;
      y[t] = c;
    }
  }
  if (nOrig > 0) X.placeRows(rows.subarray(0, nOrig), x, at.subarray(0, nOrig));
  for (let c = 0; c < nClasses; c++) {
    const drawn = draws[c];
    const mc = m[c] as number;
    if (drawn === undefined || mc === 0) continue;
    const slots = at.subarray(start[c] as number, (start[c] as number) + mc);
    const src = drawn.sources instanceof Int32Array ? drawn.sources : Int32Array.from(drawn.sources);
    if (drawn.steps !== undefined && src.length === 2 * mc) {
      X.placeSegments(src.subarray(0, mc), src.subarray(mc), drawn.steps, x, slots);
      continue;
    }
    // a generator of another kind: its sources gathered into the batch's reused buffer
    if (place.gathered.length < src.length * X.columns) place.gathered = new Float32Array(src.length * X.columns);
    X.gatherRows(src, place.gathered);
    for (let j = 0; j < mc; j++) drawn.write(j, place.gathered, 0, x, slots[j] as number);
  }
}
