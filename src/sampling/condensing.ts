import { DataValidationError, describe } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import type { NeighborSearch } from './neighbors/types.js';
import type { SamplerContext, SamplerOptions, SamplerParams } from './Sampler.js';
import { checkNeighborSearch } from './neighborSearch.js';
import { checkInteger } from '../core/validate.js';
import { checkCleaningOptions, type CleaningStrategy } from './cleaningStrategy.js';

/** Options of {@link CondensedNearestNeighbour} and {@link OneSidedSelection}. */
export interface CondensingOptions {
  /**
   * Classes to condense (see {@link CleaningStrategy}).
   * @defaultValue 'auto' (every class but the minority)
   */
  samplingStrategy?: CleaningStrategy;
  /**
   * Neighbours of the k-NN vote that judges each row against the store.
   * @defaultValue 1
   */
  nNeighbors?: number;
  /**
   * Seed rows drawn from each condensed class to start its store (distinct rows).
   * @defaultValue 1
   */
  nSeedsS?: number;
  /**
   * Seed of the seed-row draws; when omitted one is drawn and recorded in `fitted.seed`.
   */
  seed?: number;
  /**
   * A custom neighbour search for the votes.
   * @defaultValue the library's exact k-NN engine
   */
  neighbors?: NeighborSearch;
}

/** The validated options of {@link CondensedNearestNeighbour} and {@link OneSidedSelection}. */
export interface CondensingParams extends SamplerParams {
  /** Neighbours of the vote. */
  readonly nNeighbors: number;
  /** Seed rows per condensed class. */
  readonly nSeedsS: number;
  /** Custom neighbour search, if any. */
  readonly neighbors: NeighborSearch | undefined;
}

/** The own option names of CondensedNearestNeighbour and OneSidedSelection. @internal */
export const CONDENSING_OPTIONS: ReadonlyArray<string> = ['nNeighbors', 'nSeedsS', 'neighbors'];

/** Validates the options CondensedNearestNeighbour and OneSidedSelection share. @internal */
export function checkCondensingOptions(
  who: string,
  options: CondensingOptions | undefined,
): { base: SamplerOptions; own: Omit<CondensingParams, keyof SamplerParams> } {
  const { o, base } = checkCleaningOptions(who, options, CONDENSING_OPTIONS, true);
  return {
    base,
    own: {
      nNeighbors: checkInteger(who, 'nNeighbors', o.nNeighbors, { min: 1 }, 1),
      nSeedsS: checkInteger(who, 'nSeedsS', o.nSeedsS, { min: 1 }, 1),
      neighbors: checkNeighborSearch(who, o.neighbors),
    },
  };
}

/**
 * The store of CondensedNearestNeighbour / OneSidedSelection for one targeted class: every row of
 * the minority, then the seed rows of the class. Checks the seeds and that the store can answer a
 * `k`-NN vote. `others` are the rest of the class's rows, in input order. @internal
 */
export function seedStore(
  ctx: SamplerContext,
  minority: Label,
  label: Label,
  seeds: Int32Array,
  nSeeds: number,
  k: number,
): { store: Int32Array; seedRows: Int32Array; others: Int32Array } {
  const idx = ctx.indicesOf(label);
  const seen = new Set<number>();
  for (const p of seeds) if (Number.isInteger(p) && p >= 0 && p < idx.length) seen.add(p);
  if (seen.size !== nSeeds || seeds.length !== nSeeds) {
    throw new Error(
      `${ctx.who}: drawSeeds returned [${[...seeds]}], not ${nSeeds} distinct positions < ${idx.length}.`,
    );
  }
  const minIdx = ctx.indicesOf(minority);
  const store = new Int32Array(minIdx.length + seeds.length);
  store.set(minIdx);
  const seedRows = Int32Array.from(seeds, (p) => idx[p] as number);
  store.set(seedRows, minIdx.length);
  if (k > store.length) {
    throw new DataValidationError(
      `${ctx.who}: class ${describe(label)} is judged by a ${k}-NN vote over the minority class ` +
        `${describe(minority)} (${minIdx.length} rows) plus ${seeds.length} seed row(s), ` +
        `only ${store.length} rows. Lower nNeighbors to at most ${store.length}.`,
      { param: 'nNeighbors' },
    );
  }
  const isSeed = new Uint8Array(idx.length);
  for (const p of seeds) isSeed[p] = 1;
  return { store, seedRows, others: idx.filter((_, p) => !isSeed[p]) };
}

/** Throws when a targeted class has fewer rows than `nSeedsS`. @internal */
export function checkSeedCount(ctx: SamplerContext, nSeeds: number): void {
  for (const label of ctx.plan.keys()) {
    const n = ctx.counts.get(label) as number;
    if (nSeeds > n) {
      throw new DataValidationError(
        `${ctx.who}: class ${describe(label)} has ${n} row${n === 1 ? '' : 's'}, fewer than nSeedsS = ${nSeeds} ` +
          `distinct seed rows. Lower nSeedsS to at most ${n}.`,
        { param: 'nSeedsS' },
      );
    }
  }
}
