/**
 * The WebAssembly SIMD distance kernel with its bounded selection, assembled at run time from the
 * instruction list below (no toolchain, no binary blob; every instruction is named in
 * `wasmEncoding.ts`): a module specialised for one dimension `d`, importing `env.memory` (shared
 * or not) and exporting one function
 *
 * `select(qPtr, qnPtr, nQuad, pPtr, xnPtr, nPanels, thrPtr, sxPtr, sqPtr, candPtr, candValPtr,
 * fillPtr, selfPtr, K, nReal, j0) → nHits`
 *
 * (sixteen i32 parameters, byte offsets and counts; one i32 result) which computes, for `4·nQuad`
 * query rows `r` against `8·nPanels` data rows `j`, the approximate squared distances
 * `‖q‖² + ‖x‖² − 2 q·x` (float32), and keeps per query row the `K` smallest in a sorted list:
 * candidate indices (int32, `j0 + j`) at `candPtr + 4·K·r`, their values (float32) at
 * `candValPtr + 4·K·r`, the list's fill (int32) at `fillPtr + 4r`. A value enters only below the
 * row's threshold (float32 at `thrPtr + 4r`: +∞ until the list is full, then its last value, kept
 * up to date as values enter), and only for a data row `j < nReal` other than the row's own
 * (`selfPtr` ≠ 0: int32 at `selfPtr + 4r`, a global index compared with `j0 + j`). Equal values
 * keep the earlier row first. A row whose threshold is −∞ (the caller's padding rows) takes
 * nothing. Returns the number of hits: query row × 8-row panel pairs with a value below the
 * threshold, each handed with those lanes to the insertion (`hitRow`, an internal function).
 * Squared norms are float32: the queries' at `qnPtr`, the data rows' at `xnPtr`.
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
 * values times two 4-lane panel vectors into 8 accumulators. The loops run panel by panel, each
 * panel against every query quad, so a threshold lowered by one panel applies to the next.
 *
 * @internal
 * @packageDocumentation
 */
import {
  block,
  br,
  brIf,
  type Bytes,
  call,
  end,
  EXTERNAL,
  F32,
  f32Gt,
  f32Load,
  f32Lt,
  f32Store,
  f32x4Add,
  f32x4ConvertI32x4S,
  f32x4ExtractLane,
  f32x4Lt,
  f32x4Mul,
  f32x4RelaxedMadd,
  f32x4Sub,
  FUNC_TYPE,
  I32,
  i32Add,
  i32And,
  i32Const,
  i32Eq,
  i32Eqz,
  i32Load,
  i32LtS,
  i32LtU,
  i32Mul,
  i32Ne,
  i32Or,
  i32Shl,
  i32Store,
  i32Sub,
  i32x4Add,
  i32x4Bitmask,
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
  v128Load,
  v128Load32Splat,
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

/** Number of parameters of `select` (all i32). @internal */
export const SELECT_PARAMS = 16;

/** Pages of the shared memory's declared maximum (4 GiB). */
const MAX_PAGES = 65536;

/** Local indices `first, first + 1, …` (`count` of them), named by destructuring. */
function localRange(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => first + i);
}

/** Function indices in the module: `select` (exported) and the insertion it calls on a hit. */
const SELECT_FN = 0;
const HIT_ROW_FN = 1;

/**
 * Assembles the kernel for dimension `d` (bytes of a complete module importing `env.memory`,
 * shared or not, exporting `select`).
 * @internal
 */
export function assembleKernel(d: number, shared: boolean, variant: KernelVariant = 'f32'): Uint8Array {
  const selectFn = selectBody(d, variant);
  const hitFn = hitRowBody();
  const selectType = [FUNC_TYPE, ...vec(new Array<Bytes>(SELECT_PARAMS).fill([I32])), ...vec([[I32]])];
  const hitType = [FUNC_TYPE, ...vec(HIT_ROW_PARAMS.map((t) => [t])), ...vec([])];
  const limits = shared ? [LIMITS.minMaxShared, ...uleb(1), ...uleb(MAX_PAGES)] : [LIMITS.min, ...uleb(1)];
  return new Uint8Array([
    ...MODULE_HEADER,
    ...section(SECTION.type, vec([selectType, hitType])),
    ...section(SECTION.import, vec([[...name('env'), ...name('memory'), EXTERNAL.memory, ...limits]])),
    ...section(SECTION.function, vec([[0], [1]])), // select has type 0, hitRow type 1
    ...section(SECTION.export, vec([[...name('select'), EXTERNAL.function, SELECT_FN]])),
    ...section(
      SECTION.code,
      vec([
        [...uleb(selectFn.length), ...selectFn],
        [...uleb(hitFn.length), ...hitFn],
      ]),
    ),
  ]);
}

