import {
  ADASYN,
  Encoder,
  Matrix,
  Metrics,
  Pipeline,
  RandomOverSampler,
  SMOTE,
  SMOTENC,
  Scaler,
  trainTestSplit,
  type Label,
  type NamedStep,
} from 'imbalanced-tabular';
import { MLPClassifier } from 'imbalanced-tabular/mlp';
import type { Table } from './csv.js';

/** The samplers the page offers. */
export type SamplerChoice = 'none' | 'smote' | 'adasyn' | 'smotenc' | 'random';

/** What the page passes to {@link trainAndEvaluate}. */
export interface TrainOptions {
  target: string;
  sampler: SamplerChoice;
  classWeight: 'balanced' | 'none';
  epochs: number;
  hidden: number[];
  testSize: number;
  seed: number;
  /** Called after every epoch with that epoch's logs. */
  onEpoch?: (epoch: number, logs: { loss: number; accuracy?: number; valLoss?: number }) => void;
  /** Progress messages ("Encoding…", "Resampling…"). */
  onStage?: (message: string) => void;
}

/** One metric row of the results table. `unit` metrics lie in [0, 1]. */
export interface MetricRow {
  name: string;
  value: number;
  range: 'unit' | 'other';
}

/** What the page shows after training. */
export interface TrainResult {
  classes: Label[];
  metrics: MetricRow[];
  /** Rows = true class, columns = predicted class, in `classes` order. */
  confusion: number[][];
  nTrain: number;
  nTrainResampled: number;
  nTest: number;
}

/**
 * One-hot encodes ordinal category codes after SMOTENC has resampled them (SMOTENC works on the
 * Encoder's ordinal codes; the MLP wants one-hot columns). Columns `[0, nCategorical)` hold codes,
 * the rest pass through. A small custom transformer: any object with fit + transform can be a
 * Pipeline step.
 */
class CodesToOneHot {
  private sizes: number[] = [];
  /** @param categories - Number of codes of each of the leading code columns (from the Encoder). */
  constructor(private readonly categories: () => number[]) {}
  get nCategorical(): number {
    return this.sizes.length;
  }
  fit(_X: Matrix): this {
    this.sizes = this.categories();
    return this;
  }
  transform(X: Matrix): Matrix {
    const width = this.sizes.reduce((a, b) => a + b, 0) + X.columns - this.nCategorical;
    const out = Matrix.zeros(X.rows, width);
    for (let i = 0; i < X.rows; i++) {
      let off = 0;
      for (let j = 0; j < this.nCategorical; j++) {
        const code = X.get(i, j);
        const size = this.sizes[j] as number;
        // Unknown categories (negative or unseen codes) stay all zeros.
        if (Number.isInteger(code) && code >= 0 && code < size) out.set(i, off + code, 1);
        off += size;
      }
      for (let j = this.nCategorical; j < X.columns; j++) out.set(i, off++, X.get(i, j));
    }
    return out;
  }
}

const nextFrame = (): Promise<void> => new Promise((ok) => requestAnimationFrame(() => ok()));

/**
 * Splits the table (stratified), then fits Encoder → Scaler → sampler → MLP as one Pipeline on
 * the training rows only, and evaluates on the untouched test rows with Metrics.evaluate.
 */
