/**
 * Steps 3–5 of the example with the library's public API: a stratified train/test split before any
 * resampling, Encoder → Scaler → sampler → MLPClassifier (compact: codes and lazy views, the sampler
 * streaming mini-batches into the MLP; saved as a Pipeline), and an evaluation of the untouched test
 * set with `Metrics`.
 *
 * @module
 */
import {
  ADASYN,
  BorderlineSMOTE,
  ColumnTransformer,
  EditedNearestNeighbours,
  Encoder,
  type EncodedMatrix,
  EnsembleClassifier,
  Matrix,
  Metrics,
  NeighbourhoodCleaningRule,
  Pipeline,
  PriorCorrectedClassifier,
  RandomOverSampler,
  Scaler,
  SMOTE,
  SMOTEENN,
  SMOTENC,
  SMOTETomek,
  TomekLinks,
  TargetEncoder,
  rocCurve,
  type ColumnarTable,
  type DecisionMetric,
  type DecisionSearch,
  type Envelope,
  type Label,
  type LazySampler,
  type NamedStep,
  type RowSource,
} from 'imbalanced-tabular';
import { MLPClassifier, type EpochLogs } from 'imbalanced-tabular/mlp';
import type { SamplerName } from './cli.js';
import { CaseFeatures } from './CaseFeatures.js';
import { CodesToOneHot } from './codesToOneHot.js';
import type { CaseColumns } from './caseColumns.js';
import {
  CATEGORICAL_FEATURES,
  type DateFeature,
  featureTable,
  numericColumns,
  TARGET_ONLY_FEATURES,
  type TargetOnlyFeature,
  topMocodesOf,
} from './features.js';
import { PREDICT_CHUNK } from './memory.js';
import type { PhaseLog } from './phases.js';
import { PhaseProgress, type ProgressSink, TrainProgress } from './progress.js';
import { type SplitOptions, splitCases } from './split.js';
import type { EpochPoint, StoppingMarks } from './charts.js';

/** The split every configuration shares. */
export interface PreparedData {
  /** Feature table of the training split (before any resampling). */
  train: ColumnarTable;
  /** Labels of the training split. */
  yTrain: string[];
  /** Feature table of the untouched test split. */
  test: ColumnarTable;
  /** Labels of the test split. */
  yTest: string[];
  /** Sorted classes present in the data. */
  classes: string[];
  /** Classes dropped because they have fewer than 2 rows (a stratified split needs 2). */
  dropped: Map<string, number>;
  /** The Mocodes turned into indicator columns (chosen on the training split). */
  mocodes: string[];
}

