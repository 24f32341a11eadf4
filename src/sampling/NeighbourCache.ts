import { DataValidationError } from '../core/errors.js';
import type { NeighborSearch } from './neighbors/types.js';
import { otherNeighbours } from './otherNeighbours.js';
import { gatherRows } from './gatherRows.js';
import { QUERY_BLOCK } from './neighboursAmong.js';

/**
 * How many times its list width a row's neighbours are first asked of a search fitted before rows
 * left, to find enough alive ones without refitting; the rows still short are asked twice as many,
 * and so on up to {@link MAX_ASK}.
 */
const SPARE = 4;
/**
 * The most neighbours asked before the search is refitted instead: the engine answers longer lists
 * by its exhaustive search (`MAX_CANDIDATES` = 256 candidates, less its 8 spare).
 */
const MAX_ASK = 248;

/**
 * The nearest other rows of each row within a shrinking set of rows, for the cleaning samplers
 * that edit a data set in passes (EditedNearestNeighbours, RepeatedEditedNearestNeighbours,
 * AllKNN, NeighbourhoodCleaningRule, TomekLinks).
 *
 * @remarks
 * Each row's list holds up to `width` nearest other rows (nearest first, ties by smaller index —
 * the engine's order), computed among the rows alive at that time. Removing rows never changes
 * the order of the rows that remain, so the `k` nearest alive rows of a row are the first `k`
 * alive entries of its list as long as `k` of them survive: a row is searched again only when its
 * list runs short — first in the search as fitted (more neighbours asked, the alive ones kept), and
 * only if too few of those survive, on the rows then alive (a refit). RENN and AllKNN thus search
 * once, plus a few rows per pass, instead of everything every pass. Memory: `rows × width` int32,
 * what the search holds, and, after a refit, one float64 copy of the alive rows; the rows are asked
 * in blocks of {@link QUERY_BLOCK}, so the search's per-query copies stay small.
 *
 * The row itself is excluded by index, never by position, so an exact duplicate of a row counts as
 * its neighbour (imbalanced-learn queries `k + 1` rows and drops the first column, which with
 * duplicates may be the copy instead of the row).
 *
 * @internal
 */
export class NeighbourCache {
  /** `alive[i] === 1` while row i is in the set. */
  readonly alive: Uint8Array;
  private nLeft: number;
  private readonly table: Int32Array;
  private readonly filled: Uint8Array;
  /** Changes whenever rows are removed; the search is refitted when it differs from `fitVersion`. */
  private version = 0;
  private fitVersion = -1;
  /** Fitted position → row (null: the search holds every row, positions are rows). */
  private fitRows: Int32Array | null = null;
  /** The rows the search holds (`data` itself, or the alive rows gathered). */
  private fitData: Float64Array;
  private readonly posOf: Int32Array;
  /** Neighbours kept per row: the width asked, at most `rows − 1`. */
  private readonly width: number;

  /**
   * @param who - `ClassName.fitResample`, for messages.
   * @param param - The option that sets the neighbourhood size (`nNeighbors`), for messages.
   * @param data - Row-major rows (kept by reference, never modified).
   * @param width - Neighbours kept per row (at least the largest `k` asked).
   */
  constructor(
    private readonly who: string,
    private readonly param: string,
    private readonly data: Float64Array,
    private readonly rows: number,
    private readonly cols: number,
    private readonly search: NeighborSearch,
    width: number,
  ) {
    // A row has at most rows − 1 other rows: a wider list (a neighbourhood option beyond the data,
    // refused by `neighbours` with the counts) would only size the table, up to an allocation
    // failure, before that typed refusal.
    this.width = Math.min(width, Math.max(0, rows - 1));
    this.alive = new Uint8Array(rows).fill(1);
    this.nLeft = rows;
    this.table = new Int32Array(rows * this.width).fill(-1);
    this.filled = new Uint8Array(rows);
    this.posOf = new Int32Array(rows);
    this.fitData = data;
  }

  /** Number of rows still in the set. */
  get size(): number {
    return this.nLeft;
  }

  /** Removes rows from the set (rows already removed are ignored). */
  remove(rows: ArrayLike<number>): void {
    for (let t = 0; t < rows.length; t++) {
      const i = rows[t] as number;
      if (this.alive[i]) {
        this.alive[i] = 0;
        this.nLeft--;
      }
    }
    if (rows.length > 0) this.version++;
  }

