import { describe, expect, it } from 'vitest';
import { DataValidationError } from '../../src/core/errors.js';
import { checkLabels, classCounts, compareLabels, encodeLabels, uniqueSorted } from '../../src/core/labels.js';

describe('labels', () => {
  it('sorts numbers numerically and strings by code unit', () => {
    expect(uniqueSorted([10, 2, 1, 2])).toEqual([1, 2, 10]);
    expect(uniqueSorted(['b', 'B', 'a'])).toEqual(['B', 'a', 'b']);
    expect(compareLabels(2, 10)).toBeLessThan(0);
  });
  it('validates and encodes', () => {
    expect(() => checkLabels(['a', 1], 'f')).toThrow(/mixes strings and numbers/);
    expect(() => checkLabels([1, NaN], 'f')).toThrow(DataValidationError);
    expect(() => checkLabels([1, 2], 'f', 'y', 3)).toThrow(/2 labels but X has 3 rows/);
    expect(Array.from(encodeLabels(['b', 'a'], ['a', 'b'], 'f'))).toEqual([1, 0]);
    expect(() => encodeLabels(['c'], ['a', 'b'], 'f')).toThrow(/not one of the known classes/);
    expect([...classCounts(['b', 'a', 'b'])]).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });
});
