/**
 * The MLP's training loop: seeded shuffling, mini-batches copied straight from a Float32Array, one
 * optimizer step per batch, per-epoch logs and validation metrics, early stopping with a
 * best-weights snapshot, and reduce-learning-rate-on-plateau.
 * @internal
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Random } from '../core/random.js';
import type { Network } from './Network.js';
import { CLASS, monitorMode } from './options.js';
import type { EpochLogs, MLPClassifierParams, MLPOptimizer } from './options.js';
import { PlateauTracker } from './PlateauTracker.js';
import { validationMetrics } from './validationMetrics.js';

/** The rows one fit trains and validates on. @internal */
export interface TrainingData {
  /** Every input row, row-major float32, `d` columns. */
  X: Float32Array;
  /** Number of columns. */
  d: number;
  /** Class index of every row of `X`. */
  y: Int32Array;
  /** The rows of `X` to train on. */
  trainIdx: Int32Array;
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
 * Trains `net` in place for up to `p.epochs` epochs and, with `earlyStopping.restoreBestWeights`,
 * leaves it holding the weights of the best epoch. Draws the row order and the dropout seeds from
 * `rng`; frees every tensor it makes, also when a callback throws.
 * @internal
 */
export async function train(
  net: Network,
  p: MLPClassifierParams,
  rng: Random,
  data: TrainingData,
): Promise<TrainingResult> {
  const { X, d, y, trainIdx, classWeights: cw, valX, valY } = data;
  const optimizer = makeOptimizer(p.optimizer, p.learningRate);
  const nTrain = trainIdx.length;
  const B = Math.min(p.batchSize, nTrain);
  const xBuf = new Float32Array(B * d);
  const xTBuf = new Float32Array(B * d);
  const yBuf = new Int32Array(B);
  const wBuf = new Float32Array(B);
  const order = Int32Array.from(trainIdx);
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
  let best: tf.Tensor[] | undefined;
  let stoppedEpoch: number | undefined;
  const nHidden = p.hiddenLayers.length;
  try {
    for (let epoch = 0; epoch < p.epochs; epoch++) {
      const t0 = performance.now();
      rng.shuffle(order);
      let lossSum = 0;
      let correct = 0;
      let batch = 0;
      for (let start = 0; start < nTrain; start += B, batch++) {
        const b = Math.min(B, nTrain - start);
        for (let i = 0; i < b; i++) {
          const r = order[start + i] as number;
          xBuf.set(X.subarray(r * d, r * d + d), i * d);
          for (let j = 0, off = r * d; j < d; j++) xTBuf[j * b + i] = X[off + j] as number;
          const c = y[r] as number;
          yBuf[i] = c;
          wBuf[i] = (cw[c] as number) / b;
        }
        const seeds: number[] = [];
        if (p.dropout > 0) for (let l = 0; l < nHidden; l++) seeds.push(rng.uint32());
        const xT = tf.tensor2d(xBuf.subarray(0, b * d), [b, d]);
        const xtT = tf.tensor2d(xTBuf.subarray(0, b * d), [d, b]);
        const yT = tf.tensor1d(yBuf.subarray(0, b), 'int32');
        const wT = tf.tensor2d(wBuf.subarray(0, b), [b, 1]);
        let st: { loss: number; correct: number };
        try {
          st = net.trainStep(optimizer, xT, xtT, yT, wT, seeds, true) as { loss: number; correct: number };
        } finally {
          xT.dispose();
          xtT.dispose();
          yT.dispose();
          wT.dispose();
        }
        lossSum += st.loss * b;
        correct += st.correct;
        p.onBatchEnd?.(batch, { epoch, batch, size: b, loss: st.loss });
      }
      const logs: EpochLogs = {
        epoch,
        loss: lossSum / nTrain,
        accuracy: correct / nTrain,
        learningRate: lr,
        seconds: 0,
      };
      if (valX && valY) {
        const proba = net.probabilities(valX, valY.length);
        Object.assign(logs, validationMetrics(proba, valY, net.spec.nOut));
      }
      logs.seconds = (performance.now() - t0) / 1000;
      history.push(logs);
      if (p.verbose) console.log(formatLogs(logs, p.epochs));
      await p.onEpochEnd?.(epoch, { ...logs });

      if (es && esTracker) {
        const step = esTracker.update(logs[es.monitor] as number);
        if (step === 'improved' && es.restoreBestWeights) {
          for (const t of best ?? []) t.dispose();
          best = net.snapshot();
          bestEpoch = epoch;
        } else if (step === 'plateau' && epoch > 0) {
          stoppedEpoch = epoch;
          break;
        }
      }
      if (rl && rlTracker && rlTracker.update(logs[rl.monitor] as number) === 'plateau' && lr > rl.minLr) {
        lr = Math.max(lr * rl.factor, rl.minLr);
        setLearningRate(optimizer, lr);
        rlTracker.coolDown();
      }
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
    if (best && es?.restoreBestWeights && bestEpoch !== undefined && bestEpoch !== history.length - 1) {
      net.restore(best);
    }
  } finally {
    for (const t of best ?? []) t.dispose();
    optimizer.dispose();
  }
  return { history, bestEpoch: es?.restoreBestWeights ? bestEpoch : undefined, stoppedEpoch };
}

function makeOptimizer(name: MLPOptimizer, lr: number): tf.Optimizer {
  switch (name) {
    case 'sgd':
      return tf.train.sgd(lr);
    case 'rmsprop':
      return tf.train.rmsprop(lr, 0.9, 0, 1e-7);
    default:
      return tf.train.adam(lr, 0.9, 0.999, 1e-7);
  }
}

function setLearningRate(opt: tf.Optimizer, lr: number): void {
  // SGD caches −lr in a scalar and has setLearningRate; Adam and RMSprop read their protected
  // `learningRate` field at every step (tfjs 4.22).
  const o = opt as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };
  if (opt.getClassName() === 'SGD' && typeof o.setLearningRate === 'function') o.setLearningRate(lr);
  else o.learningRate = lr;
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
