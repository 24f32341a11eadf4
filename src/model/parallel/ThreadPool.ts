/**
 * The worker threads of one network: Node's `worker_threads` (reached through
 * `process.getBuiltinModule`, never a module-scope import, so the mlp entry still bundles for
 * browsers) or web workers on a cross-origin-isolated page. Each worker instantiates the kernel
 * module on the network's shared memory and then only waits on the control words — no message per
 * pass, no copy of weights or batches: everything is in the shared memory.
 *
 * @internal
 * @module
 */
import { CTL, MAX_WORKERS, SPIN_MAX_MS, runProgram, waitChange } from './program.js';
import type { Kernel, Spin } from './program.js';

interface WorkerHandle {
  terminate(): unknown;
  unref?(): void;
  on?(event: string, fn: (...a: unknown[]) => void): void;
  postMessage?(m: unknown): void;
  onerror?: unknown;
}

type NodeWorkerCtor = new (src: string, opts: { eval: true; workerData: unknown }) => WorkerHandle;
type WebWorkerCtor = new (url: string) => WorkerHandle;

/** Workers started and not yet exited (or terminated, in browsers), for leak checks. */
const live = new Set<WorkerHandle>();

/** Number of pool workers alive in this process (tests check that it returns to 0). @internal */
export function liveWorkers(): number {
  return live.size;
}

function nodeWorker(): NodeWorkerCtor | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (typeof proc?.getBuiltinModule !== 'function') return undefined;
  try {
    return (proc.getBuiltinModule('node:worker_threads') as { Worker?: NodeWorkerCtor } | undefined)?.Worker;
  } catch {
    return undefined;
  }
}

function webWorker(): WebWorkerCtor | undefined {
  const g = globalThis as { Worker?: WebWorkerCtor; crossOriginIsolated?: boolean; Blob?: unknown };
  return g.crossOriginIsolated === true && typeof g.Worker === 'function' ? g.Worker : undefined;
}

/** Whether this runtime can start pool workers (synchronously). @internal */
export function canStartWorkers(): boolean {
  return nodeWorker() !== undefined || webWorker() !== undefined;
}

/** Most threads by default: past that the per-pass synchronisation outweighs a batch's work. */
const DEFAULT_MAX_THREADS = 8;

/**
 * The default thread count: every core (`navigator.hardwareConcurrency`, else Node's
 * `os.availableParallelism()`), at most {@link DEFAULT_MAX_THREADS}; 1 where workers cannot start.
 * @internal
 */
export function defaultThreads(): number {
  if (!canStartWorkers()) return 1;
  const g = globalThis as {
    navigator?: { hardwareConcurrency?: number };
    process?: { getBuiltinModule?: (id: string) => unknown };
  };
  let cores = g.navigator?.hardwareConcurrency;
  if (!cores) {
    try {
      const os = g.process?.getBuiltinModule?.('node:os') as { availableParallelism?: () => number } | undefined;
      cores = os?.availableParallelism?.();
    } catch {
      cores = undefined;
    }
  }
  return Math.max(1, Math.min(DEFAULT_MAX_THREADS, cores ?? 1));
}

let mainCanWait: boolean | undefined;

/** Whether this thread may block in `Atomics.wait` (not a browser's main thread). @internal */
export function threadCanWait(): boolean {
  if (mainCanWait === undefined) {
    try {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
      mainCanWait = true;
    } catch {
      mainCanWait = false;
    }
  }
  return mainCanWait;
}

/** The worker's source: the interpreter's text, then boot and the wait loop. */
function workerSource(node: boolean): string {
  return `'use strict';
const runProgram = ${runProgram.toString()};
const C = ${JSON.stringify(CTL)};
const waitChange = ${waitChange.toString()};
const SPIN = ${JSON.stringify(SPIN_MAX_MS)};
function boot(d) {
  const inst = new WebAssembly.Instance(d.module, { env: { memory: d.memory } });
  const fns = d.names.map((n) => inst.exports[n]);
  const i32 = new Int32Array(d.memory.buffer);
  const ctl = d.ctl >> 2;
  const tid = d.tid;
  const passSpin = { ms: SPIN.pass, max: SPIN.pass };
  const barrierSpin = { ms: SPIN.barrier, max: SPIN.barrier };
  const wait = (at, value, errorAt) => waitChange(i32, at, value, barrierSpin, true, errorAt);
  let seen = Atomics.load(i32, ctl + C.go);
  Atomics.store(i32, ctl + C.ready + tid, 1);
  for (;;) {
    waitChange(i32, ctl + C.go, seen, passSpin, true, -1);
    const g = Atomics.load(i32, ctl + C.go);
    seen = g;
    if (Atomics.load(i32, ctl + C.quit) !== 0) return;
    if (Atomics.load(i32, ctl + C.assignedPass + tid) !== g) continue;
    const slot = Atomics.load(i32, ctl + C.slot + tid);
    try {
      runProgram(fns, i32, (d.programs >> 2) + slot * d.words, ctl, C, wait);
    } catch (e) {
      Atomics.store(i32, ctl + C.error, 1);
      Atomics.add(i32, ctl + C.barrierGen, 1);
      Atomics.notify(i32, ctl + C.barrierGen);
    }
    Atomics.add(i32, ctl + C.done, 1);
    Atomics.notify(i32, ctl + C.done);
  }
}
${node ? "boot(require('node:worker_threads').workerData);" : 'self.onmessage = (e) => boot(e.data);'}
`;
}

