/**
 * The {@link EnsembleClassifier}: a seed / bagging ensemble that averages class probabilities.
 *
 * @module
 */
import type { LazySampler } from '../core/batchSource.js';
import type { ProbabilisticClassifier, Serializable } from '../core/contracts.js';
import { DataValidationError, InvalidParameterError, NotFittedError, describe } from '../core/errors.js';
import { checkFaithful } from '../core/jsonFields.js';
import { checkLabels, uniqueSorted } from '../core/labels.js';
import { type Label, type MatrixInput, rowCountOf } from '../core/matrix.js';
import { checkSeed, drawSeed } from '../core/Random.js';
import type { Envelope } from '../core/serialization.js';
import { Matrix } from 'ml-matrix';
import { type Fold, StratifiedKFold } from '../core/StratifiedKFold.js';
import { selectRows } from '../core/selectRows.js';
import { checkBoolean, checkInteger, checkOptions, invalid } from '../core/validate.js';
import { ensembleFromJSON, ensembleToJSON } from './ensembleJson.js';
import {
  checkMemberClasses,
  type EstimatorFactory,
  isProbabilistic,
  MAX_ESTIMATORS,
  memberSeeds,
  reseeded,
  stratifiedBootstrap,
} from './ensembleMembers.js';
import type { PipelineClasses } from './pipelineJSON.js';

const WHO = 'EnsembleClassifier';

/** The rows the members of type `C` take (those of their `predictProba`). */
export type MemberInput<C extends ProbabilisticClassifier<never>> = Parameters<C['predictProba']>[0];

/** Options of {@link EnsembleClassifier}. */
export interface EnsembleClassifierOptions<C> {
  /**
   * The member classifier: an instance whose class has `toJSON` / static `fromJSON` and a `seed`
   * option (e.g. an `MLPClassifier`; each member is a fresh copy of its options with its own
   * seed), or a factory `(seed, index) => classifier` (for callbacks and classes without JSON).
   */
  estimator: C | EstimatorFactory<C>;
  /**
   * Number of members.
   * @defaultValue 5, or the length of `seeds`
   */
  nEstimators?: number;
  /** The members' seeds, one each (instead of drawing them from `seed`). */
  seeds?: ReadonlyArray<number>;
  /**
   * Seed of the members' seeds. When omitted (and `seeds` too), one is drawn in `fit` and kept in
   * `fitted.seed`, so the run can be replayed.
   */
  seed?: number;
  /**
   * Train each member on a bootstrap sample of the rows (bagging), drawn class by class so every
   * member sees every class in its original count; `false` trains every member on all rows
   * (a seed ensemble: the members differ by their initialization, shuffling, dropout).
   * @defaultValue false
   */
  bootstrap?: boolean;
  /**
   * Cross-fitted members: the rows are cut into `crossFit` stratified folds (shuffled, seeded by
   * the ensemble's seed) and member `i` trains on every row except those of fold
   * `i mod crossFit`, so each row has probabilities from members that never saw it —
   * {@link EnsembleClassifier.outOfFoldProba}, what a {@link PriorCorrectedClassifier} tunes its
   * rule on with `validation: 'outOfFold'` (scikit-learn's `CalibratedClassifierCV(ensemble=True)`
   * fits its members the same way). `nEstimators` must be a multiple of it (default: equal).
   * Not with `bootstrap`. `null` or absent: every member trains on all rows.
   * @defaultValue null
   */
  crossFit?: number | null;
}

/** The resolved options of an {@link EnsembleClassifier}. */
export interface EnsembleClassifierParams<C> {
  /** The member classifier (instance or factory). */
  readonly estimator: C | EstimatorFactory<C>;
  /** Number of members. */
  readonly nEstimators: number;
  /** The given member seeds, if any. */
  readonly seeds: readonly number[] | undefined;
  /** The given seed, if any. */
  readonly seed: number | undefined;
  /** Whether members train on bootstrap samples. */
  readonly bootstrap: boolean;
  /** Number of folds of cross-fitted members, or `null`. */
  readonly crossFit: number | null;
}

