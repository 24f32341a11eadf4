import { describe, expect, it } from 'vitest';
import { DataValidationError } from '../../src/core/errors.js';
import { logLoss } from '../../src/metrics/index.js';

describe('logLoss: semantics chosen where scikit-learn releases differ', () => {
  it('logLoss does not renormalise rows (scikit-learn >= 1.5)', () => {
    // Rows within 1e-5 of summing to 1 are used as they are: renormalising would give
    // −ln(0.5 / 1.000005) instead.
    expect(
      logLoss(
        [0, 1],
        [
          [0.5, 0.500005],
          [0.500005, 0.5],
        ],
      ),
    ).toBeCloseTo(-Math.log(0.5), 15);
  });
  it('rows that are not probabilities are refused (scikit-learn >= 1.5 warns; there are no warnings here)', () => {
    // This test used to assert that [[0.5, 0.25], [0.25, 0.5]] was scored as it is.
    expect(() =>
      logLoss(
        [0, 1],
        [
          [0.5, 0.25],
          [0.25, 0.5],
        ],
      ),
    ).toThrow(/row 0 of yProb sums to 0\.75; log loss needs probabilities whose rows sum to 1/);
    expect(() => logLoss([0, 1], [1.2, 0.5])).toThrow(DataValidationError);
    expect(() => logLoss([0, 1], [[-0.1], [0.5]])).toThrow(/yProb\[0\] is -0\.1, but log loss needs probabilities/);
  });
  it('logLoss clips to [eps, 1 - eps]', () => {
    expect(
      logLoss(
        [0, 1],
        [
          [0, 1],
          [1, 0],
        ],
      ),
    ).toBeCloseTo(-Math.log(2.220446049250313e-16), 12);
  });
});
