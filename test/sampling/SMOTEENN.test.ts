import { describe, expect, it } from 'vitest';
import {
  ADASYN,
  EditedNearestNeighbours,
  InvalidParameterError,
  NotFittedError,
  RandomUnderSampler,
  type SamplerContext,
  SerializationError,
  SMOTE,
  SMOTEENN,
} from '../../src/index.js';
import { dataset } from './samplerFixtures.js';
import { describeConformance, expectUnknownOption } from './samplerTestData.js';

describeConformance({
  name: 'SMOTEENN',
  create: (seed: number) => new SMOTEENN({ seed }),
  fromJSON: SMOTEENN.fromJSON,
  keepsOriginals: false,
});

describe('SMOTEENN', () => {
  const ds = dataset('quad5d');

  it('is EditedNearestNeighbours(all) on the output of SMOTE with the same strategy and seed', () => {
    const s = new SMOTEENN({ seed: 4, samplingStrategy: 'not majority' });
    const out = s.fitResample(ds.X, ds.y);
    const mid = new SMOTE({ seed: 4, samplingStrategy: 'not majority' }).fitResample(ds.X, ds.y);
    const ref = new EditedNearestNeighbours({ samplingStrategy: 'all' }).fitResample(mid.X, mid.y);
    expect(out.X.to2DArray()).toEqual(ref.X.to2DArray());
    expect(out.y).toEqual(ref.y);
    const majority = Math.max(...[0, 1, 2, 3].map((c) => ds.y.filter((v) => v === c).length));
    expect([...s.fitted.resampled.values()].every((n) => n === majority)).toBe(true);
    expect(s.fitted.counts).toEqual(new Map([0, 1, 2, 3].map((c) => [c, ref.y.filter((v) => v === c).length])));
    expect(s.fitted.seed).toBe(4);
    expect(out.y.length).toBeLessThan(mid.y.length);
  });

  it('sampleIndices map to the input rows, -1 for synthetic rows', () => {
    const out = new SMOTEENN({ seed: 1 }).fitResample(ds.X, ds.y);
    const rows = out.X.to2DArray();
    out.sampleIndices!.forEach((i, p) => {
      if (i >= 0) expect(rows[p]).toEqual(ds.X[i]);
      else expect(ds.X.some((r) => JSON.stringify(r) === JSON.stringify(rows[p]))).toBe(false);
    });
  });

  it('custom steps: any over-sampler, any cleaner; plan and fitted follow the over-sampling step', () => {
    const s = new SMOTEENN({ smote: new ADASYN({ seed: 2 }), enn: new EditedNearestNeighbours({ nNeighbors: 5 }) });
    const out = s.fitResample(ds.X, ds.y);
    const mid = new ADASYN({ seed: 2 }).fitResample(ds.X, ds.y);
    expect(out.y).toEqual(new EditedNearestNeighbours({ nNeighbors: 5 }).fitResample(mid.X, mid.y).y);
    expect(s.plan(ds.y)).toEqual(new ADASYN().plan(ds.y));
    expect(s.fitted.seed).toBe(2);
  });

  // The steps share this call's copies: SMOTE writes into the room after the copy of X, the cleaning
  // step reads the over-sampled rows in place (and a cleaning sampler moves its kept rows there).
  it('shared buffers: the same rows and indices as the steps run one after the other', () => {
    const steps: Array<[string, () => SMOTE | ADASYN, () => EditedNearestNeighbours | RandomUnderSampler]> = [
      ['SMOTE + ENN', () => new SMOTE({ seed: 3 }), () => new EditedNearestNeighbours({ samplingStrategy: 'all' })],
      ['ADASYN + ENN', () => new ADASYN({ seed: 3 }), () => new EditedNearestNeighbours({ kindSel: 'mode' })],
      ['SMOTE + RandomUnderSampler', () => new SMOTE({ seed: 3 }), () => new RandomUnderSampler({ seed: 5 })],
    ];
    for (const [, smote, enn] of steps) {
      const out = new SMOTEENN({ smote: smote(), enn: enn() }).fitResample(ds.X, ds.y);
      const mid = smote().fitResample(ds.X, ds.y);
      const ref = enn().fitResample(mid.X, mid.y);
      expect(out.X.to2DArray()).toEqual(ref.X.to2DArray());
      expect(out.y).toEqual(ref.y);
      expect(Array.from(out.sampleIndices!)).toEqual(Array.from(ref.sampleIndices!, (i) => (i < ds.y.length ? i : -1)));
      // a cleaner that is not a library sampler gets an ordinary Matrix
      const plain = { fitResample: enn().fitResample.bind(enn()) };
      expect(new SMOTEENN({ smote: smote(), enn: plain }).fitResample(ds.X, ds.y).X.to2DArray()).toEqual(
        ref.X.to2DArray(),
      );
    }
  });

  it('refuses an over-sampling step that changes the original rows, even in the shared copy of X', () => {
    class Shifting extends SMOTE {
      protected override resample(ctx: SamplerContext) {
        (ctx.data as Float64Array)[0] = (ctx.data[0] as number) + 1;
        return super.resample(ctx);
      }
    }
    const before = JSON.stringify(ds.X);
    expect(() => new SMOTEENN({ smote: new Shifting({ seed: 0 }) }).fitResample(ds.X, ds.y)).toThrow(
      /did not return the input rows first, untouched/,
    );
    expect(JSON.stringify(ds.X)).toBe(before);
  });

  it('refusals', () => {
    expectUnknownOption(() => new SMOTEENN({ edited: 1 } as never), 'SMOTEENN', 'edited');
    expect(() => new SMOTEENN({ smote: new RandomUnderSampler() })).toThrow(/smote must be an over-sampler/);
    expect(() => new SMOTEENN({ enn: {} as never })).toThrow(/enn must be a sampler \(an object with fitResample\)/);
    expect(() => new SMOTEENN({ smote: new SMOTE(), seed: 1 })).toThrow(InvalidParameterError);
    expect(() => new SMOTEENN({ smote: new SMOTE(), samplingStrategy: 'minority' })).toThrow(
      'SMOTEENN: samplingStrategy applies to the default SMOTE only, but smote is given.',
    );
    expect(() => new SMOTEENN({ samplingStrategy: 'majority' })).toThrow(InvalidParameterError);
    expect(() => new SMOTEENN({ smote: new SMOTE() }).toJSON()).toThrow(SerializationError);
    expect(() => new SMOTEENN().fitted).toThrow(NotFittedError);
  });
});
