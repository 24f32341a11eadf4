import { describe, expect, it } from 'vitest';
import { DataValidationError, InvalidParameterError, type Label, makeImbalance } from '../../src/index.js';
import { dataset, readFixture } from './samplerFixtures.js';

interface Fixture {
  dataset: string;
  cases: Array<{ samplingStrategy: { $map: Array<[Label, number]> }; counts: Array<[Label, number]> }>;
  errors: Array<{ samplingStrategy: string; error: string | null }>;
}
const fixture = readFixture<Fixture>('makeImbalance.json');
const ds = dataset(fixture.dataset);

describe('makeImbalance', () => {
  for (const c of fixture.cases) {
    it(`keeps imbalanced-learn's counts for ${JSON.stringify(c.samplingStrategy.$map)}`, () => {
      const out = makeImbalance(ds.X, ds.y, { samplingStrategy: new Map(c.samplingStrategy.$map), seed: 0 });
      const counts = [...new Set(out.y)].sort().map((k) => [k, out.y.filter((v) => v === k).length]);
      expect(counts).toEqual(c.counts);
      expect(out.X.rows).toBe(out.y.length);
    });
  }

  it('same seed, same rows; the input is not modified; a function works too', () => {
    const copy = ds.X.map((r) => [...r]);
    const a = makeImbalance(ds.X, ds.y, { samplingStrategy: new Map([[0, 20]]), seed: 3 });
    const b = makeImbalance(ds.X, ds.y, { samplingStrategy: () => new Map([[0, 20]]), seed: 3 });
    expect(a.X.to2DArray()).toEqual(b.X.to2DArray());
    expect(ds.X).toEqual(copy);
  });

  it("refuses what imbalanced-learn refuses: counts above a class's size, ratios and names", () => {
    expect(fixture.errors.map((e) => e.error !== null)).toEqual([true, true, true]);
    expect(() => makeImbalance(ds.X, ds.y, { samplingStrategy: new Map([[0, 200]]) })).toThrow(DataValidationError);
    expect(() => makeImbalance(ds.X, ds.y, { samplingStrategy: 0.5 as never })).toThrow(InvalidParameterError);
    expect(() => makeImbalance(ds.X, ds.y, { samplingStrategy: 'auto' as never })).toThrow(
      'makeImbalance: samplingStrategy must be a Map of the counts to keep per class, or a function returning one',
    );
    expect(() => makeImbalance(ds.X, ds.y, { samplingStrategy: new Map(), random_state: 0 } as never)).toThrow(
      /unknown option "random_state"/,
    );
  });
});
