/**
 * The candidate scan: for each query row, the `K` data rows with the smallest approximate squared
 * distance, selected with a bounded threshold — by the wasm kernel as it computes them, or (the
 * JavaScript kernel) from each block of distances while it is hot.
 *
 * {@link candidateScan} is deliberately self-contained (it references nothing outside its own
 * body), because the parallel path ships its source text to worker threads.
 *
 * @internal
 * @packageDocumentation
 */

/** Query rows per block of the scan (a multiple of 4: the kernels' tile height). @internal */
export const MB = 64;
/** Data rows per block of the JavaScript kernel's scan (a multiple of 4: its tile width). @internal */
export const NB = 256;

/** The sizes of one scan. @internal */
export interface ScanSizes {
  /** Number of query rows. */
  nQ: number;
  /** Number of (real) data rows. */
  n: number;
  /** Dimension. */
  d: number;
  /** Candidate list length per query. */
  K: number;
  /** Query rows per block (multiple of 4). */
  MB: number;
  /** Data rows per block of the JavaScript kernel (multiple of 4). */
  NB: number;
}

/**
 * Where the packed rows live in the wasm memory: byte offsets of the queries (`qPtr`), their norms
 * (`qnPtr`), the data panels (`pPtr`), their norms (`xnPtr`) and the int16 kernel's row scales
 * (`sxPtr`, `sqPtr`; 0 for the float32 kernels). @internal
 */
export interface PackedRows {
  /** Bytes of one packed row (query rows and data rows alike). */
  rowBytes: number;
  qPtr: number;
  qnPtr: number;
  pPtr: number;
  xnPtr: number;
  sxPtr: number;
  sqPtr: number;
}

/**
 * The wasm `select` export (see `wasm.ts`): distances and bounded selection for query quads
 * against data panels, returning the number of hits. @internal
 */
export type SelectFn = (
  qPtr: number,
  qnPtr: number,
  nQuad: number,
  pPtr: number,
  xnPtr: number,
  nPanels: number,
  thrPtr: number,
  sxPtr: number,
  sqPtr: number,
  candPtr: number,
  candValPtr: number,
  fillPtr: number,
  selfPtr: number,
  K: number,
  nReal: number,
  j0: number,
) => number;

/**
 * Everything one thread needs to scan. Arrays are views (of the wasm memory when `select` is set).
 * @internal
 */
export interface ScanArgs extends PackedRows, ScanSizes {
  /** Candidate indices, `nQ × K`, ascending approximate distance. */
  cand: Int32Array;
  /** Candidate approximate squared distances, `nQ × K`. */
  candVal: Float32Array | Float64Array;
  /** Per query: how many candidates were filled. */
  fill: Int32Array;
  /** Per query: index of the row to exclude (its own), or -1; null when none is excluded. */
  self: Int32Array | null;
  /** Shared block counter (`counter[counterAt]`), incremented atomically. */
  counter: Int32Array;
  /** Index of the block counter. */
  counterAt: number;
  /** wasm `select` export, or null for the pure-JS float64 kernel. */
  select: SelectFn | null;
  /**
   * wasm: byte offsets of `cand`, `candVal`, `fill`, `self` (0 when none is excluded) and of the
   * per-query float32 thresholds (`nQ` rounded up to a multiple of `MB`); 0 for the JS kernel.
   */
  candPtr: number;
  candValPtr: number;
  fillPtr: number;
  selfPtr: number;
  thrPtr: number;
  /** wasm: the thresholds (view at `thrPtr`); null for the JS kernel. */
  thr: Float32Array | null;
  /** JS kernel: its output block, `MB × NB`; null for wasm. */
  out: Float64Array | null;
  /** JS kernel: centered data rows (padded to a multiple of 4 rows), their squared norms. */
  X: Float64Array | null;
  xn: Float64Array | null;
  /** JS kernel: centered query rows (padded to a multiple of 4 rows), their squared norms. */
  Q: Float64Array | null;
  qn: Float64Array | null;
}

/**
 * Scans query blocks taken from the shared counter until none is left. The wasm kernel takes a
 * block against every data row in one call, selecting as it goes; the JavaScript kernel writes
 * blocks of `MB × NB` distances and selects from each while it is hot.
 * @internal
 */