/** What an {@link EnsembleClassifier} learned. */
export interface EnsembleClassifierFitted<C> {
  /** Sorted class labels: the columns of `predictProba`. */
  readonly classes: readonly Label[];
  /** The fitted members, in order. */
  readonly members: readonly C[];
  /** The seed of each member (and of its bootstrap sample). */
  readonly seeds: readonly number[];
  /** The seed the member seeds were drawn from (`undefined` when `seeds` was given). */
  readonly seed: number | undefined;
  /**
   * With `crossFit`: each training row's mean probability over the members that did not train on
   * it (`n × classes`); not saved, so `undefined` after `fromJSON` and without `crossFit`.
   */
  readonly outOfFold?: Matrix;
}

/** Options of {@link EnsembleClassifier.fit}. */
export interface EnsembleFitOptions {
  /**
   * A lazy sampler handed to every member's `fit` (members must accept one, as the
   * `MLPClassifier` does): each member resamples its own rows while it trains.
   */
  readonly sampler?: LazySampler;
}

/**
 * An ensemble of one classifier trained with different seeds (optionally on bootstrap samples)
 * whose `predictProba` is the mean of the members' probabilities — scikit-learn's
 * `BaggingClassifier` / soft `VotingClassifier` over copies of one estimator.
 *
 * @remarks
 * - Members are trained one after another. The MLP already trains on every core (its kernels'
 *   threads), and two members at once measured no faster (CPU time, on a loaded 2-core
 *   machine), so the ensemble adds no threads of its own.
 * - Same `seed` (or `seeds`) and same data → same members → same probabilities. Member seeds are
 *   drawn from `seed`; with `bootstrap`, member `i`'s sample is drawn from its seed too.
 * - `predict` is the class of highest mean probability (the first on ties).
 * - With an instance `estimator`, each member is rebuilt from the instance's envelope with its
 *   own seed, so options JSON cannot hold (callbacks such as `onEpochEnd`) are dropped: pass a
 *   factory to keep them.
 * - Saving: `toJSON` holds the members' envelopes and, for an instance estimator, its options.
 *   `fromJSON(json, classes)` needs the members' classes, as {@link Pipeline.fromJSON} does
 *   (`Pipeline.fromJSON(json, { Encoder, EnsembleClassifier, MLPClassifier })`). An ensemble
 *   saved with a factory predicts after loading but cannot be refitted.
 *
 * @typeParam C - The members' class.
 * @example
 * ```ts
 * const bag = new EnsembleClassifier({ estimator: (seed) => new Nearest(seed), nEstimators: 3, seed: 0 });
 * await bag.fit([[0], [1], [2], [3]], ['a', 'a', 'b', 'b']);
 * bag.predictProba([[0.2]]); // mean of the members' probabilities
 * ```
 * @see scikit-learn `sklearn.ensemble.BaggingClassifier`, `VotingClassifier(voting='soft')`.
 */
