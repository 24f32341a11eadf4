/**
 * The WebAssembly SIMD kernel of {@link clusterSparsity}'s pair sums, assembled at run time from
 * the instruction list below (no toolchain, no binary blob): one module, importing `env.memory`
 * (not shared), exporting
 *
 * `quads(aPtr, qPtr, nQuads, rowBytes) → f64`
 *
 * (byte offsets and counts, i32) which returns `Σ √‖a_r − b‖²` over the 4 rows `a_r` at
 * `aPtr + r · rowBytes` (row-major float64, `rowBytes / 8` coordinates) and the `4 · nQuads` rows
 * `b` packed at `qPtr`: quad `q` holds its 4 rows interleaved by coordinate (`[t][lane]`, 32 bytes
 * per coordinate). The micro-kernel is a 4 × 4 tile: per coordinate, 4 splatted `a` values against
 * two 2-lane `b` vectors into 8 `f64x2` accumulators, each lane one pair's running sum of squared
 * differences in coordinate order — so every distance is bit for bit the plain loop's
 * (`squaredDistance`, then `Math.sqrt`); only the order in which the distances are added differs.
 *
 * @internal
 * @module
 */
import {
  block,
  brIf,
  type Bytes,
  end,
  EXTERNAL,
  F64,
  f64Add,
  f64x2Add,
  f64x2ExtractLane,
  f64x2Mul,
  f64x2Sqrt,
  f64x2Sub,
  FUNC_TYPE,
  I32,
  i32Add,
  i32Const,
  i32Eqz,
  i32LtU,
  LIMITS,
  localGet,
  localSet,
  loop,
  MODULE_HEADER,
  name,
  SECTION,
  section,
  uleb,
  V128,
  v128Load,
  v128Load64Splat,
  v128Zero,
  vec,
} from './neighbors/wasmEncoding.js';
import { squaredDistance } from './squaredDistance.js';

/** Bytes of one coordinate of a quad (4 float64). */
const QUAD_STEP = 32;

/** Assembles the `quads` kernel (the bytes of a complete module importing `env.memory`). @internal */
export function assemblePairKernel(): Uint8Array {
  const [aPtr, qPtr, nQuads, rowBytes] = [0, 1, 2, 3];
  // i32 locals: quad counter, the 4 row cursors, the end of row 0, the quad cursor
  const [qi, p0, p1, p2, p3, rowEnd, pp] = [4, 5, 6, 7, 8, 9, 10];
  const cursors = [p0, p1, p2, p3];
  // v128 locals: 8 accumulators, the splatted a value, the two b vectors, the total, a difference
  const acc = [11, 12, 13, 14, 15, 16, 17, 18];
  const [av, y0, y1, total, diff] = [19, 20, 21, 22, 23];
  const body: Bytes = [];
  const emit = (...xs: Bytes[]): void => {
    for (const x of xs) body.push(...x);
  };
  const addSquare = (into: number, y: number): void => {
    emit(localGet(av), localGet(y), f64x2Sub, localSet(diff));
    emit(localGet(into), localGet(diff), localGet(diff), f64x2Mul, f64x2Add, localSet(into));
  };
  emit(v128Zero, localSet(total));
  emit(localGet(qPtr), localSet(pp));
  emit(i32Const(0), localSet(qi));
  emit(block); // $exit
  emit(localGet(nQuads), i32Eqz, brIf(0));
  emit(loop); // $quad
  for (const a of acc) emit(v128Zero, localSet(a));
  emit(localGet(aPtr), localSet(p0));
  emit(localGet(p0), localGet(rowBytes), i32Add, localSet(p1));
  emit(localGet(p1), localGet(rowBytes), i32Add, localSet(p2));
  emit(localGet(p2), localGet(rowBytes), i32Add, localSet(p3));
  emit(localGet(p1), localSet(rowEnd));
  emit(loop); // $coordinate
  emit(localGet(pp), v128Load(0), localSet(y0));
  emit(localGet(pp), v128Load(16), localSet(y1));
  cursors.forEach((p, r) => {
    emit(localGet(p), v128Load64Splat(0), localSet(av));
    addSquare(acc[2 * r] as number, y0);
    addSquare(acc[2 * r + 1] as number, y1);
    emit(localGet(p), i32Const(8), i32Add, localSet(p));
  });
  emit(localGet(pp), i32Const(QUAD_STEP), i32Add, localSet(pp));
  emit(localGet(p0), localGet(rowEnd), i32LtU, brIf(0)); // next coordinate
  emit(end);
  for (const a of acc) emit(localGet(total), localGet(a), f64x2Sqrt, f64x2Add, localSet(total));
  emit(localGet(qi), i32Const(1), i32Add, localSet(qi));
  emit(localGet(qi), localGet(nQuads), i32LtU, brIf(0)); // next quad
  emit(end, end); // $quad, $exit
  emit(localGet(total), f64x2ExtractLane(0), localGet(total), f64x2ExtractLane(1), f64Add);
  emit(end);
  const locals = vec([
    [...uleb(7), I32],
    [...uleb(13), V128],
  ]);
  const func = [...locals, ...body];
  const signature = [FUNC_TYPE, ...vec([[I32], [I32], [I32], [I32]]), ...vec([[F64]])];
  return new Uint8Array([
    ...MODULE_HEADER,
    ...section(SECTION.type, vec([signature])),
    ...section(SECTION.import, vec([[...name('env'), ...name('memory'), EXTERNAL.memory, LIMITS.min, ...uleb(1)]])),
    ...section(SECTION.function, vec([[0]])),
    ...section(SECTION.export, vec([[...name('quads'), EXTERNAL.function, 0]])),
    ...section(SECTION.code, vec([[...uleb(func.length), ...func]])),
  ]);
}

