/** Copies the rows `idx` of a row-major matrix into a fresh contiguous buffer. @internal */
export function gatherRows(data: Float64Array, cols: number, idx: Int32Array): Float64Array {
  const out = new Float64Array(idx.length * cols);
  for (let t = 0; t < idx.length; t++) {
    const i = idx[t] as number;
    out.set(data.subarray(i * cols, (i + 1) * cols), t * cols);
  }
  return out;
}

/** The row indices `0 … n − 1` (every row of an `n`-row matrix, in order). @internal */
export function allRows(n: number): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  return idx;
}
