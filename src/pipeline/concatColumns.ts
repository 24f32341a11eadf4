/**
 * Side-by-side concatenation of transformer outputs (scikit-learn's `hstack` in
 * `ColumnTransformer`): dense matrices into one dense matrix, anything lazy into one row source.
 *
 * @internal
 * @module
 */
import type { Matrix } from 'ml-matrix';
import { DataValidationError } from '../core/errors.js';
import { fromDense, isMatrixLike } from '../core/matrix.js';
import { checkGather, denseRowSource, isRowSource, type RowSource } from '../core/rowSource.js';

/**
 * The columns of `parts` side by side, in order: a fresh dense `Matrix` when every part is one,
 * else a {@link RowSource} that gathers each part's columns of a row into its slice of the output
 * (a dense part read from a float64 copy of it, a lazy part — an Encoder's compact output — never
 * densified).
 * @throws {@link DataValidationError} when the parts have different row counts.
 * @internal
 */
export function concatColumns(who: string, names: readonly string[], parts: readonly unknown[]): Matrix | RowSource {
  const rows = parts.map((p, i) => rowsOf(who, names[i] as string, p));
  const n = rows[0] as number;
  rows.forEach((r, i) => {
    if (r !== n) {
      throw new DataValidationError(
        `${who}: transformer "${names[i]}" returned ${r} rows but "${names[0]}" returned ${n}; ` +
          'every transformer must return one row per input row.',
        { param: 'X' },
      );
    }
  });
  if (parts.every((p) => isMatrixLike(p))) return concatDense(parts as Matrix[], n);
  const sources = parts.map((p) =>
    isMatrixLike(p) ? denseRowSource(Float64Array.from(p.to1DArray()), p.rows, p.columns) : (p as RowSource),
  );
  return concatSources(who, sources, n);
}

function rowsOf(who: string, name: string, part: unknown): number {
  if (isMatrixLike(part) || isRowSource(part)) return part.rows;
  throw new DataValidationError(
    `${who}: transformer "${name}" returned neither a Matrix nor a RowSource; a ColumnTransformer part ` +
      'must return one of them from transform and fitTransform.',
    { param: 'transformers' },
  );
}

function concatDense(parts: readonly Matrix[], n: number): Matrix {
  const width = parts.reduce((a, p) => a + p.columns, 0);
  const out = new Float64Array(n * width);
  let offset = 0;
  for (const p of parts) {
    const k = p.columns;
    for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) out[i * width + offset + j] = p.get(i, j);
    offset += k;
  }
  return fromDense(out, n, width);
}

function concatSources(who: string, sources: readonly RowSource[], n: number): RowSource {
  const width = sources.reduce((a, s) => a + s.columns, 0);
  return {
    rows: n,
    columns: width,
    gatherRows(indices: ArrayLike<number>, out: Float32Array): void {
      checkGather(who, n, width, indices, out);
      const m = indices.length;
      let offset = 0;
      for (const s of sources) {
        const k = s.columns;
        const part = new Float32Array(m * k);
        s.gatherRows(indices, part);
        for (let t = 0; t < m; t++) out.set(part.subarray(t * k, (t + 1) * k), t * width + offset);
        offset += k;
      }
    },
  };
}
