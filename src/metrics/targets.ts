/**
 * Validation of the label vectors, the `labels` option and the sample weights every metric takes.
 * @internal
 * @module
 */
import { DataValidationError, InvalidParameterError, describe, refuseDetached } from '../core/errors.js';
import { checkLabels, compareLabels, isList } from '../core/labels.js';
import type { Label } from '../core/matrix.js';

/** A validated pair of targets. @internal */
export interface Targets {
  yTrue: Label[];
  yPred: Label[];
  n: number;
}

/** Validates yTrue / yPred: label vectors, equal non-zero length, same label type. @internal */
export function checkTargets(
  who: string,
  yTrue: ReadonlyArray<Label>,
  yPred: ReadonlyArray<Label>,
  predParam = 'yPred',
): Targets {
  const t = checkLabels(yTrue, who, 'yTrue');
  const p = checkLabels(yPred, who, predParam);
  if (t.length !== p.length) {
    throw new DataValidationError(
      `${who}: yTrue has ${t.length} labels but ${predParam} has ${p.length}. Pass one prediction per true label.`,
      { param: predParam },
    );
  }
  if (t.length === 0) {
    throw new DataValidationError(`${who}: yTrue and ${predParam} are empty; at least one sample is needed.`, {
      param: 'yTrue',
    });
  }
  if (typeof t[0] !== typeof p[0]) {
    throw new DataValidationError(
      `${who}: yTrue holds ${typeof t[0]}s but ${predParam} holds ${typeof p[0]}s. Use the same label type for both.`,
      { param: predParam },
    );
  }
  return { yTrue: t, yPred: p, n: t.length };
}

/** Validates a label vector alone (non-empty). @internal */
export function checkTrue(who: string, yTrue: ReadonlyArray<Label>): Label[] {
  const t = checkLabels(yTrue, who, 'yTrue');
  if (t.length === 0)
    throw new DataValidationError(`${who}: yTrue is empty; at least one sample is needed.`, { param: 'yTrue' });
  return t;
}

/**
 * Validates a user `labels` option (non-empty, distinct, one label type matching the data) and
 * returns a fresh copy; without it, returns the sorted union of the given vectors. @internal
 */
export function resolveLabels(
  who: string,
  labels: ReadonlyArray<Label> | undefined,
  ...ys: ReadonlyArray<Label>[]
): Label[] {
  if (labels === undefined) {
    const set = new Set<Label>();
    for (const y of ys) for (const v of y) set.add(v);
    return Array.from(set).sort(compareLabels);
  }
  return checkLabelsOption(who, labels, ys);
}

/**
 * {@link resolveLabels} for metrics whose score columns follow `labels`, which must then be in
 * sorted order, as scikit-learn requires ("Parameter 'labels' must be ordered"): a classifier's
 * `classes` — the columns of its `predictProba` — are sorted, and accepting another order would
 * silently pair columns with the wrong classes. @internal
 */
export function resolveColumnLabels(
  who: string,
  labels: ReadonlyArray<Label> | undefined,
  ...ys: ReadonlyArray<Label>[]
): Label[] {
  const l = resolveLabels(who, labels, ...ys);
  checkSortedLabels(who, l);
  return l;
}

/** Throws InvalidParameterError unless `labels` is in sorted order. @internal */
export function checkSortedLabels(who: string, labels: ReadonlyArray<Label>): void {
  for (let i = 1; i < labels.length; i++) {
    if (compareLabels(labels[i - 1] as Label, labels[i] as Label) > 0) {
      throw new InvalidParameterError(
        'labels',
        `${who}: labels must be ordered (scikit-learn: "Parameter 'labels' must be ordered"): ` +
          `${describe(labels[i - 1])} comes before ${describe(labels[i])}. Score columns follow the sorted ` +
          "classes, as a classifier's classes and predictProba columns do: sort labels and the columns with them.",
      );
    }
  }
}