/** The body (locals, then code) of `select`. */
function selectBody(d: number, variant: KernelVariant): Bytes {
  const i16 = variant === 'i16';
  const fma = variant === 'fma';
  // parameters (locals 0–15), in the order of the signature above
  const [qPtr, qnPtr, nQuad, pPtr, xnPtr, nPanels, thrPtr, sxPtr, sqPtr] = localRange(0, 9);
  const [candPtr, candValPtr, fillPtr, selfPtr, K, nReal, j0] = localRange(9, 7);
  // i32 locals: panel and query-quad counters, a temporary, query / panel pointers, the end of the
  // coordinate loop, the hit count, the lanes of a hit below the threshold
  const [pi, qi, t, qp, pp, loopEnd, nh, below] = localRange(16, 8);
  // v128 locals: 8 accumulators, the splatted query value, two panel vectors, the query norm, the
  // panel's two norm vectors, the threshold, two result vectors, the panel's two scale vectors
  // and the query's scale
  const acc = localRange(24, 8);
  const [a, b0, b1, qn, x0, x1, th, v0, v1, s0, s1, sq] = localRange(32, 12);
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
      // a hit when any of the 8 values is below this query row's threshold (reloaded per tile, so
      // the previous panel's insertions count): below = those lanes (bits 0–3 of v0, 4–7 of v1),
      // handed with the values to the insertion
      emit(localGet(thrPtr), localGet(qi), i32Const(16), i32Mul, i32Add, v128Load32Splat(i * 4), localSet(th));
      emit(localGet(v0), localGet(th), f32x4Lt, i32x4Bitmask);
      emit(localGet(v1), localGet(th), f32x4Lt, i32x4Bitmask, i32Const(4), i32Shl, i32Or, localSet(below));
      emit(localGet(below), ifThen);
      // hitRow(r = 4qi + i, jb = 8pi, v0, v1, below, thrPtr, candPtr, candValPtr, fillPtr, selfPtr, K, nReal, j0)
      emit(localGet(qi), i32Const(4), i32Mul, i32Const(i), i32Add);
      emit(localGet(pi), i32Const(8), i32Mul, localGet(v0), localGet(v1), localGet(below));
      emit(localGet(thrPtr), localGet(candPtr), localGet(candValPtr), localGet(fillPtr), localGet(selfPtr));
      emit(localGet(K), localGet(nReal), localGet(j0), call(HIT_ROW_FN));
      emit(localGet(nh), i32Const(1), i32Add, localSet(nh));
      emit(end); // if
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
  return [...locals, ...body];
}

/** Parameter types of `hitRow`: r, jb, v0, v1, below, then the seven list parameters of `select`. */
const HIT_ROW_PARAMS = [I32, I32, V128, V128, I32, I32, I32, I32, I32, I32, I32, I32, I32];

/**
 * The body of `hitRow(r, jb, v0, v1, below, thrPtr, candPtr, candValPtr, fillPtr, selfPtr, K, nReal,
 * j0)`: the bounded insertion of query row `r`'s 8 values of the panel starting at data row `jb`
 * (`v0` rows `jb…jb+3`, `v1` rows `jb+4…jb+7`), in row order, looking only at the lanes set in
 * `below` (those under the threshold when the panel was compared; it only falls since). Each
 * value below the current threshold (of a row `j < nReal`, not the query's own) goes into the
 * sorted list after the values not greater than it — the last one dropping out once the list is
 * full, whose new last value is the new threshold — exactly the JavaScript kernel's `insertBelow`.
 */
