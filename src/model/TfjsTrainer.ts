/**
 * The tfjs path of the training loop: the {@link Network}'s hand-written step on tfjs tensors
 * (cpu or tfjs-wasm backend), with its tfjs optimizer and best-weights snapshot.
 * @internal
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Network, StepResult } from './Network.js';
import type { MLPOptimizer } from './options.js';
import type { StepArgs, Trainer } from './trainingLoop.js';

/** A {@link Trainer} over a tfjs {@link Network}. @internal */
export class TfjsTrainer implements Trainer {
  private readonly optimizer: tf.Optimizer;
  private readonly xTBuf: Float32Array;
  private best: tf.Tensor[] | undefined;

  /**
   * @param net - The network, trained in place.
   * @param optimizer - Optimizer name.
   * @param learningRate - Initial learning rate.
   * @param batchSize - Largest batch.
   */
  constructor(
    private readonly net: Network,
    optimizer: MLPOptimizer,
    learningRate: number,
    batchSize: number,
  ) {
    this.optimizer = makeOptimizer(optimizer, learningRate);
    this.xTBuf = new Float32Array(batchSize * net.spec.nIn);
  }

  step(...[x, y, w, b, dropoutSeeds, meanwhile]: StepArgs): StepResult {
    const d = this.net.spec.nIn;
    const xTBuf = this.xTBuf;
    for (let i = 0; i < b; i++) for (let j = 0, off = i * d; j < d; j++) xTBuf[j * b + i] = x[off + j] as number;
    const xT = tf.tensor2d(x.subarray(0, b * d), [b, d]);
    const xtT = tf.tensor2d(xTBuf.subarray(0, b * d), [d, b]);
    const yT = tf.tensor1d(y.subarray(0, b), 'int32');
    const wT = tf.tensor2d(w.subarray(0, b), [b, 1]);
    try {
      const st = this.net.trainStep(this.optimizer, xT, xtT, yT, wT, dropoutSeeds ?? [], true) as StepResult;
      meanwhile?.();
      return st;
    } finally {
      xT.dispose();
      xtT.dispose();
      yT.dispose();
      wT.dispose();
    }
  }

  probabilities(X: Float32Array, n: number): Float32Array {
    return this.net.probabilities(X, n);
  }

  setLearningRate(lr: number): void {
    // SGD caches −lr in a scalar and has setLearningRate; Adam and RMSprop read their protected
    // `learningRate` field at every step (tfjs 4.22).
    const o = this.optimizer as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };
    if (this.optimizer.getClassName() === 'SGD' && typeof o.setLearningRate === 'function') o.setLearningRate(lr);
    else o.learningRate = lr;
  }

  keepBest(): void {
    for (const t of this.best ?? []) t.dispose();
    this.best = this.net.snapshot();
  }

  restoreBest(): void {
    if (this.best) this.net.restore(this.best);
  }

  close(): void {
    for (const t of this.best ?? []) t.dispose();
    this.best = undefined;
    this.optimizer.dispose();
  }
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
