import { describe, expect, it } from 'vitest';
import { DataValidationError } from '../../src/core/errors.js';
import { Float32Matrix } from '../../src/core/Float32Matrix.js';
import { toDense } from '../../src/core/matrix.js';
import { isRowSource } from '../../src/core/rowSource.js';
import type { Matrix } from '../../src/index.js';

describe('Float32Matrix', () => {
  const data = Float32Array.of(1, 2, 3, 4, 5, 6.5);
  const m = new Float32Matrix(data, 3, 2);
  it('wraps its buffer without copying and reads like a matrix', () => {
    expect(m.data).toBe(data);
    expect(m.get(2, 1)).toBe(6.5);
    expect(m.getRow(1)).toEqual([3, 4]);
    expect(m.to2DArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6.5],
    ]);
  });
  it('is a RowSource', () => {
    expect(isRowSource(m)).toBe(true);
    const out = new Float32Array(4);
    m.gatherRows([2, 0], out);
    expect([...out]).toEqual([5, 6.5, 1, 2]);
    expect(() => m.gatherRows([3], out)).toThrow(/Float32Matrix.gatherRows: indices\[0\] = 3/);
  });
  it('is read by the functions that take an ml-matrix Matrix', () => {
    expect(Array.from(toDense(m as unknown as Matrix, { who: 't' }).data)).toEqual([1, 2, 3, 4, 5, 6.5]);
  });
  it('refuses a buffer of the wrong length or type', () => {
    expect(() => new Float32Matrix(new Float32Array(5), 3, 2)).toThrow(DataValidationError);
    expect(() => new Float32Matrix(new Float64Array(6) as never, 3, 2)).toThrow(/must be a Float32Array/);
    expect(() => new Float32Matrix(new Float32Array(0), -1, 0)).toThrow(/non-negative integers/);
  });
});
