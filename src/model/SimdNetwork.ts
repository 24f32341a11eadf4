/**
 * The MLP on the library's own WebAssembly SIMD kernels, on one or more threads: the same network
 * as {@link Network} (same {@link NetSpec}, same {@link LayerValues}), trained and evaluated
 * without tfjs. See kernels/gemm.ts for the products, parallel/passes.ts for what each thread does
 * and why the thread count never changes a result.
 *
 * Supported: every activation, L2, Adam / RMSprop / SGD, class weights, and dropout after ReLU or
 * linear hidden layers (each step's masks drawn from its dropout seeds, see {@link dropoutMask}).
 * Not (the tfjs path runs them): batch normalization, and dropout after tanh, sigmoid or ELU.
 *
 * @internal
 * @module
 */
import { dropoutMask } from './dropoutMask.js';
import { HP } from './kernels/elementwise.js';
import { KERNEL_NAMES, bestVariant, compileKernels, hasSharedMemory, hasSimd, kernelsSync } from './kernels/module.js';
import type { LayerValues, NetSpec, StepResult } from './Network.js';
import type { MLPOptimizer } from './options.js';
import { netLayout } from './parallel/layout.js';
import type { NetLayout } from './parallel/layout.js';
import { PROGRAM_WORDS } from './parallel/layout.js';
import { predictPass, share, trainPass } from './parallel/passes.js';
import { ProgramWriter, runProgram, CTL } from './parallel/program.js';
import type { Kernel } from './parallel/program.js';
import { ThreadPool, canStartWorkers, threadCanWait } from './parallel/ThreadPool.js';
import type { StepArgs, Trainer } from './trainingLoop.js';

/** Rows per prediction pass (at least the batch size when training). */
const PREDICT_ROWS = 1024;

/**
 * Balancing a training step's update against the caller's work this thread does meanwhile: the
 * wait for the workers (ms) above which this thread's share grows, the smallest share and change
 * per step, and the first change (halved when the direction turns, doubled after `OWN_RUN` steps
 * the same way: the share settles within a few steps instead of some thirty, then follows drift).
 */
const OWN_WAIT_MS = 0.02;
const OWN_STEP = 0.01;
const OWN_FIRST_STEP = 0.08;
const OWN_RUN = 3;

/** Optimizer constants (Keras / tfjs defaults). */
const ADAM = { beta1: 0.9, beta2: 0.999, eps: 1e-7 };
const RMSPROP = { rho: 0.9, eps: 1e-7 };

let enabled = true;

/**
 * Turns the kernel path on or off for models fitted or loaded afterwards (benchmarks compare it
 * with the tfjs path). @internal
 */
export function useSimdKernels(on: boolean): void {
  enabled = on;
}

/** Options of a kernel network. @internal */
export interface SimdOptions {
  /** Threads to run on (1: no workers). */
  threads: number;
  /** The relaxed-SIMD (FMA) kernels where the runtime has them (`MLPClassifierOptions.relaxedSimd`; default true). */
  relaxedSimd?: boolean;
  /** Training: the optimizer, its learning rate and the batch size. */
  training?: { optimizer: MLPOptimizer; learningRate: number; batchSize: number };
}

const finalizer =
  typeof FinalizationRegistry === 'function' ? new FinalizationRegistry<ThreadPool>((p) => p.dispose()) : undefined;

/**
 * The network's parameters, optimizer state and buffers in one WebAssembly memory, with the
 * worker threads bound to it. @internal
 */
export class SimdNetwork implements Trainer {
  readonly spec: NetSpec;
  private readonly L: NetLayout;
  private readonly memory: WebAssembly.Memory;
  private readonly fns: Kernel[];
  private readonly ex: Record<string, Kernel>;
  private readonly f32: Float32Array;
  private readonly i32: Int32Array;
  private readonly index: Map<string, number>;
  private readonly canWait: boolean;
  private pool: ThreadPool | undefined;
  private readonly training: SimdOptions['training'];
  private lr = 0;
  private t = 0;
  private best: Float32Array | undefined;
  /** Milliseconds per row of this thread's share of the last prediction pass (balances the next). */
  private ownMsPerRow = 0;
  /** This thread's share of a training step's update, and the thread count it was tuned for. */
  private ownUpdate = 1;
  private updateThreads = 1;
  /** The share's next change (signed: + takes more) and how many steps it has kept its sign. */
  private ownStep = -OWN_FIRST_STEP;
  private ownRun = 0;

