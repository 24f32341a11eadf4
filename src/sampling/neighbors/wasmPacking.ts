/**
 * The wasm kernels' memory: the fitted rows packed once per fit (float32 panels, or int16 rows with
 * per-row scales), and each scan's query rows, candidate lists and thresholds laid out after them
 * in the same (possibly shared) `WebAssembly.Memory`.
 *
 * Memory map (byte offsets, 16-byte aligned): `[0, 64)` control words (the scan's block counter,
 * worker job cells) · packed data panels at `pPtr` · data squared norms at `xnPtr` · int16: data
 * scales at `sxPtr` · `dataEnd` — per scan: query rows at `qPtr`, their norms, int16: their scales
 * times 2, candidate indices, candidate values, fill counts, self indices, per-query thresholds.
 *
 * @internal
 * @packageDocumentation
 */
import { type Candidates, type Centering, centerInto } from './candidates.js';
import { joinScan, type PostedScan, postScan, type ScanLayout, viewArgs } from './parallel.js';
import { centerAndMeasure, quantizeScaled } from './quantize.js';
import { candidateScan, MB, NB, type SelectFn } from './scan.js';
import { assembleKernel, type KernelVariant, wasmRelaxedSimdAvailable, wasmSimdAvailable } from './wasm.js';

const WASM_PAGE = 65536;

/** The fitted rows packed for one wasm kernel, with what the error certificate needs of it. @internal */
export interface WasmState {
  /** The int16 kernel (else float32). */
  int16: boolean;
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  shared: boolean;
  /** Pages the memory may grow to. */
  maxPages: number;
  select: SelectFn;
  /** End of the fitted-data region (bytes). */
  dataEnd: number;
  pPtr: number;
  xnPtr: number;
  /** int16 kernel: the data rows' float32 scales (0 otherwise). */
  sxPtr: number;
  /** Bytes of one packed row. */
  rowBytes: number;
  /**
   * int16 kernel, over the data rows (centered `v`, quantised `v̂ = s·q`): the largest residual
   * `‖v − v̂‖`, the largest `‖v̂‖`, and the largest residual per norm `‖v − v̂‖ / ‖v‖`.
   */
  maxRes: number;
  maxQNorm: number;
  resPerNorm: number;
  /** Largest squared norm of a centered data row (float64, as summed in coordinate order). */
  xnMax: number;
  /** The regions `[start, end)` (bytes) of the scans started and not yet finished. */
  busy: Array<[number, number]>;
}

const moduleCache = new Map<string, WebAssembly.Module>();

/** Relaxed SIMD present: the float32 kernel accumulates with `relaxed_madd` (one FMA, not mul + add). */
let fmaOk: boolean | undefined;
let simdOk: boolean | undefined;

/** Whether this runtime runs the wasm kernels (WebAssembly SIMD), probed once. @internal */
export function wasmKernelsAvailable(): boolean {
  simdOk ??= wasmSimdAvailable();
  return simdOk;
}

function kernelModule(d: number, shared: boolean, int16: boolean): WebAssembly.Module {
  const key = `${d}:${shared ? 's' : 'u'}:${int16 ? 'i' : 'f'}`;
  let m = moduleCache.get(key);
  if (m === undefined) {
    fmaOk ??= wasmRelaxedSimdAvailable();
    const variant: KernelVariant = int16 ? 'i16' : fmaOk ? 'fma' : 'f32';
    m = new WebAssembly.Module(assembleKernel(d, shared, variant) as BufferSource);
    moduleCache.set(key, m);
  }
  return m;
}

function ensureBytes(memory: WebAssembly.Memory, maxPages: number, bytes: number): boolean {
  const have = memory.buffer.byteLength;
  if (bytes <= have) return true;
  const pages = Math.ceil((bytes - have) / WASM_PAGE);
  if (have / WASM_PAGE + pages > maxPages) return false;
  try {
    memory.grow(pages);
  } catch {
    return false; // the engine could not reserve more
  }
  return true;
}

const align16 = (x: number): number => (x + 15) & ~15;

/** Bytes of one packed row of the int16 or float32 kernel. @internal */
export function packedRowBytes(d: number, int16: boolean): number {
  return int16 ? ((d + 1) & ~1) * 2 : d * 4;
}

/**
 * Packs the centered data rows for a wasm kernel: float32 panels of 8 rows interleaved by
 * coordinate, or (int16) each row quantised with its own scale, panels interleaved by coordinate
 * pair; plus the rows' float32 squared norms (and scales). In a new memory, or in the memory of
 * `previous` (a packing this one replaces, never used again) when it is shared alike and can hold
 * the rows: a pooled worker is sent one memory only (see `parallel.ts`), so a refit in a new memory
 * also starts a new worker thread.
 * @internal
 */
