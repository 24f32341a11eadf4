/**
 * Stratified allocation, once for the whole library: how many rows of each class go to each side
 * of a split or to each fold, and the seeded draw of which rows.
 *
 * Every allocation is Hamilton's largest-remainder method ({@link apportion}): each party gets the
 * floor of its proportional quota, and the units left over go to the largest fractional
 * remainders. The callers differ only in their quotas and in how ties between equal remainders are
 * broken, which is exactly how scikit-learn's two stratified splitters differ:
 *
 * - `trainTestSplit` (scikit-learn's `StratifiedShuffleSplit`): {@link approximateMode}, ties at
 *   random;
 * - `StratifiedKFold`: {@link foldCounts}, each class shared among the folds with ties in the
 *   round-robin order of scikit-learn's dealing of the sorted labels;
 * - the MLP's validation hold-out: {@link stratifiedHoldout}, ties to the smaller class, every
 *   class kept on both sides.
 *
 * @internal
 * @module
 */
import { DataValidationError, describe } from './errors.js';
import { compareLabels } from './labels.js';
import type { Label } from './matrix.js';
import type { Random } from './Random.js';

/** How {@link apportion} breaks ties and bounds the shares. @internal */
export interface ApportionOptions {
  /** Break ties between equal remainders uniformly at random (scikit-learn's `_approximate_mode`). */
  rng?: Random;
  /** Without `rng`: the parties in the order in which they win ties. @defaultValue index order */
  order?: ArrayLike<number>;
  /** Smallest share of each party (applied to the floors). */
  min?: ArrayLike<number>;
  /** Largest share of each party. */
  max?: ArrayLike<number>;
}

/**
 * Shares `total` units among parties in proportion to their `quotas` (Hamilton's largest-remainder
 * method): each party gets `floor(quota)` (clamped to `[min, max]`), then the units still missing
 * go one at a time to the parties with the largest fractional remainders, in descending order of
 * remainder. Parties whose remainders are equal are taken at random (with `rng`: a partial
 * Fisher–Yates draw of exactly as many as are needed, as scikit-learn's `_approximate_mode`) or in
 * `order`. A party at its `max` is passed over; when bounds leave units over after one round, the
 * rounds repeat in the same order until none is missing or no party can take more.
 *
 * The quotas are the caller's floating-point values, so each caller keeps its exact arithmetic.
 * Without bounds the result sums to `total` (one round suffices: the remainders sum to the missing
 * count and each is below 1).
 * @internal
 */
export function apportion(quotas: ArrayLike<number>, total: number, options: ApportionOptions = {}): Int32Array {
  const { rng, order, min, max } = options;
  const k = quotas.length;
  const out = new Int32Array(k);
  const remainder = new Float64Array(k);
  let need = total;
  for (let i = 0; i < k; i++) {
    const q = quotas[i] as number;
    const f = Math.floor(q);
    remainder[i] = q - f;
    let v = f;
    if (min && v < (min[i] as number)) v = min[i] as number;
    if (max && v > (max[i] as number)) v = max[i] as number;
    out[i] = v;
    need -= v;
  }
  if (need <= 0) return out;
  const canTake = (i: number): boolean => !max || (out[i] as number) < (max[i] as number);
  const visited: number[] = [];
  const values = [...new Set(remainder)].sort((a, b) => b - a);
  for (const value of values) {
    const tied: number[] = [];
    for (let j = 0; j < k; j++) {
      const i = order ? (order[j] as number) : j;
      if (remainder[i] === value) tied.push(i);
    }
    for (let a = 0; a < tied.length && need > 0; a++) {
      if (rng) {
        const j = a + rng.int(tied.length - a);
        const t = tied[a] as number;
        tied[a] = tied[j] as number;
        tied[j] = t;
      }
      const i = tied[a] as number;
      visited.push(i);
      if (canTake(i)) {
        out[i] = (out[i] as number) + 1;
        need--;
      }
    }
    if (need === 0) return out;
  }
  // Only bounds can leave units over after the first round; repeat it while someone can take one.
  for (let gave = true; need > 0 && gave; ) {
    gave = false;
    for (const i of visited) {
      if (need === 0) break;
      if (canTake(i)) {
        out[i] = (out[i] as number) + 1;
        need--;
        gave = true;
      }
    }
  }
  return out;
}

