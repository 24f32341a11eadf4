/**
 * The lazy form every sampler gets for free: the eager `resample` hook, run once per epoch on a
 * dense copy of the selected rows, each run with its own seed. An over-sampler's epoch draws its
 * synthetic rows from that run's new rows (a random subset, in a random order); an under-sampler's
 * epoch draws its originals from that run's kept rows. Correct for any sampler, but it holds the
 * selected rows densified (float64) and one run's output: fine for data that fits in memory twice,
 * not for the full table — there a sampler implements its own `streamPlan`.
 *
 * @internal
 * @module
 */
import type { Label } from '../../core/matrix.js';
import { Random } from '../../core/Random.js';
import { type HookInput, type HookOutput, keptRows, runHook } from '../eagerResample.js';
import type { SamplerContext } from '../Sampler.js';
import type { EpochClass, StreamContext, StreamPlan, SyntheticGenerator } from './streamPlan.js';
import { SeedPurpose, streamSeed } from './streamSeed.js';

/** An epoch's synthetic rows of one class: the run's new rows of the class, served in a random order. */
function servedRows(
  who: string,
  label: Label,
  out: HookOutput<object>,
  offset: number,
  count: number,
  cols: number,
  order: Random,
): SyntheticGenerator {
  const perm = order.permutation(count);
  const data = out.outData as Float64Array;
  let served = 0;
  return {
    draw(_rng, m) {
      if (count === 0) {
        throw new Error(`${who}: the resample hook made no rows of class ${String(label)} for this epoch.`);
      }
      const first = served;
      served += m;
      return {
        sources: [],
        write(t, _gathered, _offset, x, outRow) {
          const r = offset + (perm[(first + t) % count] as number);
          for (let j = 0; j < cols; j++) x[outRow * cols + j] = data[r * cols + j] as number;
        },
      };
    },
  };
}

/**
 * The base class's `streamPlan`: the eager `hook` run per epoch (epoch 0's run, made now, gives the
 * class totals and the `fitted` extras). @internal
 */
export function hookStreamPlan<Extra extends object>(
  ctx: StreamContext,
  hook: (c: SamplerContext) => Extra,
): StreamPlan<Extra> {
  const { who, selection, cols, y, counts, plan, seed } = ctx;
  const over = ctx.samplingType === 'over-sampling';
  const data = ctx.dense(selection);
  const labels = [...counts.keys()];
  const inputFor = (epoch: number): HookInput => ({
    who,
    over,
    data,
    rows: selection.length,
    cols,
    room: undefined,
    labels: y,
    counts,
    plan,
    rng: new Random(streamSeed(seed, SeedPurpose.hook, epoch)),
  });
  let cached: { epoch: number; input: HookInput; out: HookOutput<Extra> } | undefined;
  const runFor = (epoch: number) => {
    if (cached?.epoch !== epoch) {
      const input = inputFor(epoch);
      cached = { epoch, input, out: runHook(input, hook) };
    }
    return cached;
  };
  const epoch = (e: number): ReadonlyArray<EpochClass> => {
    const { input, out } = runFor(e);
    if (!over) {
      return labels.map((c) => ({ rows: keptRows(input, out, c).map((p) => selection[p] as number), draw: 'fresh' }));
    }
    let offset = selection.length;
    return labels.map((c, i) => {
      const a = out.added.get(c) ?? 0;
      const gen = servedRows(who, c, out, offset, a, cols, new Random(streamSeed(seed, SeedPurpose.hook, e, 1 + i)));
      offset += a;
      return { generator: gen };
    });
  };
  const first = runFor(0);
  const classes = ctx.classes().map((c) => {
    if (over) return { ...c, synthetic: first.out.added.get(c.label) ?? 0 };
    return { ...c, originals: keptRows(first.input, first.out, c.label).length };
  });
  return { classes, fitted: first.out.extra, epoch };
}
