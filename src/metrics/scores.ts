/**
 * Validation of score and probability inputs: 1-D score vectors and `n × k` matrices.
 * @internal
 * @module
 */
import { DataValidationError, describe, refuseDetached } from '../core/errors.js';
import { isList } from '../core/labels.js';
import { toDense, type Dense, type MatrixInput } from '../core/matrix.js';

/** Validates a 1-D score vector (finite numbers, expected length). @internal */
export function checkScores(
  who: string,
  s: ReadonlyArray<number> | Float64Array | Float32Array,
  n: number,
  param = 'yScore',
): Float64Array {
  if (!isList(s)) {
    throw new DataValidationError(`${who}: ${param} must be an array of numbers, received ${describe(s)}.`, { param });
  }
  refuseDetached(who, param, s);
  if (s.length !== n) {
    throw new DataValidationError(
      `${who}: yTrue has ${n} labels but ${param} has ${s.length} scores. Pass one score per sample.`,
      { param },
    );
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = s[i] as number;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new DataValidationError(
        `${who}: ${param}[${i}] is ${describe(v)}; scores must be finite numbers (no NaN or ±Infinity).`,
        { param, row: i },
      );
    }
    out[i] = v;
  }
  return out;
}

/** True when the input is a 1-D vector of numbers rather than a matrix. @internal */
export function isVector(s: unknown): s is ReadonlyArray<number> | Float64Array | Float32Array {
  if (ArrayBuffer.isView(s)) return !(s instanceof DataView);
  if (!Array.isArray(s)) return false;
  return s.length === 0 || typeof s[0] === 'number';
}

/** Validates a score / probability matrix (finite, `n` rows, `cols` columns when given). @internal */
export function checkScoreMatrix(
  who: string,
  s: MatrixInput,
  n: number,
  cols: number | undefined,
  param = 'yScore',
): Dense {
  const d = toDense(s, { who, param, minRows: 1 });
  if (d.rows !== n) {
    throw new DataValidationError(
      `${who}: yTrue has ${n} labels but ${param} has ${d.rows} rows. Pass one row of scores per sample.`,
      { param },
    );
  }
  if (cols !== undefined && d.cols !== cols) {
    throw new DataValidationError(
      `${who}: ${param} has ${d.cols} columns but there are ${cols} labels; columns follow labels ` +
        '(sorted by default). Pass labels listing every class the model knows.',
      { param },
    );
  }
  return d;
}

/**
 * How far a row of probabilities may sum from 1: NumPy's `allclose` tolerances (rtol 1e-5,
 * atol 1e-8), which scikit-learn's multiclass ROC AUC uses, and which float32 outputs (an MLP's
 * softmax, off by about 1e-7) pass.
 */
const SUMS_TO_ONE = (s: number): boolean => Math.abs(1 - s) <= 1e-8 + 1e-5 * Math.abs(s);

/**
 * Checks that a row-major `rows × cols` matrix holds probabilities: every value in [0, 1] and,
 * when `cols > 1`, every row summing to 1 (within NumPy's `allclose` tolerances). A single column
 * (or a 1-D vector, `cols = 1`) holds P(positive class): values in [0, 1] only. `what` names the
 * metric in the message, e.g. `'log loss'`. @internal
 */
export function checkProbabilities(
  who: string,
  data: ArrayLike<number>,
  rows: number,
  cols: number,
  param: string,
  what: string,
): void {
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) {
      const v = data[i * cols + j] as number;
      if (!(v >= 0 && v <= 1)) {
        const at = cols === 1 ? `${param}[${i}]` : `${param}[${i}][${j}]`;
        throw new DataValidationError(
          `${who}: ${at} is ${v}, but ${what} needs probabilities in [0, 1] (e.g. predictProba output). ` +
            'Pass probabilities, not decision scores or logits.',
          { param, row: i, ...(cols === 1 ? {} : { column: j }) },
        );
      }
      s += v;
    }
    if (cols > 1 && !SUMS_TO_ONE(s)) {
      throw new DataValidationError(
        `${who}: row ${i} of ${param} sums to ${s}; ${what} needs probabilities whose rows sum to 1 ` +
          '(e.g. predictProba output).',
        { param, row: i },
      );
    }
  }
}