export class EnsembleClassifier<C extends ProbabilisticClassifier<never> = ProbabilisticClassifier<MatrixInput>>
  implements ProbabilisticClassifier<MemberInput<C>>, Serializable
{
  /** The options, with defaults filled in, frozen. */
  readonly params: EnsembleClassifierParams<C>;
  private state: EnsembleClassifierFitted<C> | undefined;
  /** The saved options of a factory-built ensemble read back by fromJSON (no factory to refit with). */
  private loadedWithoutEstimator = false;

  /**
   * @param options - The member estimator and the ensemble's size, seeds and sampling.
   * @throws {@link InvalidParameterError} for an unknown option, an estimator that is neither a
   * probabilistic classifier that can be reseeded nor a function, `nEstimators` < 1 or above 1,000,000, `seeds` of
   * another length or not integers ≥ 0, or both `seeds` and `seed`.
   */
  constructor(options: EnsembleClassifierOptions<C>) {
    this.params = checkEnsembleOptions(options);
  }

  /**
   * What `fit` learned: the classes, the fitted members and their seeds.
   * @throws {@link NotFittedError} before `fit`.
   */
  get fitted(): EnsembleClassifierFitted<C> {
    if (this.state === undefined) throw new NotFittedError(WHO, 'fitted');
    return this.state;
  }

  /**
   * Sorted class labels (the columns of `predictProba`).
   * @throws {@link NotFittedError} before `fit`.
   */
  get classes(): Label[] {
    return [...this.fitted.classes];
  }

  /** Whether the members take a lazy sampler in `fit` (the Pipeline's `resampling: 'lazy'`). */
  get acceptsLazySampler(): boolean {
    const e = this.params.estimator as { acceptsLazySampler?: unknown };
    return typeof this.params.estimator !== 'function' && e.acceptsLazySampler === true;
  }

  /**
   * Trains the members, one after another, each with its seed (and bootstrap sample).
   * @param X - Training rows, as the members take them (with `bootstrap` or `crossFit`, a row
   *   source is given to the members as views of the chosen rows).
   * @param y - One label per row.
   * @param options - A lazy sampler for the members.
   * @returns This ensemble, fitted (the previous fit is kept if a member fails).
   * @throws {@link InvalidParameterError} when a member learns other classes than the ensemble, or
   * the ensemble was loaded from a factory-built save; {@link DataValidationError} with `crossFit`
   * when a class has a single row; what a member's `fit` throws.
   */
  async fit(X: MemberInput<C>, y: ReadonlyArray<Label>, options: EnsembleFitOptions = {}): Promise<this> {
    const who = `${WHO}.fit`;
    if (this.loadedWithoutEstimator) {
      throw new InvalidParameterError(
        'estimator',
        `${who}: this ensemble was saved with an estimator factory, which JSON cannot hold. Build a new ` +
          'EnsembleClassifier with the factory to refit.',
      );
    }
    const { sampler } = checkOptions(`${who} options`, options, ['sampler']);
    const labels = checkLabels(y, who, 'y', rowCountOf(X as MatrixInput));
    const classes = uniqueSorted(labels);
    if (classes.length < 2) {
      throw new DataValidationError(
        `${who}: y has a single class (${describe(classes[0])}); a classifier needs at least 2.`,
        { param: 'y' },
      );
    }
    const p = this.params;
    if (p.crossFit !== null) {
      // every fold's training rows must hold every class: at least 2 rows each
      const counts = new Map<Label, number>();
      for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
      const single = classes.find((c) => (counts.get(c) ?? 0) < 2);
      if (single !== undefined) {
        throw new DataValidationError(
          `${who}: class ${describe(single)} has a single row; with crossFit the member whose fold holds it ` +
            'would never see it. Remove or merge that class, or set crossFit: null.',
          { param: 'y' },
        );
      }
    }
    const seed = p.seeds === undefined ? (p.seed ?? drawSeed()) : undefined;
    const seeds = p.seeds ?? memberSeeds(seed as number, p.nEstimators);
    const members: C[] = [];
    // crossFit: the folds, seeded by the ensemble's seed (or the first member seed when seeds are given).
    const folds =
      p.crossFit === null
        ? null
        : new StratifiedKFold({
            nSplits: p.crossFit,
            shuffle: true,
            seed: ((seed ?? (seeds[0] as number)) ^ 0x2f6b3a1d) >>> 0,
          }).split(null, labels);
    const oof = folds === null ? null : new Matrix(labels.length, classes.length);
    try {
      for (let i = 0; i < seeds.length; i++) {
        const s = seeds[i] as number;
        const member = this.makeMember(s, i, who);
        const fold = folds === null ? null : (folds[i % folds.length] as Fold);
        const rows = fold !== null ? fold.train : p.bootstrap ? stratifiedBootstrap(labels, s) : null;
        const Xi = rows === null ? X : selectRows(X, rows);
        const yi = rows === null ? labels : Array.from(rows, (r) => labels[r] as Label);
        const fit = member.fit as unknown as (X: unknown, y: Label[], o?: EnsembleFitOptions) => unknown;
        members.push(member);
        await (sampler === undefined ? fit.call(member, Xi, yi) : fit.call(member, Xi, yi, { sampler }));
        checkMemberClasses(member, classes, i, who);
        if (fold !== null && oof !== null) {
          const P = member.predictProba(selectRows(X, fold.test) as never);
          const share = (folds as Fold[]).length / seeds.length; // 1 / members per fold
          for (let r = 0; r < fold.test.length; r++) {
            const row = fold.test[r] as number;
            for (let j = 0; j < classes.length; j++) oof.set(row, j, oof.get(row, j) + P.get(r, j) * share);
          }
        }
      }
    } catch (e) {
      for (const m of members) m.dispose?.();
      throw e;
    }
    for (const m of this.state?.members ?? []) m.dispose?.();
    this.state = Object.freeze({
      classes,
      members,
      seeds: [...seeds],
      seed,
      ...(oof === null ? {} : { outOfFold: oof }),
    });
    return this;
  }

  /**
   * The mean of the members' class probabilities.
   * @returns An `n × classes.length` Matrix, columns in `classes` order.
   * @throws {@link NotFittedError} before `fit`; what a member's `predictProba` throws.
   */
  predictProba(X: MemberInput<C>): Matrix {
    const { members } = this.fitted;
    let sum: Matrix | undefined;
    for (const m of members) {
      const P = m.predictProba(X as never);
      sum = sum === undefined ? P.clone() : sum.add(P);
    }
    return (sum as Matrix).div(members.length);
  }

  /**
   * The out-of-fold probabilities of the rows of the last `fit` (see
   * {@link EnsembleClassifierOptions.crossFit}): row `i` is the mean of the members that did not
   * train on it, columns in `classes` order.
   * @throws {@link NotFittedError} before `fit`; {@link InvalidParameterError} without `crossFit`
   * or after `fromJSON` (they are not saved).
   */
  outOfFoldProba(): Matrix {
    const f = this.fitted;
    if (f.outOfFold === undefined) {
      throw new InvalidParameterError(
        'crossFit',
        `${WHO}.outOfFoldProba: ${
          this.params.crossFit === null ? 'the ensemble was not cross-fitted (set crossFit)' : 'loaded from JSON'
        }; out-of-fold probabilities exist only after fit with crossFit.`,
      );
    }
    return f.outOfFold;
  }

  /**
   * The class of highest mean probability for each row (the first such class on ties).
   * @throws {@link NotFittedError} before `fit`.
   */
  predict(X: MemberInput<C>): Label[] {
    const P = this.predictProba(X);
    const classes = this.fitted.classes;
    const out: Label[] = new Array(P.rows);
    for (let i = 0; i < P.rows; i++) {
      let best = 0;
      for (let j = 1; j < P.columns; j++) if (P.get(i, j) > P.get(i, best)) best = j;
      out[i] = classes[best] as Label;
    }
    return out;
  }

  /** An unfitted ensemble with the same options (what cross-validation fits per fold). */
  clone(): EnsembleClassifier<C> {
    const p = this.params;
    return new EnsembleClassifier<C>({
      estimator: p.estimator,
      nEstimators: p.nEstimators,
      bootstrap: p.bootstrap,
      crossFit: p.crossFit,
      ...(p.seeds === undefined ? {} : { seeds: p.seeds }),
      ...(p.seed === undefined ? {} : { seed: p.seed }),
    });
  }

  /** Frees what the members hold (the MLP's tensors or threads). */
  dispose(): void {
    for (const m of this.state?.members ?? []) m.dispose?.();
  }

  /**
   * The JSON envelope: the options (the estimator's own envelope, unfitted, for an instance) and
   * the members' envelopes.
   * @throws {@link SerializationError} when a member has no `toJSON`.
   */
  toJSON(): Envelope {
    return ensembleToJSON(this.params, this.state);
  }

  /**
   * Rebuilds an ensemble saved by `toJSON`, its estimator and members built by the classes given
   * (keyed by class name, e.g. `{ MLPClassifier }`).
   * @throws {@link SerializationError} naming the path of any bad field, or a class not given.
   */
  static fromJSON<C extends ProbabilisticClassifier<never> = ProbabilisticClassifier<MatrixInput>>(
    json: unknown,
    classes: PipelineClasses,
  ): EnsembleClassifier<C> {
    const { options, fitted, factory, read } = ensembleFromJSON<C>(json, classes);
    const ens = new EnsembleClassifier<C>(options);
    ens.loadedWithoutEstimator = factory;
    if (fitted !== undefined) ens.state = Object.freeze(fitted);
    // The loaded object must write back the document it was read from (no field silently defaulted).
    checkFaithful(`${WHO}.fromJSON`, read, ens.toJSON());
    return ens;
  }

  /** Member `i` with seed `s`: a factory call, or a reseeded copy of the estimator. */
  private makeMember(s: number, i: number, who: string): C {
    const e = this.params.estimator;
    const member = typeof e === 'function' ? (e as EstimatorFactory<C>)(s, i) : reseeded(e, s, who);
    if (!isProbabilistic(member)) {
      throw new InvalidParameterError(
        'estimator',
        `${who}: the estimator factory returned ${describe(member)} for member ${i}; it must return a ` +
          'classifier with fit, predict and predictProba.',
      );
    }
    return member;
  }
}

