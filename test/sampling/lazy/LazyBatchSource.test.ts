import { describe, expect, it } from 'vitest';
import { InvalidParameterError, RandomUnderSampler, SMOTE } from '../../../src/index.js';
import { LazyBatchSource } from '../../../src/sampling/lazy/LazyBatchSource.js';
import { X, y } from '../samplerTestData.js';
import { readEpoch, rowSource } from '../propertyData.js';

const source = rowSource(X);

describe('LazyBatchSource', () => {
  it('cuts an epoch into batches of batchSize, the last smaller, reusing the buffers', () => {
    const src = new SMOTE({ seed: 1 }).fitStream(source, y);
    expect(src.epochRows).toBe(63);
    const sizes: number[] = [];
    const buffers = new Set<Float32Array>();
    for (const b of src.batches(0, 10)) {
      sizes.push(b.size);
      buffers.add(b.x);
      expect(b.x.length).toBe(10 * 3);
    }
    expect(sizes).toEqual([10, 10, 10, 10, 10, 10, 3]);
    expect(buffers.size).toBe(1);
    expect([...src.batches(0, 1000)].map((b) => b.size)).toEqual([63]);
  });

  it('epochRows may exceed the data: originals then repeat within the epoch', () => {
    const src = new SMOTE({ seed: 1 }).fitStream(source, y, { epochRows: 500 });
    const ep = readEpoch(src, 0, 64);
    expect(ep.rows.length).toBe(500);
    expect([...src.epochCounts.values()]).toEqual([167, 167, 166]);
  });

  it('an epoch of no rows yields no batch', () => {
    const none = new Map([
      [0, 0],
      [1, 0],
      [2, 0],
    ]);
    const src = new RandomUnderSampler({ seed: 1, samplingStrategy: none }).fitStream(source, y);
    expect(src.epochRows).toBe(0);
    expect([...src.batches(0, 8)]).toEqual([]);
  });

  it('validates epoch and batchSize', () => {
    const src = new SMOTE({ seed: 1 }).fitStream(source, y);
    expect(() => src.batches(-1, 8)).toThrow(InvalidParameterError);
    expect(() => src.batches(0.5, 8)).toThrow('SMOTE batch source: epoch must be an integer from 0 to 2097151');
    expect(() => src.batches(0, 0)).toThrow(/batchSize must be an integer from 1/);
  });

  it('needs a generator for every class with synthetic rows', () => {
    const plan = { classes: [{ label: 'a', rows: Int32Array.of(0), originals: 1, synthetic: 2 }], fitted: {} };
    expect(() => new LazyBatchSource('t', source, plan, 1, undefined)).toThrow(/no generator/);
  });
});