/** Options of {@link prepare}. */
export interface PrepareOptions extends SplitOptions {
  /** Number of Mocode indicator columns. */
  mocodes: number;
  /**
   * High-cardinality features the tables should hold (see `TARGET_ONLY_FEATURES`): only those a
   * configuration target-encodes, as they cost a dictionary each. @defaultValue []
   */
  targetOnly?: ReadonlyArray<TargetOnlyFeature>;
  /** Progress of the feature building. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Splits the cases (stratified on the status, BEFORE any resampling) and builds the feature table
 * of each side; the Mocode vocabulary is chosen on the training rows. Classes with a single row
 * cannot be stratified and are dropped (and reported).
 */
export function prepare(cases: CaseColumns, options: PrepareOptions): PreparedData {
  const split = splitCases(cases, options);
  const mocodes = topMocodesOf(cases, split.train, options.mocodes);
  options.onProgress?.(0, 2);
  const targetOnly = options.targetOnly ?? [];
  const train = featureTable(cases, split.train, mocodes, targetOnly);
  options.onProgress?.(1, 2);
  const test = featureTable(cases, split.test, mocodes, targetOnly);
  options.onProgress?.(2, 2);
  return {
    train,
    yTrain: split.yTrain,
    test,
    yTest: split.yTest,
    classes: split.classes,
    dropped: split.dropped,
    mocodes,
  };
}

/** One model configuration. */
export interface ModelConfig {
  /** Sampler step. */
  sampler: SamplerName;
  /** MLP class weights. */
  classWeight: 'balanced' | 'none';
  /** Epochs (maximum; early stopping on validation macro F1 may stop sooner). */
  epochs: number;
  /** Hidden layer widths. */
  hidden: number[];
  /** Mini-batch size. */
  batchSize: number;
  /** Seed of the sampler and the network. */
  seed: number;
  /** Encoder's `minFrequency`. */
  minFrequency: number;
  /** Encoder's `maxCategories` (per categorical column, the infrequent group included). */
  maxCategories: number;
  /**
   * Decision rule argmax p(c|x) / prior(c)^alpha, the priors of what the MLP trained on (after
   * resampling): see {@link PriorCorrectedClassifier}.
   */
  priorAlpha: number;
  /**
   * Tune the rule for this metric instead of a fixed alpha: on a stratified 10% hold-out of the
   * training rows, or with `crossFit` on the networks' out-of-fold probabilities.
   */
  tuneMetric?: DecisionMetric;
  /** What the tuning searches (PriorCorrectedClassifier's `tune.search`). @defaultValue 'alpha' */
  ruleSearch?: DecisionSearch;
  /**
   * Cross-fitted networks: k folds of the training rows, each network trained without one fold
   * (EnsembleClassifier's `crossFit`); `ensemble` networks in all (a multiple of k; 1 means k).
   */
  crossFit?: number;
  /** L2 penalty on the kernels. @defaultValue 0 */
  l2?: number;
  /** Dropout after each hidden layer. @defaultValue 0.2 */
  dropout?: number;
  /** Early-stopping monitor. @defaultValue 'valLoss' */
  monitor?: 'valLoss' | 'valMacroF1';
  /** Adam learning rate. @defaultValue 0.001 */
  learningRate?: number;
  /** Categorical features target-encoded (cross-fitted TargetEncoder) instead of one-hot. @defaultValue [] */
  targetEncode?: string[];
  /**
   * TargetEncoder's `smooth` for `targetEncode` ('auto' or m ≥ 0), for all of them or per feature
   * (features not named keep 'auto'); one TargetEncoder per distinct value. @defaultValue 'auto'
   */
  targetSmooth?: 'auto' | number | Record<string, 'auto' | number>;
  /** Networks (seeds) whose probabilities are averaged (EnsembleClassifier). @defaultValue 1 */
  ensemble?: number;
  /** Absolute-date features the Encoder uses besides the default ones (see `DATE_FEATURES`). @defaultValue [] */
  dates?: DateFeature[];
}

/**
 * The TargetEncoder steps of `targetEncode`: one per distinct `smooth` (`smooth` per feature, or one
 * for all), in the order of the first feature with that value; named `target`, `target2`, ….
 */
function targetEncoders(
  features: ReadonlyArray<string>,
  smooth: ModelConfig['targetSmooth'],
  seed: number,
): Array<[string, TargetEncoder]> {
  const smoothOf = (f: string): 'auto' | number =>
    smooth === undefined ? 'auto' : typeof smooth === 'object' ? (smooth[f] ?? 'auto') : smooth;
  const groups = new Map<'auto' | number, string[]>();
  for (const f of features) {
    const m = smoothOf(f);
    groups.set(m, [...(groups.get(m) ?? []), f]);
  }
  return [...groups].map(([m, columns], g) => [
    g === 0 ? 'target' : `target${g + 1}`,
    new TargetEncoder({ columns, seed, smooth: m }),
  ]);
}

/** The high-cardinality features `targetEncode` names (what {@link prepare}'s `targetOnly` needs). */
export function targetOnlyOf(targetEncode: ReadonlyArray<string> = []): TargetOnlyFeature[] {
  return TARGET_ONLY_FEATURES.filter((f) => targetEncode.includes(f));
}

/** Metrics of one configuration on the test set (the keys of metrics.json). */
export interface EvaluationReport {
  accuracy: number;
  balancedAccuracy: number;
  macroF1: number;
  rocAucOvrMacro: number | null;
  rocAucOvrWeighted: number | null;
  rocAucOvoMacro: number | null;
  nTrain: number;
  nTrainResampled: number;
  nTest: number;
  classes: string[];
  confusionMatrix: number[][];
  perClass: Array<{
    label: string;
    precision: number;
    recall: number;
    f1: number;
    support: number;
    rocAuc: number | null;
  }>;
  report: string;
  reportImbalanced: string;
  notes: string[];
}

/** Everything a run produces. */
export interface ExperimentResult {
  /** Test-set metrics. */
  report: EvaluationReport;
  /** What `Pipeline.toJSON()` of the fitted steps gives (loads with `Pipeline.fromJSON`). */
  pipelineJson: Envelope;
  /** The fitted network. */
  mlp: MLPClassifier;
  /** The decision rule wrapping it (priors, alpha, offsets), saved as the pipeline's last step. */
  rule: PriorCorrectedClassifier<RowSource>;
  /** Per-epoch history for the training curve. */
  history: EpochPoint[];
  /** Where early stopping acted (1-based epochs; empty when training ran every epoch). */
  stopping: StoppingMarks;
  /** Test-set class probabilities (columns follow `report.classes`). */
  proba: Matrix;
  /** Training time in seconds. */
  seconds: number;
}

/** The samplers of {@link makeSampler}: each one's lazy form is what the MLP trains on. */
export type ExampleSampler =
  | SMOTE
  | ADASYN
  | SMOTENC
  | RandomOverSampler
  | BorderlineSMOTE
  | SMOTETomek
  | SMOTEENN
  | TomekLinks
  | EditedNearestNeighbours
  | NeighbourhoodCleaningRule;

/**
 * Builds the sampler of a configuration (`null` = no resampling). `k` neighbours: 5, or fewer
 * when the smallest training class is too small for 5 (SMOTE needs k + 1 rows of the class).
 * The cleaning samplers and combinations keep their
 * imbalanced-learn defaults (ENN: 3 neighbours, `kindSel` 'all'; the combinations' cleaning step
 * on all classes).
 */
export function makeSampler(
  name: SamplerName,
  seed: number,
  categoricalFeatures: number[],
  smallestClass = Infinity,
): ExampleSampler | null {
  const k = Math.max(1, Math.min(5, smallestClass - 1));
  // The combinations' SMOTE: the default one (seeded, 5 neighbours, written to JSON) when every class
  // has 6 rows or more; else a SMOTE with fewer neighbours as their `smote` step.
  const combined = k === 5 ? { seed } : { smote: new SMOTE({ kNeighbors: k, seed }) };
  switch (name) {
    case 'borderline':
      return new BorderlineSMOTE({ kNeighbors: k, seed });
    case 'smotetomek':
      return new SMOTETomek(combined);
    case 'smoteenn':
      return new SMOTEENN(combined);
    case 'tomek':
      return new TomekLinks();
    case 'enn':
      return new EditedNearestNeighbours();
    case 'ncr':
      return new NeighbourhoodCleaningRule();
    case 'smote':
      return new SMOTE({ kNeighbors: k, seed });
    case 'adasyn':
      return new ADASYN({ nNeighbors: 5, seed });
    case 'smotenc':
      return new SMOTENC({ categoricalFeatures, kNeighbors: k, seed });
    case 'random':
      return new RandomOverSampler({ seed });
    case 'none':
      return null;
  }
}

/**
 * Trains one configuration on `data.train` and evaluates it on `data.test`, compactly end to end:
 * the Encoder's compact output (codes per row, the feature table's numeric columns referenced),
 * the Scaler's lazy view of it, the sampler's lazy stream given to the MLP (`fit(X, y, { sampler })`:
 * the validation hold-out is taken from the original rows first), and prediction in chunks of
 * gathered rows. For SMOTENC the Encoder is ordinal, only the numeric columns are scaled, SMOTENC
 * streams batches of codes, and {@link CodesToOneHot} expands them (and the rows the MLP gathers
 * itself) one-hot. `phases` records time and peak memory per phase.
 */
export async function runConfig(
  data: PreparedData,
  config: ModelConfig,
  sink: ProgressSink,
  label: string,
  phases?: PhaseLog,
): Promise<ExperimentResult> {
  const ordinal = config.sampler === 'smotenc';
  const t0 = performance.now();
  phases?.start('encode + scale');
  // --target-encode: those features are target-encoded (cross-fitted on the training rows, one column
  // per class) and the others one-hot, in one ColumnTransformer step, saved in pipeline.json.
  const targetEncode = config.targetEncode ?? [];
  const categorical = CATEGORICAL_FEATURES.filter((c) => !targetEncode.includes(c));
  const numeric = numericColumns(data.mocodes, config.dates ?? []);
  const nCat = categorical.length;
  const categoricalFeatures = ordinal ? Array.from({ length: nCat }, (_, j) => j) : [];
  const encoder = new Encoder({
    ...(ordinal ? { encoding: 'ordinal' as const } : {}),
    categorical,
    numeric,
    handleUnknown: 'infrequent',
    minFrequency: config.minFrequency,
    maxCategories: config.maxCategories,
    impute: 'median',
    output: 'compact',
  });
  const encode: Encoder<'compact'> | ColumnTransformer =
    targetEncode.length > 0
      ? new ColumnTransformer({
          transformers: [['encoder', encoder], ...targetEncoders(targetEncode, config.targetSmooth, config.seed)],
        })
      : encoder;
  const Xe: RowSource =
    encode instanceof ColumnTransformer
      ? encode.fitTransform(data.train, data.yTrain)
      : encoder.fitTransform(data.train);
  // SMOTENC works on the ORDINAL encoding: one integer-code column per categorical feature (they come
  // first in the output), the numeric columns (and target encodings) after them; only those are scaled.
  const scaler = new Scaler({
    method: 'standard',
    ...(ordinal ? { columns: Array.from({ length: Xe.columns - nCat }, (_, j) => nCat + j) } : {}),
  });
  const Xs = scaler.fitTransform(Xe);
  // The codes' ranges come from the Encoder's output (the ColumnTransformer's starts with it).
  const toOneHot = new CodesToOneHot({ categorical: categoricalFeatures });
  const onehot = !ordinal
    ? undefined
    : encode instanceof ColumnTransformer
      ? toOneHot.fitCodes(encoder.transform(data.train), Xs.columns)
      : toOneHot.fit(Xs as EncodedMatrix);
  const Xmlp: RowSource = onehot ? onehot.transform(Xs) : Xs;
  const smallest = Math.min(...data.classes.map((c) => data.yTrain.filter((y) => y === c).length));
  const sampler = makeSampler(config.sampler, config.seed, categoricalFeatures, smallest);
  // SMOTENC resamples the codes; the MLP receives them one-hot (its hold-out rows through Xmlp).
  const lazy: LazySampler | undefined =
    sampler && onehot
      ? { fitStream: (_X, y, options) => onehot.transformStream(sampler.fitStream(Xs, y, options)) }
      : (sampler ?? undefined);
  const progress = new TrainProgress(sink, config.epochs, label, phases, lazy !== undefined);
  const history: EpochPoint[] = [];
  const makeMlp = (seed: number, record: boolean) =>
    new MLPClassifier({
      hiddenLayers: config.hidden,
      dropout: config.dropout ?? 0.2,
      l2: config.l2 ?? 0,
      learningRate: config.learningRate ?? 0.001,
      epochs: config.epochs,
      batchSize: config.batchSize,
      seed,
      validationFraction: 0.1,
      earlyStopping: { monitor: config.monitor ?? 'valLoss', patience: 4, restoreBestWeights: true },
      ...(config.classWeight === 'balanced' ? { classWeight: 'balanced' as const } : {}),
      onProgress: (p) => progress.report(p),
      onEpochEnd: (epoch: number, logs: EpochLogs) => {
        if (record)
          history.push({
            epoch: epoch + 1,
            loss: logs.loss,
            accuracy: logs.accuracy,
            ...(logs.valLoss !== undefined ? { valLoss: logs.valLoss } : {}),
            ...(logs.valAccuracy !== undefined ? { valAccuracy: logs.valAccuracy } : {}),
          });
        progress.epoch(epoch + 1, logs);
      },
    });
  // --ensemble n: n networks with seeds drawn from config.seed, probabilities averaged; the charts
  // show the first network's history.
  // --cross-fit k: k networks (or --ensemble n, a multiple of k), each trained without one fold, so the
  // rule can be tuned on out-of-fold probabilities of every training row.
  const crossFit = config.crossFit ?? null;
  const n = crossFit !== null && (config.ensemble ?? 1) === 1 ? crossFit : (config.ensemble ?? 1);
  const model =
    n > 1
      ? new EnsembleClassifier({
          estimator: (s, i) => makeMlp(s, i === 0),
          nEstimators: n,
          seed: config.seed,
          ...(crossFit !== null ? { crossFit } : {}),
        })
      : makeMlp(config.seed, true);
  // The decision rule takes the priors of what the model trains on: the labels, or with a lazy sampler
  // the class mix of its epochs, so a rebalanced MLP is not corrected a second time.
  const rule = new PriorCorrectedClassifier<RowSource>(
    model,
    config.tuneMetric
      ? {
          tune: {
            metric: config.tuneMetric,
            seed: config.seed,
            search: config.ruleSearch ?? 'alpha',
            validation: crossFit !== null ? 'outOfFold' : 'holdout',
          },
        }
      : { alpha: config.priorAlpha },
  );
  phases?.start(lazy ? 'resample (fit)' : 'train');
  try {
    await rule.fit(Xmlp, data.yTrain, lazy ? { sampler: lazy } : {});
  } finally {
    progress.stop();
  }
  const mlp = model instanceof EnsembleClassifier ? (model.fitted.members[0] as MLPClassifier) : model;
  const stopping = stoppingMarks(mlp);
  if (sink.enabled) {
    const line = stoppingLine(stopping, config.epochs, config.monitor ?? 'valLoss');
    if (line) sink.line(`${label.trim()}: ${line}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  phases?.start('predict + evaluate');
  const classes = (model.classes as Label[]).map(String);
  const Xtest = scaler.transform(encode.transform(data.test));
  const proba = predictInChunks(model, onehot ? onehot.transform(Xtest) : Xtest, sink, label);
  // `mlp` (the first network) is returned for its summary and pictures; the others are freed here.
  if (model instanceof EnsembleClassifier) for (const m of model.fitted.members.slice(1)) m.dispose();
  const yPred = rule.decide(proba).map(String);
  const m = Metrics.evaluate(data.yTest, yPred, proba, { labels: classes });
  const counts = sampler ? sampler.fitted.counts : countsOf(data.yTrain);
  const nTrainResampled = [...counts.values()].reduce((a, b) => a + b, 0);
  const report: EvaluationReport = {
    accuracy: m.accuracy,
    balancedAccuracy: m.balancedAccuracy,
    macroF1: m.macroF1,
    rocAucOvrMacro: m.rocAucOvrMacro,
    rocAucOvrWeighted: m.rocAucOvrWeighted,
    rocAucOvoMacro: m.rocAucOvoMacro,
    nTrain: data.yTrain.length,
    nTrainResampled,
    nTest: data.yTest.length,
    classes,
    confusionMatrix: m.confusionMatrix,
    perClass: m.perClass.map((c) => ({
      label: String(c.label),
      precision: c.precision,
      recall: c.recall,
      f1: c.f1Score,
      support: c.support,
      rocAuc: c.rocAuc,
    })),
    report: m.report,
    reportImbalanced: m.reportImbalanced,
    notes: m.notes,
  };
  // Only the steps' toJSON() is used: a Pipeline's steps are typed for dense matrices, which the
  // compact Encoder's output is not.
  const steps = [
    // Raw CSV rows in: the cleaning and feature building, with the Mocode vocabulary of this split.
    ['features', CaseFeatures.withVocabulary(data.mocodes)],
    ['encode', encode as unknown as NamedStep[1]],
    ['scale', scaler],
    ...(sampler
      ? [['sample', makeSampler(config.sampler, config.seed, categoricalFeatures, smallest)] as NamedStep]
      : []),
    ...(onehot ? [['onehot', onehot] as NamedStep] : []),
    ['rule', rule],
  ] as NamedStep[];
  const pipelineJson = fittedPipelineJSON(steps, countsOf(data.yTrain), counts);
  return { report, pipelineJson, mlp, rule, history, stopping, proba, seconds };
}

/**
 * The 1-based epochs early stopping stopped on and whose weights it restored (MLPClassifier's are
 * 0-based).
 */
export function stoppingMarks(mlp: MLPClassifier): StoppingMarks {
  const { stoppedEpoch, bestEpoch, history } = mlp.fitted;
  // Weights are restored only when the best epoch is not the last one trained.
  const restored = bestEpoch !== undefined && bestEpoch !== history.length - 1;
  return {
    ...(stoppedEpoch !== undefined ? { stopped: stoppedEpoch + 1 } : {}),
    ...(restored ? { restored: bestEpoch + 1 } : {}),
  };
}

/** The announcement of early stopping, or undefined when training ran every epoch. */
export function stoppingLine(marks: StoppingMarks, epochs: number, monitor: string): string | undefined {
  if (marks.stopped === undefined) return undefined;
  const restored =
    marks.restored !== undefined
      ? `restored the weights of epoch ${marks.restored} (the best ${monitor})`
      : 'kept the last weights';
  return `early stopping: stopped after epoch ${marks.stopped} of ${epochs} (no better ${monitor}); ${restored}.`;
}

/** The decision rule in words, for the report, the confusion-matrix subtitle and metrics.json. */
export function ruleDescription(rule: PriorCorrectedClassifier<RowSource>): string {
  const f = rule.fitted;
  const tune = rule.params.tune;
  const shifted = f.offsets.some((o) => o !== 0);
  if (!tune && f.alpha === 0) return 'plain argmax p(c|x)';
  const rows = `${f.nValidation} ${tune?.validation === 'outOfFold' ? 'out-of-fold' : 'held-out'} rows`;
  if (tune && f.weights !== null)
    return (
      `argmax W·log p(c|x) + b, a class-balanced logistic rule fitted on ${rows} ` +
      `(${tune.metric} there ${f.validationScore?.toFixed(3)})`
    );
  const how = tune ? `α = ${f.alpha} tuned for ${tune.metric} on ${rows}` : `α = ${f.alpha}`;
  return `argmax p(c|x) / prior(c)^α${shifted ? ' + offsets' : ''}, ${how}, priors of the training data as trained on`;
}

/** Class → count, sorted by class. */
function countsOf(y: ReadonlyArray<string>): Map<Label, number> {
  const m = new Map<Label, number>();
  for (const v of [...y].sort()) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

/**
 * The JSON a `Pipeline` of these fitted steps would write after `fit` — the steps' own envelopes
 * and what the pipeline learned (rows and class counts before and after resampling) — so
 * `Pipeline.fromJSON(json, { Encoder, Scaler, SMOTE, …, MLPClassifier })` loads it as before. The
 * steps were fitted one by one (the sampler lazily, inside the MLP's fit), not by `Pipeline.fit`.
 */
function fittedPipelineJSON(
  steps: NamedStep[],
  countsIn: ReadonlyMap<Label, number>,
  countsFinal: ReadonlyMap<Label, number>,
): Envelope {
  const total = (m: ReadonlyMap<Label, number>): number => [...m.values()].reduce((a, b) => a + b, 0);
  return {
    ...new Pipeline(steps).toJSON(),
    state: {
      nSamplesIn: total(countsIn),
      nSamplesFinal: total(countsFinal),
      classCountsIn: [...countsIn],
      classCountsFinal: [...countsFinal],
    },
  } as Envelope;
}

/** `mlp.predictProba` over `X` in chunks of {@link PREDICT_CHUNK} rows, with progress. */
function predictInChunks(
  mlp: { predictProba(X: RowSource): Matrix },
  X: RowSource,
  sink: ProgressSink,
  label: string,
): Matrix {
  const progress = new PhaseProgress(sink, `${label} predict`, X.rows);
  const parts: Matrix[] = [];
  for (let start = 0; start < X.rows; start += PREDICT_CHUNK) {
    const rows = Math.min(PREDICT_CHUNK, X.rows - start);
    parts.push(mlp.predictProba(rowRange(X, start, rows)));
    progress.update(
      start + rows,
      `${(start + rows).toLocaleString('en-US')} of ${X.rows.toLocaleString('en-US')} rows`,
    );
  }
  progress.stop();
  if (parts.length === 1) return parts[0]!;
  const k = parts[0]?.columns ?? 0;
  const all = new Float64Array(X.rows * k);
  let offset = 0;
  for (const p of parts) {
    for (let i = 0; i < p.rows; i++) for (let j = 0; j < k; j++) all[(offset + i) * k + j] = p.get(i, j);
    offset += p.rows;
  }
  return Matrix.from1DArray(X.rows, k, all);
}

/** Rows `start … start + rows − 1` of `X`, as a row source. */
function rowRange(X: RowSource, start: number, rows: number): RowSource {
  return {
    rows,
    columns: X.columns,
    gatherRows(indices: ArrayLike<number>, out: Float32Array): void {
      const shifted = Int32Array.from(indices as ArrayLike<number>, (i) => i + start);
      X.gatherRows(shifted, out);
    },
  };
}

/**
 * One-vs-rest ROC curves of every class present in the test set, for the picture; the AUCs are the
 * per-class one-vs-rest AUCs `Metrics.evaluate` computed.
 */
export function rocSeries(
  yTest: ReadonlyArray<string>,
  proba: Matrix,
  report: EvaluationReport,
): Array<{ label: string; auc: number; fpr: number[]; tpr: number[] }> {
  const present = new Set(yTest);
  return report.classes.flatMap((c, j) => {
    const auc = report.perClass.find((p) => p.label === c)?.rocAuc ?? null;
    if (!present.has(c) || auc === null) return [];
    const curve = rocCurve(yTest, proba.getColumn(j), { posLabel: c });
    return [{ label: c, auc, fpr: curve.fpr, tpr: curve.tpr }];
  });
}