function hitRowBody(): Bytes {
  const [r, jb, v0, v1, below, thrPtr, candPtr, candValPtr, fillPtr, selfPtr, K, nReal, j0] = localRange(0, 13);
  // i32 locals: the skipped row (local index, or −1), the list's byte offset, the fill address,
  // the fill, the insertion position, the data row; f32 locals: the threshold, the value
  const [skip, row, fillAt, c, p, j] = localRange(13, 6);
  const [th, v] = localRange(19, 2);
  const body: Bytes = [];
  const emit = (...xs: Bytes[]): void => {
    for (const x of xs) body.push(...x);
  };
  // the address of entry `index + shift` (index a local) of the list at `base`: base + row + 4·(index + shift)
  const entry = (base: number, index: number, shift: number): Bytes[] => [
    localGet(base),
    localGet(row),
    i32Add,
    localGet(index),
    i32Const(4),
    i32Mul,
    i32Add,
    ...(shift === 0 ? [] : [i32Const(4 * shift), i32Add]),
  ];
  // th = thr[r]; row = 4·K·r; fillAt = fillPtr + 4r
  emit(localGet(thrPtr), localGet(r), i32Const(4), i32Mul, i32Add, f32Load(0), localSet(th));
  emit(localGet(r), localGet(K), i32Mul, i32Const(4), i32Mul, localSet(row));
  emit(localGet(fillPtr), localGet(r), i32Const(4), i32Mul, i32Add, localSet(fillAt));
  // skip = self[r] − j0 − jb (a panel-local index), or −1 without self
  emit(i32Const(-1), localSet(skip));
  emit(localGet(selfPtr), ifThen);
  emit(localGet(selfPtr), localGet(r), i32Const(4), i32Mul, i32Add, i32Load(0));
  emit(localGet(j0), i32Sub, localGet(jb), i32Sub, localSet(skip));
  emit(end);
  for (let lane = 0; lane < 8; lane++) {
    // only the lanes that were below the threshold when the panel was compared (it only falls since)
    emit(localGet(below), i32Const(1 << lane), i32And, ifThen);
    emit(localGet(lane < 4 ? v0 : v1), f32x4ExtractLane(lane & 3), localSet(v));
    emit(localGet(jb), i32Const(lane), i32Add, localSet(j));
    // v < th && j < nReal && lane ≠ skip
    emit(localGet(v), localGet(th), f32Lt);
    emit(localGet(j), localGet(nReal), i32LtS, i32And);
    emit(localGet(skip), i32Const(lane), i32Ne, i32And);
    emit(ifThen);
    // c = fill; if c < K: fill = ++c
    emit(localGet(fillAt), i32Load(0), localSet(c));
    emit(localGet(c), localGet(K), i32LtS, ifThen);
    emit(localGet(c), i32Const(1), i32Add, localSet(c));
    emit(localGet(fillAt), localGet(c), i32Store(0));
    emit(end);
    // p = c − 1; while p > 0 && val[p − 1] > v: entry p − 1 moves up to p
    emit(localGet(c), i32Const(1), i32Sub, localSet(p));
    emit(block, loop);
    emit(localGet(p), i32Eqz, brIf(1));
    emit(...entry(candValPtr, p, -1), f32Load(0), localGet(v), f32Gt, i32Eqz, brIf(1));
    emit(...entry(candValPtr, p, 0), ...entry(candValPtr, p, -1), f32Load(0), f32Store(0));
    emit(...entry(candPtr, p, 0), ...entry(candPtr, p, -1), i32Load(0), i32Store(0));
    emit(localGet(p), i32Const(1), i32Sub, localSet(p));
    emit(br(0));
    emit(end, end); // loop, block
    // val[p] = v; cand[p] = j0 + j
    emit(...entry(candValPtr, p, 0), localGet(v), f32Store(0));
    emit(...entry(candPtr, p, 0), localGet(j0), localGet(j), i32Add, i32Store(0));
    // a full list: th = val[K − 1]
    emit(localGet(c), localGet(K), i32Eq, ifThen);
    emit(...entry(candValPtr, K, -1), f32Load(0), localSet(th));
    emit(end);
    emit(end); // if
    emit(end); // lane below
  }
  // thr[r] = th
  emit(localGet(thrPtr), localGet(r), i32Const(4), i32Mul, i32Add, localGet(th), f32Store(0));
  emit(end); // function
  const locals = vec([
    [...uleb(6), I32],
    [...uleb(2), F32],
  ]);
  return [...locals, ...body];
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
