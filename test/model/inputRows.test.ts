import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { DataValidationError } from '../../src/core/errors.js';
import { toDense32 } from '../../src/core/matrix.js';
import { denseRowSource } from '../../src/core/rowSource.js';
import {
  asRowSource,
  chunkRows,
  forEachChunk,
  gatherAll,
  isBatchSource,
  predictionRows,
} from '../../src/model/inputRows.js';

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

  it('reads typed-row matrices for prediction without a full copy, with the usual checks and errors', () => {
    const rows = [
      [1, 2, 3],
      [4, 5.5, 6],
      [7, 8, 1e39],
    ];
    const m = new Matrix(rows);
    const src = predictionRows(m, 'T', 3);
    expect(src).not.toHaveProperty('data');
    // Float32 rounding as toDense32 does it
    expect(Array.from(gatherAll(src, [1, 0]))).toEqual(
      Array.from(toDense32([rows[1], rows[0]] as number[][], { who: 'T' }).data),
    );
    // 1e39 is beyond float32: refused naming its cell (it was read as Infinity: NaN probabilities)
    expect(() => gatherAll(src, [2, 0])).toThrow(/T: X\[2\]\[2\] = 1e\+39 is beyond the float32 range/);
    expect(() => asRowSource(rows, { who: 'T.fit' })).toThrow(DataValidationError);
    const bad = new Matrix(rows);
    bad.set(1, 2, Number.NaN);
    try {
      gatherAll(predictionRows(bad, 'T.predict', 3), [0, 1, 2]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DataValidationError);
      expect((e as DataValidationError).row).toBe(1);
      expect((e as DataValidationError).column).toBe(2);
      expect((e as Error).message).toMatch(/^T\.predict: X\[1\]\[2\] is NaN/);
    }
    expect(() => predictionRows(new Matrix(rows), 'T', 4)).toThrow(/columns/);
    // Plain number arrays go through the full check at once.
    expect(() => predictionRows([[1, 'x' as never, 3]], 'T', 3)).toThrow(DataValidationError);
  });

  it('refuses bigint typed rows with the typed error (Math.fround threw a TypeError on them)', () => {
    for (const make of [BigInt64Array, BigUint64Array]) {
      const rows = [make.of(1n, 2n), make.of(3n, 4n)] as unknown as Float64Array[];
      try {
        gatherAll(predictionRows(rows, 'T.predict', 2), [0, 1]);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(DataValidationError);
        expect(e).toMatchObject({ param: 'X', row: 0, column: 0 });
      }
    }
  });

  it('recognises a BatchSource', () => {
    expect(isBatchSource({ nFeatures: 2, epochRows: 3, classes: [0, 1], batches: () => [] })).toBe(true);
    expect(isBatchSource(denseRowSource(new Float32Array(2), 1, 2))).toBe(false);
  });
});
