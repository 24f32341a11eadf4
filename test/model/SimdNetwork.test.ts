import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../src/core/Random.js';
import { MLPClassifier } from '../../src/mlp.js';
import { Network, initialValues } from '../../src/model/Network.js';
import type { MLPActivation, NetSpec } from '../../src/model/Network.js';
import type { MLPOptimizer } from '../../src/model/options.js';
import { liveWorkers } from '../../src/model/parallel/ThreadPool.js';
import { SimdNetwork } from '../../src/model/SimdNetwork.js';
import { TfjsTrainer } from '../../src/model/TfjsTrainer.js';

beforeAll(async () => {
  await MLPClassifier.ready('cpu');
});

function problem(spec: NetSpec, b: number, seed: number) {
  const rng = new Random(seed);
  return {
    values: initialValues(spec, rng),
    x: Float32Array.from({ length: b * spec.nIn }, () => rng.normal()),
    y: Int32Array.from({ length: b }, (_, i) => (i * 7) % spec.nOut),
    w: Float32Array.from({ length: b }, (_, i) => (1 + (i % 3)) / b),
  };
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
};

/** Steps both networks `steps` times on the same batch (with `seeds(s)`), then compares their weights. */
function expectSameSteps(
  tfjs: TfjsTrainer,
  mine: SimdNetwork,
  ref: Network,
  batch: { x: Float32Array; y: Int32Array; w: Float32Array; b: number },
  steps: number,
  seeds: (s: number) => number[] | undefined,
): void {
  const { x, y, w, b } = batch;
  for (let s = 0; s < steps; s++) {
    const a = tfjs.step(x, y, w, b, seeds(s) ?? []);
    const m = mine.step(x, y, w, b, seeds(s));
    expect(m.correct).toBe(a.correct);
    expect(Math.abs(m.loss - a.loss)).toBeLessThan(1e-5 * Math.max(1, a.loss));
  }
  // Another summation order rounds differently: the weights agree to a few 1e−6.
  const got = mine.read();
  ref.read().forEach((v, l) => {
    expect(maxDiff(got[l]?.kernel ?? [], v.kernel)).toBeLessThan(1e-5);
    expect(maxDiff(got[l]?.bias ?? [], v.bias)).toBeLessThan(1e-5);
  });
}

async function waitForNoWorkers(): Promise<number> {
  for (let i = 0; i < 200 && liveWorkers() > 0; i++) await new Promise((r) => setTimeout(r, 10));
  return liveWorkers();
}

describe('SimdNetwork (the WebAssembly kernels) against the tfjs network', () => {
  const activations: MLPActivation[] = ['relu', 'tanh', 'sigmoid', 'elu', 'linear'];
  const optimizers: MLPOptimizer[] = ['adam', 'rmsprop', 'sgd'];
  // Odd sizes (padding to f32x4) and multiples of 32 (padded row strides, the input spread from a
  // staging area).
  const shapes: [number, number[], number, number][] = [
    [7, [9, 5], 3, 13],
    [32, [64, 32], 4, 37],
  ];
  for (const activation of activations) {
    it(`same probabilities and steps (${activation}; adam, rmsprop, sgd; l2; odd and padded sizes)`, async () => {
      for (const optimizer of optimizers)
        for (const [nIn, hidden, nOut, b] of shapes) {
          const spec: NetSpec = { nIn, hidden, nOut, activation, dropout: 0, batchNorm: false, l2: 1e-3 };
          const { values, x, y, w } = problem(spec, b, 3);
          const ref = new Network(spec, values);
          const tfjs = new TfjsTrainer(ref, optimizer, 0.01, b);
          const mine = await SimdNetwork.create(spec, values, {
            threads: 2,
            training: { optimizer, learningRate: 0.01, batchSize: b },
          });
          try {
            expect(maxDiff(mine.probabilities(x, b), ref.probabilities(x, b))).toBeLessThan(1e-6);
            expectSameSteps(tfjs, mine, ref, { x, y, w, b }, 3, () => undefined);
          } finally {
            tfjs.close();
            ref.dispose();
            mine.dispose();
          }
        }
    });
  }
});

