/**
 * What one `MLPClassifier.fit` trains on, from any of its three call forms — rows and labels, rows
 * and labels resampled lazily by a sampler, or a ready {@link BatchSource} — as one stream of
 * epochs of float32 mini-batches, the classes, the class weights and the validation rows.
 * @internal
 */
import type { Batch, BatchSource } from '../core/batchSource.js';
import { balancedWeight, computeClassWeight } from '../core/classWeight.js';
import type { ClassWeightSpec } from '../core/classWeight.js';
import { DataValidationError, InvalidParameterError, describe } from '../core/errors.js';
import { checkLabels, compareLabels, encodeLabels, uniqueSorted } from '../core/labels.js';
import type { Label, MatrixInput } from '../core/matrix.js';
import type { Random } from '../core/Random.js';
import type { RowSource } from '../core/rowSource.js';
import { asRowSource } from './inputRows.js';
import type { MLPClassifierParams, MLPFitOptions } from './options.js';
import { explicitValidation, splitValidation } from './validationSplit.js';

/** The training batches, epoch after epoch. @internal */
export interface EpochStream {
  /** Rows in one epoch. */
  readonly epochRows: number;
  /** Largest batch the stream yields. */
  readonly batchSize: number;
  /** The batches of one epoch; called once per epoch, in order 0, 1, 2, … */
  batches(epoch: number): Iterable<Batch>;
}

/** Everything a fit needs besides the params. @internal */
export interface FitInput {
  /** Sorted classes (batch labels index them). */
  classes: Label[];
  /** Number of features. */
  nFeatures: number;
  /** The training batches. */
  stream: EpochStream;
  /** Loss weight of each class index. */
  classWeights: Float64Array;
  /** Validation rows, row-major float32 (absent without validation). */
  valX: Float32Array | undefined;
  /** Validation class indices. */
  valY: Int32Array | undefined;
}

/**
 * Resolves a fit's input: `batches` when fitting a {@link BatchSource}, else the rows `X`, labels
 * `y` and fit options. Draws the stratified hold-out from `rng` (before anything else).
 * @throws {@link DataValidationError} / {@link InvalidParameterError} as `MLPClassifier.fit` documents.
 * @internal
 */
export function resolveFitInput(
  p: MLPClassifierParams,
  args: { batches: BatchSource } | { X: MatrixInput | RowSource; y: ReadonlyArray<Label>; options: MLPFitOptions },
  rng: Random,
  who: string,
): FitInput {
  if ('batches' in args) return fromBatchSource(p, args.batches, who);
  const { X, y, options } = args;
  const source = asRowSource(X, { who });
  const labels = checkLabels(y, who, 'y', source.rows);
  const classes = uniqueSorted(labels);
  checkTwoClasses(classes, who);
  const yIdx = encodeLabels(labels, classes, who);
  // Weights over every label of y (the hold-out included), as they always were; checked before the split.
  const cw = classWeights(p.classWeight, classes, labels, who);
  const { trainIdx, valX, valY } = splitValidation(p, source, yIdx, classes, rng, who);
  const d = source.columns;
  if (options.sampler) {
    const rows = p.validationData ? undefined : trainIdx;
    const stream = options.sampler.fitStream(source, labels, {
      ...(rows ? { rows } : {}),
      ...(p.onProgress ? { onProgress: p.onProgress } : {}),
    });
    return streamInput(p, stream, classes, d, { valX, valY }, who);
  }
  return {
    classes,
    nFeatures: d,
    stream: rowStream(source, yIdx, trainIdx, p.batchSize, rng),
    classWeights: cw,
    valX,
    valY,
  };
}

function fromBatchSource(p: MLPClassifierParams, source: BatchSource, who: string): FitInput {
  if (!p.validationData && p.validationFraction > 0) {
    throw new InvalidParameterError(
      'validationFraction',
      `${who}: validationFraction = ${p.validationFraction} cannot hold rows out of a BatchSource (its ` +
        'batches mix original and synthetic rows). Pass validationData, or fit(X, y, { sampler }) so the ' +
        'hold-out is taken from the original rows first.',
    );
  }
  const classes = [...source.classes];
  checkTwoClasses(classes, who);
  const val = explicitValidation(p, source.nFeatures, classes, who);
  return streamInput(p, source, classes, source.nFeatures, { valX: val?.valX, valY: val?.valY }, who);
}

/** A fit on the batches of `source`, once they are checked against the classes and `d` features. */
function streamInput(
  p: MLPClassifierParams,
  source: BatchSource,
  classes: Label[],
  d: number,
  val: { valX: Float32Array | undefined; valY: Int32Array | undefined },
  who: string,
): FitInput {
  checkStream(source, d, classes, who);
  const batchSize = Math.min(p.batchSize, source.epochRows);
  return {
    classes,
    nFeatures: d,
    stream: { epochRows: source.epochRows, batchSize, batches: (e) => source.batches(e, batchSize) },
    classWeights: streamClassWeights(p.classWeight, source, who),
    ...val,
  };
}

