/**
 * Validation of the label vectors, the `labels` option and the sample weights every metric takes.
 * @internal
 * @module
 */
import { DataValidationError, InvalidParameterError, describe } from '../core/errors.js';
import { checkLabels, compareLabels } from '../core/labels.js';
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

/** Validates sample weights (finite, non-negative, one per sample) into a Float64Array. @internal */
export function checkWeights(
  who: string,
  w: ReadonlyArray<number> | Float64Array | undefined,
  n: number,
): Float64Array | undefined {
  if (w === undefined) return undefined;
  if (!Array.isArray(w) && !ArrayBuffer.isView(w)) {
    throw new DataValidationError(`${who}: sampleWeight must be an array of numbers, received ${describe(w)}.`, {
      param: 'sampleWeight',
    });
  }
  if (w.length !== n) {
    throw new DataValidationError(
      `${who}: sampleWeight has ${w.length} values but there are ${n} samples. Pass one weight per sample.`,
      { param: 'sampleWeight' },
    );
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = w[i] as number;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new DataValidationError(
        `${who}: sampleWeight[${i}] is ${describe(v)}; weights must be finite and non-negative.`,
        { param: 'sampleWeight', row: i },
      );
    }
    out[i] = v;
  }
  return out;
}
