/**
 * The page script of webWorkers.test.ts (also run in Node as the reference): a few training steps
 * of a small network on the kernels with `threads` threads; returns the weights as raw bits, and
 * how many pool workers were alive during and after the run.
 */
import { Random } from '../../../src/core/Random.js';
import type { LayerValues, NetSpec } from '../../../src/model/Network.js';
import { hasRelaxedSimd } from '../../../src/model/kernels/module.js';
import { liveWorkers } from '../../../src/model/parallel/ThreadPool.js';
import { SimdNetwork } from '../../../src/model/SimdNetwork.js';

export async function runSteps(
  threads: number,
): Promise<{ isolated: boolean; fma: boolean; workersDuring: number; workersAfter: number; bits: number[] }> {
  const spec: NetSpec = { nIn: 10, hidden: [32, 12], nOut: 3, activation: 'relu', dropout: 0, batchNorm: false, l2: 0 };
  const rng = new Random(4);
  const sizes = [spec.nIn, ...spec.hidden, spec.nOut];
  const values: LayerValues[] = sizes.slice(1).map((n, l) => ({
    kernel: Float32Array.from({ length: (sizes[l] as number) * n }, () => 0.3 * rng.normal()),
    bias: new Float32Array(n),
  }));
  const b = 40;
  const x = Float32Array.from({ length: b * spec.nIn }, () => rng.normal());
  const y = Int32Array.from({ length: b }, (_, i) => i % 3);
  const w = new Float32Array(b).fill(1 / b);
  const net = await SimdNetwork.create(spec, values, {
    threads,
    training: { optimizer: 'adam', learningRate: 0.01, batchSize: b },
  });
  for (let s = 0; s < 5; s++) net.step(x, y, w, b);
  const workersDuring = liveWorkers();
  const out = net.read();
  net.dispose();
  const bits = out.flatMap((v) => [...new Int32Array(v.kernel.buffer), ...new Int32Array(v.bias.buffer)]);
  return {
    isolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
    fma: hasRelaxedSimd(),
    workersDuring,
    workersAfter: liveWorkers(),
    bits,
  };
}
