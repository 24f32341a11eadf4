import { describe, expect, it } from 'vitest';
import { SMOTE, SMOTETomek, TomekLinks } from '../../src/index.js';
import { dataset } from './samplerFixtures.js';
import { describeConformance, expectUnknownOption } from './samplerTestData.js';

describeConformance({
  name: 'SMOTETomek',
  create: (seed: number) => new SMOTETomek({ seed }),
  fromJSON: SMOTETomek.fromJSON,
  keepsOriginals: false,
});

describe('SMOTETomek', () => {
  const ds = dataset('tri3d');

  it('is TomekLinks(all) on the output of SMOTE with the same strategy and seed; rows were removed', () => {
    const s = new SMOTETomek({ seed: 6 });
    const out = s.fitResample(ds.X, ds.y);
    const mid = new SMOTE({ seed: 6 }).fitResample(ds.X, ds.y);
    const ref = new TomekLinks({ samplingStrategy: 'all' }).fitResample(mid.X, mid.y);
    expect(out.X.to2DArray()).toEqual(ref.X.to2DArray());
    expect(out.y).toEqual(ref.y);
    expect(s.fitted.resampled).toEqual(
      new Map([
        [0, 89],
        [1, 89],
        [2, 89],
      ]),
    );
    expect(out.y.length).toBeLessThan(mid.y.length);
  });

  it('refusals', () => {
    expectUnknownOption(() => new SMOTETomek({ enn: new TomekLinks() } as never), 'SMOTETomek', 'enn');
    expect(() => new SMOTETomek({ tomek: 3 as never })).toThrow(/tomek must be a sampler/);
  });
});
