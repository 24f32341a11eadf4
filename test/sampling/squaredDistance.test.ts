import { describe, expect, it } from 'vitest';
import { Random } from '../../src/core/Random.js';
import { squaredDistance, squaredDistanceBelow } from '../../src/sampling/squaredDistance.js';

describe('squaredDistanceBelow', () => {
  it('below the limit: the direct sum exactly; else a value at least the limit', () => {
    const rng = Random.from(1);
    for (const cols of [1, 3, 8, 9, 16, 31, 32, 33]) {
      const a = Float64Array.from({ length: 2 * cols }, () => rng.normal() * 10 ** rng.int(6));
      const d = squaredDistance(a, 0, a, 1, cols);
      // limits around d, including d itself and its neighbouring doubles
      for (const limit of [0, d * 0.5, d * (1 - 1e-15), d, d * (1 + 1e-15), d * 2, Infinity]) {
        const got = squaredDistanceBelow(a, 0, a, 1, cols, limit);
        if (d < limit) expect(got).toBe(d);
        else expect(got).toBeGreaterThanOrEqual(limit);
        expect(got < limit).toBe(d < limit);
      }
    }
  });

  it('terms beyond the range of doubles: never a fast Infinity for a finite limit that the direct sum is under', () => {
    const a = Float64Array.from([1e200, 0, 0, 0, 0, 0, 0, 0, -1e200, 0, 0, 0, 0, 0, 0, 0]);
    expect(squaredDistanceBelow(a, 0, a, 1, 8, Infinity)).toBe(Infinity);
    expect(squaredDistanceBelow(a, 0, a, 1, 8, 1)).toBeGreaterThanOrEqual(1);
  });
});
