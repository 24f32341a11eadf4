/**
 * Running the candidate scan on several threads from a synchronous call: Node's worker_threads
 * (reached through `process.getBuiltinModule`, never a module-scope import, so the core entry
 * still bundles for browsers), one shared WebAssembly memory, a shared block counter, and
 * `Atomics.wait` on the calling thread. The calling thread scans too; workers join as soon as they
 * are up, so a slow worker start costs nothing but its share of the work.
 *
 * @internal
 * @packageDocumentation
 */
import { candidateScan, insertBelow, storeDistances, type PackedRows, type ScanArgs, type ScanSizes } from './scan.js';

/**
 * Where the scan's arrays live in the wasm memory (byte offsets) and the scan sizes: a plain
 * object that can be posted to a worker.
 * @internal
 */
export interface ScanLayout extends PackedRows, ScanSizes {
  /** This scan's 16 control words: its block counter (`int32[0]`), its worker job cells (`int32[1 …]`). */
  ctrlPtr: number;
  candPtr: number;
  candValPtr: number;
  fillPtr: number;
  /** 0 when no row is excluded. */
  selfPtr: number;
  /** Per-query float32 thresholds, `nQ` rounded up to a multiple of `MB`. */
  thrPtr: number;
}

/**
 * Builds a thread's scan arguments from the layout (self-contained: shipped to workers as text).
 * @internal
 */
export function viewArgs(m: ScanLayout, buf: ArrayBufferLike, select: ScanArgs['select']): ScanArgs {
  return {
    nQ: m.nQ,
    n: m.n,
    d: m.d,
    K: m.K,
    MB: m.MB,
    NB: m.NB,
    cand: new Int32Array(buf, m.candPtr, m.nQ * m.K),
    candVal: new Float32Array(buf, m.candValPtr, m.nQ * m.K),
    fill: new Int32Array(buf, m.fillPtr, m.nQ),
    self: m.selfPtr === 0 ? null : new Int32Array(buf, m.selfPtr, m.nQ),
    counter: new Int32Array(buf, m.ctrlPtr, 16),
    counterAt: 0,
    select,
    rowBytes: m.rowBytes,
    qPtr: m.qPtr,
    qnPtr: m.qnPtr,
    pPtr: m.pPtr,
    xnPtr: m.xnPtr,
    sxPtr: m.sxPtr,
    sqPtr: m.sqPtr,
    candPtr: m.candPtr,
    candValPtr: m.candValPtr,
    fillPtr: m.fillPtr,
    selfPtr: m.selfPtr,
    thrPtr: m.thrPtr,
    thr: new Float32Array(buf, m.thrPtr, Math.ceil(m.nQ / m.MB) * m.MB),
    out: null,
    X: null,
    xn: null,
    Q: null,
    qn: null,
  };
}

/** Job state codes, relative to a job id (a multiple of 4). */
const RUNNING = 1;
const DONE = 2;
const FAILED = 3;

interface WorkerLike {
  postMessage(m: unknown): void;
  unref(): void;
  terminate(): unknown;
}

function workerSource(): string {
  return `'use strict';
const { parentPort } = require('node:worker_threads');
const candidateScan = ${candidateScan.toString()};
const insertBelow = ${insertBelow.toString()};
const storeDistances = ${storeDistances.toString()};
const viewArgs = ${viewArgs.toString()};
parentPort.on('message', (m) => {
  const ctrl = new Int32Array(m.memory.buffer, m.layout.ctrlPtr, 16);
  if (Atomics.compareExchange(ctrl, m.cell, m.job, m.job + ${RUNNING}) !== m.job) return;
  let state = m.job + ${DONE};
  try {
    const inst = new WebAssembly.Instance(m.module, { env: { memory: m.memory } });
    candidateScan(viewArgs(m.layout, m.memory.buffer, inst.exports.select));
  } catch (e) {
    state = m.job + ${FAILED};
  }
  Atomics.store(ctrl, m.cell, state);
  Atomics.notify(ctrl, m.cell);
});`;
}

/**
 * A pooled worker and the shared memory it last scanned. A worker's isolate keeps every memory it
 * was sent (the message's `WebAssembly.Memory` and the instance built on it) until its own garbage
 * collector runs, which its tiny heap almost never asks for: one fit after another (a blocked search
 * fits a fresh index per block) left each block's shared memory alive, +40 MB per block measured.
 * So a worker is sent one memory only: for a scan of another memory it is replaced by a fresh one
 * (terminating it frees its isolate and with it the old memory); a fit's many scans reuse it.
 */
interface Pooled {
  worker: WorkerLike;
  memory: WebAssembly.Memory | undefined;
  /** Jobs posted to it and not yet joined (a worker with jobs in flight is never replaced). */
  pending: number;
}

let pool: Pooled[] | undefined;
let poolBroken = false;