  /** Rows of one pass (the most {@link SimdNetwork.probabilitiesOf} asks `fill` for). */
  get passRows(): number {
    return this.L.cap;
  }

  /**
   * Whether `spec` can run here on the kernels: SIMD, no batch normalization, and dropout only
   * after ReLU or linear layers (their gradient through the mask needs no unmasked activation).
   */
  static supports(spec: NetSpec): boolean {
    const dropoutOk = spec.dropout === 0 || spec.activation === 'relu' || spec.activation === 'linear';
    return enabled && dropoutOk && !spec.batchNorm && hasSimd();
  }

  /** Compiles the kernels (asynchronously, cached) and starts the workers; waits until they are up. */
  static async create(spec: NetSpec, values: readonly LayerValues[], opts: SimdOptions): Promise<SimdNetwork> {
    const shared = wantsShared(opts.threads);
    const module = await compileKernels(bestVariant(shared, opts.relaxedSimd ?? true));
    const net = new SimdNetwork(spec, values, opts, module, shared);
    await net.pool?.whenReady();
    return net;
  }

  /**
   * The same synchronously (workers join as they come up), or undefined where the kernels cannot
   * be compiled synchronously (a browser's main thread before `MLPClassifier.ready`).
   */
  static createSync(spec: NetSpec, values: readonly LayerValues[], opts: SimdOptions): SimdNetwork | undefined {
    const shared = wantsShared(opts.threads);
    const module = kernelsSync(bestVariant(shared, opts.relaxedSimd ?? true));
    return module ? new SimdNetwork(spec, values, opts, module, shared) : undefined;
  }

  private constructor(
    spec: NetSpec,
    values: readonly LayerValues[],
    opts: SimdOptions,
    module: WebAssembly.Module,
    shared: boolean,
  ) {
    this.spec = spec;
    this.training = opts.training;
    const cap = Math.max(PREDICT_ROWS, opts.training?.batchSize ?? 0);
    const threads = shared ? opts.threads : 1;
    this.L = netLayout(spec, cap, threads, opts.training?.optimizer);
    const pages = Math.ceil(this.L.bytes / 65536);
    this.memory = new WebAssembly.Memory(shared ? { initial: pages, maximum: pages, shared } : { initial: pages });
    const inst = new WebAssembly.Instance(module, { env: { memory: this.memory } });
    this.ex = inst.exports as unknown as Record<string, Kernel>;
    this.fns = KERNEL_NAMES.map((n) => this.ex[n] as Kernel);
    this.index = new Map(KERNEL_NAMES.map((n, i) => [n, i]));
    this.f32 = new Float32Array(this.memory.buffer);
    this.i32 = new Int32Array(this.memory.buffer);
    this.canWait = !shared || threadCanWait();
    this.write(values);
    if (opts.training) this.lr = opts.training.learningRate;
    if (threads > 1) {
      const { ctl, programs } = this.L;
      this.pool = ThreadPool.start(
        { module, memory: this.memory, names: KERNEL_NAMES, ctl, programs, words: PROGRAM_WORDS },
        threads - 1,
      );
      finalizer?.register(this, this.pool, this);
    }
  }

  /** Writes `values` into the parameter blocks (and Wᵀ when training). */
  private write(values: readonly LayerValues[]): void {
    this.L.layers.forEach((layer, l) => {
      const v = values[l] as LayerValues;
      const base = layer.params >> 2;
      for (let i = 0; i < layer.nIn; i++)
        this.f32.set(v.kernel.subarray(i * layer.nOut, (i + 1) * layer.nOut), base + i * layer.stride);
      this.f32.set(v.bias, base + layer.nIn * layer.stride);
    });
    this.refreshTransposes();
  }

