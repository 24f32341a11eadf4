import { DataValidationError, describe } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import type { NeighborSearch } from './neighbors/types.js';
import type { Random } from '../core/Random.js';
import { checkInteger } from '../core/validate.js';
import { CleaningSampler } from './CleaningSampler.js';
import type { SamplerContext, SamplerParams } from './Sampler.js';
import { checkNeighborSearch, defaultNeighbors } from './neighborSearch.js';
import { type CleaningStrategy, classCodes, firstMinority } from './cleaningStrategy.js';

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

/** The own option names of CondensedNearestNeighbour and OneSidedSelection. */
const CONDENSING_OPTIONS: ReadonlyArray<string> = ['nNeighbors', 'nSeedsS', 'neighbors'];

/** One targeted class of a condensing pass, as {@link CondensingSampler.condense} hands it over. @internal */
export interface CondensingStore {
  /** The store: every row of the minority, then the seed rows of the class. */
  readonly store: Int32Array;
  /** The other rows of the class, in input order (the rows to judge). */
  readonly others: Int32Array;
  /** The class code of the class (codes follow sorted class order). */
  readonly code: number;
  /** The class code of every row. */
  readonly codes: Int32Array;
  /** The neighbour search. */
  readonly search: NeighborSearch;
  /** A zeroed tally with one slot per class, for the votes. */
  readonly tally: Int32Array;
}

/**
 * The template of {@link CondensedNearestNeighbour} and {@link OneSidedSelection}: their options,
 * the seed draws, and the store of each targeted class (the minority plus the seed rows). @internal
 */
export abstract class CondensingSampler extends CleaningSampler<CondensingParams, CondensingOptions> {
  /**
   * @param name - The class name.
   * @param options - `samplingStrategy`, `nNeighbors`, `nSeedsS`, `seed`, `neighbors`.
   * @throws {@link InvalidParameterError} for an invalid or unknown option.
   */
  protected constructor(name: string, options: CondensingOptions | undefined) {
    super({ name, options: CONDENSING_OPTIONS, seeded: true }, options, (o) => ({
      nNeighbors: checkInteger(name, 'nNeighbors', o.nNeighbors, { min: 1 }, 1),
      nSeedsS: checkInteger(name, 'nSeedsS', o.nSeedsS, { min: 1 }, 1),
      neighbors: checkNeighborSearch(name, o.neighbors),
    }));
  }

  /**
   * The seed positions (within the class, `0 … classSize − 1`) of one targeted class: `nSeedsS`
   * distinct positions from the seeded stream. A subclass may choose them otherwise.
   * @internal
   */
  protected drawSeeds(rng: Random, label: Label, classSize: number): Int32Array {
    void label;
    return rng.permutation(classSize).slice(0, this.params.nSeedsS);
  }

  /**
   * For each targeted class (plan order): draws its seeds, builds its store and asks `pick` which
   * of the other rows to keep. Returns the kept rows of each targeted class: the seed rows, then
   * the picked rows in the order `pick` gives them.
   * @throws {@link DataValidationError} when a class has fewer rows than `nSeedsS`, or the store
   * fewer rows than `nNeighbors`.
   * @internal
   */
  protected condense(ctx: SamplerContext, pick: (s: CondensingStore) => ArrayLike<number>): Map<Label, Int32Array> {
    const { nNeighbors: k, nSeedsS } = this.params;
    checkSeedCount(ctx, nSeedsS);
    const minority = firstMinority(ctx.y, ctx.counts);
    const codes = classCodes(ctx.y, ctx.counts);
    const search = this.params.neighbors ?? defaultNeighbors();
    const tally = new Int32Array(ctx.counts.size);
    const kept = new Map<Label, Int32Array>();
    for (const label of ctx.plan.keys()) {
      const idx = ctx.indicesOf(label);
      const seeds = this.drawSeeds(ctx.rng, label, idx.length);
      const { store, seedRows, others } = seedStore(ctx, minority, label, seeds, nSeedsS, k);
      const picked = pick({ store, others, code: codes[idx[0] as number] as number, codes, search, tally });
      const rows = new Int32Array(seedRows.length + picked.length);
      rows.set(seedRows);
      rows.set(picked, seedRows.length);
      kept.set(label, rows);
    }
    return kept;
  }
}

/**
 * The store of CondensedNearestNeighbour / OneSidedSelection for one targeted class: every row of
 * the minority, then the seed rows of the class. Checks the seeds and that the store can answer a
 * `k`-NN vote. `others` are the rest of the class's rows, in input order.
 */
function seedStore(
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

/** Throws when a targeted class has fewer rows than `nSeedsS`. */
function checkSeedCount(ctx: SamplerContext, nSeeds: number): void {
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