describe('SimdNetwork dropout (ReLU and linear layers)', () => {
  for (const activation of ['relu', 'linear'] as const) {
    it(`the same steps as the tfjs network with the same dropout seeds (${activation}, rate 0.3)`, async () => {
      const spec: NetSpec = { nIn: 32, hidden: [64, 9], nOut: 4, activation, dropout: 0.3, batchNorm: false, l2: 1e-3 };
      const b = 37;
      const { values, x, y, w } = problem(spec, b, 5);
      const ref = new Network(spec, values);
      const tfjs = new TfjsTrainer(ref, 'adam', 0.01, b);
      const mine = await SimdNetwork.create(spec, values, {
        threads: 2,
        training: { optimizer: 'adam', learningRate: 0.01, batchSize: b },
      });
      try {
        // Inference has no dropout.
        expect(maxDiff(mine.probabilities(x, b), ref.probabilities(x, b))).toBeLessThan(1e-6);
        expectSameSteps(tfjs, mine, ref, { x, y, w, b }, 4, (s) => [11 + s, 99 + s]);
        // Other seeds, other masks: the step differs (the masks are used, not ignored).
        const before = mine.read();
        const again = await SimdNetwork.create(spec, values, {
          threads: 1,
          training: { optimizer: 'adam', learningRate: 0.01, batchSize: b },
        });
        again.step(x, y, w, b, [1, 2]);
        const other = again.read();
        again.dispose();
        expect(maxDiff(other[0]?.kernel ?? [], before[0]?.kernel ?? [])).toBeGreaterThan(1e-4);
      } finally {
        tfjs.close();
        ref.dispose();
        mine.dispose();
      }
    });
  }

  it('runs on the kernels only where the mask gradient needs no unmasked activation', () => {
    const base: NetSpec = { nIn: 3, hidden: [4], nOut: 2, activation: 'relu', dropout: 0.2, batchNorm: false, l2: 0 };
    expect(SimdNetwork.supports(base)).toBe(true);
    expect(SimdNetwork.supports({ ...base, activation: 'linear' })).toBe(true);
    for (const activation of ['tanh', 'sigmoid', 'elu'] as const) {
      expect(SimdNetwork.supports({ ...base, activation })).toBe(false);
      expect(SimdNetwork.supports({ ...base, activation, dropout: 0 })).toBe(true);
    }
  });

  it('a dropout step refuses to run without its seeds', async () => {
    const spec: NetSpec = { nIn: 4, hidden: [4], nOut: 2, activation: 'relu', dropout: 0.5, batchNorm: false, l2: 0 };
    const { values, x, y, w } = problem(spec, 8, 1);
    const net = await SimdNetwork.create(spec, values, {
      threads: 1,
      training: { optimizer: 'sgd', learningRate: 0.1, batchSize: 8 },
    });
    try {
      expect(() => net.step(x, y, w, 8)).toThrow('one seed per hidden layer');
    } finally {
      net.dispose();
    }
  });
});

describe('SimdNetwork threads', () => {
  it('the thread count never changes a result bit (1, 2, 3 threads; every batch remainder; dropout)', async () => {
    for (const dropout of [0, 0.25]) {
      const spec: NetSpec = {
        nIn: 33,
        hidden: [64, 20],
        nOut: 5,
        activation: 'relu',
        dropout,
        batchNorm: false,
        l2: 1e-4,
      };
      const runs: Float32Array[][] = [];
      for (const threads of [1, 2, 3]) {
        const { values, x, y, w } = problem(spec, 600, 8);
        const net = await SimdNetwork.create(spec, values, {
          threads,
          training: { optimizer: 'adam', learningRate: 0.01, batchSize: 600 },
        });
        // Batches above 256 rows cut the weight gradient into k-blocks.
        for (const b of [600, 61, 60, 59, 58, 17, 3, 1]) net.step(x, y, w, b, [b, b + 1]);
        const p = net.probabilities(x, 600);
        runs.push([...net.read().flatMap((v) => [v.kernel, v.bias]), p]);
        net.dispose();
      }
      const first = runs[0] as Float32Array[];
      for (const other of runs.slice(1))
        other.forEach((a, i) =>
          expect(Buffer.from(a.buffer).equals(Buffer.from((first[i] as Float32Array).buffer))).toBe(true),
        );
    }
    expect(await waitForNoWorkers()).toBe(0);
  });

  it('keeps and restores the best weights; dispose stops every worker', async () => {
    const spec: NetSpec = { nIn: 6, hidden: [8], nOut: 3, activation: 'tanh', dropout: 0, batchNorm: false, l2: 0 };
    const { values, x, y, w } = problem(spec, 20, 2);
    const net = await SimdNetwork.create(spec, values, {
      threads: 2,
      training: { optimizer: 'sgd', learningRate: 0.1, batchSize: 20 },
    });
    expect(liveWorkers()).toBe(1);
    net.step(x, y, w, 20);
    net.keepBest();
    const kept = net.read();
    const pKept = net.probabilities(x, 20);
    net.step(x, y, w, 20);
    expect(maxDiff(net.read()[0]?.kernel ?? [], kept[0]?.kernel ?? [])).toBeGreaterThan(0);
    net.restoreBest();
    expect(net.read()).toEqual(kept);
    expect(Array.from(net.probabilities(x, 20))).toEqual(Array.from(pKept));
    // A step after the restore starts from the kept weights (Wᵀ refreshed too): same as one step from them.
    net.close();
    net.dispose();
    expect(await waitForNoWorkers()).toBe(0);
    expect(tf.memory().numTensors).toBeGreaterThanOrEqual(0);
  });
});
