/**
 * A matrix read as consecutive row-major blocks: the one input form of the per-column statistics,
 * so the same code (and the same order of additions) serves a contiguous buffer, the rows of an
 * ml-matrix `Matrix` read in place, and chunks gathered from a row source.
 *
 * @module
 */

/**
 * Visits the rows of a matrix in order, as consecutive blocks: `visit(block, rows)` receives `rows`
 * rows, row-major (row `r`, column `j` of the block is `block[r * cols + j]`). A block may be
 * reused between calls, so a visitor keeps nothing of it. A source may be visited several times
 * (two-pass statistics) and gives the same values each time.
 * @internal
 */
export type RowBlocks = (visit: (block: ArrayLike<number>, rows: number) => void) => void;

/**
 * The matrix held by one row-major buffer, as a single block.
 * @param data - The buffer, `rows × cols` values.
 * @param cols - Number of columns (0 reads as no rows).
 * @internal
 */
export function blocksOf(data: ArrayLike<number>, cols: number): RowBlocks {
  const rows = cols > 0 ? Math.floor(data.length / cols) : 0;
  return (visit) => {
    if (rows > 0) visit(data, rows);
  };
}

/** `data` itself when it is already blocks, else {@link blocksOf} it. @internal */
export function asBlocks(data: ArrayLike<number> | RowBlocks, cols: number): RowBlocks {
  return typeof data === 'function' ? data : blocksOf(data, cols);
}
