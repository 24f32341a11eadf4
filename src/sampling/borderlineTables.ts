/**
 * What both forms of {@link BorderlineSMOTE} compute before drawing anything: the danger rows of
 * every targeted class (their `mNeighbors` nearest rows among all rows) and the `kNeighbors`
 * interpolation neighbours of each danger row — among the rows of the class (`'borderline-1'`) or
 * among all rows (`'borderline-2'`). `fitResample` then draws its pairs from these tables once;
 * `fitStream` draws each batch's pairs from them.
 *
 * @internal
 * @module
 */
import { DataValidationError, describe } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import type { BorderlineKind } from './BorderlineSMOTE.js';
import { gatherRows } from './gatherRows.js';
import type { NeighborSearch } from './neighbors/types.js';
import { otherNeighbours } from './otherNeighbours.js';

/** The data the tables are computed on: a dense float64 matrix, its labels and class counts. @internal */
export interface BorderlineData {
  readonly who: string;
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
  readonly y: ReadonlyArray<Label>;
  readonly counts: ReadonlyMap<Label, number>;
  readonly plan: ReadonlyMap<Label, number>;
  /** Row indices of a class, ascending. */
  indicesOf(label: Label): Int32Array;
}

/** The tables of one targeted class that gets new rows. @internal */
export interface BorderlineClass {
  readonly label: Label;
  /** Rows to make. */
  readonly g: number;
  /** The danger rows (row indices, ascending): the base of every new row. */
  readonly danger: Int32Array;
  /**
   * The rows the neighbours are taken from: the class's rows (`'borderline-1'`), or undefined for
   * all rows (`'borderline-2'`).
   */
  readonly pool: Int32Array | undefined;
  /** `danger.length × k` neighbours, as indices into `pool` (or row indices, with no pool). */
  readonly nn: Int32Array;
}

/**
 * The danger test of every targeted class (all of them first, so a class too small for
 * `kNeighbors` fails before anything is made), then the interpolation neighbours of each class with
 * danger rows. Returns every targeted class's danger rows and the classes that get new rows, in
 * sorted class order. Draws nothing. @internal
 */
export function borderlineTables(
  d: BorderlineData,
  search: NeighborSearch,
  k: number,
  m: number,
  kind: BorderlineKind,
): { danger: Map<Label, Int32Array>; classes: BorderlineClass[] } {
  const { who, data, rows, cols } = d;
  const targets = [...d.plan].filter(([, g]) => g > 0);
  if (targets.length > 0 && rows <= m) {
    throw new DataValidationError(
      `${who}: X has ${rows} rows; the danger test needs mNeighbors + 1 = ${m + 1}. Lower mNeighbors to at most ` +
        `${rows - 1}.`,
      { param: 'mNeighbors' },
    );
  }
  const danger = new Map<Label, Int32Array>();
  if (targets.length > 0) search.fit(data, rows, cols);
  for (const [label] of targets) danger.set(label, dangerRows(d, search, d.indicesOf(label), label, m));
  for (const [label] of targets) {
    const nDanger = (danger.get(label) as Int32Array).length;
    const n = d.counts.get(label) as number;
    if (nDanger > 0 && kind === 'borderline-1' && n <= k) {
      throw new DataValidationError(
        `${who}: class ${describe(label)} has ${n} sample${n === 1 ? '' : 's'}, fewer than kNeighbors + 1 = ` +
          `${k + 1}. Lower kNeighbors to at most ${Math.max(1, n - 1)}, or use RandomOverSampler.`,
        { param: 'y' },
      );
    }
    if (nDanger > 0 && rows <= k) {
      throw new DataValidationError(
        `${who}: X has ${rows} rows, fewer than kNeighbors + 1 = ${k + 1}. Lower kNeighbors.`,
        {
          param: 'kNeighbors',
        },
      );
    }
  }
  const classes: BorderlineClass[] = [];
  // borderline-2 searches among all rows, where the danger tests left the search fitted: it never
  // refits; borderline-1 fits it on each class in turn.
  for (const [label, g] of targets) {
    const rowsOfDanger = danger.get(label) as Int32Array;
    if (rowsOfDanger.length === 0) continue;
    if (kind === 'borderline-1') {
      const idx = d.indicesOf(label);
      const Xc = gatherRows(data, cols, idx);
      search.fit(Xc, idx.length, cols);
      const nn = otherNeighbours(who, search, Xc, cols, idx.length, positionsIn(idx, rowsOfDanger), k);
      classes.push({ label, g, danger: rowsOfDanger, pool: idx, nn });
    } else {
      const nn = otherNeighbours(who, search, data, cols, rows, rowsOfDanger, k);
      classes.push({ label, g, danger: rowsOfDanger, pool: undefined, nn });
    }
  }
  return { danger, classes };
}

/**
 * The rows of `idx` (a class, in input order) whose `m` nearest other rows among all rows (the
 * search is fitted on them) are mostly, but not all, of another class: `m / 2 ≤ m' < m`.
 */
function dangerRows(d: BorderlineData, search: NeighborSearch, idx: Int32Array, label: Label, m: number): Int32Array {
  const nn = otherNeighbours(d.who, search, d.data, d.cols, d.rows, idx, m);
  const out: number[] = [];
  for (let q = 0; q < idx.length; q++) {
    let other = 0;
    for (let t = q * m; t < (q + 1) * m; t++) if (d.y[nn[t] as number] !== label) other++;
    if (other >= m / 2 && other < m) out.push(idx[q] as number);
  }
  return Int32Array.from(out);
}

/** The positions within `idx` (ascending) of the rows `subset` (ascending, all in `idx`). */
function positionsIn(idx: Int32Array, subset: Int32Array): Int32Array {
  const out = new Int32Array(subset.length);
  let p = 0;
  for (let t = 0; t < subset.length; t++) {
    while (idx[p] !== subset[t]) p++;
    out[t] = p;
  }
  return out;
}
