import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../src/core/Random.js';
import { MLPClassifier } from '../../src/mlp.js';
import { Network, initialValues } from '../../src/model/Network.js';
import type { NetSpec } from '../../src/model/Network.js';

beforeAll(async () => {
  await MLPClassifier.ready('cpu');
});

describe('Network', () => {
  const specs: [string, Partial<NetSpec>][] = [
    ['relu + l2', { activation: 'relu', l2: 1e-3 }],
    ['tanh + batch normalization', { activation: 'tanh', batchNorm: true }],
    ['elu', { activation: 'elu' }],
    ['sigmoid + batch normalization + l2', { activation: 'sigmoid', batchNorm: true, l2: 1e-2 }],
  ];
  for (const [name, over] of specs) {
    it(`hand-written gradients equal tfjs autodiff (${name})`, () => {
      const spec: NetSpec = {
        nIn: 5,
        hidden: [7, 4],
        nOut: 3,
        activation: 'relu',
        dropout: 0,
        batchNorm: false,
        l2: 0,
        ...over,
      };
      const rng = new Random(3);
      const net = new Network(spec, initialValues(spec, rng));
      const b = 9;
      const xv = Float32Array.from({ length: b * spec.nIn }, () => rng.normal());
      const yv = Int32Array.from({ length: b }, (_, i) => i % 3);
      const wv = Float32Array.from({ length: b }, (_, i) => (1 + (i % 2)) / b);
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const x = tf.tensor2d(xv, [b, spec.nIn]);
        const xT = tf.transpose(x) as tf.Tensor2D;
        const y = tf.tensor1d(yv, 'int32');
        const sw = tf.tensor2d(wv, [b, 1]);
        const mine = net.lossAndGrads(x, xT, y, sw, [], false);
        const vars = net.variables().filter((v) => v.trainable);
        // Reference: the textbook forward pass, differentiated by tfjs.
        const ref = tf.variableGrads(() => {
          let a: tf.Tensor = x;
          let i = 0;
          const all = net.variables();
          for (let l = 0; l < spec.hidden.length; l++) {
            const W = all[i++] as tf.Variable;
            const bias = all[i++] as tf.Variable;
            let z = tf.add(tf.matMul(a as tf.Tensor2D, W as tf.Tensor2D), bias);
            if (spec.batchNorm) {
              const gamma = all[i++] as tf.Variable;
              const beta = all[i++] as tf.Variable;
              i += 2;
              const m = tf.moments(z, 0);
              z = tf.add(tf.mul(tf.div(tf.sub(z, m.mean), tf.sqrt(tf.add(m.variance, 1e-3))), gamma), beta);
            }
            a =
              spec.activation === 'relu'
                ? tf.relu(z)
                : spec.activation === 'tanh'
                  ? tf.tanh(z)
                  : spec.activation === 'elu'
                    ? tf.elu(z)
                    : tf.sigmoid(z);
          }
          const logits = tf.add(tf.matMul(a as tf.Tensor2D, all[i] as tf.Tensor2D), all[i + 1] as tf.Tensor);
          let loss = tf.neg(tf.sum(tf.mul(tf.mul(tf.oneHot(y, 3), sw), tf.logSoftmax(logits))));
          for (const v of all)
            if (v.name.endsWith('/kernel')) loss = tf.add(loss, tf.mul(spec.l2, tf.sum(tf.square(v))));
          return loss as tf.Scalar;
        }, vars);
        expect(mine.loss.dataSync()[0]).toBeCloseTo(ref.value.dataSync()[0] as number, 5);
        for (const v of vars) {
          const g1 = mine.grads[v.name]?.dataSync() as Float32Array;
          const g2 = ref.grads[v.name]?.dataSync() as Float32Array;
          expect(g1.length).toBe(g2.length);
          for (let j = 0; j < g1.length; j++)
            expect(Math.abs((g1[j] as number) - (g2[j] as number))).toBeLessThan(
              2e-5 + 1e-3 * Math.abs(g2[j] as number),
            );
        }
      });
      net.dispose();
      expect(tf.memory().numTensors).toBe(before - net.variables().length);
    });
  }

  it('probabilities() runs in chunks, from float32 or float64 rows, equal to one forward pass', () => {
    const spec: NetSpec = { nIn: 3, hidden: [4], nOut: 2, activation: 'tanh', dropout: 0, batchNorm: false, l2: 0 };
    const rng = new Random(11);
    const net = new Network(spec, initialValues(spec, rng));
    const n = 4096 + 7; // one full chunk and a partial one
    const x64 = Float64Array.from({ length: n * spec.nIn }, () => rng.normal());
    const x32 = Float32Array.from(x64);
    const before = tf.memory().numTensors;
    const p32 = net.probabilities(x32, n);
    const p64 = net.probabilities(x64, n);
    expect(tf.memory().numTensors).toBe(before);
    const ref = tf.tidy(() => net.forward(tf.tensor2d(x32, [n, spec.nIn])).dataSync() as Float32Array);
    expect(p32.length).toBe(n * spec.nOut);
    expect(Array.from(p64)).toEqual(Array.from(p32));
    for (let i = 0; i < ref.length; i++) expect(Math.abs((p32[i] as number) - (ref[i] as number))).toBeLessThan(1e-6);
    net.dispose();
  });
});
