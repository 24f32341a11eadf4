/**
 * The WebAssembly SIMD distance kernel, assembled at run time from the hand-written instruction
 * list below (no toolchain, no binary blob): a module specialised for one dimension `d` with one
 * exported function
 *
 * `dist(qPtr, qnPtr, nQuad, pPtr, xnPtr, nPanels, outPtr, outStride, thrPtr, hitPtr) → nHits`
 *
 * which writes, for `4·nQuad` query rows (row-major float32, `d` values each, squared norms at
 * `qnPtr`) against `8·nPanels` data rows packed in panels (panel `p` holds rows `8p…8p+7`
 * interleaved by coordinate: `[t][r]`, squared norms at `xnPtr`), the approximate squared
 * distances `‖q‖² + ‖x‖² − 2 q·x` (float32) into `out[i·outStride/4 + j]`, and lists as `hits`
 * (int32 `row << 16 | panel`, in panel-then-row order) each row × panel with a value below the row's
 * threshold (float32 at `thrPtr`), so the selection only looks at those. The micro-kernel is a
 * 4 × 8 register tile: per coordinate, 4 splatted query values times two `f32x4` panel vectors
 * into 8 accumulators.
 *
 * @internal
 * @packageDocumentation
 */

/** Unsigned LEB128. */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (32-bit). */
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function str(s: string): number[] {
  const b = [...s].map((c) => c.charCodeAt(0));
  return [...uleb(b.length), ...b];
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

const I32 = 0x7f;
const V128 = 0x7b;

// opcodes
const get = (i: number): number[] => [0x20, ...uleb(i)];
const set = (i: number): number[] => [0x21, ...uleb(i)];
const i32c = (v: number): number[] => [0x41, ...sleb(v)];
const I32_ADD = 0x6a;
const I32_MUL = 0x6c;
const I32_LT_U = 0x49;
const simd = (op: number, ...imm: number[]): number[] => [0xfd, ...uleb(op), ...imm];
const v128Load = (offset: number): number[] => simd(0x00, 4, ...uleb(offset));
const v128Store = (offset: number): number[] => simd(0x0b, 4, ...uleb(offset));
const load32Splat = (offset: number): number[] => simd(0x09, 2, ...uleb(offset));
const F32X4_ADD = simd(0xe4);
const F32X4_SUB = simd(0xe5);
const F32X4_MUL = simd(0xe6);
const F32X4_LT = simd(0x43);
/** Relaxed SIMD `f32x4.relaxed_madd(a, b, c) = a·b + c`, fused where the hardware has FMA. */
const F32X4_RELAXED_MADD = simd(0x105);
/** `i32x4.dot_i16x8_s`: products of signed 16-bit lanes, adjacent pairs summed into 32-bit lanes. */
const I32X4_DOT_I16X8_S = simd(0xba);
const I32X4_ADD = simd(0xae);
const F32X4_CONVERT_I32X4_S = simd(0xfa);
const V128_OR = simd(0x50);
const V128_ANY_TRUE = simd(0x53);
const I32_SHL = 0x74;
const I32_OR = 0x72;
const V128_ZERO = simd(0x0c, ...new Array<number>(16).fill(0));

/**
 * How the kernel multiplies: float32 multiply then add; float32 fused `relaxed_madd` (relaxed
 * SIMD); or 16-bit integers (`i16`: exact `i32x4.dot_i16x8_s` products of per-row quantised rows,
 * scaled back to float32 after the sum).
 * @internal
 */
export type KernelVariant = 'f32' | 'fma' | 'i16';

/**
 * Assembles the distance kernel for dimension `d` (bytes of a complete module importing
 * `env.memory`, shared or not).
 * @internal
 */
export function assembleKernel(d: number, shared: boolean, variant: KernelVariant = 'f32', unroll = 1): Uint8Array {
  const i16 = variant === 'i16';
  const fma = variant === 'fma';
  // params
  const qPtr = 0,
    qnPtr = 1,
    nQuad = 2,
    pPtr = 3,
    xnPtr = 4,
    nPanels = 5,
    outPtr = 6,
    outStride = 7,
    thrPtr = 8,
    hitPtr = 9,
    sxPtr = 10,
    sqPtr = 11;
  // i32 locals
  const pi = 12,
    qi = 13,
    t = 14,
    qp = 15,
    pp = 16,
    op = 17,
    end = 18,
    nh = 19;
  // v128 locals
  const acc = [20, 21, 22, 23, 24, 25, 26, 27];
  const a = 28,
    b0 = 29,
    b1 = 30,
    qn = 31,
    x0 = 32,
    x1 = 33,
    th = 34,
    v0 = 35,
    v1 = 36,
    s0 = 37,
    s1 = 38,
    sq = 39;
  // i16: coordinates in pairs (d padded to even), one 32-bit splat and one dot per pair
  const steps = i16 ? (d + 1) >> 1 : d;
  const rowBytes = i16 ? steps * 4 : d * 4;
  const panelBytes = steps * 32;

  const body: number[] = [];
  const emit = (...xs: (number | number[])[]): void => {
    for (const x of xs) {
      if (Array.isArray(x)) body.push(...x);
      else body.push(x);
    }
  };
  emit(0x02, 0x40); // block $exit: return early when there is nothing to do
  emit(get(nPanels), 0x45, 0x0d, 0x00);
  emit(get(nQuad), 0x45, 0x0d, 0x00);
  emit(i32c(0), set(pi));
  emit(0x03, 0x40); // loop $panel
  emit(i32c(0), set(qi));
  // x0,x1 = xn of this panel
  emit(get(xnPtr), get(pi), i32c(32), I32_MUL, I32_ADD, set(t));
  emit(get(t), v128Load(0), set(x0));
  emit(get(t), v128Load(16), set(x1));
  if (i16) {
    emit(get(sxPtr), get(pi), i32c(32), I32_MUL, I32_ADD, set(t));
    emit(get(t), v128Load(0), set(s0));
    emit(get(t), v128Load(16), set(s1));
  }
  emit(0x03, 0x40); // loop $quad
  {
    for (const r of acc) emit(V128_ZERO, set(r));
    // qp = qPtr + qi*4*rowBytes
    emit(get(qPtr), get(qi), i32c(4 * rowBytes), I32_MUL, I32_ADD, set(qp));
    // pp = pPtr + pi*panelBytes
    emit(get(pPtr), get(pi), i32c(panelBytes), I32_MUL, I32_ADD, set(pp));
    // acc += a · b: one relaxed_madd, a multiply and an add, or (i16) a pairwise dot and an add
    const mac = (r: number, b: number): void =>
      i16
        ? emit(get(r), get(a), get(b), I32X4_DOT_I16X8_S, I32X4_ADD, set(r))
        : fma
          ? emit(get(a), get(b), get(r), F32X4_RELAXED_MADD, set(r))
          : emit(get(r), get(a), get(b), F32X4_MUL, F32X4_ADD, set(r));
    // The coordinate loop, unrolled by `unroll` steps with constant offsets (fully for small d).
    const step = (u: number): void => {
      emit(get(pp), v128Load(u * 32), set(b0));
      emit(get(pp), v128Load(u * 32 + 16), set(b1));
      for (let i = 0; i < 4; i++) {
        emit(get(qp), load32Splat(i * rowBytes + u * 4), set(a));
        mac(acc[2 * i]!, b0);
        mac(acc[2 * i + 1]!, b1);
      }
    };
    const chunks = Math.floor(steps / unroll);
    const rem = steps - chunks * unroll;
    if (chunks === 1) {
      for (let u = 0; u < unroll; u++) step(u);
      emit(get(qp), i32c(4 * unroll), I32_ADD, set(qp));
      emit(get(pp), i32c(32 * unroll), I32_ADD, set(pp));
    } else if (chunks > 1) {
      emit(get(pp), i32c(chunks * unroll * 32), I32_ADD, set(end));
      emit(0x03, 0x40); // loop $t
      for (let u = 0; u < unroll; u++) step(u);
      emit(get(qp), i32c(4 * unroll), I32_ADD, set(qp));
      emit(get(pp), i32c(32 * unroll), I32_ADD, set(pp));
      emit(get(pp), get(end), I32_LT_U, 0x0d, 0x00); // br_if $t
      emit(0x0b); // end loop $t
    }
    for (let u = 0; u < rem; u++) step(u);
    // write 4 rows of 8 values
    // op = outPtr + (4*qi)*outStride + pi*32
    emit(
      get(outPtr),
      get(qi),
      i32c(4),
      I32_MUL,
      get(outStride),
      I32_MUL,
      I32_ADD,
      get(pi),
      i32c(32),
      I32_MUL,
      I32_ADD,
      set(op),
    );
    if (i16) {
      // exact integer dot products -> float32, times the row scale (the query's 2·scale below)
      for (let i = 0; i < 8; i++)
        emit(get(acc[i]!), F32X4_CONVERT_I32X4_S, get(i % 2 === 0 ? s0 : s1), F32X4_MUL, set(acc[i]!));
    }
    for (let i = 0; i < 4; i++) {
      // qn splat: qnPtr + (4qi+i)*4
      emit(get(qnPtr), get(qi), i32c(16), I32_MUL, I32_ADD, load32Splat(i * 4), set(qn));
      if (i16) {
        // v = qn + xn − (2 s_q) · (s_x · dot)
        emit(get(sqPtr), get(qi), i32c(16), I32_MUL, I32_ADD, load32Splat(i * 4), set(sq));
        emit(get(qn), get(x0), F32X4_ADD, get(sq), get(acc[2 * i]!), F32X4_MUL, F32X4_SUB, set(v0));
        emit(get(qn), get(x1), F32X4_ADD, get(sq), get(acc[2 * i + 1]!), F32X4_MUL, F32X4_SUB, set(v1));
      } else {
        emit(get(qn), get(x0), F32X4_ADD, get(acc[2 * i]!), get(acc[2 * i]!), F32X4_ADD, F32X4_SUB, set(v0));
        emit(get(qn), get(x1), F32X4_ADD, get(acc[2 * i + 1]!), get(acc[2 * i + 1]!), F32X4_ADD, F32X4_SUB, set(v1));
      }
      emit(get(op), get(v0), v128Store(0));
      emit(get(op), get(v1), v128Store(16));
      // a hit when any of the 8 values is below this query's threshold: record (row << 16 | panel)
      emit(get(thrPtr), get(qi), i32c(16), I32_MUL, I32_ADD, load32Splat(i * 4), set(th));
      emit(get(v0), get(th), F32X4_LT, get(v1), get(th), F32X4_LT, V128_OR, V128_ANY_TRUE);
      emit(0x04, 0x40); // if
      emit(get(hitPtr), get(nh), i32c(4), I32_MUL, I32_ADD);
      emit(get(qi), i32c(4), I32_MUL, i32c(i), I32_ADD, i32c(16), I32_SHL, get(pi), I32_OR);
      emit(0x36, 2, 0); // i32.store
      emit(get(nh), i32c(1), I32_ADD, set(nh));
      emit(0x0b); // end if
      if (i < 3) emit(get(op), get(outStride), I32_ADD, set(op));
    }
    emit(get(qi), i32c(1), I32_ADD, set(qi));
    emit(get(qi), get(nQuad), I32_LT_U, 0x0d, 0x00); // br_if $quad
  }
  emit(0x0b); // end loop $quad
  emit(get(pi), i32c(1), I32_ADD, set(pi));
  emit(get(pi), get(nPanels), I32_LT_U, 0x0d, 0x00); // br_if $panel
  emit(0x0b); // end loop $panel
  emit(0x0b); // end block $exit
  emit(get(nh));
  emit(0x0b); // end function

  const locals = [...uleb(2), ...uleb(8), I32, ...uleb(20), V128];
  const func = [...locals, ...body];
  const code = [...uleb(1), ...uleb(func.length), ...func];

  const type = [1, 0x60, ...uleb(12), ...new Array<number>(12).fill(I32), 1, I32];
  const limits = shared ? [0x03, ...uleb(1), ...uleb(65536)] : [0x00, ...uleb(1)];
  const imports = [1, ...str('env'), ...str('memory'), 0x02, ...limits];
  const funcs = [1, 0];
  const exports = [1, ...str('dist'), 0x00, 0];
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, type),
    ...section(2, imports),
    ...section(3, funcs),
    ...section(7, exports),
    ...section(10, code),
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
