/** Squared Euclidean distance between row `i` of `a` and row `j` of `b` (row-major, `cols` wide). @internal */
export function squaredDistance(a: Float64Array, i: number, b: Float64Array, j: number, cols: number): number {
  let s = 0;
  const ai = i * cols;
  const bj = j * cols;
  for (let t = 0; t < cols; t++) {
    const v = (a[ai + t] as number) - (b[bj + t] as number);
    s += v * v;
  }
  return s;
}