/** The worker_threads module when this runtime offers it synchronously, else undefined. */
function workerThreads(): { Worker: new (src: string, opts: { eval: boolean }) => WorkerLike } | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (proc === undefined || typeof proc.getBuiltinModule !== 'function') return undefined;
  try {
    const wt = proc.getBuiltinModule('node:worker_threads') as
      | { Worker?: new (src: string, opts: { eval: boolean }) => WorkerLike }
      | undefined;
    return wt?.Worker !== undefined ? { Worker: wt.Worker } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a parallel scan is possible here (Node with worker_threads and SharedArrayBuffer).
 * @internal
 */
export function parallelAvailable(): boolean {
  return (
    !poolBroken &&
    typeof SharedArrayBuffer === 'function' &&
    typeof Atomics === 'object' &&
    workerThreads() !== undefined
  );
}

/**
 * Up to `count` idle pooled workers for a scan of `memory` (created lazily, unref'd so they never
 * keep a process alive); a worker that scanned another memory is replaced (see {@link Pooled}).
 */
function workers(count: number, memory: WebAssembly.Memory): Pooled[] {
  pool ??= [];
  const wt = workerThreads();
  const spawn = (): Pooled | undefined => {
    if (wt === undefined || poolBroken) return undefined;
    try {
      const worker = new wt.Worker(workerSource(), { eval: true });
      worker.unref();
      return { worker, memory: undefined, pending: 0 };
    } catch {
      poolBroken = true;
      return undefined;
    }
  };
  const out: Pooled[] = [];
  for (let i = 0; i < count; i++) {
    let p: Pooled | undefined = pool[i];
    // a worker still scanning another memory keeps it: this scan goes without it
    if (p !== undefined && p.memory !== memory && p.pending > 0) break;
    if (p !== undefined && p.memory !== undefined && p.memory !== memory) {
      void p.worker.terminate();
      p = undefined;
    }
    p ??= spawn();
    if (p === undefined) {
      pool.length = i;
      break;
    }
    p.memory = memory;
    pool[i] = p;
    out.push(p);
  }
  return out;
}

let jobSeq = 0;

/**
 * A scan handed to workers and not yet joined ({@link postScan}, {@link joinScan}).
 * @internal
 */
export interface PostedScan {
  memory: WebAssembly.Memory;
  layout: ScanLayout;
  workers: Pooled[];
  jobs: number[];
}

/**
 * Hands the scan described by `layout` to up to `extraThreads` pooled workers, which start on it
 * as soon as they are free (a worker runs its jobs in the order posted); the calling thread joins
 * it with {@link joinScan}. The layout's block counter must be 0.
 * @internal
 */
export function postScan(
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
  layout: ScanLayout,
  extraThreads: number,
): PostedScan {
  const ws = workers(extraThreads, memory);
  const ctrl = new Int32Array(memory.buffer, layout.ctrlPtr, 16);
  const jobs: number[] = [];
  for (let i = 0; i < ws.length; i++) {
    jobSeq = (jobSeq + 4) % (1 << 28);
    const job = jobSeq + 4;
    const cell = 1 + i;
    Atomics.store(ctrl, cell, job);
    jobs.push(job);
    ws[i]!.pending++;
    ws[i]!.worker.postMessage({ memory, module, layout, job, cell });
  }
  return { memory, layout, workers: ws, jobs };
}

/**
 * Scans the blocks of a posted scan that no worker has taken, on the calling thread, then waits
 * for the workers that joined (one that has not started is cancelled). Returns the number of
 * workers that joined.
 * @internal
 */
export function joinScan(posted: PostedScan, select: ScanArgs['select']): number {
  const { memory, layout, workers: ws, jobs } = posted;
  candidateScan(viewArgs(layout, memory.buffer, select));
  const ctrl = new Int32Array(memory.buffer, layout.ctrlPtr, 16);
  let joined = 0;
  let failed = false;
  for (let i = 0; i < ws.length; i++) {
    const cell = 1 + i;
    const job = jobs[i]!;
    ws[i]!.pending--;
    // Cancel a worker that has not started; otherwise wait for it to finish.
    if (Atomics.compareExchange(ctrl, cell, job, 0) === job) continue;
    joined++;
    for (;;) {
      const s = Atomics.load(ctrl, cell);
      if (s === job + DONE) break;
      if (s === job + FAILED) {
        failed = true;
        break;
      }
      Atomics.wait(ctrl, cell, s, 1000);
    }
    Atomics.store(ctrl, cell, 0);
  }
  if (failed) {
    // A worker could not finish its blocks: redo the whole scan here (results are identical).
    poolBroken = true;
    for (const p of pool ?? []) if (p.pending === 0) void p.worker.terminate();
    pool = pool?.filter((p) => p.pending > 0);
    Atomics.store(ctrl, 0, 0);
    candidateScan(viewArgs(layout, memory.buffer, select));
  }
  return joined;
}

/**
 * Runs the scan described by `layout` on the calling thread plus up to `extraThreads` workers.
 * The layout's block counter must be 0. Returns the number of workers that joined.
 * @internal
 */
export function parallelScan(
  module: WebAssembly.Module,
  memory: WebAssembly.Memory,
  select: ScanArgs['select'],
  layout: ScanLayout,
  extraThreads: number,
): number {
  return joinScan(postScan(module, memory, layout, extraThreads), select);
}
