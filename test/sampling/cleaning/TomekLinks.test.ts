import { describe, it } from 'vitest';
import { TomekLinks, type TomekLinksOptions } from '../../../src/index.js';
import { caseName, casesOf, datasets, expectCase, optionsOf } from './cleaningFixtures.js';

describe('TomekLinks matches imbalanced-learn 0.10 row by row', () => {
  for (const c of casesOf('tomekLinks.json')) {
    it(caseName(c), () => {
      const ds = datasets.get(c.dataset)!;
      expectCase(new TomekLinks(optionsOf(c) as TomekLinksOptions).fitResample(ds.X, ds.y), c);
    });
  }
});
