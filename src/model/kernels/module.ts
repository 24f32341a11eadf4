/**
 * The MLP's WebAssembly kernel module: the gemm of every epilogue (gemm.ts) and the element-wise
 * kernels (elementwise.ts), assembled for a shared memory (threads) or an ordinary one, with or
 * without relaxed-SIMD FMA; feature detection; and one compiled module per variant, cached.
 *
 * Browsers refuse to compile a module of more than 4 KB synchronously on the main thread, so
 * {@link compileKernels} (async, called by `fit` and `MLPClassifier.ready`) fills the cache and
 * {@link kernelsSync} only compiles synchronously as a fallback (Node, workers).
 *
 * @internal
 * @module
 */
import { Func, F32, assemble } from './assembler.js';
import { elementwiseFuncs } from './elementwise.js';
import { EPILOGUES, gemmFunc } from './gemm.js';

/** Which module: for a shared memory, with relaxed-SIMD FMA. @internal */
export interface KernelVariant {
  shared: boolean;
  fma: boolean;
}

/** The functions of the module in export order (a program's call opcode is 2 + this index). @internal */
export function kernelFuncs(fma: boolean): Func[] {
  return [...EPILOGUES.map((e) => gemmFunc(e, fma)), ...elementwiseFuncs()];
}

/** Export names, in order. @internal */
export const KERNEL_NAMES: readonly string[] = kernelFuncs(false).map((f) => f.name);

/** The module's bytes. @internal */
export function kernelBytes(v: KernelVariant): Uint8Array<ArrayBuffer> {
  return assemble(kernelFuncs(v.fma), { shared: v.shared });
}

function probe(body: (f: Func) => void): boolean {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.validate !== 'function') return false;
  const f = new Func('probe', [], F32);
  body(f);
  try {
    return WebAssembly.validate(assemble([f], { shared: false }) as BufferSource);
  } catch {
    return false;
  }
}

let simd: boolean | undefined;
let relaxed: boolean | undefined;
let flagTried = false;

/** Whether this runtime runs WebAssembly fixed-width SIMD. @internal */
export function hasSimd(): boolean {
  simd ??= probe((f) => void f.code.f32Const(1).f32x4Splat().f32x4ExtractLane(0));
  return simd;
}

const probeRelaxed = (): boolean =>
  hasSimd() &&
  probe(
    (f) =>
      void f.code
        .f32Const(1)
        .f32x4Splat()
        .f32Const(2)
        .f32x4Splat()
        .f32Const(3)
        .f32x4Splat()
        .f32x4RelaxedMadd()
        .f32x4ExtractLane(0),
  );

/**
 * Turns on V8's `--experimental-wasm-relaxed-simd` in a Node that ships relaxed SIMD behind it
 * (Node 20; reached through `process.getBuiltinModule`, from Node 20.16, so nothing is imported in
 * a browser). Process-wide, worker threads included; it only lets modules use the relaxed-SIMD
 * instructions. A no-op anywhere else.
 */
function enableRelaxedSimdFlag(): void {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  try {
    const v8 = proc?.getBuiltinModule?.('node:v8') as { setFlagsFromString?: (flags: string) => void } | undefined;
    v8?.setFlagsFromString?.('--experimental-wasm-relaxed-simd');
  } catch {
    // Not Node, or flags cannot be set here: the plain kernels run.
  }
}

/**
 * Whether this runtime has relaxed SIMD (`f32x4.relaxed_madd`). With `enable`, where it is only
 * behind V8's flag (Node 20), the flag is turned on first (see {@link enableRelaxedSimdFlag}).
 * @internal
 */
export function hasRelaxedSimd(enable = false): boolean {
  relaxed ??= probeRelaxed();
  if (!relaxed && enable && !flagTried && hasSimd()) {
    flagTried = true;
    enableRelaxedSimdFlag();
    relaxed = probeRelaxed();
  }
  return relaxed;
}

/**
 * Whether a shared WebAssembly memory can be made here (SharedArrayBuffer exists: Node, or a
 * cross-origin-isolated page). @internal
 */
export function hasSharedMemory(): boolean {
  const g = globalThis as { crossOriginIsolated?: boolean; SharedArrayBuffer?: unknown };
  if (typeof g.SharedArrayBuffer !== 'function' || g.crossOriginIsolated === false) return false;
  try {
    return new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }).buffer instanceof SharedArrayBuffer;
  } catch {
    return false;
  }
}

const compiled = new Map<string, WebAssembly.Module>();
const key = (v: KernelVariant) => `${v.shared ? 's' : 'u'}${v.fma ? 'f' : 'p'}`;

/**
 * The variant to run: with `relaxedSimd`, FMA where relaxed SIMD validates (turning on Node 20's
 * flag for it); else the plain one.
 * @internal
 */
export function bestVariant(shared: boolean, relaxedSimd: boolean): KernelVariant {
  return { shared, fma: relaxedSimd && hasRelaxedSimd(true) };
}

/** Compiles (once, asynchronously) and caches the module of `v`. @internal */
export async function compileKernels(v: KernelVariant): Promise<WebAssembly.Module> {
  const hit = compiled.get(key(v));
  if (hit) return hit;
  const m = await WebAssembly.compile(kernelBytes(v) as BufferSource);
  compiled.set(key(v), m);
  return m;
}

/**
 * The module of `v`: from the cache, else compiled synchronously; undefined where synchronous
 * compilation is refused (a browser's main thread).
 * @internal
 */
export function kernelsSync(v: KernelVariant): WebAssembly.Module | undefined {
  const hit = compiled.get(key(v));
  if (hit) return hit;
  try {
    const m = new WebAssembly.Module(kernelBytes(v) as BufferSource);
    compiled.set(key(v), m);
    return m;
  } catch {
    return undefined;
  }
}
