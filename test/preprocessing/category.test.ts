import { describe, expect, it } from 'vitest';
import { type Category, categoryLabel, compareCategories } from '../../src/preprocessing/category.js';

describe('compareCategories', () => {
  it('sorts numbers ascending, strings by UTF-16 code unit, missing last (NumPy / scikit-learn order)', () => {
    const s: Category[] = ['b', null, 'B', 'é', 'a', '10', '9'];
    expect([...s].sort(compareCategories)).toEqual(['10', '9', 'B', 'a', 'b', 'é', null]);
    const n: Category[] = [10, null, -1, 9, 0.5];
    expect([...n].sort(compareCategories)).toEqual([-1, 0.5, 9, 10, null]);
  });
});

describe('categoryLabel', () => {
  it('names the missing category "missing" in feature names', () => {
    expect([categoryLabel(null), categoryLabel(510), categoryLabel('77th Street')]).toEqual([
      'missing',
      '510',
      '77th Street',
    ]);
  });
});
