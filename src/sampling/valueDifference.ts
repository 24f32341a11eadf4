/**
 * The value difference metric (Stanfill & Waltz 1986; Cost & Salzberg 1993) between rows of
 * categorical values, as imbalanced-learn's `ValueDifferenceMetric` (k = 1, r = 2) computes it
 * for SMOTEN: two values of a feature are close when they predict the classes alike.
 *
 * For feature f and values a, b: `δ_f(a, b) = Σ_c |P(c | a) − P(c | b)|` (classes in sorted
 * order), and between rows `Δ(x, z) = Σ_f δ_f(x_f, z_f)²` (no final root), features summed in
 * column order — the same floating-point operations as imbalanced-learn, so distances agree to
 * the last bit. The conditional probabilities are counted on **all** rows (every class).
 *
 * @internal
 * @module
 */
import { voteMode } from './neighbourVote.js';
import { pairwiseSum } from './numpyArithmetic.js';
import { insertTopK } from './topK.js';

/** Largest per-feature table of δ² (categories²) kept in memory; larger features are computed per pair. */
const MAX_TABLE = 1 << 20;

/** The fitted metric. @internal */
export interface ValueDifference {
  /** Number of columns. */
  readonly cols: number;
  /** Per column: its distinct values, ascending (the category of code `v` is `categories[f][v]`). */
  readonly categories: ReadonlyArray<Float64Array>;
  /** Per column: each row's category code. */
  readonly codes: ReadonlyArray<Int32Array>;
  /** Per column: `δ²` between codes (`n × n`, row-major), or null when computed per pair. */
  readonly tables: ReadonlyArray<Float64Array | null>;
  /** Per column: `P(class | code)`, row-major `n × classes`. */
  readonly proba: ReadonlyArray<Float64Array>;
  /** Number of classes. */
  readonly nClasses: number;
}

/**
 * Codes every column's values (distinct values ascending, as scikit-learn's `OrdinalEncoder`) and
 * counts `P(class | value)` over all rows. `classOf[i]` is row i's class code (sorted classes).
 * @internal
 */
export function fitValueDifference(
  data: Float64Array,
  rows: number,
  cols: number,
  classOf: Int32Array,
  nClasses: number,
): ValueDifference {
  const codes: Int32Array[] = [];
  const categories: Float64Array[] = [];
  const tables: Array<Float64Array | null> = [];
  const proba: Float64Array[] = [];
  const column = new Float64Array(rows);
  for (let f = 0; f < cols; f++) {
    for (let i = 0; i < rows; i++) column[i] = data[i * cols + f] as number;
    const values = Float64Array.from(new Set(column)).sort();
    categories.push(values);
    const codeOf = new Map<number, number>();
    values.forEach((v, c) => codeOf.set(v, c));
    const n = values.length;
    const p = new Float64Array(n * nClasses);
    const code = new Int32Array(rows);
    codes.push(code);
    for (let i = 0; i < rows; i++) {
      const c = codeOf.get(column[i] as number) as number;
      code[i] = c;
      p[c * nClasses + (classOf[i] as number)] = (p[c * nClasses + (classOf[i] as number)] as number) + 1;
    }
    for (let c = 0; c < n; c++) {
      let total = 0;
      for (let k = 0; k < nClasses; k++) total += p[c * nClasses + k] as number;
      for (let k = 0; k < nClasses; k++) p[c * nClasses + k] = (p[c * nClasses + k] as number) / total;
    }
    proba.push(p);
    if (n * n <= MAX_TABLE) {
      const t = new Float64Array(n * n);
      for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) t[a * n + b] = delta2(p, nClasses, a, b);
      tables.push(t);
    } else tables.push(null);
  }
  return { cols, categories, codes, tables, proba, nClasses };
}

const scratch = { diff: new Float64Array(8) };

/** `δ(a, b)²` for codes a, b of one feature (the class sum as NumPy's `np.sum`). */
function delta2(p: Float64Array, nClasses: number, a: number, b: number): number {
  if (scratch.diff.length < nClasses) scratch.diff = new Float64Array(nClasses);
  const d = scratch.diff;
  for (let k = 0; k < nClasses; k++) d[k] = Math.abs((p[b * nClasses + k] as number) - (p[a * nClasses + k] as number));
  const s = pairwiseSum(d, 0, nClasses);
  return s * s;
}

/** The value difference `Δ` between rows i and j (indices into the fitted rows). @internal */
export function vdmDistance(vd: ValueDifference, i: number, j: number): number {
  const { cols, codes, tables, proba, nClasses } = vd;
  let s = 0;
  for (let f = 0; f < cols; f++) {
    const code = codes[f] as Int32Array;
    const a = code[i] as number;
    const b = code[j] as number;
    const t = tables[f];
    s += t
      ? (t[a * (vd.categories[f] as Float64Array).length + b] as number)
      : delta2(proba[f] as Float64Array, nClasses, a, b);
  }
  return s;
}

/**
 * SMOTEN's neighbourhood of every row of a class: the row itself, then its `k` nearest other rows
 * of the class by the value difference (ties: the smaller row index). `idx` are the class's rows;
 * the result holds positions in `idx`, `idx.length × (k + 1)` row-major. Time `O(n² · cols)` for
 * `n` rows, memory `O(n · k)` (imbalanced-learn builds the `n × n` distance matrix). @internal
 */
export function vdmNeighbourhoods(vd: ValueDifference, idx: Int32Array, k: number): Int32Array {
  const n = idx.length;
  const w = k + 1;
  const out = new Int32Array(n * w);
  const bestD = new Float64Array(k);
  const bestP = new Int32Array(k);
  for (let q = 0; q < n; q++) {
    const i = idx[q] as number;
    let filled = 0;
    for (let p = 0; p < n; p++) {
      if (p === q) continue;
      filled = insertTopK(bestD, bestP, filled, k, vdmDistance(vd, i, idx[p] as number), p);
    }
    out[q * w] = q;
    out.set(bestP.subarray(0, k), q * w + 1);
  }
  return out;
}

/**
 * Writes into `out` (at row `outRow`, `cols` wide) the per-feature mode of the rows `members`
 * (indices into the fitted rows): the most frequent category, ties to the smallest value (SciPy's
 * `mode`, imbalanced-learn's rule). `tally` is zero scratch with room for the most categories.
 * @internal
 */
export function writeModes(
  vd: ValueDifference,
  members: Int32Array,
  out: Float64Array,
  outRow: number,
  tally: Int32Array,
): void {
  const { cols, codes, categories } = vd;
  for (let f = 0; f < cols; f++) {
    const best = voteMode(members, 0, members.length, codes[f] as Int32Array, tally);
    out[outRow * cols + f] = (categories[f] as Float64Array)[best] as number;
  }
}