  /**
   * The `k` nearest alive other rows of each (alive) row of `query`, as a `query.length × k`
   * row-major table of row indices.
   * @throws DataValidationError when fewer than `k + 1` rows are alive.
   */
  neighbours(query: Int32Array, k: number): Int32Array {
    if (k > this.nLeft - 1) {
      throw new DataValidationError(
        `${this.who}: ${this.param} = ${k} needs at least ${k + 1} rows to search, but only ${this.nLeft} ` +
          `${this.nLeft === this.rows ? 'are given' : 'remain after cleaning'}. Lower ${this.param}.`,
        { param: this.param },
      );
    }
    if (k > this.width) throw new Error(`${this.who}: NeighbourCache asked ${k} neighbours, width ${this.width}.`);
    const out = new Int32Array(query.length * k);
    const short: number[] = [];
    for (let q = 0; q < query.length; q++) {
      if (!this.collect(query[q] as number, k, out, q * k)) short.push(q);
    }
    if (short.length > 0) {
      this.refill(Int32Array.from(short, (q) => query[q] as number));
      for (const q of short) this.collect(query[q] as number, k, out, q * k);
    }
    return out;
  }

  /** Writes the first `k` alive entries of row i's list at `out[o…]`; false when there are fewer. */
  private collect(i: number, k: number, out: Int32Array, o: number): boolean {
    if (!this.filled[i]) return false;
    const { table, alive, width } = this;
    let got = 0;
    for (let t = i * width, end = t + width; t < end && got < k; t++) {
      const j = table[t] as number;
      if (j < 0) break;
      if (alive[j]) out[o + got++] = j;
    }
    return got === k;
  }

  /**
   * Searches the rows `need` again among the alive rows and stores their lists. When rows have left
   * since the search was fitted, the search is first asked for {@link SPARE}× more neighbours among
   * the rows it holds (then twice as many, up to {@link MAX_ASK}), of which the alive ones are kept
   * (no refit, no copy); only the rows with too few alive among those make it refit on the alive rows.
   */
  private refill(need: Int32Array): void {
    const left = this.nLeft;
    const w = Math.min(this.width, left - 1);
    let todo = need;
    if (this.fitVersion !== this.version) {
      if (this.fitVersion >= 0) {
        const nFit = this.fitRows === null ? this.rows : this.fitRows.length;
        for (let ask = SPARE * this.width; todo.length > 0; ask *= 2) {
          todo = this.searchFitted(todo, w, Math.min(nFit - 1, ask));
          if (ask >= MAX_ASK || ask >= nFit - 1) break;
        }
        if (todo.length === 0) return;
      }
      if (left === this.rows) {
        this.fitRows = null;
        this.fitData = this.data;
      } else {
        const fitRows = new Int32Array(left);
        let p = 0;
        for (let i = 0; i < this.rows; i++) if (this.alive[i]) fitRows[p++] = i;
        this.fitRows = fitRows;
        this.fitData = gatherRows(this.data, this.cols, fitRows);
        for (let t = 0; t < left; t++) this.posOf[fitRows[t] as number] = t;
      }
      this.search.fit(this.fitData, left, this.cols);
      this.fitVersion = this.version;
    }
    this.searchFitted(todo, w, w);
  }

  /**
   * Asks the fitted search for the `ask` nearest fitted other rows of each row of `rows` (in blocks of
   * {@link QUERY_BLOCK}) and stores the first `w` alive ones as the row's list; returns the rows that
   * had fewer than `w` alive among them (none when the fit holds only alive rows and `ask` is `w`).
   */
  private searchFitted(rows: Int32Array, w: number, ask: number): Int32Array {
    const { search, cols, width, table, alive, fitRows } = this;
    const nFit = fitRows === null ? this.rows : fitRows.length;
    const positions = fitRows === null ? rows : Int32Array.from(rows, (i) => this.posOf[i] as number);
    const short: number[] = [];
    for (let start = 0; start < rows.length; start += QUERY_BLOCK) {
      const end = Math.min(rows.length, start + QUERY_BLOCK);
      const part = start === 0 && end === rows.length ? positions : positions.subarray(start, end);
      const found = otherNeighbours(this.who, search, this.fitData, cols, nFit, part, ask);
      for (let q = start; q < end; q++) {
        const i = rows[q] as number;
        const o = i * width;
        let got = 0;
        for (let t = (q - start) * ask, stop = t + ask; t < stop && got < w; t++) {
          const pos = found[t] as number;
          const j = fitRows === null ? pos : (fitRows[pos] as number);
          if (alive[j]) table[o + got++] = j;
        }
        if (got < w) {
          short.push(i);
          continue;
        }
        table.fill(-1, o + w, o + width);
        this.filled[i] = 1;
      }
    }
    return Int32Array.from(short);
  }
}