export function packWasm(
  data: Float64Array,
  n: number,
  d: number,
  mean: Float64Array,
  int16: boolean,
  shared: boolean,
  previous?: WasmState,
): WasmState {
  const dPad = (d + 1) & ~1;
  const rowBytes = packedRowBytes(d, int16);
  const nPad = (n + 7) & ~7;
  const pPtr = 64;
  const xnPtr = align16(pPtr + nPad * rowBytes);
  const sxPtr = int16 ? align16(xnPtr + nPad * 4) : 0;
  const dataEnd = align16((int16 ? sxPtr : xnPtr) + nPad * 4);
  const initial = Math.ceil((dataEnd + (1 << 20)) / WASM_PAGE);
  let memory: WebAssembly.Memory;
  let maximum: number;
  if (
    previous !== undefined &&
    previous.shared === shared &&
    ensureBytes(previous.memory, previous.maxPages, dataEnd)
  ) {
    memory = previous.memory;
    maximum = previous.maxPages;
  } else {
    // Shared memories need a maximum; V8 only reserves (not commits) it. Queries too large for it
    // are split (see scanWasm).
    maximum = shared ? Math.min(65536, Math.max(4 * initial, 16384)) : 65536;
    memory = shared ? new WebAssembly.Memory({ initial, maximum, shared: true }) : new WebAssembly.Memory({ initial });
  }
  // a reused memory holds the previous packing: zeroed, so that its padding rows (computed, never
  // selected) read as in a fresh memory
  if (memory === previous?.memory) new Uint8Array(memory.buffer, 0, dataEnd).fill(0);
  const module = kernelModule(d, shared, int16);
  const inst = new WebAssembly.Instance(module, { env: { memory } });
  const XN = new Float32Array(memory.buffer, xnPtr, nPad);
  // [largest residual, largest quantised norm, largest residual per norm] (int16; 0 for float32),
  // largest squared norm
  const stats = new Float64Array(4);
  if (int16) {
    const P = new Int16Array(memory.buffer, pPtr, nPad * dPad);
    const SX = new Float32Array(memory.buffer, sxPtr, nPad);
    packRowsInt16(data, n, d, mean, P, dPad, XN, SX, stats);
  } else {
    stats[3] = packRowsFloat32(data, n, d, mean, new Float32Array(memory.buffer, pPtr, nPad * d), XN);
  }
  const select = inst.exports.select as SelectFn;
  return {
    int16,
    module,
    memory,
    shared,
    maxPages: maximum,
    select,
    dataEnd,
    pPtr,
    xnPtr,
    sxPtr,
    rowBytes,
    maxRes: stats[0]!,
    maxQNorm: stats[1]!,
    resPerNorm: stats[2]!,
    xnMax: stats[3]!,
    busy: [],
  };
}

/**
 * The int16 packing of `packWasm`: panel p holds rows 8p…8p+7, per coordinate pair rows 0–3 then
 * rows 4–7, two values each; each row's squared centered norm to `XN`, scale to `SX`; `stats`
 * receives the largest residual, quantised norm and residual per norm. Leaves of their own (this
 * and {@link packRowsFloat32}): their loops then run optimised code from the start of each fit.
 */
function packRowsInt16(
  data: Float64Array,
  n: number,
  d: number,
  mean: Float64Array,
  P: Int16Array,
  dPad: number,
  XN: Float32Array,
  SX: Float32Array,
  stats: Float64Array,
): void {
  let maxRes = 0;
  let maxQNorm = 0;
  let resPerNorm = 0;
  let xnMax = 0;
  const v = new Float64Array(d);
  const aux = new Float64Array(2);
  for (let i = 0; i < n; i++) {
    const sum = centerAndMeasure(data, i * d, mean, d, v, aux);
    XN[i] = sum;
    if (sum > xnMax) xnMax = sum;
    const r = i & 7;
    SX[i] = quantizeScaled(v, d, P, (i >> 3) * 8 * dPad + (r & 4) * 2 + (r & 3) * 2, 16, aux, aux[0]!, sum);
    const res = aux[0]!;
    if (res > maxRes) maxRes = res;
    if (aux[1]! > maxQNorm) maxQNorm = aux[1]!;
    if (res > 0 && res / Math.sqrt(sum) > resPerNorm) resPerNorm = res / Math.sqrt(sum);
  }
  stats[0] = maxRes;
  stats[1] = maxQNorm;
  stats[2] = resPerNorm;
  stats[3] = xnMax;
}

/**
 * The float32 packing of `packWasm`: panels of 8 rows interleaved by coordinate, norms to `XN`;
 * returns the largest squared norm (float64).
 */
