/**
 * SMOTENC's per-class pieces, shared by its eager `fitResample` and its lazy `fitStream`: the
 * categorical columns resolved against the data, the median standard deviation of a class, the
 * encoded class matrix its neighbour search runs on, and the categorical vote of a new row.
 *
 * @internal
 * @module
 */
import { DataValidationError } from '../core/errors.js';
import type { Random } from '../core/Random.js';
import { populationStd } from './populationStd.js';

/**
 * The sorted categorical column indices of a `cols`-wide X given `categoricalFeatures` (indices or
 * a mask), and the continuous ones.
 *
 * @throws {@link DataValidationError} for a mask of the wrong length, indices out of range, or a
 * selection of no column or of every column. @internal
 */
export function categoricalColumns(
  who: string,
  cf: ReadonlyArray<number | boolean>,
  cols: number,
): { cat: number[]; cont: number[] } {
  let cat: number[];
  if (cf.length > 0 && typeof cf[0] === 'boolean') {
    if (cf.length !== cols) {
      throw new DataValidationError(
        `${who}: the categoricalFeatures mask has ${cf.length} entries but X has ${cols} columns. ` +
          'Give one boolean per column.',
        { param: 'categoricalFeatures' },
      );
    }
    cat = [];
    cf.forEach((b, j) => b && cat.push(j));
  } else {
    const bad = (cf as number[]).filter((j) => j >= cols);
    if (bad.length > 0) {
      throw new DataValidationError(
        `${who}: categoricalFeatures ${bad.join(', ')} ${bad.length > 1 ? 'are' : 'is'} out of range for X ` +
          `with ${cols} columns. Some of the categorical indices are out of range. Indices should be ` +
          `between 0 and ${cols - 1}.`,
        { param: 'categoricalFeatures' },
      );
    }
    cat = [...new Set(cf as number[])].sort((a, b) => a - b);
  }
  if (cat.length === 0) {
    throw new DataValidationError(
      `${who}: categoricalFeatures selects no column. SMOTE-NC is not designed to work only with ` +
        'numerical features. It requires some categorical features; use SMOTE for all-numeric data.',
      { param: 'categoricalFeatures' },
    );
  }
  if (cat.length === cols) {
    throw new DataValidationError(
      `${who}: every column is categorical. SMOTE-NC is not designed to work only with categorical ` +
        'features. It requires some numerical features; use RandomOverSampler (or a categorical-only ' +
        "method such as imbalanced-learn's SMOTEN) instead.",
      { param: 'categoricalFeatures' },
    );
  }
  const isCat = new Uint8Array(cols);
  for (const j of cat) isCat[j] = 1;
  const cont: number[] = [];
  for (let j = 0; j < cols; j++) if (!isCat[j]) cont.push(j);
  return { cat, cont };
}

/**
 * The median over continuous columns of the population standard deviation of the given rows. @internal
 */
export function medianStd(
  data: Float64Array,
  cols: number,
  idx: Int32Array,
  continuous: ReadonlyArray<number>,
): number {
  const stds = new Float64Array(continuous.length);
  continuous.forEach((f, t) => {
    stds[t] = populationStd(data, cols, idx, f);
  });
  stds.sort();
  const m = stds.length;
  return m % 2 === 1 ? (stds[(m - 1) / 2] as number) : ((stds[m / 2 - 1] as number) + (stds[m / 2] as number)) / 2;
}

/**
 * The encoded matrix of the rows `idx` of `data` that SMOTENC's neighbour search runs on: the
 * continuous columns, then one slot per (categorical feature, value present among these rows)
 * holding `med / √2` for the row's value and 0 otherwise, so that a categorical mismatch adds
 * `med²` to the squared distance. Returns the `idx.length × width` matrix and its width. @internal
 */
export function encodeClass(
  data: Float64Array,
  cols: number,
  idx: Int32Array,
  cont: ReadonlyArray<number>,
  cat: ReadonlyArray<number>,
  med: number,
): { enc: Float64Array; width: number } {
  const nc = idx.length;
  const slots: Array<Map<number, number>> = cat.map(() => new Map());
  let width = cont.length;
  cat.forEach((f, t) => {
    const s = slots[t] as Map<number, number>;
    for (let r = 0; r < nc; r++) {
      const v = data[(idx[r] as number) * cols + f] as number;
      if (!s.has(v)) s.set(v, width++);
    }
  });
  const enc = new Float64Array(nc * width);
  const w = med / Math.SQRT2;
  for (let r = 0; r < nc; r++) {
    const src = (idx[r] as number) * cols;
    const dst = r * width;
    for (let t = 0; t < cont.length; t++) enc[dst + t] = data[src + (cont[t] as number)] as number;
    cat.forEach((f, t) => {
      enc[dst + ((slots[t] as Map<number, number>).get(data[src + f] as number) as number)] = w;
    });
  }
  return { enc, width };
}

/**
 * The categorical columns `cat` of the rows `idx` of `data`, as an `idx.length × cat.length`
 * row-major table: what the votes read. @internal
 */
export function categoricalTable(
  data: Float64Array,
  cols: number,
  idx: Int32Array,
  cat: ReadonlyArray<number>,
): Float64Array {
  const nCat = cat.length;
  const out = new Float64Array(idx.length * nCat);
  for (let r = 0; r < idx.length; r++) {
    const src = (idx[r] as number) * cols;
    for (let t = 0; t < nCat; t++) out[r * nCat + t] = data[src + (cat[t] as number)] as number;
  }
  return out;
}

/** Scratch buffers of {@link vote}, one set per class size k. @internal */
export interface VoteScratch {
  /** Distinct values seen. */
  readonly vals: Float64Array;
  /** Their counts. */
  readonly cnt: Int32Array;
  /** The values tied for the most votes. */
  readonly tied: Float64Array;
}

/** Scratch for votes among at most `k` neighbours. @internal */
export function voteScratch(k: number): VoteScratch {
  return { vals: new Float64Array(k), cnt: new Int32Array(k), tied: new Float64Array(k) };
}

/**
 * The value of categorical feature `t` (a column of `table`, `nCat` wide) most frequent among the
 * `k` neighbours `nn[base·k … base·k + k − 1]` of a base row. A tie is broken with one
 * `rng.int(nTied)` among the tied values sorted ascending; without a tie nothing is drawn. @internal
 */
export function vote(
  table: Float64Array,
  nCat: number,
  t: number,
  nn: Int32Array,
  base: number,
  k: number,
  rng: Random,
  scratch: VoteScratch,
): number {
  const { vals, cnt, tied } = scratch;
  let distinct = 0;
  let best = 0;
  for (let a = 0; a < k; a++) {
    const v = table[(nn[base * k + a] as number) * nCat + t] as number;
    let s = 0;
    while (s < distinct && vals[s] !== v) s++;
    if (s === distinct) {
      vals[distinct] = v;
      cnt[distinct++] = 0;
    }
    const c = (cnt[s] as number) + 1;
    cnt[s] = c;
    if (c > best) best = c;
  }
  let nt = 0;
  for (let s = 0; s < distinct; s++) if (cnt[s] === best) tied[nt++] = vals[s] as number;
  if (nt === 1) return tied[0] as number;
  const sorted = tied.subarray(0, nt).sort();
  return sorted[rng.int(nt)] as number;
}