  /** Wᵀ of every layer after the first, from the parameter blocks. */
  private refreshTransposes(): void {
    this.L.layers.forEach((layer) => {
      if (layer.wt !== 0)
        this.ex.transpose?.(layer.nIn, layer.nOut, layer.params, layer.stride, layer.wt, layer.inStride);
    });
  }

  /** Every parameter as float32 arrays without padding (kernel `nIn × nOut`, bias). */
  read(): LayerValues[] {
    return this.L.layers.map((layer) => {
      const base = layer.params >> 2;
      const kernel = new Float32Array(layer.nIn * layer.nOut);
      for (let i = 0; i < layer.nIn; i++)
        kernel.set(this.f32.subarray(base + i * layer.stride, base + i * layer.stride + layer.nOut), i * layer.nOut);
      const b0 = base + layer.nIn * layer.stride;
      return { kernel, bias: this.f32.slice(b0, b0 + layer.nOut) };
    });
  }

  /**
   * Puts `m` input rows in place: `fill` writes them densely (`m × d`) into the buffer it gets, and
   * they are spread to the padded row stride when there is one.
   */
  private loadRows(m: number, fill: (buf: Float32Array) => void, x = this.L.x): void {
    const { d, xStride, staging } = this.L;
    if (staging === 0) {
      fill(this.f32.subarray(x >> 2, (x >> 2) + m * d));
      return;
    }
    const s = staging >> 2;
    fill(this.f32.subarray(s, s + m * d));
    for (let i = 0; i < m; i++) this.f32.copyWithin((x >> 2) + i * xStride, s + i * d, s + (i + 1) * d);
  }

  /** Threads a pass of `rows` rows runs on: this one plus the workers that are up (≤ 1 per 4 rows). */
  private passThreads(rows: number): number[] {
    const ready = this.pool?.ready() ?? [];
    return ready.slice(0, Math.max(0, Math.ceil(rows / 4) - 1));
  }

  /**
   * Runs the written pass on this thread and `workers`, with `meanwhile` before this thread's
   * program and `after` after it (work that overlaps the workers'); returns the milliseconds this
   * thread then waited for the workers (0 on one thread).
   */
  private run(workers: number[], meanwhile?: () => void, after?: () => void): number {
    if (this.pool && workers.length > 0) return this.pool.run(this.fns, workers, this.canWait, meanwhile, after);
    meanwhile?.();
    this.i32[(this.L.ctl >> 2) + CTL.threads] = 1;
    runProgram(this.fns, this.i32, this.L.programs >> 2, this.L.ctl >> 2, CTL, () => undefined);
    after?.();
    return 0;
  }

  private writer(threads: number): ProgramWriter {
    return new ProgramWriter(this.i32, this.L.programs >> 2, PROGRAM_WORDS, threads, this.index);
  }

  /**
   * One optimizer step on a batch of `b` rows (`x` row-major float32, `y` class indices, `w` each
   * row's loss weight, already divided by b); returns the batch's loss (weighted cross-entropy +
   * L2 penalty, before the step) and correct predictions. `meanwhile` (the caller's next batch) runs
   * once the batch is copied in, on this thread while the workers finish their updates: this
   * thread's share of the update shrinks until it no longer waits for them (no effect on results).
   */
  step(...[x, y, w, b, dropoutSeeds, meanwhile]: StepArgs): StepResult {
    const tr = this.training;
    if (!tr) throw new Error('SimdNetwork: not built for training');
    const L = this.L;
    this.loadRows(b, (buf) => buf.set(x.subarray(0, b * L.d)));
    if (this.spec.dropout > 0) {
      L.layers.forEach((layer, l) => {
        if (layer.mask === 0) return;
        const seed = dropoutSeeds?.[l];
        if (seed === undefined) throw new Error('SimdNetwork: a dropout step needs one seed per hidden layer');
        const shape = { rows: b, cols: layer.nOut, stride: layer.stride };
        dropoutMask(this.f32, layer.mask >> 2, shape, this.spec.dropout, seed);
      });
    }
    this.i32.set(y.subarray(0, b), L.labels >> 2);
    this.f32.set(w.subarray(0, b), L.weights >> 2);
    let penalty = 0;
    if (this.spec.l2 > 0)
      for (const layer of L.layers) penalty += this.ex.sumsq?.(layer.nIn * layer.stride, layer.params) as number;
    this.hyperParameters(tr.optimizer);
    const workers = this.passThreads(b);
    const threads = 1 + workers.length;
    if (threads !== this.updateThreads) {
      this.updateThreads = threads;
      this.ownUpdate = 1 / threads;
      this.ownStep = -OWN_FIRST_STEP;
      this.ownRun = 0;
    }
    const prog = this.writer(threads);
    trainPass(prog, L, this.spec, b, tr.optimizer, this.ownUpdate);
    const waited = this.run(workers, undefined, meanwhile);
    if (threads > 1 && meanwhile) {
      // Waited for the workers: take more of the update next time; did not: take less.
      this.ownUpdate = Math.min(
        1 / threads,
        Math.max(OWN_STEP, this.ownUpdate + this.nextOwnStep(waited > OWN_WAIT_MS)),
      );
    }
    let loss = 0;
    let correct = 0;
    const st = L.stats >> 2;
    const wt = L.weights >> 2;
    for (let i = 0; i < b; i++) {
      const s = st + 4 * i;
      loss += (this.f32[wt + i] as number) * (Math.log(this.f32[s] as number) - (this.f32[s + 1] as number));
      correct += this.f32[s + 2] as number;
    }
    return { loss: loss + this.spec.l2 * penalty, correct };
  }

