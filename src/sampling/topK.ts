/**
 * Inserts the candidate `(d, i)` into an ascending list of the `k` smallest distances seen so far
 * (`bestD`, with their indices in `bestI`, `filled` entries used) and returns the new fill. A
 * candidate equal to an entry goes after it, so with candidates visited in index order ties keep
 * the smaller index first. @internal
 */
export function insertTopK(
  bestD: Float64Array,
  bestI: Int32Array,
  filled: number,
  k: number,
  d: number,
  i: number,
): number {
  if (filled === k && !(d < (bestD[k - 1] as number))) return filled;
  let t = filled < k ? filled++ : k - 1;
  while (t > 0 && (bestD[t - 1] as number) > d) {
    bestD[t] = bestD[t - 1] as number;
    bestI[t] = bestI[t - 1] as number;
    t--;
  }
  bestD[t] = d;
  bestI[t] = i;
  return filled;
}