/**
 * The epochs of rows `trainIdx` of `source`: shuffled with `rng` at the start of every epoch, cut
 * into batches of `min(batchSize, rows)` gathered into one reused float32 buffer.
 */
function rowStream(
  source: RowSource,
  yIdx: Int32Array,
  trainIdx: Int32Array,
  batchSize: number,
  rng: Random,
): EpochStream {
  const n = trainIdx.length;
  const B = Math.min(batchSize, n);
  const order = Int32Array.from(trainIdx);
  const x = new Float32Array(B * source.columns);
  const y = new Int32Array(B);
  function* epoch(): Generator<Batch> {
    rng.shuffle(order);
    for (let start = 0; start < n; start += B) {
      const size = Math.min(B, n - start);
      const rows = order.subarray(start, start + size);
      source.gatherRows(rows, x);
      for (let i = 0; i < size; i++) y[i] = yIdx[rows[i] as number] as number;
      yield { x, y, size };
    }
  }
  return { epochRows: n, batchSize: B, batches: epoch };
}

function checkTwoClasses(classes: readonly Label[], who: string): void {
  if (classes.length < 2) {
    throw new DataValidationError(
      `${who}: y has a single class (${describe(classes[0])}); a classifier needs at least two. ` +
        'Check the target column or the split.',
      { param: 'y' },
    );
  }
}

/** A stream's shape matches the data: its feature count, and classes sorted, distinct, as expected. */
function checkStream(s: BatchSource, d: number, classes: readonly Label[], who: string): void {
  const fail = (what: string): never => {
    throw new DataValidationError(`${who}: the batch source ${what}.`, { param: 'batches' });
  };
  if (s.nFeatures !== d) fail(`has ${s.nFeatures} features, expected ${d}`);
  if (!Number.isSafeInteger(s.epochRows) || s.epochRows < 1) fail(`has ${describe(s.epochRows)} rows per epoch`);
  const sc = s.classes;
  if (sc.length !== classes.length || sc.some((c, i) => c !== classes[i])) {
    const list = (labels: readonly Label[]) => labels.map((c) => describe(c)).join(', ');
    fail(`has classes [${list(sc)}], expected [${list(classes)}]`);
  }
  for (let i = 1; i < sc.length; i++)
    if (compareLabels(sc[i - 1] as Label, sc[i] as Label) >= 0) fail('classes are not sorted and distinct');
}

/**
 * Class weights of a stream: `'balanced'` from its expected rows per class in one epoch
 * (`n / (k · n_c)`, scikit-learn's formula on the resampled distribution), a Map as for rows.
 */
function streamClassWeights(spec: ClassWeightSpec | undefined, s: BatchSource, who: string): Float64Array {
  const classes = s.classes;
  if (spec !== 'balanced') return classWeights(spec, classes, classes, who);
  const counts = classes.map((c) => s.epochCounts.get(c) ?? 0);
  const n = counts.reduce((a, b) => a + b, 0);
  return Float64Array.from(counts, (count, c) => {
    if (!(count > 0)) {
      throw new DataValidationError(
        `${who}: class ${describe(classes[c])} has no rows in an epoch of the batch source, so 'balanced' ` +
          'cannot weigh it.',
        { param: 'batches' },
      );
    }
    return balancedWeight(n, classes.length, count);
  });
}

/**
 * The loss weight of each class index, from the shared {@link computeClassWeight} (all 1 without
 * a spec). Stricter than scikit-learn about a Map: a label that is not a class of `y` is an
 * error even when every class has a weight (it is almost always a number-vs-string mix-up).
 */
function classWeights(
  spec: ClassWeightSpec | undefined,
  classes: readonly Label[],
  labels: readonly Label[],
  who: string,
): Float64Array {
  if (spec === undefined) return new Float64Array(classes.length).fill(1);
  if (spec !== 'balanced') {
    const known = new Set(classes);
    for (const label of spec.keys()) {
      if (!known.has(label)) {
        throw new InvalidParameterError(
          'classWeight',
          `${who}: classWeight has a weight for ${describe(label)}, which is not a class of y ` +
            `[${classes.map((c) => describe(c)).join(', ')}]. ` +
            'Remove it or fix the label type (numbers and strings differ).',
        );
      }
    }
  }
  const weights = computeClassWeight(spec, classes, labels);
  return Float64Array.from(classes, (c) => weights.get(c) as number);
}
