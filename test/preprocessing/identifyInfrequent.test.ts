import { describe, expect, it } from 'vitest';
import { identifyInfrequent } from '../../src/preprocessing/identifyInfrequent.js';

describe("identifyInfrequent (scikit-learn 1.2's _identify_infrequent)", () => {
  const counts = [5, 1, 3, 3, 8];
  it('groups nothing without minFrequency and maxCategories', () => {
    expect(identifyInfrequent(counts, 20, null, null)).toEqual([false, false, false, false, false]);
  });
  it('minFrequency: a count, or a fraction of the rows', () => {
    expect(identifyInfrequent(counts, 20, 3, null)).toEqual([false, true, false, false, false]);
    expect(identifyInfrequent(counts, 20, 0.2, null)).toEqual([false, true, true, true, false]); // below 4
  });
  it('maxCategories keeps the maxCategories − 1 most frequent; among ties the later ones stay', () => {
    // stable ascending order by count: 1 (1), 2 (3), 3 (3), 0 (5), 4 (8) → keep 0 and 4 … and 3 with 4 slots
    expect(identifyInfrequent(counts, 20, null, 3)).toEqual([false, true, true, true, false]);
    expect(identifyInfrequent(counts, 20, null, 4)).toEqual([false, true, true, false, false]);
  });
  it('maxCategories counts the slot even when empty, and 1 groups nothing (the slicing quirk)', () => {
    expect(identifyInfrequent(counts, 20, null, 5)).toEqual([false, true, false, false, false]);
    expect(identifyInfrequent(counts, 20, null, 6)).toEqual([false, false, false, false, false]);
    expect(identifyInfrequent(counts, 20, null, 1)).toEqual([false, false, false, false, false]);
  });
  it('applies minFrequency first, then maxCategories', () => {
    expect(identifyInfrequent(counts, 20, 2, 3)).toEqual([false, true, true, true, false]);
    expect(identifyInfrequent(counts, 20, 4, 4)).toEqual([false, true, true, true, false]);
  });
});
