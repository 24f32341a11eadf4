import { describe, expect, it } from 'vitest';
import { logLoss } from '../../src/metrics/index.js';

describe('logLoss: semantics chosen where scikit-learn releases differ', () => {
  it('logLoss does not renormalise rows (scikit-learn >= 1.5)', () => {
    expect(
      logLoss(
        [0, 1],
        [
          [0.5, 0.25],
          [0.25, 0.5],
        ],
      ),
    ).toBeCloseTo(-Math.log(0.5), 15);
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
