import { describe, expect, it } from 'vitest';
import { RepeatedEditedNearestNeighbours, type RepeatedEditedNearestNeighboursOptions } from '../../../src/index.js';
import { caseName, casesOf, datasets, expectCase, optionsOf } from './cleaningFixtures.js';

const cases = casesOf('repeatedEditedNearestNeighbours.json');

describe('RepeatedEditedNearestNeighbours matches imbalanced-learn 0.10 row by row', () => {
  for (const c of cases) {
    it(caseName(c), () => {
      const ds = datasets.get(c.dataset)!;
      const s = new RepeatedEditedNearestNeighbours(optionsOf(c) as RepeatedEditedNearestNeighboursOptions);
      expectCase(s.fitResample(ds.X, ds.y), c);
      expect(s.fitted.nIter).toBe(c.nIter);
    });
  }
});