function packRowsFloat32(
  data: Float64Array,
  n: number,
  d: number,
  mean: Float64Array,
  P: Float32Array,
  XN: Float32Array,
): number {
  let xnMax = 0;
  for (let i = 0; i < n; i++) {
    const base = (i >> 3) * 8 * d + (i & 7);
    let sum = 0;
    for (let t = 0; t < d; t++) {
      const x = data[i * d + t]! - mean[t]!;
      P[base + t * 8] = x;
      sum += x * x;
    }
    XN[i] = sum;
    if (sum > xnMax) xnMax = sum;
  }
  return xnMax;
}

/** Threads a scan used, for the engine's diagnostics. @internal */
export interface ScanThreads {
  /** Most threads used by a scan. */
  threads: number;
  /** Worker threads that joined a scan (summed over scans). */
  workersJoined: number;
}

/**
 * The `K` best candidates by the kernel's approximate squared distance for the query rows `sub` of
 * `query` (all when null), against the fitted rows packed in `w`. `threadsFor(m)` says how many
 * threads may scan `m` query rows; `run` accumulates the threads used. A query too large for the
 * memory is split in halves.
 * @internal
 */
export function scanWasm(
  w: WasmState,
  fitted: Centering,
  query: Float64Array,
  sub: Int32Array | null,
  K: number,
  excludeSelf: boolean,
  threadsFor: (m: number) => number,
  run: ScanThreads,
): Candidates {
  return finishScanWasm(startScanWasm(w, fitted, query, sub, K, excludeSelf, threadsFor, run));
}

/**
 * A scan of {@link startScanWasm}: handed to the workers, or (one thread, or a query split for the
 * memory) not started, or already done. @internal
 */
export interface ScanTicket {
  w: WasmState;
  layout: ScanLayout | null;
  posted: PostedScan | null;
  run: ScanThreads;
  qn: Float64Array;
  qRes: Float64Array | null;
  /** The candidates, when the scan ran at its start. */
  done: Candidates | null;
  /** This scan's region of the memory, `[start, end)`. */
  region: [number, number];
}

/**
 * {@link scanWasm} up to the workers' start: packs the queries in a region of the memory after the
 * scans not yet finished and posts the scan to the workers, which start on it while the caller
 * goes on; {@link finishScanWasm} joins it. Scans started together must be finished in the order
 * started. @internal
 */
