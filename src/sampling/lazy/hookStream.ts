/**
 * The lazy form every over-sampler gets for free: the eager `resample` hook, run once per epoch on
 * a dense copy of the selected rows, each run with its own seed; the epoch draws its synthetic rows
 * from that run's new rows (a random subset, in a random order). Correct for any over-sampler, but
 * it holds the selected rows densified (float64) and one run's output: fine for data that fits in
 * memory twice, not for the full table — there a sampler implements its own `streamPlan`. (An
 * under-sampler's free lazy form is its fit-time selection, `selectionStreamPlan`.)
 *
 * @internal
 * @module
 */
import { Random } from '../../core/Random.js';
import { type HookInput, type HookOutput, runHook } from '../eagerResample.js';
import type { SamplerContext } from '../Sampler.js';
import { heldRows, hookInputOf } from './fitTimeStream.js';
import type { EpochClass, StreamContext, StreamPlan } from './streamPlan.js';
import { SeedPurpose, streamSeed } from './streamSeed.js';

/**
 * The base class's `streamPlan` for an over-sampler: the eager `hook` run per epoch (epoch 0's run, made now, gives the
 * class totals and the `fitted` extras). @internal
 */
export function hookStreamPlan<Extra extends object>(
  ctx: StreamContext,
  hook: (c: SamplerContext) => Extra,
): StreamPlan<Extra> {
  const { who, selection, cols, counts, seed } = ctx;
  const data = ctx.dense(selection);
  const labels = [...counts.keys()];
  const inputFor = (epoch: number): HookInput =>
    hookInputOf(ctx, data, new Random(streamSeed(seed, SeedPurpose.hook, epoch)));
  let cached: { epoch: number; input: HookInput; out: HookOutput<Extra> } | undefined;
  const runFor = (epoch: number) => {
    if (cached?.epoch !== epoch) {
      const input = inputFor(epoch);
      cached = { epoch, input, out: runHook(input, hook) };
    }
    return cached;
  };
  const epoch = (e: number): ReadonlyArray<EpochClass> => {
    const { out } = runFor(e);
    let offset = selection.length;
    return labels.map((c, i) => {
      const a = out.added.get(c) ?? 0;
      const order = new Random(streamSeed(seed, SeedPurpose.hook, e, 1 + i));
      const gen = heldRows(who, c, out.outData as Float64Array, offset, a, cols, order);
      offset += a;
      return { generator: gen };
    });
  };
  const first = runFor(0);
  const classes = ctx.classes().map((c) => ({ ...c, synthetic: first.out.added.get(c.label) ?? 0 }));
  return { classes, fitted: first.out.extra, epoch };
}
