import type { Matrix } from 'ml-matrix';
import type { LazySampler } from '../core/batchSource.js';
import { acceptsLazySampler } from '../core/contracts.js';
import type { ProbabilisticClassifier } from '../core/contracts.js';
import { NotFittedError, SerializationError } from '../core/errors.js';
import { cloneEstimator } from '../core/clone.js';
import { checkLabels, classCounts } from '../core/labels.js';
import type { Label, MatrixInput } from '../core/matrix.js';
import { Random } from '../core/Random.js';
import { makeEnvelope } from '../core/serialization.js';
import type { Envelope } from '../core/serialization.js';
import { selectRows } from '../core/selectRows.js';
import { stratifiedHoldout } from '../core/stratify.js';
import { checkInteger, checkNumber, checkOneOf, checkOptions, invalid } from '../core/validate.js';
import { decisionRuleFromJSON } from './decisionRuleJSON.js';
import { type TunedRule, argmaxRows, linearScores, logProba, ruleShift, tuneRule } from './decisionRules.js';
import type { DecisionRuleParamsJSON, DecisionRuleStateJSON } from './decisionRuleJSON.js';
import type { PipelineClasses } from './pipelineJSON.js';
import { hasMethod } from './steps.js';

/** The metric a {@link PriorCorrectedClassifier} maximises when it tunes its rule. */
export type DecisionMetric = 'balancedAccuracy' | 'macroF1' | 'geometricMean';

/**
 * What a {@link PriorCorrectedClassifier} tunes: the exponent α alone, α then one offset per class,
 * or a linear rule on the log-probabilities (see {@link DecisionTuningOptions.search}).
 */
export type DecisionSearch = 'alpha' | 'offsets' | 'linear';

/**
 * Where a {@link PriorCorrectedClassifier} takes the rows it tunes on: a stratified hold-out of the
 * training rows, or the out-of-fold probabilities of a cross-fitted classifier (see
 * {@link DecisionTuningOptions.validation}).
 */
export type DecisionValidation = 'holdout' | 'outOfFold';

/**
 * A classifier that, after `fit`, gives each training row's probabilities from a model that did
 * not train on that row (e.g. an {@link EnsembleClassifier} with `crossFit`).
 */
export interface OutOfFoldPredictor {
  /** The out-of-fold probabilities of the rows of the last `fit`, in `classes` order. */
  outOfFoldProba(): Matrix;
}

/** Options of {@link PriorCorrectedClassifierOptions.tune}. */
export interface DecisionTuningOptions {
  /**
   * `'alpha'`: α on a grid of 0, 0.05, …, 2. `'offsets'`: the best α, then one additive offset per
   * class on the log scale (a grid of −3 … 3 in steps of 0.25, coordinate ascent, three rounds).
   * `'linear'`: the rule `argmax_c Σ_j W[c][j]·log p_j + b_c` with `W` (classes × classes) and `b`
   * fitted on the validation rows by a class-balanced multinomial logistic regression (each row
   * weighted `n / (classes · n_class)`, as scikit-learn's `class_weight='balanced'`; L2 penalty
   * 1e-3 on `W − I`; log-probabilities clipped at log 1e-7; Newton's method), which approximates
   * the balanced-accuracy rule for miscalibrated probabilities (matrix scaling; `metric` is then
   * only reported, not searched). Its cost per Newton step is O(n · classes⁴): meant for few
   * classes.
   * @defaultValue 'alpha'
   */
  search?: DecisionSearch;
  /** The metric maximised on the validation rows. @defaultValue 'balancedAccuracy' */
  metric?: DecisionMetric;
  /**
   * `'holdout'`: a stratified share (`validationFraction`) of the rows given to `fit` is held out,
   * and the classifier is fitted on the rest. `'outOfFold'`: the classifier is fitted on all rows
   * and the rule is tuned on its {@link OutOfFoldPredictor.outOfFoldProba} over all of them (the
   * classifier must have that method, e.g. an {@link EnsembleClassifier} with `crossFit`), so the
   * rare classes give all their rows to the tuning and none is lost to training.
   * @defaultValue 'holdout'
   */
  validation?: DecisionValidation;
  /** Share of the rows given to `fit` held out (stratified) for tuning (`'holdout'` only). @defaultValue 0.1 */
  validationFraction?: number;
  /** Seed of the hold-out draw. @defaultValue 0 */
  seed?: number;
}

