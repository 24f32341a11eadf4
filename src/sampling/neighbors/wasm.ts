/**
 * The WebAssembly SIMD distance kernel, assembled at run time from the instruction list below (no
 * toolchain, no binary blob; every instruction is named in `wasmEncoding.ts`): a module
 * specialised for one dimension `d`, importing `env.memory` (shared or not) and exporting one
 * function
 *
 * `dist(qPtr, qnPtr, nQuad, pPtr, xnPtr, nPanels, outPtr, outStride, thrPtr, hitPtr, sxPtr, sqPtr) → nHits`
 *
 * (twelve i32 parameters, byte offsets and counts; one i32 result) which computes, for `4·nQuad`
 * query rows against `8·nPanels` data rows, the approximate squared distances
 * `‖q‖² + ‖x‖² − 2 q·x` (float32) into `out[i·outStride/4 + j]` (`outStride` in bytes), and lists
 * at `hitPtr` (int32 `row << 16 | panel`, in panel-then-row order) each query row × panel with a
 * value below the row's threshold (float32 at `thrPtr`), so the selection only looks at those.
 * Returns the number of hits. Squared norms are float32: the queries' at `qnPtr`, the data rows'
 * at `xnPtr`.
 *
 * Layouts, by {@link KernelVariant}:
 * - `'f32'` and `'fma'`: query rows are row-major float32 (`d` values each); panel `p` holds data
 *   rows `8p…8p+7` interleaved by coordinate (`[t][r]`, 8 floats per coordinate). `sxPtr` and
 *   `sqPtr` are ignored.
 * - `'i16'`: rows are quantised to int16 with one float32 scale per row (`d` padded to even);
 *   query rows are row-major int16 pairs; panel `p` holds, per coordinate pair, rows 0–3 then rows
 *   4–7 of the panel, two int16 each (32 bytes per pair). The data rows' scales are float32 at
 *   `sxPtr`, the queries' scales times 2 at `sqPtr`; the value is `‖q‖² + ‖x‖² − (2s_q)·(s_x·dot)`
 *   with the integer dot product exact in int32.
 *
 * The micro-kernel is a 4 × 8 register tile: per coordinate (or coordinate pair), 4 splatted query
 * values times two 4-lane panel vectors into 8 accumulators.
 *
 * @internal
 * @packageDocumentation
 */
import {
  block,
  brIf,
  type Bytes,
  end,
  EXTERNAL,
  f32x4Add,
  f32x4ConvertI32x4S,
  f32x4Lt,
  f32x4Mul,
  f32x4RelaxedMadd,
  f32x4Sub,
  FUNC_TYPE,
  I32,
  i32Add,
  i32Const,
  i32Eqz,
  i32LtU,
  i32Mul,
  i32Or,
  i32Shl,
  i32Store,
  i32x4Add,
  i32x4DotI16x8S,
  ifThen,
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
  v128AnyTrue,
  v128Load,
  v128Load32Splat,
  v128Or,
  v128Store,
  v128Zero,
  vec,
} from './wasmEncoding.js';

/**
 * How the kernel multiplies: float32 multiply then add; float32 fused `relaxed_madd` (relaxed
 * SIMD); or 16-bit integers (`i16`: exact `i32x4.dot_i16x8_s` products of per-row quantised rows,
 * scaled back to float32 after the sum).
 * @internal
 */
export type KernelVariant = 'f32' | 'fma' | 'i16';

/** Number of parameters of `dist` (all i32). @internal */
export const DIST_PARAMS = 12;

/** Pages of the shared memory's declared maximum (4 GiB). */
const MAX_PAGES = 65536;

/** Local indices `first, first + 1, …` (`count` of them), named by destructuring. */
function localRange(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => first + i);
}

/**
 * Assembles the distance kernel for dimension `d` (bytes of a complete module importing
 * `env.memory`, shared or not).
 * @internal
 */