/** What a pool needs to know about the network's memory. @internal */
export interface PoolSetup {
  /** The compiled kernels (for a shared memory). */
  module: WebAssembly.Module;
  /** The shared memory. */
  memory: WebAssembly.Memory;
  /** Kernel export names in call order. */
  names: readonly string[];
  /** Byte offset of the control words. */
  ctl: number;
  /** Byte offset of the programs region. */
  programs: number;
  /** Int32 words per program. */
  words: number;
}

/**
 * Up to `workers` worker threads bound to one shared memory, and the pass protocol: the calling
 * thread runs program slot 0, the ready workers slots 1, 2, …
 * @internal
 */
export class ThreadPool {
  private readonly workers: WorkerHandle[] = [];
  private readonly i32: Int32Array;
  private readonly ctl: number;
  private broken = false;
  /** This thread's spin at barriers and for the workers to finish. */
  private readonly spin: Spin = { ms: SPIN_MAX_MS.barrier, max: SPIN_MAX_MS.barrier };

  private constructor(private readonly setup: PoolSetup) {
    this.i32 = new Int32Array(setup.memory.buffer);
    this.ctl = setup.ctl >> 2;
  }

  /**
   * Starts up to `workers` workers (fewer, possibly none, where they cannot start); they become
   * ready in the background.
   */
  static start(setup: PoolSetup, workers: number): ThreadPool {
    const pool = new ThreadPool(setup);
    const NodeWorker = nodeWorker();
    const WebWorker = NodeWorker ? undefined : webWorker();
    const n = Math.min(workers, MAX_WORKERS);
    for (let tid = 1; tid <= n; tid++) {
      const data = { ...setup, tid };
      try {
        let w: WorkerHandle;
        if (NodeWorker) {
          w = new NodeWorker(workerSource(true), { eval: true, workerData: data });
          w.unref?.();
          w.on?.('exit', () => live.delete(w));
          w.on?.('error', () => (pool.broken = true));
        } else if (WebWorker) {
          const url = URL.createObjectURL(new Blob([workerSource(false)], { type: 'text/javascript' }));
          w = new WebWorker(url);
          URL.revokeObjectURL(url);
          // A page whose content security policy refuses blob workers: fall back to one thread.
          w.onerror = () => {
            pool.broken = true;
          };
          w.postMessage?.(data);
        } else break;
        live.add(w);
        pool.workers.push(w);
      } catch {
        break;
      }
    }
    return pool;
  }

  /** Worker ids (1, 2, …) that are up. */
  ready(): number[] {
    const out: number[] = [];
    if (this.broken) return out;
    for (let tid = 1; tid <= this.workers.length; tid++)
      if (Atomics.load(this.i32, this.ctl + CTL.ready + tid) === 1) out.push(tid);
    return out;
  }

  /** Resolves when every worker is up, or after `timeoutMs` with those that are. */
  async whenReady(timeoutMs = 10_000): Promise<void> {
    const t0 = Date.now();
    while (this.ready().length < this.workers.length && !this.broken && Date.now() - t0 < timeoutMs)
      await new Promise((r) => setTimeout(r, 2));
  }

  /**
   * Runs one pass: the programs of slots `1 … workers.length` on those workers (ids from
   * {@link ThreadPool.ready}), slot 0 here with `fns` after `meanwhile` and before `after` (work of
   * this thread that overlaps the workers'); returns when all are done, with the milliseconds this
   * thread then waited for the workers (after `after`).
   * @throws Error when a worker failed (the pool is then unusable).
   */
  run(
    fns: readonly Kernel[],
    workers: readonly number[],
    canWait: boolean,
    meanwhile?: () => void,
    after?: () => void,
  ): number {
    const { i32, ctl } = this;
    Atomics.store(i32, ctl + CTL.done, 0);
    Atomics.store(i32, ctl + CTL.threads, 1 + workers.length);
    Atomics.store(i32, ctl + CTL.barrierCount, 0);
    const g = (Atomics.load(i32, ctl + CTL.go) + 1) | 0;
    workers.forEach((tid, j) => {
      Atomics.store(i32, ctl + CTL.slot + tid, j + 1);
      Atomics.store(i32, ctl + CTL.assignedPass + tid, g);
    });
    Atomics.store(i32, ctl + CTL.go, g);
    Atomics.notify(i32, ctl + CTL.go);
    let failure: unknown;
    try {
      meanwhile?.();
      const wait = (at: number, value: number, errorAt: number) =>
        waitChange(i32, at, value, this.spin, canWait, errorAt);
      runProgram(fns, i32, (this.setup.programs >> 2) + 0, ctl, CTL, wait);
      after?.();
    } catch (e) {
      failure = e;
      Atomics.store(i32, ctl + CTL.error, 1);
      Atomics.add(i32, ctl + CTL.barrierGen, 1);
      Atomics.notify(i32, ctl + CTL.barrierGen);
    }
    const t0 = performance.now();
    for (;;) {
      const done = Atomics.load(i32, ctl + CTL.done);
      if (done >= workers.length) break;
      waitChange(i32, ctl + CTL.done, done, this.spin, canWait, -1);
    }
    if (failure !== undefined || Atomics.load(i32, ctl + CTL.error) !== 0) {
      this.broken = true;
      throw new Error(`a kernel thread failed${failure instanceof Error ? `: ${failure.message}` : ''}`);
    }
    return performance.now() - t0;
  }

  /** Stops and terminates every worker. */
  dispose(): void {
    const { i32, ctl } = this;
    Atomics.store(i32, ctl + CTL.quit, 1);
    Atomics.add(i32, ctl + CTL.go, 1);
    Atomics.notify(i32, ctl + CTL.go);
    for (const w of this.workers) {
      void w.terminate();
      if (!w.on) live.delete(w); // web workers stop at once; Node's report 'exit'
    }
    this.workers.length = 0;
  }
}
