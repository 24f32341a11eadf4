/**
 * ADASYN's per-row allocation, shared by its eager `fitResample` and its lazy `fitStream`: the
 * difficulty of each row from its neighbours among all rows, the rounded per-row counts `g_i`, and
 * the same-class neighbours of the rows that generate.
 *
 * @internal
 * @module
 */
import { DataValidationError, describe } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import type { NeighborSearch } from './neighbors/types.js';
import { gatherRows } from './gatherRows.js';
import { checkNeighborTable } from './neighborSearch.js';
import { pairwiseSum, rint } from './numpyArithmetic.js';

/**
 * Computes ADASYN's per-row allocation from the difficulty ratios `r` (share of other-class
 * neighbours of each row) and the requested count `G`: `g_i = rint(r_i / Σr · G)` with NumPy's
 * pairwise sum and round-half-to-even, bit for bit as imbalanced-learn. Returns undefined when
 * `Σr = 0`. @internal
 */
export function adasynAllocation(r: Float64Array, G: number): Int32Array | undefined {
  const sum = pairwiseSum(r);
  if (sum === 0) return undefined;
  const g = new Int32Array(r.length);
  for (let i = 0; i < r.length; i++) g[i] = rint(((r[i] as number) / sum) * G);
  return g;
}

/**
 * The `k` neighbours of each query row from a table of `k + 1`, dropping the row's own index
 * `self[i]` (or, when `k + 1` duplicates precede it, the last one): the `k` nearest other rows. @internal
 */
export function withoutSelf(found: Int32Array, self: Int32Array, k: number): Int32Array {
  const kq = k + 1;
  const nn = new Int32Array(self.length * k);
  for (let i = 0; i < self.length; i++) {
    let seen = 0;
    for (let t = 0; t < kq && seen < k; t++) {
      const j = found[i * kq + t] as number;
      if (j !== self[i]) nn[i * k + seen++] = j;
    }
  }
  return nn;
}

/**
 * The per-row counts `g_i` of the rows of class `label`, from `nn` (`n_c × k`, each row's `k`
 * nearest other rows among all rows, as indices into `y`) and the `G` rows asked.
 *
 * @throws {@link DataValidationError} when no row of the class has a neighbour of another class
 * (the weights divide by zero), or when the rounding leaves 0 rows. @internal
 */
export function adasynRowCounts(
  who: string,
  label: Label,
  nn: Int32Array,
  y: ReadonlyArray<Label>,
  k: number,
  G: number,
): Int32Array {
  const nc = nn.length / k;
  const r = new Float64Array(nc);
  for (let i = 0; i < nc; i++) {
    let other = 0;
    for (let t = 0; t < k; t++) if (y[nn[i * k + t] as number] !== label) other++;
    r[i] = other / k;
  }
  const g = adasynAllocation(r, G);
  if (!g) {
    throw new DataValidationError(
      `${who}: no row of class ${describe(label)} has a neighbour of another class among its ${k} ` +
        'nearest, so ADASYN\'s difficulty weights divide by zero (imbalanced-learn: "Not any neigbours ' +
        'belong to the majority class. This case will induce a NaN case with a division by zero. ADASYN ' +
        'is not suited for this specific dataset. Use SMOTE instead."). Use SMOTE for this class, or ' +
        'raise nNeighbors.',
      { param: 'y' },
    );
  }
  let total = 0;
  for (let i = 0; i < nc; i++) total += g[i] as number;
  if (total === 0) {
    throw new DataValidationError(
      `${who}: rounding ADASYN's per-row counts for class ${describe(label)} (${G} rows asked) gives ` +
        '0 rows. No samples will be generated with the provided ratio settings. Ask for more rows in ' +
        'samplingStrategy or use SMOTE.',
      { param: 'samplingStrategy' },
    );
  }
  return g;
}

/**
 * The rows of a class that generate (`g_i > 0`, class-local indices in order) and their `k`
 * nearest rows of the class (`used.length × k`, class-local): `search` is fitted on the class
 * matrix `Xc` (`nc × cols`) and asked for `k + 1` neighbours of the used rows, the row itself
 * dropped by index. @internal
 */
export function generationNeighbors(
  who: string,
  search: NeighborSearch,
  Xc: Float64Array,
  nc: number,
  cols: number,
  g: Int32Array,
  k: number,
): { used: Int32Array; nn: Int32Array } {
  let nUsed = 0;
  for (let i = 0; i < nc; i++) if ((g[i] as number) > 0) nUsed++;
  const used = new Int32Array(nUsed);
  for (let i = 0, q = 0; i < nc; i++) if ((g[i] as number) > 0) used[q++] = i;
  const found = search.fit(Xc, nc, cols).kneighbors(gatherRows(Xc, cols, used), used.length, k + 1);
  return { used, nn: withoutSelf(checkNeighborTable(who, search, found, used.length, nc, k + 1), used, k) };
}