export function assembleKernel(d: number, shared: boolean, variant: KernelVariant = 'f32'): Uint8Array {
  const i16 = variant === 'i16';
  const fma = variant === 'fma';
  // parameters (locals 0–11), in the order of the signature above
  const [qPtr, qnPtr, nQuad, pPtr, xnPtr, nPanels, outPtr, outStride, thrPtr, hitPtr, sxPtr, sqPtr] = localRange(0, 12);
  // i32 locals: panel and query-quad counters, a temporary, query / panel / output pointers, the
  // end of the coordinate loop, the hit count
  const [pi, qi, t, qp, pp, op, loopEnd, nh] = localRange(12, 8);
  // v128 locals: 8 accumulators, the splatted query value, two panel vectors, the query norm, the
  // panel's two norm vectors, the threshold, two result vectors, the panel's two scale vectors
  // and the query's scale
  const acc = localRange(20, 8);
  const [a, b0, b1, qn, x0, x1, th, v0, v1, s0, s1, sq] = localRange(28, 12);
  const I32_LOCALS = 8;
  const V128_LOCALS = 20;
  // i16: coordinates in pairs (d padded to even), one 32-bit splat and one dot per pair
  const steps = i16 ? (d + 1) >> 1 : d;
  const rowBytes = i16 ? steps * 4 : d * 4;
  const panelBytes = steps * 32;

  const body: Bytes = [];
  const emit = (...xs: Bytes[]): void => {
    for (const x of xs) body.push(...x);
  };
  emit(block); // $exit: return early when there is nothing to do
  emit(localGet(nPanels), i32Eqz, brIf(0));
  emit(localGet(nQuad), i32Eqz, brIf(0));
  emit(i32Const(0), localSet(pi));
  emit(loop); // $panel
  emit(i32Const(0), localSet(qi));
  // x0,x1 = xn of this panel
  emit(localGet(xnPtr), localGet(pi), i32Const(32), i32Mul, i32Add, localSet(t));
  emit(localGet(t), v128Load(0), localSet(x0));
  emit(localGet(t), v128Load(16), localSet(x1));
  if (i16) {
    emit(localGet(sxPtr), localGet(pi), i32Const(32), i32Mul, i32Add, localSet(t));
    emit(localGet(t), v128Load(0), localSet(s0));
    emit(localGet(t), v128Load(16), localSet(s1));
  }
  emit(loop); // $quad
  {
    for (const r of acc) emit(v128Zero, localSet(r));
    // qp = qPtr + qi*4*rowBytes
    emit(localGet(qPtr), localGet(qi), i32Const(4 * rowBytes), i32Mul, i32Add, localSet(qp));
    // pp = pPtr + pi*panelBytes
    emit(localGet(pPtr), localGet(pi), i32Const(panelBytes), i32Mul, i32Add, localSet(pp));
    // acc += a · b: one relaxed_madd, a multiply and an add, or (i16) a pairwise dot and an add
    const mac = (r: number, b: number): void =>
      i16
        ? emit(localGet(r), localGet(a), localGet(b), i32x4DotI16x8S, i32x4Add, localSet(r))
        : fma
          ? emit(localGet(a), localGet(b), localGet(r), f32x4RelaxedMadd, localSet(r))
          : emit(localGet(r), localGet(a), localGet(b), f32x4Mul, f32x4Add, localSet(r));
    // one coordinate (pair): two panel vectors, four query splats, eight multiply-adds
    const step = (): void => {
      emit(localGet(pp), v128Load(0), localSet(b0));
      emit(localGet(pp), v128Load(16), localSet(b1));
      for (let i = 0; i < 4; i++) {
        emit(localGet(qp), v128Load32Splat(i * rowBytes), localSet(a));
        mac(acc[2 * i]!, b0);
        mac(acc[2 * i + 1]!, b1);
      }
    };
    const advance = (): void => {
      emit(localGet(qp), i32Const(4), i32Add, localSet(qp));
      emit(localGet(pp), i32Const(32), i32Add, localSet(pp));
    };
    if (steps === 1) {
      step();
      advance(); // unused afterwards; kept so that every kernel has the same shape
    } else {
      emit(localGet(pp), i32Const(steps * 32), i32Add, localSet(loopEnd));
      emit(loop); // $t
      step();
      advance();
      emit(localGet(pp), localGet(loopEnd), i32LtU, brIf(0)); // next coordinate
      emit(end); // $t
    }
    // write 4 rows of 8 values
    // op = outPtr + (4*qi)*outStride + pi*32
    emit(
      localGet(outPtr),
      localGet(qi),
      i32Const(4),
      i32Mul,
      localGet(outStride),
      i32Mul,
      i32Add,
      localGet(pi),
      i32Const(32),
      i32Mul,
      i32Add,
      localSet(op),
    );
    if (i16) {
      // exact integer dot products -> float32, times the row scale (the query's 2·scale below)
      for (let i = 0; i < 8; i++) {
        const s = i % 2 === 0 ? s0 : s1;
        emit(localGet(acc[i]!), f32x4ConvertI32x4S, localGet(s), f32x4Mul, localSet(acc[i]!));
      }
    }
    for (let i = 0; i < 4; i++) {
      const lo = acc[2 * i]!;
      const hi = acc[2 * i + 1]!;
      // qn splat: qnPtr + (4qi+i)*4
      emit(localGet(qnPtr), localGet(qi), i32Const(16), i32Mul, i32Add, v128Load32Splat(i * 4), localSet(qn));
      if (i16) {
        // v = qn + xn − (2 s_q) · (s_x · dot)
        emit(localGet(sqPtr), localGet(qi), i32Const(16), i32Mul, i32Add, v128Load32Splat(i * 4), localSet(sq));
        emit(localGet(qn), localGet(x0), f32x4Add, localGet(sq), localGet(lo), f32x4Mul, f32x4Sub, localSet(v0));
        emit(localGet(qn), localGet(x1), f32x4Add, localGet(sq), localGet(hi), f32x4Mul, f32x4Sub, localSet(v1));
      } else {
        // v = qn + xn − (dot + dot)
        emit(localGet(qn), localGet(x0), f32x4Add, localGet(lo), localGet(lo), f32x4Add, f32x4Sub, localSet(v0));
        emit(localGet(qn), localGet(x1), f32x4Add, localGet(hi), localGet(hi), f32x4Add, f32x4Sub, localSet(v1));
      }
      emit(localGet(op), localGet(v0), v128Store(0));
      emit(localGet(op), localGet(v1), v128Store(16));
      // a hit when any of the 8 values is below this query's threshold: record (row << 16 | panel)
      emit(localGet(thrPtr), localGet(qi), i32Const(16), i32Mul, i32Add, v128Load32Splat(i * 4), localSet(th));
      emit(localGet(v0), localGet(th), f32x4Lt, localGet(v1), localGet(th), f32x4Lt, v128Or, v128AnyTrue);
      emit(ifThen);
      emit(localGet(hitPtr), localGet(nh), i32Const(4), i32Mul, i32Add);
      emit(localGet(qi), i32Const(4), i32Mul, i32Const(i), i32Add, i32Const(16), i32Shl, localGet(pi), i32Or);
      emit(i32Store(0));
      emit(localGet(nh), i32Const(1), i32Add, localSet(nh));
      emit(end); // if
      if (i < 3) emit(localGet(op), localGet(outStride), i32Add, localSet(op));
    }
    emit(localGet(qi), i32Const(1), i32Add, localSet(qi));
    emit(localGet(qi), localGet(nQuad), i32LtU, brIf(0)); // next quad
  }
  emit(end); // $quad
  emit(localGet(pi), i32Const(1), i32Add, localSet(pi));
  emit(localGet(pi), localGet(nPanels), i32LtU, brIf(0)); // next panel
  emit(end); // $panel
  emit(end); // $exit
  emit(localGet(nh));
  emit(end); // function

  const locals = vec([
    [...uleb(I32_LOCALS), I32],
    [...uleb(V128_LOCALS), V128],
  ]);
  const func = [...locals, ...body];
  const signature = [FUNC_TYPE, ...vec(new Array<Bytes>(DIST_PARAMS).fill([I32])), ...vec([[I32]])];
  const limits = shared ? [LIMITS.minMaxShared, ...uleb(1), ...uleb(MAX_PAGES)] : [LIMITS.min, ...uleb(1)];
  return new Uint8Array([
    ...MODULE_HEADER,
    ...section(SECTION.type, vec([signature])),
    ...section(SECTION.import, vec([[...name('env'), ...name('memory'), EXTERNAL.memory, ...limits]])),
    ...section(SECTION.function, vec([[0]])), // dist has type 0
    ...section(SECTION.export, vec([[...name('dist'), EXTERNAL.function, 0]])), // function 0
    ...section(SECTION.code, vec([[...uleb(func.length), ...func]])),
  ]);
}

function validates(bytes: Uint8Array): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(bytes as BufferSource);
  } catch {
    return false;
  }
}

/**
 * Whether this runtime has relaxed SIMD (`f32x4.relaxed_madd`; on by default from Node 22 / Chrome
 * 114, behind `--experimental-wasm-relaxed-simd` in Node 20). @internal
 */
export function wasmRelaxedSimdAvailable(): boolean {
  return validates(assembleKernel(4, false, 'fma'));
}

/** Whether this runtime can compile and run the SIMD kernel. @internal */
export function wasmSimdAvailable(): boolean {
  return validates(assembleKernel(4, false));
}