export async function trainAndEvaluate(table: Table, opts: TrainOptions): Promise<TrainResult> {
  const stage = opts.onStage ?? (() => {});
  const rows = table.rows.filter((r) => r[opts.target] !== null && r[opts.target] !== undefined);
  const y = rows.map((r) => r[opts.target] as Label);
  const features = table.columns.filter((c) => c !== opts.target);
  const categorical = features.filter((c) => !table.numericColumns.has(c));
  const numeric = features.filter((c) => table.numericColumns.has(c));
  if (features.length === 0) throw new Error('The table needs at least one feature column besides the target.');

  const { train, test } = trainTestSplit(rows, y, { testSize: opts.testSize, stratify: true, seed: opts.seed });

  // Output columns: the categorical columns first (one-hot or ordinal), then the numeric ones.
  const ordinal = opts.sampler === 'smotenc' && categorical.length > 0;
  const encoderOptions = {
    categorical,
    numeric,
    encoding: ordinal ? ('ordinal' as const) : ('onehot' as const),
    // Rare categories (< 5 training rows) share one "infrequent" column; unseen ones go there too.
    handleUnknown: 'infrequent' as const,
    minFrequency: 5,
    impute: 'median' as const,
  };
  const encoder = new Encoder(encoderOptions);
  const steps: NamedStep[] = [['encode', encoder]];
  // Scale only the numeric columns, which the Encoder puts last; leave 0/1 indicators and codes
  // alone. The output width is known after fitting, so ask a probe Encoder fitted on the same
  // training rows (never on the test rows).
  const width = new Encoder(encoderOptions).fit(train.X).featureNames().length;
  const numericColumns = Array.from({ length: numeric.length }, (_, j) => width - numeric.length + j);
  if (numericColumns.length > 0) steps.push(['scale', new Scaler({ method: 'standard', columns: numericColumns })]);
  const seed = opts.seed;
  switch (opts.sampler) {
    case 'smote':
      steps.push(['sampler', new SMOTE({ kNeighbors: 5, seed })]);
      break;
    case 'adasyn':
      steps.push(['sampler', new ADASYN({ nNeighbors: 5, seed })]);
      break;
    case 'smotenc':
      if (ordinal) {
        if (numeric.length === 0)
          throw new Error(
            'SMOTENC needs at least one numeric column; use random over-sampling for an all-categorical table.',
          );
        steps.push(['sampler', new SMOTENC({ categoricalFeatures: categorical.map((_, j) => j), seed })]);
        steps.push(['onehot', new CodesToOneHot(() => encoder.fitted.categorical.map((c) => c.nCodes))]);
      } else steps.push(['sampler', new SMOTE({ kNeighbors: 5, seed })]);
      break;
    case 'random':
      steps.push(['sampler', new RandomOverSampler({ seed })]);
      break;
    case 'none':
      break;
  }
  const clf = new MLPClassifier({
    hiddenLayers: opts.hidden.length > 0 ? opts.hidden : [32],
    epochs: opts.epochs,
    batchSize: 64,
    seed,
    backend: 'auto',
    validationFraction: 0.1,
    ...(opts.classWeight === 'balanced' ? { classWeight: 'balanced' as const } : {}),
    onEpochEnd: async (epoch, logs) => {
      opts.onEpoch?.(epoch, logs);
      await nextFrame(); // let the page repaint the curve
    },
  });
  steps.push(['mlp', clf]);
  const pipe = new Pipeline(steps);

  stage(`Fitting ${steps.map(([n]) => n).join(' → ')} on ${train.y.length} training rows…`);
  await nextFrame();
  await pipe.fit(train.X, train.y);

  stage('Evaluating on the test rows…');
  const classes = [...clf.classes];
  const proba = pipe.predictProba(test.X);
  const pred = pipe.predict(test.X);
  const report = Metrics.evaluate(test.y, pred, proba, { labels: classes });
  const rows_: Array<{ name: string; value: number | null; range: MetricRow['range'] }> = [
    { name: 'accuracy', value: report.accuracy, range: 'unit' },
    { name: 'balanced accuracy', value: report.balancedAccuracy, range: 'unit' },
    { name: 'macro F1', value: report.macroF1, range: 'unit' },
    { name: 'weighted F1', value: report.weightedF1, range: 'unit' },
    { name: 'G-mean', value: report.geometricMean, range: 'unit' },
    { name: 'ROC-AUC (ovr, macro)', value: report.rocAucOvrMacro, range: 'unit' },
    { name: 'ROC-AUC (ovr, weighted)', value: report.rocAucOvrWeighted, range: 'unit' },
    { name: 'average precision (macro)', value: report.averagePrecisionMacro, range: 'unit' },
    { name: 'MCC', value: report.mcc, range: 'other' },
    { name: 'log loss', value: report.logLoss, range: 'other' },
  ];
  return {
    classes,
    metrics: rows_.filter((m): m is MetricRow => m.value !== null),
    confusion: report.confusionMatrix,
    nTrain: train.y.length,
    nTrainResampled: pipe.fitted.nSamplesFinal,
    nTest: test.y.length,
  };
}
