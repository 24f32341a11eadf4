import { describe, expect, it } from 'vitest';
import {
  ADASYN,
  DataValidationError,
  denseRowSource,
  RandomOverSampler,
  RandomUnderSampler,
  SMOTE,
  SMOTENC,
} from '../../src/index.js';
import { forEachChunk, readDense } from '../../src/sampling/readRows.js';
import { X, y } from './samplerTestData.js';

/** The shared dataset as float32 values: a RowSource over them, and the same values as number[][]. */
const cols = (X[0] as number[]).length;
const f32 = Float32Array.from(X.flat());
const source = denseRowSource(f32, X.length, cols);
const asRows = X.map((_, i) => Array.from(f32.subarray(i * cols, (i + 1) * cols)));

describe('samplers read a RowSource', () => {
  const samplers = [
    () => new SMOTE({ seed: 4 }),
    () => new ADASYN({ seed: 4, nNeighbors: 3 }),
    () => new SMOTENC({ seed: 4, categoricalFeatures: [2] }),
    () => new RandomOverSampler({ seed: 4, shrinkage: 0.3 }),
    () => new RandomUnderSampler({ seed: 4 }),
  ];
  for (const make of samplers) {
    it(`${make().constructor.name}.fitResample(RowSource) equals fitResample of the same values as rows`, () => {
      const a = make().fitResample(source, y);
      const b = make().fitResample(asRows, y);
      expect(a.X.to2DArray()).toEqual(b.X.to2DArray());
      expect(a.y).toEqual(b.y);
      expect(a.sampleIndices).toEqual(b.sampleIndices);
    });
  }

  it('rejects NaN and ±Infinity naming the row and column, and an empty source', () => {
    const bad = f32.slice();
    bad[5 * cols + 1] = Number.NaN;
    let err: DataValidationError | undefined;
    try {
      new SMOTE({ seed: 1 }).fitResample(denseRowSource(bad, X.length, cols), y);
    } catch (e) {
      err = e as DataValidationError;
    }
    expect(err).toBeInstanceOf(DataValidationError);
    expect(err?.row).toBe(5);
    expect(err?.column).toBe(1);
    expect(err?.message).toMatch(/^SMOTE\.fitResample: X row 5, column 1 is NaN/);
    bad[5 * cols + 1] = Number.NEGATIVE_INFINITY;
    expect(() => new SMOTE().fitResample(denseRowSource(bad, X.length, cols), y)).toThrow(/-Infinity; only finite/);
    expect(() => new SMOTE().fitResample(denseRowSource(new Float32Array(0), 0, cols), [])).toThrow(
      DataValidationError,
    );
  });
});

describe('readDense / forEachChunk', () => {
  it('reads the chosen rows in order, with room for spare rows after them', () => {
    const { data, rows, room } = readDense('t', source, [3, 0, 3], 2);
    expect(rows).toBe(3);
    expect(Array.from(data)).toEqual([...asRows[3]!, ...asRows[0]!, ...asRows[3]!]);
    expect(room?.length).toBe(5 * cols);
    expect(room?.subarray(0, 3 * cols)).toEqual(data);
  });

  it('visits every row once in chunks', () => {
    const big = denseRowSource(
      new Float32Array(10_000 * 2).map((_, i) => i),
      10_000,
      2,
    );
    const seen: number[] = [];
    forEachChunk('t', big, undefined, (chunk, start, count) => {
      expect(chunk[0]).toBe(2 * start);
      seen.push(count);
    });
    expect(seen.reduce((s, v) => s + v, 0)).toBe(10_000);
    expect(seen.length).toBeGreaterThan(1);
  });
});