/** Options of {@link PriorCorrectedClassifier}. */
export interface PriorCorrectedClassifierOptions {
  /**
   * The exponent α of the rule `argmax p(c|x) / prior(c)^α` when it is not tuned: 0 is the plain
   * argmax, 1 divides by the prior fully (each class scored by its likelihood ratio).
   * @defaultValue 0.5
   */
  alpha?: number;
  /** Tune the rule on a stratified hold-out of the training rows; `null` or absent: use `alpha`. */
  tune?: DecisionTuningOptions | null;
}

/** The resolved tuning options. */
export type DecisionTuning = Readonly<Required<DecisionTuningOptions>>;

/** The frozen parameters of a {@link PriorCorrectedClassifier}. */
export interface PriorCorrectedClassifierParams<In = MatrixInput> {
  /** The wrapped classifier (fitted in place by `fit`). */
  readonly classifier: ProbabilisticClassifier<In>;
  /** See {@link PriorCorrectedClassifierOptions.alpha}. */
  readonly alpha: number;
  /** See {@link PriorCorrectedClassifierOptions.tune}. */
  readonly tune: DecisionTuning | null;
}

/** What a {@link PriorCorrectedClassifier} learned. */
export interface PriorCorrectedFitted {
  /** The wrapped classifier's classes (sorted): the columns of `predictProba`. */
  readonly classes: ReadonlyArray<Label>;
  /**
   * Class shares of the data the classifier was trained on, in `classes` order: after resampling
   * (the labels given to its `fit`), or with a lazy sampler the class mix of its epochs.
   */
  readonly priors: ReadonlyArray<number>;
  /** The exponent α in use (tuned or given). */
  readonly alpha: number;
  /**
   * Per-class offsets added on the log scale, in `classes` order (all 0 unless tuned with
   * `'offsets'`; the intercepts `b` with `'linear'`).
   */
  readonly offsets: ReadonlyArray<number>;
  /**
   * The matrix `W` of a `'linear'` rule (row c: the weights of `log p_1 … log p_k` in class c's
   * score), `null` otherwise (the identity).
   */
  readonly weights: ReadonlyArray<ReadonlyArray<number>> | null;
  /** The tuned metric on the validation rows (`null` when not tuned). */
  readonly validationScore: number | null;
  /** Rows the rule was tuned on: held out, or all rows out of fold (0 when not tuned). */
  readonly nValidation: number;
}

const CLASS = 'PriorCorrectedClassifier';
const VERSION = 1;

