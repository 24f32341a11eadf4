import { DataValidationError, describe } from './errors.js';
import { checkLabels, uniqueSorted } from './labels.js';
import type { Label } from './matrix.js';
import { checkNumber, invalid } from './validate.js';

/**
 * How classes are weighted: `'balanced'` (inversely proportional to class frequency) or an
 * explicit Map from class to weight (classes not in the Map weigh 1).
 */
export type ClassWeightSpec = 'balanced' | ReadonlyMap<Label, number>;

/**
 * Checks a {@link ClassWeightSpec} option: `'balanced'`, or a Map whose weights are finite numbers
 * ≥ 0. Throws {@link InvalidParameterError} naming `param`.
 * @internal
 */
export function checkClassWeightSpec(who: string, spec: unknown, param = 'classWeight'): ClassWeightSpec {
  if (spec === 'balanced') return spec;
  if (!(spec instanceof Map)) {
    return invalid(
      who,
      param,
      "'balanced' or a Map from class to weight",
      spec,
      '(Use a Map, not an object, so numeric labels stay numbers.)',
    );
  }
  for (const [k, w] of spec)
    checkNumber(who, param, w, { ge: 0 }, undefined, `It is the weight of class ${describe(k)}.`);
  return spec as ReadonlyMap<Label, number>;
}

/**
 * Per-class weights, exactly as scikit-learn's `compute_class_weight`.
 *
 * @remarks
 * `'balanced'`: weight(c) = n / (k · count(c)), where n is the number of labels and k the number of
 * classes — so every class contributes the same total weight (King & Zeng 2001). A Map gives
 * each listed class its weight and the others 1.
 *
 * Called as `computeClassWeight(spec, y)`, the classes are the sorted distinct labels of `y`.
 *
 * @param spec - `'balanced'` or a Map from class to weight.
 * @param classes - The classes to weigh (every label of `y` must be among them).
 * @param y - The training labels.
 * @returns A Map from each class (in the order of `classes`) to its weight.
 * @throws {@link InvalidParameterError} when `spec` is neither `'balanced'` nor a Map of finite
 * weights ≥ 0.
 * @throws {@link DataValidationError} when `y` has a label not in `classes`; with `'balanced'`,
 * when a class is absent from `y`; with a Map, when it names a class not in `classes` while other
 * classes are left unweighted (scikit-learn's rule).
 * @example
 * ```ts
 * computeClassWeight('balanced', ['a', 'b', 'c'], ['a', 'a', 'a', 'b', 'c', 'c']);
 * // Map { 'a' => 0.666…, 'b' => 2, 'c' => 1 }
 * ```
 * @see scikit-learn `sklearn.utils.class_weight.compute_class_weight`.
 */
export function computeClassWeight(
  spec: ClassWeightSpec,
  classes: ReadonlyArray<Label>,
  y: ReadonlyArray<Label>,
): Map<Label, number>;
/**
 * Per-class weights over the sorted distinct labels of `y` — `computeClassWeight(spec,
 * uniqueSorted(y), y)`.
 *
 * @param spec - `'balanced'` or a Map from class to weight.
 * @param y - The training labels.
 * @returns A Map from each class (sorted) to its weight.
 * @throws {@link InvalidParameterError} / {@link DataValidationError} as the three-argument form.
 * @example
 * ```ts
 * computeClassWeight('balanced', ['a', 'a', 'a', 'b']); // Map { 'a' => 0.666…, 'b' => 2 }
 * ```
 * @see scikit-learn `sklearn.utils.class_weight.compute_class_weight`.
 */
export function computeClassWeight(spec: ClassWeightSpec, y: ReadonlyArray<Label>): Map<Label, number>;
export function computeClassWeight(
  spec: ClassWeightSpec,
  a: ReadonlyArray<Label>,
  b?: ReadonlyArray<Label>,
): Map<Label, number> {
  const who = 'computeClassWeight';
  checkClassWeightSpec(who, spec);
  const y = checkLabels(b ?? a, who, 'y');
  const classes = b === undefined ? uniqueSorted(y) : checkLabels(a, who, 'classes');
  if (new Set(classes).size !== classes.length) {
    throw new DataValidationError(`${who}: classes has repeated labels; pass distinct classes.`, { param: 'classes' });
  }
  const counts = new Map<Label, number>();
  for (const v of y) counts.set(v, (counts.get(v) ?? 0) + 1);
  const known = new Set(classes);
  for (const v of counts.keys()) {
    if (!known.has(v)) {
      throw new DataValidationError(
        `${who}: y has the label ${describe(v)}, which is not in classes. classes should include every label of y.`,
        { param: 'classes' },
      );
    }
  }
  const out = new Map<Label, number>();
  if (spec === 'balanced') {
    const n = y.length;
    const k = counts.size;
    for (const c of classes) {
      const count = counts.get(c);
      if (count === undefined) {
        throw new DataValidationError(
          `${who}: class ${describe(c)} does not occur in y, so 'balanced' cannot weigh it. ` +
            'classes should only hold labels present in y.',
          { param: 'classes' },
        );
      }
      out.set(c, balancedWeight(n, k, count));
    }
    return out;
  }
  const unweighted: Label[] = [];
  for (const c of classes) {
    const w = spec.get(c);
    if (w === undefined) {
      unweighted.push(c);
      out.set(c, 1);
    } else out.set(c, w);
  }
  if (unweighted.length > 0 && classes.length - unweighted.length !== spec.size) {
    const stray = [...spec.keys()].filter((c) => !known.has(c));
    const list = (labels: Label[]) => labels.map((c) => describe(c)).join(', ');
    throw new DataValidationError(
      `${who}: classWeight names ${list(stray)}, which ${stray.length === 1 ? 'is' : 'are'} not among the ` +
        `classes, while the classes ${list(unweighted)} are not in classWeight. ` +
        'Check the class labels (a number vs a string?).',
      { param: 'classWeight' },
    );
  }
  return out;
}

/**
 * Per-row weights from per-class weights, as scikit-learn's `compute_sample_weight`: each row gets
 * its class's weight from {@link computeClassWeight} (over the classes present in `y`).
 *
 * @param spec - `'balanced'` or a Map from class to weight.
 * @param y - The labels.
 * @returns One weight per row.
 * @throws {@link InvalidParameterError} / {@link DataValidationError} as {@link computeClassWeight}.
 * @example
 * ```ts
 * computeSampleWeight('balanced', ['a', 'a', 'a', 'b']); // Float64Array [0.666…, 0.666…, 0.666…, 2]
 * ```
 * @see scikit-learn `sklearn.utils.class_weight.compute_sample_weight`.
 */
export function computeSampleWeight(spec: ClassWeightSpec, y: ReadonlyArray<Label>): Float64Array {
  const labels = checkLabels(y, 'computeSampleWeight', 'y');
  const weights = computeClassWeight(spec, uniqueSorted(labels), labels);
  return Float64Array.from(labels, (v) => weights.get(v) as number);
}

/**
 * The `'balanced'` weight of a class (scikit-learn's rule): `nRows / (nClasses · count)`, so every
 * class carries the same total weight. Also used where only class counts are known (a batch
 * source's epoch counts). @internal
 */
export function balancedWeight(nRows: number, nClasses: number, count: number): number {
  return nRows / (nClasses * count);
}