export function candidateScan(a: ScanArgs): void {
  const { nQ, n, d, K, MB, NB, fill, self, counter, counterAt, select } = a;
  const nBlocks = Math.ceil(nQ / MB);
  const thr = new Float64Array(MB);
  for (;;) {
    const qb = Atomics.add(counter, counterAt, 1);
    if (qb >= nBlocks) return;
    const q0 = qb * MB;
    const mb = Math.min(MB, nQ - q0);
    const mb4 = (mb + 3) & ~3;
    for (let r = 0; r < mb; r++) {
      thr[r] = Infinity;
      fill[q0 + r] = 0;
    }
    if (select !== null) {
      // +∞ until a row's list is full; the padding rows of the last quad (−∞) take nothing
      const thrF = a.thr as Float32Array;
      for (let r = 0; r < mb4; r++) thrF[q0 + r] = r < mb ? Infinity : -Infinity;
      const rb = a.rowBytes;
      select(
        a.qPtr + q0 * rb,
        a.qnPtr + q0 * 4,
        mb4 >> 2,
        a.pPtr,
        a.xnPtr,
        (n + 7) >> 3,
        a.thrPtr + q0 * 4,
        a.sxPtr,
        a.sqPtr === 0 ? 0 : a.sqPtr + q0 * 4,
        a.candPtr + q0 * K * 4,
        a.candValPtr + q0 * K * 4,
        a.fillPtr + q0 * 4,
        a.selfPtr === 0 ? 0 : a.selfPtr + q0 * 4,
        K,
        n,
        0,
      );
      continue;
    }
    const out = a.out as Float64Array;
    const X = a.X as Float64Array;
    const xn = a.xn as Float64Array;
    const Q = a.Q as Float64Array;
    const qn = a.qn as Float64Array;
    for (let j0 = 0; j0 < n; j0 += NB) {
      const nb = Math.min(NB, n - j0);
      const nb4 = (nb + 3) & ~3;
      for (let jb = 0; jb < nb4; jb += 4) {
        const x0 = (j0 + jb) * d;
        const x1 = x0 + d;
        const x2 = x1 + d;
        const x3 = x2 + d;
        for (let rb = 0; rb < mb4; rb += 4) {
          const p0 = (q0 + rb) * d;
          const p1 = p0 + d;
          const p2 = p1 + d;
          const p3 = p2 + d;
          // the 4 × 4 tile of accumulators (query row r, data row c: s_rc), one tile row per line
          // biome-ignore format: one tile row per line reads as the tile it is
          let s00 = 0, s01 = 0, s02 = 0, s03 = 0,
            s10 = 0, s11 = 0, s12 = 0, s13 = 0,
            s20 = 0, s21 = 0, s22 = 0, s23 = 0,
            s30 = 0, s31 = 0, s32 = 0, s33 = 0;
          for (let t = 0; t < d; t++) {
            const b0 = X[x0 + t]!,
              b1 = X[x1 + t]!,
              b2 = X[x2 + t]!,
              b3 = X[x3 + t]!;
            const c0 = Q[p0 + t]!,
              c1 = Q[p1 + t]!,
              c2 = Q[p2 + t]!,
              c3 = Q[p3 + t]!;
            s00 += c0 * b0;
            s01 += c0 * b1;
            s02 += c0 * b2;
            s03 += c0 * b3;
            s10 += c1 * b0;
            s11 += c1 * b1;
            s12 += c1 * b2;
            s13 += c1 * b3;
            s20 += c2 * b0;
            s21 += c2 * b1;
            s22 += c2 * b2;
            s23 += c2 * b3;
            s30 += c3 * b0;
            s31 += c3 * b1;
            s32 += c3 * b2;
            s33 += c3 * b3;
          }
          const n0 = xn[j0 + jb]!,
            n1 = xn[j0 + jb + 1]!,
            n2 = xn[j0 + jb + 2]!,
            n3 = xn[j0 + jb + 3]!;
          const o = rb * NB + jb;
          const m = q0 + rb;
          storeDistances(out, o, qn[m]!, n0, n1, n2, n3, s00, s01, s02, s03);
          storeDistances(out, o + NB, qn[m + 1]!, n0, n1, n2, n3, s10, s11, s12, s13);
          storeDistances(out, o + 2 * NB, qn[m + 2]!, n0, n1, n2, n3, s20, s21, s22, s23);
          storeDistances(out, o + 3 * NB, qn[m + 3]!, n0, n1, n2, n3, s30, s31, s32, s33);
        }
      }
      // Bounded selection while the block is hot: a sorted list of K per query, threshold = its last.
      for (let r = 0; r < mb; r++) {
        const qg = q0 + r;
        const skip = self === null ? -1 : self[qg]! - j0;
        thr[r] = insertBelow(a, out, r * NB, 0, nb, skip, j0, qg, thr[r]!);
      }
    }
  }
}

/**
 * Writes one query row's four squared distances `‖q‖² + ‖x_c‖² − 2 q·x_c` of a 4 × 4 tile.
 * Self-contained: the worker threads get its source text. @internal
 */
export function storeDistances(
  out: Float64Array,
  o: number,
  qNorm: number,
  n0: number,
  n1: number,
  n2: number,
  n3: number,
  d0: number,
  d1: number,
  d2: number,
  d3: number,
): void {
  out[o] = qNorm + n0 - 2 * d0;
  out[o + 1] = qNorm + n1 - 2 * d1;
  out[o + 2] = qNorm + n2 - 2 * d2;
  out[o + 3] = qNorm + n3 - 2 * d3;
}

/**
 * Bounded selection of one query row over one block: every value `out[o + j]`, `j` in
 * `[jStart, jEnd)` (data row `j0 + j`, skipping the query's own row `skip`), below the threshold
 * `th` goes into query `qg`'s sorted list of `K` candidates. Returns the new threshold (the list's
 * last value once it is full). Self-contained: the worker threads get its source text. @internal
 */
export function insertBelow(
  a: ScanArgs,
  out: Float64Array,
  o: number,
  jStart: number,
  jEnd: number,
  skip: number,
  j0: number,
  qg: number,
  th: number,
): number {
  const { K, fill, cand, candVal } = a;
  const base = qg * K;
  for (let j = jStart; j < jEnd; j++) {
    const v = out[o + j]!;
    if (v < th && j !== skip) {
      let c = fill[qg]!;
      if (c < K) fill[qg] = ++c;
      let p = c - 1;
      while (p > 0 && candVal[base + p - 1]! > v) {
        candVal[base + p] = candVal[base + p - 1]!;
        cand[base + p] = cand[base + p - 1]!;
        p--;
      }
      candVal[base + p] = v;
      cand[base + p] = j0 + j;
      if (c === K) th = candVal[base + K - 1]!;
    }
  }
  return th;
}