/**
 * Per-class counts of `nDraws` draws without replacement that are closest to the class
 * proportions: floor of each class's proportional share, then the remaining draws to the largest
 * fractional remainders, ties broken at random. Exactly scikit-learn's `_approximate_mode` (same
 * floating-point operations), except the random tie-break uses our generator.
 * @internal
 */
export function approximateMode(classCounts: ArrayLike<number>, nDraws: number, rng: Random): Int32Array {
  const k = classCounts.length;
  let total = 0;
  for (let i = 0; i < k; i++) total += classCounts[i] as number;
  const quotas = new Float64Array(k);
  for (let i = 0; i < k; i++) quotas[i] = ((classCounts[i] as number) / total) * nDraws;
  return apportion(quotas, nDraws, { rng });
}

/**
 * The number of rows of each class in each of `nSplits` test folds, as scikit-learn's
 * `StratifiedKFold`: the classes (in the order of `counts`) are laid end to end and dealt
 * round-robin over the folds. Each class gets `floor(count / nSplits)` rows per fold and its
 * `count mod nSplits` remaining rows go to the folds next in the deal. Returns `[class][fold]`.
 * @internal
 */
export function foldCounts(counts: ArrayLike<number>, nSplits: number): Int32Array[] {
  const out: Int32Array[] = [];
  const order = new Int32Array(nSplits);
  let dealt = 0;
  for (let c = 0; c < counts.length; c++) {
    const m = counts[c] as number;
    for (let j = 0; j < nSplits; j++) order[j] = (dealt + j) % nSplits;
    out.push(apportion(new Float64Array(nSplits).fill(m / nSplits), m, { order }));
    dealt += m;
  }
  return out;
}

/** Rows grouped by class. @internal */
export interface Strata {
  /** The classes, sorted (or in order of first appearance). */
  readonly classes: Label[];
  /** The class index of each row. */
  readonly codes: Int32Array;
  /** Rows per class. */
  readonly counts: Int32Array;
  /** The rows of class `c` are `rows[start[c] .. start[c + 1])`; `k + 1` offsets. */
  readonly start: Int32Array;
  /** Row indices grouped by class, in data order within a class. */
  readonly rows: Int32Array;
}

/** Labels `0 … SMALL_LABELS − 1` are coded through a table in {@link stratify}. */
const SMALL_LABELS = 1024;

/**
 * Groups the rows of `y` by class (a stable counting sort). Classes are numbered in sorted order,
 * or in order of first appearance (scikit-learn's `StratifiedKFold`). `y` must be valid labels.
 * @internal
 */
export function stratify(y: ReadonlyArray<Label>, classOrder: 'sorted' | 'first-seen' = 'sorted'): Strata {
  const n = y.length;
  // each row coded by first appearance, recoded below for 'sorted': small non-negative integer
  // labels through a table (a Map look-up costs ~25 ns a row), the others through a Map
  const seen = new Map<Label, number>();
  const codes = new Int32Array(n);
  const table = new Int32Array(SMALL_LABELS).fill(-1);
  for (let i = 0; i < n; i++) {
    const label = y[i] as Label;
    const small = typeof label === 'number' && label >= 0 && label < SMALL_LABELS && label % 1 === 0;
    let c = small ? (table[label] as number) : (seen.get(label) ?? -1);
    if (c === -1) {
      c = seen.size;
      seen.set(label, c);
      if (small) table[label] = c;
    }
    codes[i] = c;
  }
  const classes = [...seen.keys()];
  if (classOrder === 'sorted') {
    classes.sort(compareLabels);
    const recode = new Int32Array(classes.length);
    classes.forEach((c, i) => {
      recode[seen.get(c) as number] = i;
    });
    for (let i = 0; i < n; i++) codes[i] = recode[codes[i] as number] as number;
  }
  const k = classes.length;
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) counts[codes[i] as number]!++;
  const start = new Int32Array(k + 1);
  for (let c = 0; c < k; c++) start[c + 1] = (start[c] as number) + (counts[c] as number);
  const rows = new Int32Array(n);
  const fill = start.slice(0, k);
  for (let i = 0; i < n; i++) {
    const c = codes[i] as number;
    rows[fill[c] as number] = i;
    fill[c] = (fill[c] as number) + 1;
  }
  return { classes, codes, counts, start, rows };
}