  /**
   * The change of this thread's update share after a step in which it waited for the workers
   * (`more`: take more) or did not: the last change's size, halved (at least {@link OWN_STEP}) when
   * its direction turns, doubled (at most {@link OWN_FIRST_STEP}) after {@link OWN_RUN} steps in
   * the same direction.
   */
  private nextOwnStep(more: boolean): number {
    const size = Math.abs(this.ownStep);
    if (more !== this.ownStep > 0) {
      this.ownRun = 0;
      this.ownStep = (more ? 1 : -1) * Math.max(OWN_STEP, size / 2);
    } else if (++this.ownRun >= OWN_RUN) {
      this.ownRun = 0;
      this.ownStep = (more ? 1 : -1) * Math.min(OWN_FIRST_STEP, size * 2);
    }
    return this.ownStep;
  }

  private hyperParameters(optimizer: MLPOptimizer): void {
    this.t++;
    const f = this.f32;
    for (const [at, l2x2] of [
      [this.L.hpKernel >> 2, 2 * this.spec.l2],
      [this.L.hpBias >> 2, 0],
    ] as const) {
      f[at + HP.lr] = this.lr;
      f[at + HP.l2x2] = l2x2;
      if (optimizer === 'adam') {
        f[at + HP.beta1] = ADAM.beta1;
        f[at + HP.omb1] = 1 - ADAM.beta1;
        f[at + HP.beta2] = ADAM.beta2;
        f[at + HP.omb2] = 1 - ADAM.beta2;
        f[at + HP.c1] = 1 / (1 - ADAM.beta1 ** this.t);
        f[at + HP.c2] = 1 / (1 - ADAM.beta2 ** this.t);
        f[at + HP.eps] = ADAM.eps;
      } else if (optimizer === 'rmsprop') {
        f[at + HP.beta2] = RMSPROP.rho;
        f[at + HP.omb2] = 1 - RMSPROP.rho;
        f[at + HP.eps] = RMSPROP.eps;
      }
    }
  }

