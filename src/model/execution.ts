/**
 * Where the network runs: on the library's own WebAssembly SIMD kernels ({@link SimdNetwork}, on
 * one or more threads) when the backend allows it and the architecture has no batch normalization
 * and no dropout after a tanh, sigmoid or ELU layer, else on tfjs ({@link Network}: the tfjs wasm
 * or cpu backend).
 * @internal
 */
import type { Random } from '../core/Random.js';
import type { RowSource } from '../core/rowSource.js';
import { activateBackend, activateBackendSync } from './backend.js';
import type { ResolvedBackend } from './backend.js';
import type { ModelState } from './fitted.js';
import { forEachChunk } from './inputRows.js';
import { bestVariant, compileKernels, hasRelaxedSimd, hasSharedMemory, hasSimd } from './kernels/module.js';
import { Network } from './Network.js';
import type { LayerValues, NetSpec } from './Network.js';
import type { MLPClassifierParams } from './options.js';
import { defaultThreads } from './parallel/ThreadPool.js';
import { SimdNetwork } from './SimdNetwork.js';
import { TfjsTrainer } from './TfjsTrainer.js';
import { checkTrainedWeights, train } from './trainingLoop.js';
import type { TrainingData, TrainingResult } from './trainingLoop.js';

/** A trained network and where it ran. @internal */
export interface TrainedNetwork {
  /** History and early-stopping outcome. */
  result: TrainingResult;
  /** The final weights. */
  values: LayerValues[];
  /** The backend recorded in `fitted.backend` (`'wasm'` for the kernels). */
  backend: ResolvedBackend;
  /** The tfjs network (tfjs path). */
  net?: Network;
  /** The kernel network with its threads (kernel path). */
  engine?: SimdNetwork;
}

/** The thread count of `p` (every core, at most 8, by default). @internal */
export function threadsOf(p: MLPClassifierParams): number {
  return p.threads ?? defaultThreads();
}

/**
 * Trains a network of `spec` from `initial` on the kernels or on tfjs (see the module notes).
 * @throws {@link InvalidParameterError} when the tfjs backend cannot be initialized, or the trained
 * weights are not finite (the updates diverged).
 * @internal
 */
export async function trainNetwork(
  p: MLPClassifierParams,
  spec: NetSpec,
  initial: LayerValues[],
  rng: Random,
  data: TrainingData,
  who: string,
): Promise<TrainedNetwork> {
  const batchSize = data.stream.batchSize;
  const engine =
    p.backend !== 'cpu' && SimdNetwork.supports(spec) ? await kernelsFor(p, spec, initial, batchSize) : undefined;
  if (engine) {
    try {
      const result = await train(engine, p, rng, data);
      const values = engine.read();
      checkTrainedWeights(p, values, result.history.length);
      return { result, values, backend: 'wasm', engine };
    } catch (e) {
      engine.dispose();
      throw e;
    }
  }
  const backend = await activateBackend(p.backend, who);
  const net = new Network(spec, initial);
  try {
    const result = await train(new TfjsTrainer(net, p.optimizer, p.learningRate, batchSize), p, rng, data);
    const values = net.read();
    checkTrainedWeights(p, values, result.history.length);
    return { result, values, backend, net };
  } catch (e) {
    net.dispose();
    throw e;
  }
}

/**
 * Class probabilities (`rows × k` float32) of `source` with the fitted model: on its kernel
 * network (built on first use for a model trained on them), else on its tfjs network.
 * @internal
 */
export function predictRows(s: ModelState, p: MLPClassifierParams, source: RowSource): Float32Array {
  const engine = kernelNetwork(s, p);
  if (engine) {
    const idx = new Int32Array(Math.max(1, Math.min(source.rows, engine.passRows)));
    return engine.probabilitiesOf(source.rows, (buf, start, m) => {
      for (let i = 0; i < m; i++) idx[i] = start + i;
      source.gatherRows(idx.subarray(0, m), buf);
    });
  }
  const net = tfjsNetwork(s);
  const k = s.spec.nOut;
  const proba = new Float32Array(source.rows * k);
  forEachChunk(source, (chunk, m, start) => proba.set(net.probabilities(chunk, m), start * k));
  return proba;
}

/**
 * The kernel network for training, or undefined when it cannot be set up here (e.g. a memory of
 * that size is refused): training then runs on tfjs.
 */
async function kernelsFor(
  p: MLPClassifierParams,
  spec: NetSpec,
  initial: LayerValues[],
  batchSize: number,
): Promise<SimdNetwork | undefined> {
  const training = { optimizer: p.optimizer, learningRate: p.learningRate, batchSize };
  try {
    return await SimdNetwork.create(spec, initial, { threads: threadsOf(p), relaxedSimd: p.relaxedSimd, training });
  } catch {
    return undefined;
  }
}

function kernelNetwork(s: ModelState, p: MLPClassifierParams): SimdNetwork | undefined {
  if (s.engine) return s.engine;
  if (s.fitted.backend !== 'wasm' || !SimdNetwork.supports(s.spec)) return undefined;
  try {
    s.engine = SimdNetwork.createSync(s.spec, s.values, { threads: threadsOf(p), relaxedSimd: p.relaxedSimd });
  } catch {
    s.engine = undefined; // e.g. a memory of that size refused: predict on tfjs
  }
  return s.engine;
}

/** The model's tfjs network on the backend it was trained on (when initialized, else cpu). @internal */
export function tfjsNetwork(s: ModelState): Network {
  activateBackendSync(s.fitted.backend);
  if (!s.net) s.net = new Network(s.spec, s.values);
  return s.net;
}

/** Frees the model's tfjs tensors and stops its kernel threads. @internal */
export function releaseNetworks(s: ModelState | undefined): void {
  s?.net?.dispose();
  s?.engine?.dispose();
  if (s) {
    s.net = undefined;
    s.engine = undefined;
  }
}

/**
 * Compiles the kernel modules this runtime will use (asynchronously; cached): the relaxed-SIMD
 * ones where they run and the plain ones (`relaxedSimd: false`). Sets no V8 flag: Node, where the
 * flag matters, compiles a module synchronously when a network first needs it.
 * @internal
 */
export async function prepareKernels(): Promise<void> {
  if (!hasSimd()) return;
  try {
    for (const shared of hasSharedMemory() ? [false, true] : [false])
      for (const relaxed of hasRelaxedSimd() ? [true, false] : [false])
        await compileKernels(bestVariant(shared, relaxed));
  } catch {
    // Not compiled: models predict on tfjs (as `SimdNetwork.createSync` finds no module).
  }
}