/**
 * Draws the rows of each part: class by class, the class's rows are shuffled, the first
 * `parts[0][c]` go to part 0, the next `parts[1][c]` to part 1, and so on (rows left over go
 * nowhere). Each part lists its rows grouped by class. @internal
 */
export function drawStrata(s: Strata, parts: ReadonlyArray<ArrayLike<number>>, rng: Random): Int32Array[] {
  const k = s.classes.length;
  const out = parts.map((p) => {
    let size = 0;
    for (let c = 0; c < k; c++) size += p[c] as number;
    return new Int32Array(size);
  });
  const fill = new Int32Array(parts.length);
  const rows = s.rows.slice();
  for (let c = 0; c < k; c++) {
    const members = rng.shuffle(rows.subarray(s.start[c] as number, s.start[c + 1] as number));
    let j = 0;
    parts.forEach((p, q) => {
      const part = out[q] as Int32Array;
      for (let t = 0; t < (p[c] as number); t++) part[fill[q]++] = members[j++] as number;
    });
  }
  return out;
}

/**
 * Splits rows into a stratified, seeded train / validation pair — the hold-out of the MLP's
 * `validationFraction`.
 *
 * @remarks
 * The validation size is `ceil(fraction · n)` (at least one row per class, and at most `n − k`
 * rows so each class keeps one training row), shared among the classes by
 * {@link apportion} — floor of each class's share, at least 1 and at most its count − 1, the rest
 * by largest remainder with ties to the smaller class — so every class appears on both sides.
 * Which rows go where is a seeded draw within each class. Both index lists are ascending.
 * @param y - One label per row (valid labels).
 * @param fraction - The share of rows to hold out, in (0, 1).
 * @param rng - The generator of the draw.
 * @param who - Who is asking, for the error message.
 * @param fix - How to fix a class that is too small, for the error message.
 * @throws {@link DataValidationError} when a class has a single row.
 * @internal
 */
export function stratifiedHoldout(
  y: ReadonlyArray<Label>,
  fraction: number,
  rng: Random,
  who = 'stratifiedHoldout',
  fix = 'Remove or merge that class.',
): { train: Int32Array; validation: Int32Array } {
  const s = stratify(y);
  const n = y.length;
  const k = s.classes.length;
  const min = new Int32Array(k).fill(1);
  const max = new Int32Array(k);
  for (let c = 0; c < k; c++) {
    const count = s.counts[c] as number;
    if (count < 2) {
      throw new DataValidationError(
        `${who}: class ${describe(s.classes[c])} has ${count} sample, too few for a stratified validation ` +
          `split (each class needs one training and one validation row). ${fix}`,
        { param: 'y' },
      );
    }
    max[c] = count - 1;
  }
  const nVal = Math.min(n - k, Math.max(k, Math.ceil(fraction * n)));
  const quotas = new Float64Array(k);
  for (let c = 0; c < k; c++) quotas[c] = (nVal * (s.counts[c] as number)) / n;
  const take = apportion(quotas, nVal, { min, max });
  const rest = s.counts.map((count, c) => count - (take[c] as number));
  const [validation, train] = drawStrata(s, [take, rest], rng) as [Int32Array, Int32Array];
  return { train: train.sort(), validation: validation.sort() };
}