  /**
   * Class probabilities (`n × nOut` float32) of `n` rows; `fill(buf, start, m)` writes rows
   * `start … start + m − 1` (row-major, `nIn` columns) into `buf`, a view of the kernels' memory.
   */
  probabilitiesOf(n: number, fill: (buf: Float32Array, start: number, m: number) => void): Float32Array {
    const L = this.L;
    const out = L.layers[L.layers.length - 1] as NetLayout['layers'][number];
    const k = out.nOut;
    const proba = new Float32Array(n * k);
    if (n === 0) return proba;
    const cap = L.cap;
    const buffers = L.x2 === 0 ? [L.x] : [L.x, L.x2];
    const timed = (f: () => void): number => {
      const t0 = performance.now();
      f();
      return performance.now() - t0;
    };
    let fillMs = timed(() => this.loadRows(Math.min(cap, n), (buf) => fill(buf, 0, Math.min(cap, n)), L.x));
    for (let start = 0, c = 0; start < n; start += cap, c++) {
      const m = Math.min(cap, n - start);
      const x = buffers[c % buffers.length] as number;
      const nextStart = start + cap;
      const nextM = Math.min(cap, n - nextStart);
      const workers = this.passThreads(m);
      // While the workers run this chunk, this thread reads the next one into the other buffer, so
      // it takes fewer rows: as many fewer as the read is expected to take (no effect on results).
      const overlap = workers.length > 0 && buffers.length > 1 && nextM > 0;
      const bounds = this.predictSplit(m, workers.length, overlap ? (fillMs * nextM) / m : 0);
      const prog = this.writer(1 + workers.length);
      predictPass(prog, L, this.spec, x, bounds);
      let failure: unknown;
      const next = () => {
        try {
          const target = buffers[(c + 1) % buffers.length] as number;
          fillMs = timed(() => this.loadRows(nextM, (buf) => fill(buf, nextStart, nextM), target));
        } catch (e) {
          failure = e;
        }
      };
      const t0 = performance.now();
      this.run(workers, overlap ? next : undefined);
      this.ownMsPerRow = (performance.now() - t0 - (overlap ? fillMs : 0)) / Math.max(1, bounds[1] as number);
      if (failure !== undefined) throw failure;
      if (!overlap && nextM > 0) next();
      if (failure !== undefined) throw failure;
      const a = out.act >> 2;
      const f = this.f32;
      for (let i = 0; i < m; i++) {
        const src = a + i * out.stride;
        const dst = (start + i) * k;
        for (let j = 0; j < k; j++) proba[dst + j] = f[src + j] as number;
      }
    }
    return proba;
  }

  /**
   * Row bounds of a prediction pass over `m` rows: this thread (slot 0) first, `extraMs` of other
   * work of its own to balance, then the workers in equal shares (multiples of 4).
   */
  private predictSplit(m: number, workers: number, extraMs: number): number[] {
    if (workers === 0) return [0, m];
    const T = workers + 1;
    const perRow = this.ownMsPerRow;
    const lag = perRow > 0 ? extraMs / perRow : 0;
    const workerRows = (m + lag) / T;
    const own = Math.max(0, Math.min(m, Math.floor((m - workers * workerRows) / 4) * 4));
    const bounds = [0, own];
    for (let t = 1; t <= workers; t++) {
      const [, hi] = share(m - own, workers, t - 1, 4);
      bounds.push(own + hi);
    }
    return bounds;
  }

  /** {@link SimdNetwork.probabilitiesOf} for rows held in a float32 array (`n × nIn`). */
  probabilities(X: Float32Array, n: number): Float32Array {
    const d = this.L.d;
    return this.probabilitiesOf(n, (buf, start, m) => buf.set(X.subarray(start * d, (start + m) * d)));
  }

  /** Sets the learning rate of the next steps. */
  setLearningRate(lr: number): void {
    this.lr = lr;
  }

  /** Keeps a copy of the current parameters as the best so far. */
  keepBest(): void {
    this.best = this.f32.slice(this.L.paramsStart >> 2, this.L.paramsEnd >> 2);
  }

  /** Puts the kept best parameters back (and refreshes Wᵀ). */
  restoreBest(): void {
    if (!this.best) return;
    this.f32.set(this.best, this.L.paramsStart >> 2);
    this.refreshTransposes();
  }

  /** Drops the kept best parameters (the network stays usable for predictions). */
  close(): void {
    this.best = undefined;
  }

  /** Stops the worker threads (the memory goes with the object). */
  dispose(): void {
    if (this.pool) {
      finalizer?.unregister(this);
      this.pool.dispose();
      this.pool = undefined;
    }
  }
}

/** Whether a network for `threads` threads uses a shared memory (and workers can start). */
function wantsShared(threads: number): boolean {
  return threads > 1 && hasSharedMemory() && canStartWorkers();
}