export function startScanWasm(
  w: WasmState,
  fitted: Centering,
  query: Float64Array,
  sub: Int32Array | null,
  K: number,
  excludeSelf: boolean,
  threadsFor: (m: number) => number,
  run: ScanThreads,
): ScanTicket {
  const { n, d, mean } = fitted;
  const m = sub === null ? query.length / d : sub.length;
  const mPad = Math.ceil(m / MB) * MB;
  const qn = new Float64Array(m);
  const rowOf = (i: number): number => (sub === null ? i : sub[i]!);
  const int16 = w.int16;
  const qRes = int16 ? new Float64Array(m) : null;
  const threads = threadsFor(m);
  // the region right after the fitted data, or after the regions of scans not yet finished
  const size = 64 + mPad * (w.rowBytes + (int16 ? 8 : 4) + 4) + 2 * m * K * 4 + (excludeSelf ? 2 : 1) * m * 4 + 128;
  const clash = w.busy.some(([a, b]) => a < w.dataEnd + size && w.dataEnd < b);
  const ctrlPtr = clash ? align16(Math.max(...w.busy.map(([, b]) => b))) : w.dataEnd;
  const qPtr = ctrlPtr + 64;
  const qnPtr = align16(qPtr + mPad * w.rowBytes);
  const sqPtr = int16 ? align16(qnPtr + mPad * 4) : 0;
  const candPtr = align16((int16 ? sqPtr : qnPtr) + mPad * 4);
  const candValPtr = align16(candPtr + m * K * 4);
  const fillPtr = align16(candValPtr + m * K * 4);
  const selfPtr = excludeSelf ? align16(fillPtr + m * 4) : 0;
  const thrPtr = align16((excludeSelf ? selfPtr : fillPtr) + m * 4);
  const end = thrPtr + mPad * 4;
  const region: [number, number] = [ctrlPtr, end];
  const ticket = (layout: ScanLayout | null, posted: PostedScan | null, done: Candidates | null): ScanTicket => {
    if (done === null) w.busy.push(region);
    return { w, layout, posted, run, qn, qRes, done, region };
  };
  if (!ensureBytes(w.memory, w.maxPages, end) && m > 1) {
    // Cannot happen for data that passed fit's size check unless the query is huge: split it.
    const half = Math.floor(m / 2);
    const all = sub ?? Int32Array.from({ length: m }, (_, i) => i);
    const a = scanWasm(w, fitted, query, all.subarray(0, half), K, excludeSelf, threadsFor, run);
    const b = scanWasm(w, fitted, query, all.subarray(half), K, excludeSelf, threadsFor, run);
    const cand = new Int32Array(m * K);
    cand.set(a.cand);
    cand.set(b.cand, half * K);
    const candVal = new Float32Array(m * K);
    candVal.set(a.candVal);
    candVal.set(b.candVal, half * K);
    const fill = new Int32Array(m);
    fill.set(a.fill);
    fill.set(b.fill, half);
    qn.set(a.qn);
    qn.set(b.qn, half);
    if (qRes !== null) {
      qRes.set(a.qRes as Float64Array);
      qRes.set(b.qRes as Float64Array, half);
    }
    return ticket(null, null, { cand, candVal, fill, qn, qRes });
  }
  const buf = w.memory.buffer;
  const QN = new Float32Array(buf, qnPtr, mPad);
  QN.fill(0);
  if (int16) {
    const dPad = w.rowBytes >> 1;
    const Qi = new Int16Array(buf, qPtr, mPad * dPad);
    // every value of the m rows is written but an odd d's padding column; the padding rows are zeroed
    if (dPad === d) Qi.fill(0, m * dPad);
    else Qi.fill(0);
    const SQ = new Float32Array(buf, sqPtr, mPad);
    SQ.fill(0);
    packQueriesInt16(query, sub, m, d, mean, Qi, dPad, QN, SQ, qn, qRes as Float64Array);
  } else {
    const Qf = new Float32Array(buf, qPtr, mPad * d);
    Qf.fill(0);
    for (let i = 0; i < m; i++) QN[i] = qn[i] = centerInto(query, rowOf(i) * d, mean, d, Qf, i * d);
  }
  if (excludeSelf) {
    const S = new Int32Array(buf, selfPtr, m);
    for (let i = 0; i < m; i++) S[i] = rowOf(i);
  }
  const layout: ScanLayout = {
    nQ: m,
    n,
    d,
    K,
    MB,
    NB,
    rowBytes: w.rowBytes,
    qPtr,
    qnPtr,
    pPtr: w.pPtr,
    xnPtr: w.xnPtr,
    sxPtr: w.sxPtr,
    sqPtr,
    ctrlPtr,
    candPtr,
    candValPtr,
    fillPtr,
    selfPtr,
    thrPtr,
  };
  new Int32Array(buf, ctrlPtr, 16).fill(0);
  run.threads = Math.max(run.threads, threads);
  const posted = threads > 1 ? postScan(w.module, w.memory, layout, threads - 1) : null;
  return ticket(layout, posted, null);
}

/** Joins (or runs) the scan of a {@link startScanWasm} ticket and returns its candidates. @internal */
export function finishScanWasm(t: ScanTicket): Candidates {
  if (t.done !== null) return t.done;
  const { w, layout, posted, run } = t;
  const l = layout as ScanLayout;
  try {
    if (posted !== null) run.workersJoined += joinScan(posted, w.select);
    else candidateScan(viewArgs(l, w.memory.buffer, w.select));
  } finally {
    w.busy = w.busy.filter((r) => r !== t.region);
  }
  const b2 = w.memory.buffer;
  return {
    cand: new Int32Array(b2, l.candPtr, l.nQ * l.K).slice(),
    candVal: new Float32Array(b2, l.candValPtr, l.nQ * l.K).slice(),
    fill: new Int32Array(b2, l.fillPtr, l.nQ).slice(),
    qn: t.qn,
    qRes: t.qRes,
  };
}

/**
 * The int16 kernel's query rows `sub` of `query` (all when null): each centered, its squared norm
 * to `qn` and `QN`, quantised into `Qi` (row `i` at `i · dPad`), twice its scale to `SQ` and its
 * residual to `qRes`. A leaf of its own: inside `scanWasm` (called once per query block) the loop
 * ran in on-stack-replaced code, lost with each deoptimisation of the long caller.
 */
function packQueriesInt16(
  query: Float64Array,
  sub: Int32Array | null,
  m: number,
  d: number,
  mean: Float64Array,
  Qi: Int16Array,
  dPad: number,
  QN: Float32Array,
  SQ: Float32Array,
  qn: Float64Array,
  qRes: Float64Array,
): void {
  const v = new Float64Array(d);
  const aux = new Float64Array(2);
  for (let i = 0; i < m; i++) {
    const row = sub === null ? i : sub[i]!;
    const sum = centerAndMeasure(query, row * d, mean, d, v, aux);
    QN[i] = qn[i] = sum;
    SQ[i] = 2 * quantizeScaled(v, d, Qi, i * dPad, 2, aux, aux[0]!, sum);
    qRes[i] = aux[0]!;
  }
}
