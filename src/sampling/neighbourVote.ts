/**
 * The class a k-NN vote picks: the most common class code among `k` neighbours, ties going to the
 * smallest code, i.e. the first class in sorted order — what imbalanced-learn gets from
 * `scipy.stats.mode` (ENN's `kind_sel='mode'`) and scikit-learn's `KNeighborsClassifier.predict`
 * (CondensedNearestNeighbour, OneSidedSelection).
 *
 * @param neighbours - Neighbour indices; entries `o … o + k − 1` are voted.
 * @param codeOf - Class code of each index that `neighbours` holds.
 * @param tally - Scratch of one slot per class, all zero; left all zero.
 * @internal
 */
export function voteMode(neighbours: Int32Array, o: number, k: number, codeOf: Int32Array, tally: Int32Array): number {
  let best = -1;
  let bestCount = 0;
  for (let t = 0; t < k; t++) {
    const c = codeOf[neighbours[o + t] as number] as number;
    const n = (tally[c] as number) + 1;
    tally[c] = n;
    if (n > bestCount || (n === bestCount && c < best)) {
      bestCount = n;
      best = c;
    }
  }
  for (let t = 0; t < k; t++) tally[codeOf[neighbours[o + t] as number] as number] = 0;
  return best;
}

/** Whether all `k` neighbours at `o…` are of class code `c`. @internal */
export function allOfClass(neighbours: Int32Array, o: number, k: number, codeOf: Int32Array, c: number): boolean {
  for (let t = 0; t < k; t++) if (codeOf[neighbours[o + t] as number] !== c) return false;
  return true;
}
