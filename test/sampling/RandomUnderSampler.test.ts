import { describe, expect, it } from 'vitest';
import { InvalidParameterError, RandomUnderSampler } from '../../src/index.js';
import { describeConformance, expectUnknownOption, X, y } from './samplerTestData.js';

describeConformance({
  name: 'RandomUnderSampler',
  create: (seed: number) => new RandomUnderSampler({ seed }),
  fromJSON: RandomUnderSampler.fromJSON,
  keepsOriginals: false,
});

describe('RandomUnderSampler', () => {
  it('keeps the minority count of every other class by default, output grouped by sorted class', () => {
    const u = new RandomUnderSampler({ seed: 4 });
    const out = u.fitResample(X, y);
    expect(u.fitted.counts).toEqual(
      new Map([
        [0, 9],
        [1, 9],
        [2, 9],
      ]),
    );
    expect(out.y).toEqual([...Array(9).fill(0), ...Array(9).fill(1), ...Array(9).fill(2)]);
    expect(Array.from(out.sampleIndices as Int32Array).slice(18)).toEqual(y.flatMap((v, i) => (v === 2 ? [i] : [])));
  });

  it('a large output (moved inside its copy of X) and one drawn with replacement are the rows of sampleIndices', () => {
    const n = 400;
    const rows = Array.from({ length: n }, (_, i) => [i, -i, i % 7]);
    const labels = rows.map((_, i) => (i % 4 === 0 ? 'a' : 'b'));
    const before = rows.map((r) => [...r]);
    for (const options of [
      { samplingStrategy: new Map([['b', 250]]), seed: 3 }, // 350 of 400 rows kept: moved in place
      { samplingStrategy: new Map([['b', 250]]), seed: 3, replacement: true }, // repeats: copied
      { seed: 5 }, // 200 of 400
    ]) {
      const out = new RandomUnderSampler(options).fitResample(rows, labels);
      const idx = out.sampleIndices as Int32Array;
      expect(out.X.rows).toBe(idx.length);
      expect(out.X.to2DArray()).toEqual(Array.from(idx, (i) => rows[i]));
      expect(out.y).toEqual(Array.from(idx, (i) => labels[i]));
      if (options.replacement !== true) expect(new Set(idx).size).toBe(idx.length);
      expect(rows).toEqual(before);
    }
  });

  it('rejects invalid and unknown options at construction', () => {
    expect(() => new RandomUnderSampler({ replacement: 'yes' as never })).toThrow(InvalidParameterError);
    expectUnknownOption(
      () => new RandomUnderSampler({ replacment: true } as never),
      'RandomUnderSampler',
      'replacment',
      'replacement',
    );
    expectUnknownOption(
      () => new RandomUnderSampler({ sampling_strategy: 'all' } as never),
      'RandomUnderSampler',
      'sampling_strategy',
      'samplingStrategy',
    );
  });

  it('every param it writes to JSON is an option it accepts back', () => {
    const rus = new RandomUnderSampler({ replacement: true, seed: 2, samplingStrategy: 'all' });
    expect(RandomUnderSampler.fromJSON(rus.toJSON()).params).toEqual(rus.params);
  });
});