type QuadsFunction = (aPtr: number, qPtr: number, nQuads: number, rowBytes: number) => number;
interface Kernel {
  memory: WebAssembly.Memory;
  quads: QuadsFunction;
}

let kernel: Kernel | null | undefined;

/** The compiled kernel, or null where WebAssembly SIMD is missing. */
function loadKernel(): Kernel | null {
  if (kernel !== undefined) return kernel;
  kernel = null;
  try {
    const bytes = assemblePairKernel();
    if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes as BufferSource)) {
      const memory = new WebAssembly.Memory({ initial: 1 });
      const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes as BufferSource), { env: { memory } });
      kernel = { memory, quads: instance.exports.quads as QuadsFunction };
    }
  } catch {
    kernel = null;
  }
  return kernel;
}

/**
 * The sum of the Euclidean distances between the distinct pairs of the `n` rows of `x`
 * (row-major, `d` wide) by the SIMD kernel, or `undefined` where WebAssembly SIMD is missing.
 * Rows go in blocks of 4; each block against the later full quads in the kernel, the pairs
 * inside a block and those with the last `n mod 4` rows in JavaScript. @internal
 */
export function sumPairDistancesWasm(x: Float64Array, n: number, d: number): number | undefined {
  const k = loadKernel();
  if (!k) return undefined;
  const quads = n >> 2;
  const rowBytes = d * 8;
  const qBase = Math.ceil((n * rowBytes) / 16) * 16;
  const need = qBase + quads * d * QUAD_STEP;
  const have = k.memory.buffer.byteLength;
  if (need > have) k.memory.grow(Math.ceil((need - have) / 65536));
  const mem = new Float64Array(k.memory.buffer);
  mem.set(x.subarray(0, n * d), 0);
  const q0 = qBase / 8;
  for (let q = 0; q < quads; q++) {
    for (let l = 0; l < 4; l++) {
      const src = (4 * q + l) * d;
      for (let t = 0; t < d; t++) mem[q0 + (q * d + t) * 4 + l] = x[src + t] as number;
    }
  }
  let total = 0;
  for (let i = 0; i < quads; i++) {
    const a = 4 * i;
    let s = k.quads(a * rowBytes, qBase + (i + 1) * d * QUAD_STEP, quads - i - 1, rowBytes);
    for (let p = a; p < a + 4; p++) {
      for (let q = p + 1; q < a + 4; q++) s += Math.sqrt(squaredDistance(x, p, x, q, d));
      for (let b = 4 * quads; b < n; b++) s += Math.sqrt(squaredDistance(x, p, x, b, d));
    }
    total += s;
  }
  for (let a = 4 * quads; a < n; a++)
    for (let b = a + 1; b < n; b++) total += Math.sqrt(squaredDistance(x, a, x, b, d));
  return total;
}
