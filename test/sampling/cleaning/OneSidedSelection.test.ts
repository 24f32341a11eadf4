import { describe, it } from 'vitest';
import { type Label, OneSidedSelection, type OneSidedSelectionOptions, type Random } from '../../../src/index.js';
import { caseName, casesOf, datasets, expectCase, optionsOf } from './cleaningFixtures.js';

/** OSS with imbalanced-learn's seed rows (NumPy's draws, recorded by generate.py). */
class ReplayedSeeds extends OneSidedSelection {
  constructor(
    options: OneSidedSelectionOptions,
    private readonly seeds: Map<Label, number[]>,
  ) {
    super(options);
  }
  protected override drawSeeds(_rng: Random, label: Label): Int32Array {
    return Int32Array.from(this.seeds.get(label)!);
  }
}

describe('OneSidedSelection matches imbalanced-learn 0.10 row by row (given its seed rows)', () => {
  for (const c of casesOf('oneSidedSelection.json')) {
    it(caseName(c), () => {
      const ds = datasets.get(c.dataset)!;
      const s = new ReplayedSeeds(optionsOf(c) as OneSidedSelectionOptions, new Map(c.seeds));
      expectCase(s.fitResample(ds.X, ds.y), c);
    });
  }
});
