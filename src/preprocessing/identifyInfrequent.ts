/**
 * scikit-learn's infrequent-category rule (`minFrequency` and `maxCategories`).
 *
 * @module
 */

/**
 * Which categories of a column go into its infrequent slot: scikit-learn 1.2's
 * `OneHotEncoder._identify_infrequent`.
 *
 * @remarks
 * 1. With `minFrequency`, a category is infrequent when its count is below `minFrequency` (an
 *    integer count) or below `minFrequency · nRows` (a fraction in (0, 1)).
 * 2. Then, when `maxCategories` is below the number of frequent categories + 1 (the slot is
 *    counted even if it stays empty) and above 1, every category but the `maxCategories − 1` most
 *    frequent becomes infrequent. The order is a stable ascending sort by count, so among equal
 *    counts the later categories stay. `maxCategories: 1` groups nothing: scikit-learn's slicing
 *    quirk, kept for identical results.
 *
 * @param counts - Training count of each category, in category order.
 * @param nRows - Number of training rows.
 * @param minFrequency - A count ≥ 1, a fraction in (0, 1), or `null` for none.
 * @param maxCategories - An integer ≥ 1, or `null` for no limit.
 * @returns One flag per category: whether it is infrequent.
 * @internal
 */
export function identifyInfrequent(
  counts: readonly number[],
  nRows: number,
  minFrequency: number | null,
  maxCategories: number | null,
): boolean[] {
  const k = counts.length;
  const mask = new Array<boolean>(k).fill(false);
  if (minFrequency !== null) {
    const threshold = minFrequency >= 1 ? minFrequency : nRows * minFrequency;
    for (let i = 0; i < k; i++) mask[i] = (counts[i] as number) < threshold;
  }
  const nInfrequent = mask.filter(Boolean).length;
  const nCurrent = k - nInfrequent + 1;
  if (maxCategories !== null && maxCategories < nCurrent && maxCategories > 1) {
    // stable ascending sort by count; all but the last maxCategories − 1 become infrequent
    const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => (counts[a] as number) - (counts[b] as number));
    const nSmall = k - (maxCategories - 1);
    for (let i = 0; i < nSmall; i++) mask[order[i] as number] = true;
  }
  return mask;
}
