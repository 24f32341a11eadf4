import { describe, expect, it } from 'vitest';
import { DataValidationError, InvalidParameterError } from '../../src/index.js';
import { checkClassSizes, checkKNeighbors, checkNeighborCount, kFor } from '../../src/sampling/neighborCount.js';

describe('neighbour counts', () => {
  it("kNeighbors: an integer ≥ 1 (default 5) or 'auto', which is 5 clamped per class to its size − 1", () => {
    expect(checkKNeighbors('S', undefined)).toBe(5);
    expect(checkKNeighbors('S', 'auto')).toBe('auto');
    expect(checkKNeighbors('S', 3)).toBe(3);
    expect(() => checkKNeighbors('S', 0)).toThrow(InvalidParameterError);
    expect(() => checkKNeighbors('S', 'Auto')).toThrow(/or 'auto'/);
    expect([kFor('auto', 2), kFor('auto', 4), kFor('auto', 100), kFor(7, 3)]).toEqual([1, 3, 5, 7]);
  });

  it('a plain count: an integer ≥ 1 with its own default', () => {
    expect(checkNeighborCount('ENN', 'nNeighbors', undefined, 3)).toBe(3);
    expect(() => checkNeighborCount('ENN', 'nNeighbors', 1.5, 3)).toThrow(
      'ENN: nNeighbors must be an integer ≥ 1, received 1.5. The usual value is 3.',
    );
  });

  it('a targeted class needs k + 1 rows (2 with auto); untargeted classes may be small', () => {
    const counts = new Map([
      ['a', 10],
      ['b', 3],
      ['c', 1],
    ]);
    const plan = (b: number, c: number) =>
      new Map([
        ['b', b],
        ['c', c],
      ]);
    expect(() => checkClassSizes('S.fit', 'kNeighbors', 2, plan(7, 0), counts)).not.toThrow();
    expect(() => checkClassSizes('S.fit', 'kNeighbors', 3, plan(7, 0), counts)).toThrow(
      'S.fit: class "b" has 3 samples, fewer than kNeighbors + 1 = 4. Lower kNeighbors to at most 2, or use ' +
        'RandomOverSampler.',
    );
    expect(() => checkClassSizes('S.fit', 'nNeighbors', 'auto', plan(0, 9), counts)).toThrow(
      'S.fit: class "c" has 1 sample, and interpolation needs at least 2 even with nNeighbors: \'auto\'. Use ' +
        'RandomOverSampler for this class, or drop it from samplingStrategy.',
    );
    expect(() => checkClassSizes('S.fit', 'kNeighbors', 1, plan(0, 9), counts)).toThrow(DataValidationError);
  });
});
