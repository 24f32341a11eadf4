/**
 * The MLP's training loop: mini-batches from an epoch stream (seeded shuffles of gathered float32
 * rows, or a lazy sampler's batches), one optimizer step per batch, per-epoch logs and validation
 * metrics, early stopping with a best-weights snapshot, and reduce-learning-rate-on-plateau.
 * @internal
 */
import { DataValidationError, InvalidParameterError } from '../core/errors.js';
import type { Random } from '../core/Random.js';
import type { Batch } from '../core/batchSource.js';
import type { EpochStream } from './fitInput.js';
import type { LayerValues, StepResult } from './Network.js';
import { CLASS, monitorMode } from './options.js';
import type { EpochLogs, MLPClassifierParams } from './options.js';
import { PlateauTracker } from './PlateauTracker.js';
import { validationMetrics } from './validationMetrics.js';

/** The arguments of {@link Trainer.step}. @internal */
export type StepArgs = [
  x: Float32Array,
  y: Int32Array,
  w: Float32Array,
  b: number,
  dropoutSeeds?: readonly number[],
  meanwhile?: () => void,
];

/**
 * What the loop trains: a network with its optimizer — the tfjs {@link Network} (TfjsTrainer.ts)
 * or the library's own kernels (SimdNetwork.ts). @internal
 */
export interface Trainer {
  /**
   * One optimizer step on `b` rows (`x` row-major float32, `y` class indices, `w` each row's loss
   * weight divided by b); returns the batch loss and correct predictions. `meanwhile`, when given,
   * is called exactly once — after `x`, `y` and `w` are read, so it may overwrite them — while the
   * step computes on other threads, or after it.
   */
  step(...args: StepArgs): StepResult;
  /** Inference-mode class probabilities of `n` rows (`n × nOut` float32). */
  probabilities(X: Float32Array, n: number): Float32Array;
  /** Sets the learning rate of the next steps. */
  setLearningRate(lr: number): void;
  /** Keeps the current weights as the best so far. */
  keepBest(): void;
  /** Puts the kept best weights back. */
  restoreBest(): void;
  /** Frees what only training needed (optimizer state, the kept weights); the network stays. */
  close(): void;
}

/** What one fit trains and validates on. @internal */
export interface TrainingData {
  /** The training batches, epoch after epoch. */
  stream: EpochStream;
  /** Number of columns. */
  d: number;
  /** Loss weight of each class index. */
  classWeights: Float64Array;
  /** Validation rows, row-major float32 (absent without validation). */
  valX: Float32Array | undefined;
  /** Validation class indices. */
  valY: Int32Array | undefined;
}

/** What training produced besides the weights left in the network. @internal */
export interface TrainingResult {
  /** One entry per epoch run. */
  history: EpochLogs[];
  /** The epoch whose weights the network holds when best weights were restored, else undefined. */
  bestEpoch: number | undefined;
  /** The epoch after which early stopping ended training, else undefined. */
  stoppedEpoch: number | undefined;
}

/**
 * The error of a step whose loss is not finite: the updates diverged (inputs are finite and within
 * float32's range by then, so the step size is the cause to change).
 */
function diverged(p: MLPClassifierParams, epoch: number, batch: number, loss: number): InvalidParameterError {
  return new InvalidParameterError(
    'learningRate',
    `${CLASS}.fit: the training loss became ${loss} at epoch ${epoch + 1}, batch ${batch + 1} ` +
      `(learningRate ${p.learningRate}): the updates diverged. Use a smaller learningRate (the default is ` +
      '1e-3), or scale the input (Scaler).',
  );
}

/**
 * Checks the weights training left (after the last step, or the restored best ones): the loss
 * of a step is computed before its update, so the last update can overflow float32 (a
 * `learningRate` of 1e20 after one epoch) with every logged loss finite — a model that would
 * predict NaN. Refused the way a NaN loss is.
 * @throws {@link InvalidParameterError} (`learningRate`) when a weight is NaN or ±Infinity.
 * @internal
 */
export function checkTrainedWeights(p: MLPClassifierParams, values: ReadonlyArray<LayerValues>, epochs: number): void {
  for (let l = 0; l < values.length; l++) {
    for (const [name, arr] of Object.entries(values[l] as LayerValues)) {
      for (let i = 0; i < arr.length; i++) {
        const v = arr[i] as number;
        if (Number.isFinite(v)) continue;
        throw new InvalidParameterError(
          'learningRate',
          `${CLASS}.fit: after ${epochs} epoch(s) a weight of layer ${l + 1} (${name}[${i}]) is ${v} ` +
            `(learningRate ${p.learningRate}): the last updates diverged, so the model would predict NaN. ` +
            'Use a smaller learningRate (the default is 1e-3), or scale the input (Scaler).',
        );
      }
    }
  }
}

/**
 * Trains `net` in place for up to `p.epochs` epochs and, with `earlyStopping.restoreBestWeights`,
 * leaves it holding the weights of the best epoch. Draws the row order and the dropout seeds from
 * `rng`; closes the trainer (frees every tensor it made), also when a callback throws.
 * @internal
 */
