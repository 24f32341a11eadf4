import { describe, it } from 'vitest';
import { OneSidedSelection, type OneSidedSelectionOptions } from '../../../src/index.js';
import { caseName, casesOf, datasets, expectCase, optionsOf, replaySeeds } from './cleaningFixtures.js';

describe('OneSidedSelection matches imbalanced-learn 0.10 row by row (given its seed rows)', () => {
  for (const c of casesOf('oneSidedSelection.json')) {
    it(caseName(c), () => {
      const ds = datasets.get(c.dataset)!;
      const s = replaySeeds(new OneSidedSelection(optionsOf(c) as OneSidedSelectionOptions), c);
      expectCase(s.fitResample(ds.X, ds.y), c);
    });
  }
});
