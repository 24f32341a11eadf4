/**
 * Steps 3–5 of the example with the library's public API: a stratified train/test split before any
 * resampling, Encoder → Scaler → sampler → MLPClassifier in a Pipeline, and an evaluation of the
 * untouched test set with `Metrics`.
 *
 * @module
 */
import {
  ADASYN,
  Encoder,
  Metrics,
  Pipeline,
  RandomOverSampler,
  Scaler,
  SMOTE,
  SMOTENC,
  rocCurve,
  trainTestSplit,
  type Label,
  type Matrix,
  type NamedStep,
} from 'imbalanced-tabular';
import { MLPClassifier, type EpochLogs } from 'imbalanced-tabular/mlp';
import type { SamplerName } from './cli.js';
import { CodesToOneHot } from './codesToOneHot.js';
import { CATEGORICAL_FEATURES, featureRows, numericColumns, topMocodes, type FeatureRow } from './features.js';
import type { CaseRecord } from './load.js';
import { EpochProgress, type ProgressSink } from './progress.js';
import type { EpochPoint } from './charts.js';

/** The split every configuration shares. */
export interface PreparedData {
  /** Feature rows of the training split (before any resampling). */
  trainRows: FeatureRow[];
  /** Labels of the training split. */
  yTrain: string[];
  /** Feature rows of the untouched test split. */
  testRows: FeatureRow[];
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
export interface PrepareOptions {
  /** Test fraction. */
  testSize: number;
  /** Seed of the split. */
  seed: number;
  /** Number of Mocode indicator columns. */
  mocodes: number;
}

/**
 * Splits the records (stratified on the status, BEFORE any resampling) and builds the feature rows.
 * Classes with a single row cannot be stratified and are dropped (and reported).
 */
export function prepare(records: ReadonlyArray<CaseRecord>, options: PrepareOptions): PreparedData {
  const counts = new Map<string, number>();
  for (const r of records) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const dropped = new Map([...counts].filter(([, n]) => n < 2));
  const kept = dropped.size === 0 ? records : records.filter((r) => !dropped.has(r.status));
  const y = kept.map((r) => r.status);
  const { train, test } = trainTestSplit(kept as CaseRecord[], y, {
    testSize: options.testSize,
    stratify: true,
    seed: options.seed,
  });
  const mocodes = topMocodes(train.X, options.mocodes);
  return {
    trainRows: featureRows(train.X, mocodes),
    yTrain: train.y as string[],
    testRows: featureRows(test.X, mocodes),
    yTest: test.y as string[],
    classes: [...new Set(y)].sort(),
    dropped,
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
  /** Decision rule argmax p(c|x) / prior(c)^alpha. */
  priorAlpha: number;
  /** L2 penalty on the kernels. @defaultValue 0 */
  l2?: number;
  /** Dropout after each hidden layer. @defaultValue 0.2 */
  dropout?: number;
  /** Early-stopping monitor. @defaultValue 'valLoss' */
  monitor?: 'valLoss' | 'valMacroF1';
  /** Adam learning rate. @defaultValue 0.001 */
  learningRate?: number;
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
  /** The fitted pipeline. */
  pipeline: Pipeline;
  /** The fitted network. */
  mlp: MLPClassifier;
  /** Per-epoch history for the training curve. */
  history: EpochPoint[];
  /** Test-set class probabilities (columns follow `report.classes`). */
  proba: Matrix;
  /** Training time in seconds. */
  seconds: number;
}

/**
 * Builds the sampler step of a configuration (`null` = no resampling). `k` neighbours: 5, or fewer
 * when the smallest training class is too small for 5 (SMOTE needs k + 1 rows of the class).
 */
export function makeSampler(
  name: SamplerName,
  seed: number,
  categoricalFeatures: number[],
  smallestClass = Infinity,
): NamedStep[1] {
  const k = Math.max(1, Math.min(5, smallestClass - 1));
  switch (name) {
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

/** argmax of p(c|x) / prior(c)^alpha per row (alpha 0 is the plain argmax). */
export function priorCorrectedPredict(
  proba: Matrix,
  classes: ReadonlyArray<string>,
  priors: ReadonlyArray<number>,
  alpha: number,
): string[] {
  const out: string[] = new Array(proba.rows);
  const w = priors.map((p) => (alpha === 0 ? 1 : Math.max(p, 1e-12) ** -alpha));
  for (let i = 0; i < proba.rows; i++) {
    let best = 0;
    let bestV = -Infinity;
    for (let j = 0; j < classes.length; j++) {
      const v = proba.get(i, j) * w[j]!;
      if (v > bestV) {
        bestV = v;
        best = j;
      }
    }
    out[i] = classes[best]!;
  }
  return out;
}

/** Trains one configuration on `data.trainRows` and evaluates it on `data.testRows`. */
export async function runConfig(
  data: PreparedData,
  config: ModelConfig,
  sink: ProgressSink,
  label: string,
): Promise<ExperimentResult> {
  const ordinal = config.sampler === 'smotenc';
  const encoder = new Encoder({
    ...(ordinal ? { encoding: 'ordinal' as const } : {}),
    categorical: [...CATEGORICAL_FEATURES],
    numeric: numericColumns(data.mocodes),
    handleUnknown: 'infrequent',
    minFrequency: config.minFrequency,
    maxCategories: config.maxCategories,
    impute: 'median',
  });
  // SMOTENC works on the ORDINAL encoding: one integer-code column per categorical feature (they come
  // first in the Encoder's output), the numeric columns after them. Only those are scaled; after
  // resampling, CodesToOneHot one-hot encodes the code columns for the MLP.
  const nCat = CATEGORICAL_FEATURES.length;
  const nNum = numericColumns(data.mocodes).length;
  const categoricalFeatures = ordinal ? Array.from({ length: nCat }, (_, j) => j) : [];
  const progress = new EpochProgress(sink, config.epochs, label);
  const history: EpochPoint[] = [];
  const mlp = new MLPClassifier({
    hiddenLayers: config.hidden,
    dropout: config.dropout ?? 0.2,
    l2: config.l2 ?? 0,
    learningRate: config.learningRate ?? 0.001,
    epochs: config.epochs,
    batchSize: config.batchSize,
    seed: config.seed,
    validationFraction: 0.1,
    earlyStopping: { monitor: config.monitor ?? 'valLoss', patience: 4, restoreBestWeights: true },
    ...(config.classWeight === 'balanced' ? { classWeight: 'balanced' as const } : {}),
    onEpochEnd: (epoch: number, logs: EpochLogs) => {
      history.push({
        epoch: epoch + 1,
        loss: logs.loss,
        accuracy: logs.accuracy,
        ...(logs.valLoss !== undefined ? { valLoss: logs.valLoss } : {}),
        ...(logs.valAccuracy !== undefined ? { valAccuracy: logs.valAccuracy } : {}),
      });
      progress.epoch(epoch + 1, {
        loss: logs.loss,
        accuracy: logs.accuracy,
        valName: 'valMacroF1',
        ...(logs.valMacroF1 !== undefined ? { valValue: logs.valMacroF1 } : {}),
      });
    },
  });
  const smallest = Math.min(...data.classes.map((c) => data.yTrain.filter((y) => y === c).length));
  const steps: NamedStep[] = ordinal
    ? [
        ['encode', encoder],
        ['scale', new Scaler({ method: 'standard', columns: Array.from({ length: nNum }, (_, j) => nCat + j) })],
        ['sample', makeSampler('smotenc', config.seed, categoricalFeatures, smallest)],
        ['onehot', new CodesToOneHot({ categorical: categoricalFeatures })],
        ['mlp', mlp],
      ]
    : [
        ['encode', encoder],
        ['scale', new Scaler({ method: 'standard' })],
        ['sample', makeSampler(config.sampler, config.seed, categoricalFeatures, smallest)],
        ['mlp', mlp],
      ];
  const pipeline = new Pipeline(steps);
  const t0 = performance.now();
  try {
    await pipeline.fit(data.trainRows, data.yTrain);
  } finally {
    progress.stop();
  }
  const seconds = (performance.now() - t0) / 1000;
  const classes = (mlp.classes as Label[]).map(String);
  const proba = pipeline.predictProba(data.testRows);
  const priors = classes.map((c) => data.yTrain.filter((y) => y === c).length / data.yTrain.length);
  const yPred = priorCorrectedPredict(proba, classes, priors, config.priorAlpha);
  const m = Metrics.evaluate(data.yTest, yPred, proba, { labels: classes });
  const report: EvaluationReport = {
    accuracy: m.accuracy,
    balancedAccuracy: m.balancedAccuracy,
    macroF1: m.macroF1,
    rocAucOvrMacro: m.rocAucOvrMacro,
    rocAucOvrWeighted: m.rocAucOvrWeighted,
    rocAucOvoMacro: m.rocAucOvoMacro,
    nTrain: data.yTrain.length,
    nTrainResampled: pipeline.fitted.nSamplesFinal,
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
  return { report, pipeline, mlp, history, proba, seconds };
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
