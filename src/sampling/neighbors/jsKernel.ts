/**
 * The float64 JavaScript kernel: the centered data rows kept in a padded float64 copy, and the
 * candidate scan run on them (4 × 4 register tiles in {@link candidateScan}). Used when the
 * runtime lacks WebAssembly SIMD, when values are beyond the float32 kernels' range, or on
 * request (`kernel: 'js'`).
 *
 * @internal
 * @packageDocumentation
 */
import { type Candidates, type Centering, centerInto } from './candidates.js';
import { candidateScan, MB, NB } from './scan.js';

/** The fitted rows as the JavaScript kernel reads them. @internal */
export interface JsKernelData {
  /** Centered data rows, `nPad × d` (rows padded to a multiple of 4 with zeros). */
  X: Float64Array;
  /** Their squared norms. */
  xn: Float64Array;
  /** The largest of them. */
  xnMax: number;
}

/** Centers the `n × d` rows `data` for the JavaScript kernel. @internal */
export function packJs(data: Float64Array, n: number, d: number, mean: Float64Array): JsKernelData {
  const nPad = (n + 3) & ~3;
  const X = new Float64Array(nPad * d);
  const xn = new Float64Array(nPad);
  let xnMax = 0;
  for (let i = 0; i < n; i++) {
    xn[i] = centerInto(data, i * d, mean, d, X, i * d);
    if (xn[i]! > xnMax) xnMax = xn[i]!;
  }
  return { X, xn, xnMax };
}

/**
 * The `K` best candidates by float64 approximate squared distance for the query rows `sub` of
 * `query` (all when null), against the fitted rows centered in `js`.
 * @internal
 */
export function scanJs(
  js: JsKernelData,
  { n, d, mean }: Centering,
  query: Float64Array,
  sub: Int32Array | null,
  K: number,
  excludeSelf: boolean,
): Candidates {
  const m = sub === null ? query.length / d : sub.length;
  const mPad = Math.ceil(m / MB) * MB;
  const rowOf = (i: number): number => (sub === null ? i : sub[i]!);
  const qn = new Float64Array(m);
  const Q = new Float64Array(mPad * d);
  for (let i = 0; i < m; i++) qn[i] = centerInto(query, rowOf(i) * d, mean, d, Q, i * d);
  const cand = new Int32Array(m * K);
  const candVal = new Float64Array(m * K);
  const fill = new Int32Array(m);
  let self: Int32Array | null = null;
  if (excludeSelf) {
    self = new Int32Array(m);
    for (let i = 0; i < m; i++) self[i] = rowOf(i);
  }
  const qnPad = new Float64Array(mPad);
  qnPad.set(qn);
  candidateScan({
    nQ: m,
    n,
    d,
    K,
    MB,
    NB,
    cand,
    candVal,
    fill,
    self,
    counter: new Int32Array(1),
    counterAt: 0,
    select: null,
    rowBytes: 0,
    qPtr: 0,
    qnPtr: 0,
    pPtr: 0,
    xnPtr: 0,
    sxPtr: 0,
    sqPtr: 0,
    candPtr: 0,
    candValPtr: 0,
    fillPtr: 0,
    selfPtr: 0,
    thrPtr: 0,
    thr: null,
    out: new Float64Array(MB * NB),
    X: js.X,
    xn: js.xn,
    Q,
    qn: qnPad,
  });
  return { cand, candVal, fill, qn, qRes: null };
}
