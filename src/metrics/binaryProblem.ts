/**
 * A binary ranking problem — true labels, one score per sample, which class is positive — as the
 * curves (`rocCurve`, `precisionRecallCurve`) take it.
 * @internal
 * @module
 */
import { DataValidationError, InvalidParameterError, describe } from '../core/errors.js';
import { uniqueSorted } from '../core/labels.js';
import type { Label } from '../core/matrix.js';
import { checkScores } from './scores.js';
import { checkTrue, checkWeights } from './targets.js';

/** Positive label for a binary problem without an explicit posLabel (scikit-learn's rule). @internal */
export function defaultPosLabel(who: string, classes: ReadonlyArray<Label>): Label {
  const ok =
    classes.every((c) => typeof c === 'number') &&
    ((classes.length === 2 && ((classes[0] === 0 && classes[1] === 1) || (classes[0] === -1 && classes[1] === 1))) ||
      (classes.length === 1 && (classes[0] === 0 || classes[0] === 1 || classes[0] === -1)));
  if (!ok) {
    throw new InvalidParameterError(
      'posLabel',
      `${who}: yTrue takes values in {${classes.map((c) => describe(c)).join(', ')}} and posLabel is not given; ` +
        'pass posLabel explicitly (labels other than {0, 1} or {-1, 1} have no implied positive class).',
    );
  }
  return 1;
}

/** Validates a binary ranking problem: labels, scores, weights → 0/1 target. @internal */
export function binaryProblem(
  who: string,
  yTrue: ReadonlyArray<Label>,
  yScore: ReadonlyArray<number> | Float64Array | Float32Array,
  posLabel: Label | undefined,
  sampleWeight: ReadonlyArray<number> | undefined,
): { positive: Uint8Array; score: Float64Array; weight: Float64Array | undefined; classes: Label[] } {
  const t = checkTrue(who, yTrue);
  const n = t.length;
  const score = checkScores(who, yScore, n);
  const weight = checkWeights(who, sampleWeight, n);
  const classes = uniqueSorted(t);
  if (posLabel === undefined) {
    if (classes.length > 2) {
      throw new DataValidationError(
        `${who}: yTrue has ${classes.length} classes; a binary curve needs posLabel to say which class is positive.`,
        { param: 'yTrue' },
      );
    }
    posLabel = defaultPosLabel(who, classes);
  } else if (typeof posLabel !== typeof t[0]) {
    throw new DataValidationError(
      `${who}: posLabel ${describe(posLabel)} is a ${typeof posLabel} but yTrue holds ${typeof t[0]}s.`,
      { param: 'posLabel' },
    );
  }
  const positive = new Uint8Array(n);
  for (let i = 0; i < n; i++) positive[i] = t[i] === posLabel ? 1 : 0;
  return { positive, score, weight, classes };
}