/**
 * A decision rule on top of a probabilistic classifier: predicts `argmax_c log p(c|x) − α·log
 * prior(c) + offset(c)` (or, tuned with `search: 'linear'`, `argmax_c Σ_j W[c][j]·log p_j + b_c`),
 * where the priors are the class shares of the data the classifier was
 * **actually trained on** — after resampling — so a rebalanced classifier is not corrected twice.
 *
 * @remarks
 * - Priors: `fit(X, y)` takes them from the `y` given to the wrapped classifier (in a
 *   {@link Pipeline} with an eager sampler, the resampled labels); `fit(X, y, { sampler })` (the
 *   Pipeline's `resampling: 'lazy'`, when the wrapped classifier accepts a sampler) takes the class
 *   mix of the sampler's epochs (`BatchSource.epochCounts`).
 * - Tuning (`tune`): a stratified, seeded share of the rows given to `fit` is held out; the
 *   classifier is fitted on the rest; α (and with `search: 'offsets'` one offset per class) is
 *   chosen to maximise `metric` on the held-out rows, ties to the smaller α and offset. With a lazy
 *   sampler the held-out rows are original rows; with an eager sampler before this step they are
 *   drawn from the resampled rows, synthetic ones included — prefer `resampling: 'lazy'` then.
 *   With `validation: 'outOfFold'` nothing is held out: the classifier (e.g. an
 *   {@link EnsembleClassifier} with `crossFit: 5`) trains on all rows and the rule is tuned on its
 *   out-of-fold probabilities — the choice when the rare classes have few rows.
 * - `predictProba` returns the wrapped classifier's probabilities unchanged; only `predict` (and
 *   {@link PriorCorrectedClassifier.decide}) applies the rule. α = 0 with no offsets is the plain
 *   argmax (ties to the first class).
 * - scikit-learn's `TunedThresholdClassifierCV` tunes a threshold for binary problems only; this
 *   rule is multiclass.
 *
 * @typeParam In - The rows the wrapped classifier accepts.
 * @example
 * ```ts
 * const clf = new PriorCorrectedClassifier(new MLPClassifier({ seed: 1 }), { tune: { metric: 'macroF1' } });
 * await clf.fit(X, y);
 * clf.fitted.alpha; // the α that maximised macro F1 on the hold-out
 * clf.predict(XTest);
 * ```
 * @see scikit-learn `sklearn.model_selection.TunedThresholdClassifierCV`; Saerens et al. (2002),
 * "Adjusting the outputs of a classifier to new a priori probabilities".
 */
export class PriorCorrectedClassifier<In = MatrixInput> implements ProbabilisticClassifier<In> {
  /** The constructor arguments, resolved and frozen. */
  readonly params: PriorCorrectedClassifierParams<In>;
  private state: PriorCorrectedFitted | undefined;

  /**
   * @param classifier - A classifier with `predictProba` and `classes` (e.g. `MLPClassifier`).
   * @param options - See {@link PriorCorrectedClassifierOptions}.
   * @throws {@link InvalidParameterError} for an unknown option, α outside [0, 2], a bad `tune`, or
   * a classifier without `fit`, `predictProba`.
   */
  constructor(classifier: ProbabilisticClassifier<In>, options?: PriorCorrectedClassifierOptions) {
    if (!hasMethod(classifier, 'fit') || !hasMethod(classifier, 'predictProba')) {
      invalid(CLASS, 'classifier', 'a classifier with fit and predictProba', classifier);
    }
    const o = checkOptions(CLASS, options, ['alpha', 'tune']);
    const alpha = checkNumber(CLASS, 'alpha', o.alpha, { ge: 0, le: 2 }, 0.5);
    const tune = resolveTuning(o.tune);
    if (tune?.validation === 'outOfFold' && !hasMethod(classifier, 'outOfFoldProba')) {
      invalid(
        CLASS,
        'classifier',
        "a classifier with outOfFoldProba (e.g. an EnsembleClassifier with crossFit) for validation: 'outOfFold'",
        classifier,
      );
    }
    this.params = Object.freeze({ classifier, alpha, tune });
  }

  /** Whether `fit(X, y, { sampler })` is accepted: when the wrapped classifier accepts a lazy sampler. */
  get acceptsLazySampler(): boolean {
    return acceptsLazySampler(this.params.classifier);
  }

  /**
   * What `fit` learned: priors, α, offsets.
   * @throws {@link NotFittedError} before `fit`.
   */
  get fitted(): PriorCorrectedFitted {
    if (this.state === undefined) throw new NotFittedError(CLASS, 'fitted');
    return this.state;
  }

  /**
   * The wrapped classifier's classes.
   * @throws {@link NotFittedError} before `fit`.
   */
  get classes(): ReadonlyArray<Label> {
    return this.fitted.classes;
  }

