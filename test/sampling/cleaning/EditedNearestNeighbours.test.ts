import { describe, expect, it } from 'vitest';
import { EditedNearestNeighbours, type EditedNearestNeighboursOptions } from '../../../src/index.js';
import { caseName, casesOf, datasets, expectCase, optionsOf } from './cleaningFixtures.js';

describe('EditedNearestNeighbours matches imbalanced-learn 0.10 row by row', () => {
  for (const c of casesOf('editedNearestNeighbours.json')) {
    it(caseName(c), () => {
      const ds = datasets.get(c.dataset)!;
      const out = new EditedNearestNeighbours(optionsOf(c) as EditedNearestNeighboursOptions).fitResample(ds.X, ds.y);
      expectCase(out, c);
    });
  }
  it('has cases', () => expect(casesOf('editedNearestNeighbours.json').length).toBeGreaterThan(100));
});
