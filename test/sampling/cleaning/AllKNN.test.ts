import { describe, it } from 'vitest';
import { AllKNN, type AllKNNOptions } from '../../../src/index.js';
import { caseName, casesOf, datasets, expectCase, optionsOf } from './cleaningFixtures.js';

describe('AllKNN matches imbalanced-learn 0.10 row by row', () => {
  for (const c of casesOf('allKNN.json')) {
    it(caseName(c), () => {
      const ds = datasets.get(c.dataset)!;
      expectCase(new AllKNN(optionsOf(c) as AllKNNOptions).fitResample(ds.X, ds.y), c);
    });
  }
});
