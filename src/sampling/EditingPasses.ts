import type { Label } from '../core/matrix.js';
import type { KindSel } from './EditedNearestNeighbours.js';
import type { NeighborSearch } from './neighbors/types.js';
import { NeighbourCache } from './NeighbourCache.js';
import type { SamplerContext } from './Sampler.js';
import type { SamplingStrategy } from './samplingStrategy.js';
import { keepAlive } from './cleaningOutput.js';
import { classCodes, classMask, firstMinority, targetedClasses } from './cleaningStrategy.js';
import { allOfClass, voteMode } from './neighbourVote.js';

/**
 * The edited-nearest-neighbour rule over a shrinking set of rows — one pass for
 * EditedNearestNeighbours and NeighbourhoodCleaningRule, many for RepeatedEditedNearestNeighbours
 * and AllKNN: the rows with their cached neighbour lists, the class codes, the live class counts
 * and imbalanced-learn's stopping rules.
 *
 * @internal
 */
export class EditingPasses {
  /** The alive rows and their neighbour lists. */
  readonly cache: NeighbourCache;
  /** Each row's class code (index into the sorted classes). */
  readonly codes: Int32Array;
  private readonly current: Int32Array;
  private readonly original: Int32Array;
  private readonly minority: number;
  private readonly labels: Label[];

  /**
   * @param kMax - The largest neighbourhood a pass asks for.
   * @param repeated - Whether rows will be removed between passes: then each row keeps
   * `2·kMax + 2` neighbours and is searched again only when more than `kMax + 2` of them are
   * removed (`rows × (2·kMax + 2)` int32 in all); else exactly `kMax`.
   */
  constructor(ctx: SamplerContext, search: NeighborSearch, kMax: number, repeated: boolean) {
    this.labels = [...ctx.counts.keys()];
    const width = repeated ? Math.max(kMax, Math.min(2 * kMax + 2, ctx.rows - 1)) : kMax;
    this.cache = new NeighbourCache(ctx.who, 'nNeighbors', ctx.data, ctx.rows, ctx.cols, search, width);
    this.codes = classCodes(ctx.y, ctx.counts);
    this.original = Int32Array.from(ctx.counts.values());
    this.current = this.original.slice();
    this.minority = this.labels.indexOf(firstMinority(ctx.y, ctx.counts));
  }

  /**
   * The classes a pass targets: the strategy resolved on the current class counts (a pass after
   * the first may target other classes than the first, as imbalanced-learn re-resolves it).
   */
  targets(who: string, strategy: SamplingStrategy): Uint8Array {
    const counts = new Map<Label, number>();
    this.labels.forEach((label, c) => {
      if ((this.current[c] as number) > 0) counts.set(label, this.current[c] as number);
    });
    return classMask(targetedClasses(who, strategy, counts), new Map(this.labels.map((l) => [l, 0])));
  }

  /**
   * One pass of the rule over the alive rows of the targeted classes: the rows it removes, in row
   * order (not removed yet — see {@link EditingPasses.remove}).
   */
  edit(targeted: Uint8Array, k: number, kindSel: KindSel): Int32Array {
    const { alive } = this.cache;
    const codes = this.codes;
    const query: number[] = [];
    for (let i = 0; i < codes.length; i++) if (alive[i] && targeted[codes[i] as number]) query.push(i);
    if (query.length === 0) return new Int32Array(0);
    const rows = Int32Array.from(query);
    const nb = this.cache.neighbours(rows, k);
    const tally = new Int32Array(targeted.length);
    const removed: number[] = [];
    for (let q = 0; q < rows.length; q++) {
      const i = rows[q] as number;
      const c = codes[i] as number;
      const keep = kindSel === 'all' ? allOfClass(nb, q * k, k, codes, c) : voteMode(nb, q * k, k, codes, tally) === c;
      if (!keep) removed.push(i);
    }
    return Int32Array.from(removed);
  }

  /** Removes rows (rows already removed are ignored) and updates the class counts. */
  remove(rows: Int32Array): void {
    const { alive } = this.cache;
    for (let t = 0; t < rows.length; t++) {
      const i = rows[t] as number;
      if (alive[i]) this.current[this.codes[i] as number]! -= 1;
    }
    this.cache.remove(rows);
  }

  /**
   * imbalanced-learn's early stops after a pass: a class has vanished, or (unless
   * `allowMinority`) a class other than the minority now has fewer rows than the minority had —
   * the minority being the class {@link firstMinority} names in the input.
   */
  shouldStop(allowMinority: boolean): boolean {
    const nMin = this.original[this.minority] as number;
    for (let c = 0; c < this.current.length; c++) {
      const n = this.current[c] as number;
      if (n === 0) return true;
      if (!allowMinority && c !== this.minority && n < nMin) return true;
    }
    return false;
  }

  /** Hands the alive rows to the sampler's output (class by class, each in input order). */
  keep(ctx: SamplerContext): void {
    keepAlive(ctx, this.cache.alive);
  }
}
