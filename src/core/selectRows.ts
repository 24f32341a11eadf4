/**
 * Row selection that keeps the form of its input: a view for a row source, a copy of the chosen
 * rows for arrays, tables and matrices.
 *
 * @internal
 * @module
 */
import { isRowSource } from './rowSource.js';
import type { RowSource } from './rowSource.js';
import { takeRows } from './table.js';
import type { RowsInput } from './table.js';

/**
 * The rows of `X` at `indices`, in the form `X` came in (a row source gives a view, no copy).
 * @internal
 */
export function selectRows<In>(X: In, indices: Int32Array): In {
  if (isRowSource(X)) {
    const src: RowSource = X;
    const view: RowSource = {
      rows: indices.length,
      columns: src.columns,
      gatherRows(rows: ArrayLike<number>, out: Float32Array): void {
        src.gatherRows(
          Int32Array.from(rows, (i) => indices[i] as number),
          out,
        );
      },
    };
    return view as In;
  }
  return takeRows(X as unknown as RowsInput, indices) as In;
}
