/** Copies the rows `idx` of a row-major matrix into a fresh contiguous buffer. @internal */
export function gatherRows(data: Float64Array, cols: number, idx: Int32Array): Float64Array {
  const out = new Float64Array(idx.length * cols);
  for (let t = 0; t < idx.length; t++) {
    const i = idx[t] as number;
    out.set(data.subarray(i * cols, (i + 1) * cols), t * cols);
  }
  return out;
}
