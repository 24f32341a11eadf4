import { describe, expect, it } from 'vitest';
import { DataValidationError } from '../../src/core/errors.js';
import { denseRowSource } from '../../src/core/rowSource.js';
import { asRowSource, chunkRows, forEachChunk, gatherAll, isBatchSource } from '../../src/model/inputRows.js';

describe('MLP input rows', () => {
  it('reads a matrix as float32 rows and a RowSource as it is, checking the shape', () => {
    const src = asRowSource(
      [
        [1, 2],
        [3, 4.5],
      ],
      { who: 'T' },
    );
    expect(Array.from(gatherAll(src, [1, 0]))).toEqual([3, 4.5, 1, 2]);
    const rs = denseRowSource(Float32Array.of(1, 2, 3, 4, 5, 6), 3, 2);
    expect(asRowSource(rs, { who: 'T', cols: 2 })).toBe(rs);
    expect(() => asRowSource(rs, { who: 'T', cols: 3 })).toThrow(DataValidationError);
    expect(() => asRowSource(denseRowSource(new Float32Array(0), 0, 2), { who: 'T' })).toThrow(/fewer than 1/);
    expect(() => asRowSource([[1, Number.NaN]], { who: 'T' })).toThrow(DataValidationError);
  });

  it('walks a source in gathered chunks of at most `size` rows, in order', () => {
    const rs = denseRowSource(
      Float32Array.from({ length: 14 }, (_, i) => i),
      7,
      2,
    );
    const seen: [number, number, number[]][] = [];
    forEachChunk(rs, (chunk, rows, start) => void seen.push([start, rows, Array.from(chunk)]), 3);
    expect(seen).toEqual([
      [0, 3, [0, 1, 2, 3, 4, 5]],
      [3, 3, [6, 7, 8, 9, 10, 11]],
      [6, 1, [12, 13]],
    ]);
    expect(chunkRows(128)).toBe(32768);
    expect(chunkRows(1e6)).toBe(256);
  });

  it('recognises a BatchSource', () => {
    expect(isBatchSource({ nFeatures: 2, epochRows: 3, classes: [0, 1], batches: () => [] })).toBe(true);
    expect(isBatchSource(denseRowSource(new Float32Array(2), 1, 2))).toBe(false);
  });
});