  /**
   * Fits the wrapped classifier (on all rows, or on the rows not held out for tuning), records the
   * priors of what it was trained on, and tunes the rule when `tune` is set.
   *
   * @param X - Training rows, as the wrapped classifier accepts them.
   * @param y - One label per row.
   * @param options - `{ sampler }`: a lazy sampler handed to the wrapped classifier.
   * @returns This classifier, fitted.
   * @throws {@link DataValidationError} for bad labels or a class too small to hold out; whatever
   * the wrapped classifier throws.
   */
  async fit(X: In, y: ReadonlyArray<Label>, options: { readonly sampler?: LazySampler } = {}): Promise<this> {
    const who = `${CLASS}.fit`;
    const o = checkOptions(who, options, ['sampler']);
    const labels = checkLabels(y, who, 'y');
    const tune = this.params.tune;
    const split =
      tune?.validation === 'holdout'
        ? stratifiedHoldout(labels, tune.validationFraction, new Random(tune.seed), who, HOLDOUT_FIX)
        : undefined;
    const Xfit = split ? selectRows(X, split.train) : X;
    const yFit = split ? Array.from(split.train, (i) => labels[i] as Label) : labels;
    let epochCounts: ReadonlyMap<Label, number> | undefined;
    const inner = this.params.classifier;
    this.state = undefined;
    if (o.sampler !== undefined) {
      const sampler = o.sampler;
      const watched: LazySampler = {
        fitStream(Xs, ys, so) {
          const source = sampler.fitStream(Xs, ys, so);
          epochCounts = source.epochCounts;
          return source;
        },
      };
      await (inner.fit as (X: In, y: Label[], o: { sampler: LazySampler }) => unknown).call(inner, Xfit, yFit, {
        sampler: watched,
      });
    } else {
      await inner.fit(Xfit, yFit);
    }
    const classes = [...(inner.classes as ReadonlyArray<Label>)];
    const counts = epochCounts ?? classCounts(yFit);
    let total = 0;
    for (const c of classes) total += counts.get(c) ?? 0;
    const priors = classes.map((c) => (total > 0 ? (counts.get(c) ?? 0) / total : 0));
    let rule: TunedRule = { alpha: this.params.alpha, offsets: classes.map(() => 0), weights: null, score: null };
    let nValidation = 0;
    if (tune && split) {
      const yVal = Array.from(split.validation, (i) => labels[i] as Label);
      const proba = inner.predictProba(selectRows(X, split.validation));
      rule = tuneRule(proba, yVal, classes, priors, tune);
      nValidation = split.validation.length;
    } else if (tune) {
      const proba = (inner as unknown as OutOfFoldPredictor).outOfFoldProba();
      if (proba.rows !== labels.length || proba.columns !== classes.length) {
        invalid(
          who,
          'classifier',
          `out-of-fold probabilities of ${labels.length} rows × ${classes.length} classes`,
          `a ${proba.rows} × ${proba.columns} matrix`,
        );
      }
      rule = tuneRule(proba, labels, classes, priors, tune);
      nValidation = labels.length;
    }
    this.state = Object.freeze({
      classes: Object.freeze(classes),
      priors: Object.freeze(priors),
      alpha: rule.alpha,
      offsets: Object.freeze(rule.offsets),
      weights: rule.weights === null ? null : Object.freeze(rule.weights.map((r) => Object.freeze(r))),
      validationScore: rule.score,
      nValidation,
    });
    return this;
  }

  /**
   * The wrapped classifier's class probabilities, unchanged (columns follow `classes`).
   * @throws {@link NotFittedError} before `fit`.
   */
  predictProba(X: In): Matrix {
    this.fitted;
    return this.params.classifier.predictProba(X);
  }

  /**
   * The class of each row by the rule `argmax log p(c|x) − α·log prior(c) + offset(c)`.
   * @throws {@link NotFittedError} before `fit`.
   */
  predict(X: In): Label[] {
    return this.decide(this.predictProba(X));
  }

  /**
   * Applies the rule to probabilities computed already (e.g. by `predictProba` in chunks): one
   * label per row of `proba`, whose columns follow `classes`.
   * @throws {@link NotFittedError} before `fit`; {@link InvalidParameterError} when `proba` does not
   * have one column per class.
   */
  decide(proba: Matrix): Label[] {
    const s = this.fitted;
    if (proba.columns !== s.classes.length) {
      invalid(`${CLASS}.decide`, 'proba', `a matrix with ${s.classes.length} columns (one per class)`, proba);
    }
    const shift = ruleShift(s.priors, s.alpha, s.offsets);
    const idx = argmaxRows(linearScores(logProba(proba), proba.rows, s.weights), proba.rows, shift);
    return Array.from(idx, (j) => s.classes[j] as Label);
  }

