import { describe, it } from 'vitest';
import { NearMiss, type NearMissOptions } from '../../../src/index.js';
import { caseName, casesOf, datasets, expectCase, optionsOf } from './cleaningFixtures.js';

describe('NearMiss matches imbalanced-learn 0.10 row by row', () => {
  for (const c of casesOf('nearMiss.json')) {
    if (c.error) continue; // refusals: see the refusal tests
    it(caseName(c), () => {
      const ds = datasets.get(c.dataset)!;
      expectCase(new NearMiss(optionsOf(c) as NearMissOptions).fitResample(ds.X, ds.y), c);
    });
  }
});