/** Checks the options of an {@link EnsembleClassifier} and fills in the defaults. */
function checkEnsembleOptions<C>(options: EnsembleClassifierOptions<C>): EnsembleClassifierParams<C> {
  const o = checkOptions(WHO, options, ['estimator', 'nEstimators', 'seeds', 'seed', 'bootstrap', 'crossFit']);
  const estimator = o.estimator;
  if (typeof estimator !== 'function') {
    if (!isProbabilistic(estimator)) {
      invalid(
        WHO,
        'estimator',
        'a classifier with fit, predict and predictProba, or a factory (seed) => classifier',
        estimator,
      );
    }
    reseeded(estimator, 0, WHO); // fails now, not in fit, when the estimator cannot be reseeded
  }
  let seeds: number[] | undefined;
  if (o.seeds !== undefined) {
    if (!Array.isArray(o.seeds) || o.seeds.length === 0) invalid(WHO, 'seeds', 'a non-empty array of seeds', o.seeds);
    seeds = (o.seeds as unknown[]).map((s, i) => checkInteger(WHO, `seeds[${i}]`, s, { min: 0, max: 0xffff_ffff }));
    if (o.seed !== undefined) {
      throw new InvalidParameterError(
        'seed',
        `${WHO}: pass seeds or seed, not both (seeds fixes every member's seed).`,
      );
    }
  }
  const crossFit =
    o.crossFit === undefined || o.crossFit === null
      ? null
      : checkInteger(WHO, 'crossFit', o.crossFit, { min: 2 }, 5, 'cross-fitting needs at least 2 folds.');
  const nEstimators = checkInteger(
    WHO,
    'nEstimators',
    o.nEstimators,
    { min: 1, max: MAX_ESTIMATORS },
    seeds?.length ?? crossFit ?? 5,
    'Every member is a fitted estimator held in memory.',
  );
  if (crossFit !== null && nEstimators % crossFit !== 0) {
    invalid(WHO, 'nEstimators', `a multiple of crossFit (${crossFit}), so every fold has as many members`, nEstimators);
  }
  if (seeds !== undefined && seeds.length !== nEstimators) {
    invalid(WHO, 'nEstimators', `${seeds.length} (the length of seeds)`, nEstimators);
  }
  const seed = checkSeed(WHO, o.seed);
  const bootstrap = checkBoolean(WHO, 'bootstrap', o.bootstrap, false);
  if (bootstrap && crossFit !== null) {
    throw new InvalidParameterError(
      'crossFit',
      `${WHO}: crossFit and bootstrap exclude each other (a member trains on the rows outside its fold). Remove one.`,
    );
  }
  return Object.freeze({
    crossFit,
    estimator,
    nEstimators,
    seeds: seeds === undefined ? undefined : Object.freeze(seeds),
    seed,
    bootstrap,
  });
}
