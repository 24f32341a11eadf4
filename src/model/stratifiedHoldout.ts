/**
 * The MLP's stratified hold-out split (its own algorithm until the library has one shared
 * stratified split; `splitValidation` in validationSplit.ts is its only caller).
 * @internal
 */
import { DataValidationError, describe } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import type { Random } from '../core/random.js';

/**
 * Splits row indices into a stratified, seeded train / validation pair.
 *
 * @remarks
 * The validation size is `ceil(fraction · n)`, shared among classes by largest remainder of their
 * proportional share (ties to the smaller class index), with at least one validation row and at
 * least one training row per class — so every class appears on both sides. Which rows go where is
 * a seeded draw within each class.
 *
 * @internal
 */
export function stratifiedHoldout(
  y: Int32Array,
  classes: readonly Label[],
  fraction: number,
  rng: Random,
  who: string,
): { train: Int32Array; val: Int32Array } {
  const k = classes.length;
  const n = y.length;
  const byClass: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) (byClass[y[i] as number] as number[]).push(i);
  byClass.forEach((rows, c) => {
    if (rows.length < 2) {
      throw new DataValidationError(
        `${who}: class ${describe(classes[c])} has ${rows.length} sample, too few for a stratified ` +
          'validation split (each class needs one training and one validation row). Remove the class, ' +
          'pass validationData, or set validationFraction: 0 without a validation monitor.',
        { param: 'y' },
      );
    }
  });
  const nVal = Math.min(n - k, Math.max(k, Math.ceil(fraction * n)));
  const take = new Array<number>(k).fill(0);
  const rem: { c: number; r: number }[] = [];
  let used = 0;
  byClass.forEach((rows, c) => {
    const share = (nVal * rows.length) / n;
    const base = Math.min(rows.length - 1, Math.max(1, Math.floor(share)));
    take[c] = base;
    used += base;
    rem.push({ c, r: share - Math.floor(share) });
  });
  rem.sort((a, b) => b.r - a.r || a.c - b.c);
  for (let pass = 0; used < nVal && pass < 2 * k + nVal; pass++) {
    const { c } = rem[pass % k] as { c: number };
    if ((take[c] as number) < (byClass[c] as number[]).length - 1) {
      take[c] = (take[c] as number) + 1;
      used++;
    }
  }
  const val: number[] = [];
  const train: number[] = [];
  byClass.forEach((rows, c) => {
    const perm = rng.permutation(rows.length);
    const t = take[c] as number;
    for (let i = 0; i < rows.length; i++) (i < t ? val : train).push(rows[perm[i] as number] as number);
  });
  return { train: Int32Array.from(train.sort((a, b) => a - b)), val: Int32Array.from(val.sort((a, b) => a - b)) };
}
