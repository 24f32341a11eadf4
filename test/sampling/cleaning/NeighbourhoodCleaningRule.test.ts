import { describe, expect, it } from 'vitest';
import { NeighbourhoodCleaningRule, type NeighbourhoodCleaningRuleOptions } from '../../../src/index.js';
import { caseName, casesOf, datasets, expectCase, optionsOf } from './cleaningFixtures.js';

const cases = casesOf('neighbourhoodCleaningRule.json');

describe('NeighbourhoodCleaningRule matches imbalanced-learn 0.10 row by row (kindSel all: the published rule)', () => {
  for (const c of cases) {
    it(caseName(c), () => {
      const ds = datasets.get(c.dataset)!;
      expectCase(
        new NeighbourhoodCleaningRule(optionsOf(c) as NeighbourhoodCleaningRuleOptions).fitResample(ds.X, ds.y),
        c,
      );
      if (c.bug) expect(c.imblearnIndices ?? c.imblearnError).not.toEqual(c.indices);
    });
  }
  it('the fixtures hit the kindSel all bug, with numeric and string labels, and never with mode', () => {
    const bugs = cases.filter((c) => c.bug === 'ncr-kind-sel-all');
    expect(bugs.some((c) => c.imblearnIndices)).toBe(true);
    expect(bugs.some((c) => c.imblearnError)).toBe(true);
    expect(bugs.every((c) => (c.params.kindSel ?? 'all') === 'all')).toBe(true);
  });
});