  /** An unfitted copy: the wrapped classifier cloned, the same options. */
  clone(): PriorCorrectedClassifier<In> {
    const { classifier, alpha, tune } = this.params;
    return new PriorCorrectedClassifier(cloneEstimator(classifier), { alpha, tune });
  }

  /** Frees what the wrapped classifier holds (its `dispose`, if any). */
  dispose(): void {
    this.params.classifier.dispose?.();
  }

  /**
   * The JSON form: the wrapped classifier's envelope, the options, and the rule learned.
   * @throws {@link SerializationError} when the wrapped classifier has no `toJSON`.
   */
  toJSON(): Envelope<DecisionRuleParamsJSON, DecisionRuleStateJSON | null> {
    const { classifier, alpha, tune } = this.params;
    if (typeof classifier.toJSON !== 'function') {
      throw new SerializationError(`${CLASS}.toJSON: the wrapped classifier has no toJSON, so it cannot be saved.`);
    }
    const s = this.state;
    return makeEnvelope(
      CLASS,
      VERSION,
      { classifier: classifier.toJSON(), alpha, tune: tune ? { ...tune } : null },
      s
        ? {
            classes: [...s.classes],
            priors: [...s.priors],
            alpha: s.alpha,
            offsets: [...s.offsets],
            weights: s.weights === null ? null : s.weights.map((r) => [...r]),
            validationScore: s.validationScore,
            nValidation: s.nValidation,
          }
        : null,
    );
  }

  /**
   * Rebuilds a classifier saved by {@link PriorCorrectedClassifier.toJSON}; the wrapped classifier
   * is built by the class its envelope names, taken from `classes` (as {@link Pipeline.fromJSON}).
   *
   * @typeParam In - The rows the wrapped classifier accepts (not checked).
   * @param json - The envelope, or its JSON text.
   * @param classes - Classes the loader may build, e.g. `{ MLPClassifier }`.
   * @throws {@link SerializationError} naming the path of the first bad field.
   * @example
   * ```ts
   * const again = PriorCorrectedClassifier.fromJSON(clf.toJSON(), { MLPClassifier });
   * ```
   */
  static fromJSON<In = MatrixInput>(json: unknown, classes: PipelineClasses): PriorCorrectedClassifier<In> {
    const read = decisionRuleFromJSON(json, classes, CLASS, VERSION);
    const clf = new PriorCorrectedClassifier(read.classifier as ProbabilisticClassifier<In>, {
      alpha: read.alpha,
      tune: read.tune,
    });
    clf.state = read.state;
    return clf;
  }
}

const HOLDOUT_FIX = 'Remove or merge that class, or tune without it (tune: null).';

function resolveTuning(t: DecisionTuningOptions | null | undefined): DecisionTuning | null {
  if (t === undefined || t === null) return null;
  const who = `${CLASS} tune`;
  const o = checkOptions(who, t, ['search', 'metric', 'validation', 'validationFraction', 'seed']);
  return Object.freeze({
    search: checkOneOf(who, 'search', o.search, ['alpha', 'offsets', 'linear'] as const, 'alpha'),
    metric: checkOneOf(
      who,
      'metric',
      o.metric,
      ['balancedAccuracy', 'macroF1', 'geometricMean'] as const,
      'balancedAccuracy',
    ),
    validation: checkOneOf(who, 'validation', o.validation, ['holdout', 'outOfFold'] as const, 'holdout'),
    validationFraction: checkNumber(who, 'validationFraction', o.validationFraction, { gt: 0, lt: 1 }, 0.1),
    seed: checkInteger(who, 'seed', o.seed, { min: 0 }, 0),
  });
}