function checkLabelsOption(who: string, labels: ReadonlyArray<Label>, ys: ReadonlyArray<Label>[]): Label[] {
  const l = checkLabels(labels, who, 'labels');
  if (l.length === 0)
    throw new InvalidParameterError('labels', `${who}: labels is empty; pass at least one label or omit it.`);
  if (new Set(l).size !== l.length) {
    throw new InvalidParameterError(
      'labels',
      `${who}: labels contains duplicates (${l.map((v) => describe(v)).join(', ')}); each label must appear once.`,
    );
  }
  const sample = ys.find((y) => y.length > 0)?.[0];
  if (sample !== undefined && typeof sample !== typeof l[0]) {
    throw new InvalidParameterError(
      'labels',
      `${who}: labels holds ${typeof l[0]}s but the targets hold ${typeof sample}s. Use the same label type.`,
    );
  }
  return l;
}

/** Index of each value in `labels`, -1 when absent. @internal */
export function indexIn(y: ReadonlyArray<Label>, labels: ReadonlyArray<Label>): Int32Array {
  const map = new Map<Label, number>();
  labels.forEach((l, i) => map.set(l, i));
  const out = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = map.get(y[i] as Label) ?? -1;
  return out;
}

/**
 * {@link indexIn} for `yTrue`, refusing a label that is not in `labels`: "yTrue[3] = 'x' is not in
 * labels; add it to labels." @internal
 */
export function trueIndexIn(who: string, yTrue: ReadonlyArray<Label>, labels: ReadonlyArray<Label>): Int32Array {
  const ti = indexIn(yTrue, labels);
  const bad = ti.indexOf(-1);
  if (bad >= 0) {
    throw new DataValidationError(
      `${who}: yTrue[${bad}] = ${describe(yTrue[bad])} is not in labels; add it to labels.`,
      { param: 'yTrue', row: bad },
    );
  }
  return ti;
}

/**
 * The range of the sum s of sample weights: the metrics multiply up to four weighted counts
 * (MCC's (s² − Σt²)(s² − Σp²) is of order s⁴), which stays within float64's range — without
 * overflow to Infinity or underflow to 0 — for s in [1e-75, 1e75] (s⁴ in [1e-300, 1e300]).
 * Unweighted counts are always inside. @internal
 */
export const WEIGHT_SUM_RANGE: readonly [number, number] = [1e-75, 1e75];

/**
 * Validates sample weights (finite, non-negative, one per sample, not all zero, summing to a
 * value in {@link WEIGHT_SUM_RANGE}) into a Float64Array. All-zero weights are refused like empty
 * input: no sample would count, and the weighted means of accuracy, log loss or top-k accuracy
 * would be 0/0 (scikit-learn raises "Weights sum to zero" there). @internal
 */
export function checkWeights(
  who: string,
  w: ReadonlyArray<number> | Float64Array | undefined,
  n: number,
): Float64Array | undefined {
  if (w === undefined) return undefined;
  if (!isList(w)) {
    throw new DataValidationError(`${who}: sampleWeight must be an array of numbers, received ${describe(w)}.`, {
      param: 'sampleWeight',
    });
  }
  refuseDetached(who, 'sampleWeight', w);
  if (w.length !== n) {
    throw new DataValidationError(
      `${who}: sampleWeight has ${w.length} values but there are ${n} samples. Pass one weight per sample.`,
      { param: 'sampleWeight' },
    );
  }
  const out = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = w[i] as number;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new DataValidationError(
        `${who}: sampleWeight[${i}] is ${describe(v)}; weights must be finite and non-negative.`,
        { param: 'sampleWeight', row: i },
      );
    }
    out[i] = v;
    total += v;
  }
  if (total === 0) {
    throw new DataValidationError(
      `${who}: sampleWeight sums to 0, so no sample counts — the same as empty input. ` +
        'Give at least one sample a positive weight.',
      { param: 'sampleWeight' },
    );
  }
  if (!(total >= WEIGHT_SUM_RANGE[0] && total <= WEIGHT_SUM_RANGE[1])) {
    throw new DataValidationError(
      `${who}: sampleWeight sums to ${total}, outside [${WEIGHT_SUM_RANGE.join(', ')}], where products of ` +
        'weighted counts (MCC multiplies four) leave the float64 range. Rescale the weights, e.g. divide ' +
        'them by their maximum: every score is unchanged (counts such as support scale with them).',
      { param: 'sampleWeight' },
    );
  }
  return out;
}
