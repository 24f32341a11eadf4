import { describe, expect, it } from 'vitest';
import { DataValidationError, RandomOverSampler } from '../../src/index.js';
import { SAMPLER_TAMPER } from '../../src/testing/jsonTamper.js';
import { rowSource } from './propertyData.js';
import { describeConformance, expectUnknownOption, X, y } from './samplerTestData.js';

describeConformance({
  name: 'RandomOverSampler',
  create: (seed: number) => new RandomOverSampler({ seed }),
  fromJSON: RandomOverSampler.fromJSON,
});
describeConformance({
  name: 'RandomOverSampler(shrinkage)',
  create: (seed: number) => new RandomOverSampler({ seed, shrinkage: 0.5 }),
  fromJSON: RandomOverSampler.fromJSON,
  // No shrinkage (deleted) is the plain bootstrap: a legitimate document.
  jsonTamper: { ...SAMPLER_TAMPER, optional: [...SAMPLER_TAMPER.optional, 'params.shrinkage'] },
});

describe('RandomOverSampler', () => {
  it('shrinkage 0 equals a plain bootstrap; shrinkage perturbs copies with h = (4/((p+2)N))^(1/(p+4))', () => {
    const plain = new RandomOverSampler({ seed: 2 }).fitResample(X, y);
    const zero = new RandomOverSampler({ seed: 2, shrinkage: 0 }).fitResample(X, y);
    expect(zero.X.to2DArray()).toEqual(plain.X.to2DArray());
    expect(Array.from(zero.sampleIndices as Int32Array)).toEqual(Array.from(plain.sampleIndices as Int32Array));
    const smooth = new RandomOverSampler({ seed: 2, shrinkage: 1 }).fitResample(X, y);
    expect(Array.from(smooth.sampleIndices as Int32Array).slice(0, 63 + 18)).toEqual(
      Array.from(plain.sampleIndices as Int32Array).slice(0, 63 + 18),
    );
    // the perturbation of class 2, feature 0 has the right scale on average (loose statistical check)
    const idx = smooth.sampleIndices as Int32Array;
    const cls2 = y.flatMap((v, i) => (v === 2 ? [X[i]![0]!] : []));
    const mean = cls2.reduce((s, v) => s + v, 0) / cls2.length;
    const sd = Math.sqrt(cls2.reduce((s, v) => s + (v - mean) ** 2, 0) / cls2.length);
    const h = (4 / (5 * 63)) ** (1 / 7);
    const z: number[] = [];
    for (let i = 63; i < smooth.y.length; i++)
      if (smooth.y[i] === 2) z.push((smooth.X.get(i, 0) - X[idx[i]!]![0]!) / (h * sd));
    const zsd = Math.sqrt(z.reduce((s, v) => s + v * v, 0) / z.length);
    expect(zsd).toBeGreaterThan(0.6);
    expect(zsd).toBeLessThan(1.4);
  });

  it('a shrinkage Map must cover every resampled class', () => {
    expect(() => new RandomOverSampler({ shrinkage: new Map([[1, 1]]) }).fitResample(X, y)).toThrow(
      /missing classes are: 2/,
    );
  });

  it('rejects invalid and unknown options at construction', () => {
    expect(() => new RandomOverSampler({ shrinkage: -1 })).toThrow(/needs to be >= 0/);
    expect(() => new RandomOverSampler({ shrinkage: new Map([[1, -0.5]]) })).toThrow(/for class 1/);
    expect(() => new RandomOverSampler({ shrinkage: 'x' as never })).toThrow(
      'RandomOverSampler: shrinkage must be a number ≥ 0 or a Map of class → number, received "x".',
    );
    expectUnknownOption(
      () => new RandomOverSampler({ shrinkge: 1 } as never),
      'RandomOverSampler',
      'shrinkge',
      'shrinkage',
    );
  });
});

describe('RandomOverSampler: shrinkage on data near ±1.8e308', () => {
  const big = [[-1.7e308], [1.7e308], [1e308], [-1e308], [0], [1.6e308]];
  const labels = [0, 0, 0, 0, 1, 1];
  it('the spread is computed without overflow (finite rows where the noise fits)', () => {
    const r = new RandomOverSampler({ shrinkage: 1e-3, seed: 1 }).fitResample(
      big.map((row) => row.map((v) => v / 2)),
      labels,
    );
    for (const row of r.X.to2DArray()) expect(Number.isFinite(row[0])).toBe(true);
  });
  it('a noise beyond the range of doubles is a DataValidationError naming the column', () => {
    let err: unknown;
    try {
      new RandomOverSampler({ shrinkage: 1e308, seed: 1 }).fitResample(big, labels);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataValidationError);
    expect((err as DataValidationError).column).toBe(0);
    expect((err as Error).message).toMatch(/Lower shrinkage or rescale X/);
  });
});

describe('RandomOverSampler.fitStream: shrinkage beyond the float32 batches', () => {
  it('a noisy value beyond ±3.4e38 is a DataValidationError naming the row and column, never ±Infinity', () => {
    const X32 = [[3.3e38], [-3.3e38], [3e38], [0], [1], [2], [3], [4], [5], [6]];
    const y32 = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
    const src = new RandomOverSampler({ shrinkage: 10, seed: 1 }).fitStream(rowSource(X32), y32);
    let err: unknown;
    try {
      for (const b of src.batches(0, 100)) for (const v of b.x) expect(Number.isFinite(v)).toBe(true);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataValidationError);
    expect((err as DataValidationError).column).toBe(0);
    expect((err as Error).message).toMatch(/beyond the range of float32/);
  });
});