export async function train(
  net: Trainer,
  p: MLPClassifierParams,
  rng: Random,
  data: TrainingData,
): Promise<TrainingResult> {
  const { stream, d, classWeights: cw, valX, valY } = data;
  const nOut = cw.length;
  const B = stream.batchSize;
  const nBatches = Math.ceil(stream.epochRows / B);
  const wBuf = new Float32Array(B);
  const history: EpochLogs[] = [];
  const es = p.earlyStopping;
  const rl = p.reduceLROnPlateau;
  const esTracker =
    es && new PlateauTracker({ mode: monitorMode(es.monitor), minDelta: es.minDelta, patience: es.patience });
  const rlTracker =
    rl &&
    new PlateauTracker({
      mode: monitorMode(rl.monitor),
      minDelta: rl.minDelta,
      patience: rl.patience,
      cooldown: rl.cooldown,
    });
  let lr = p.learningRate;
  let bestEpoch: number | undefined;
  let kept = false;
  let stoppedEpoch: number | undefined;
  const nHidden = p.hiddenLayers.length;
  try {
    for (let epoch = 0; epoch < p.epochs; epoch++) {
      const t0 = performance.now();
      let lossSum = 0;
      let correct = 0;
      let rows = 0;
      let batch = 0;
      // The next batch is drawn while the step computes (the stream may reuse its buffers: the
      // step has read them by then); an error drawing it is thrown after the step.
      const batches = stream.batches(epoch)[Symbol.iterator]();
      let next = batches.next();
      while (!next.done) {
        const { x, y, size: b } = next.value;
        checkBatch(x, y, b, B, d, nOut);
        for (let i = 0; i < b; i++) wBuf[i] = (cw[y[i] as number] as number) / b;
        const seeds: number[] = [];
        if (p.dropout > 0) for (let l = 0; l < nHidden; l++) seeds.push(rng.uint32());
        let following: IteratorResult<Batch> | undefined;
        let failure: { error: unknown } | undefined;
        const st = net.step(x, y, wBuf, b, seeds, () => {
          try {
            following = batches.next();
          } catch (error) {
            failure = { error };
          }
        });
        if (failure) throw failure.error;
        if (!Number.isFinite(st.loss)) throw diverged(p, epoch, batch, st.loss);
        lossSum += st.loss * b;
        correct += st.correct;
        rows += b;
        p.onBatchEnd?.(batch, { epoch, batch, size: b, loss: st.loss });
        batch++;
        p.onProgress?.({ phase: 'batch', done: batch, total: nBatches, unit: 'batches' });
        next = following ?? batches.next();
      }
      const logs: EpochLogs = {
        epoch,
        loss: lossSum / rows,
        accuracy: correct / rows,
        learningRate: lr,
        seconds: 0,
      };
      if (valX && valY) {
        const proba = net.probabilities(valX, valY.length);
        Object.assign(logs, validationMetrics(proba, valY, nOut));
      }
      logs.seconds = (performance.now() - t0) / 1000;
      history.push(logs);
      if (p.verbose) console.log(formatLogs(logs, p.epochs));
      await p.onEpochEnd?.(epoch, { ...logs });
      p.onProgress?.({ phase: 'epoch', done: epoch + 1, total: p.epochs, unit: 'epochs' });

      if (es && esTracker) {
        const step = esTracker.update(logs[es.monitor] as number);
        if (step === 'improved' && es.restoreBestWeights) {
          net.keepBest();
          kept = true;
          bestEpoch = epoch;
        } else if (step === 'plateau' && epoch > 0) {
          stoppedEpoch = epoch;
          break;
        }
      }
      if (rl && rlTracker && rlTracker.update(logs[rl.monitor] as number) === 'plateau' && lr > rl.minLr) {
        lr = Math.max(lr * rl.factor, rl.minLr);
        net.setLearningRate(lr);
        rlTracker.coolDown();
      }
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
    if (kept && es?.restoreBestWeights && bestEpoch !== undefined && bestEpoch !== history.length - 1) {
      net.restoreBest();
    }
  } finally {
    net.close();
  }
  return { history, bestEpoch: es?.restoreBestWeights ? bestEpoch : undefined, stoppedEpoch };
}

/** A batch from a stream fits the buffers (1 … B rows, enough values) and its labels index the k classes. */
function checkBatch(x: Float32Array, y: Int32Array, b: number, B: number, d: number, k: number): void {
  let bad = !Number.isSafeInteger(b) || b < 1 || b > B || x.length < b * d || y.length < b;
  for (let i = 0; i < b && !bad; i++) bad = !((y[i] as number) >= 0 && (y[i] as number) < k);
  if (bad) {
    throw new DataValidationError(
      `MLPClassifier.fit: a batch of the batch source has size ${b} (1 … ${B} expected), ${x.length} values ` +
        `and ${y.length} labels; expected size × ${d} values and size class indices in [0, ${k}).`,
      { param: 'batches' },
    );
  }
}

function formatLogs(l: EpochLogs, epochs: number): string {
  const parts = [`epoch ${l.epoch + 1}/${epochs}`, `loss ${l.loss.toFixed(4)}`, `acc ${l.accuracy.toFixed(4)}`];
  if (l.valLoss !== undefined)
    parts.push(
      `valLoss ${l.valLoss.toFixed(4)}`,
      `valAcc ${(l.valAccuracy ?? NaN).toFixed(4)}`,
      `valMacroF1 ${(l.valMacroF1 ?? NaN).toFixed(4)}`,
    );
  parts.push(`lr ${l.learningRate.toPrecision(3)}`, `${l.seconds.toFixed(2)} s`);
  return `${CLASS}: ${parts.join(' · ')}`;
}
