/**
 * The positions of the `count` smallest of `scores`, smallest first, equal scores in position
 * order — the first `count` of a stable sort of the positions by score — found by a selection of
 * the `count`-th smallest value (expected linear time), then a sort of only the positions kept.
 * All of them, in that order, when `count` ≥ their number. Scores must not be NaN.
 * @internal
 */
export function smallestInOrder(scores: Float64Array, count: number): Int32Array {
  const n = scores.length;
  const take = Math.max(0, Math.min(count, n));
  const kept = new Int32Array(take);
  if (take === 0) return kept;
  const cut = take === n ? Infinity : kthSmallest(Float64Array.from(scores), take - 1);
  // every score below the cut, then the scores equal to it in position order until `take` are kept
  let p = 0;
  for (let i = 0; i < n; i++) if ((scores[i] as number) < cut) kept[p++] = i;
  for (let i = 0; i < n && p < take; i++) if (scores[i] === cut) kept[p++] = i;
  // positions ascend within equal scores, and Array.prototype.sort is stable
  const order = Array.from(kept).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  kept.set(order);
  return kept;
}

/**
 * The `r`-th smallest value (0-based) of `a`, which it reorders (Hoare's selection, median of
 * three) so that every value after position `r` is at least it. No NaN. @internal
 */
export function kthSmallest(a: Float64Array, r: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    // the median of a[lo], a[mid], a[hi] as the pivot
    const x = a[lo] as number;
    const y = a[mid] as number;
    const z = a[hi] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (r <= j) hi = j;
    else if (r >= i) lo = i;
    else return a[r] as number;
  }
  return a[r] as number;
}
