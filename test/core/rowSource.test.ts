import { describe, expect, it } from 'vitest';
import { DataValidationError } from '../../src/core/errors.js';
import { denseRowSource, isRowSource } from '../../src/core/rowSource.js';
import { thrownBy } from '../support/thrown.js';

describe('denseRowSource', () => {
  const src = denseRowSource(Float32Array.of(1, 2, 3, 4, 5, 6), 3, 2);
  it('gathers rows in the order asked, repeats allowed', () => {
    const out = new Float32Array(6);
    src.gatherRows([2, 0, 2], out);
    expect([...out]).toEqual([5, 6, 1, 2, 5, 6]);
    expect(isRowSource(src)).toBe(true);
    expect(isRowSource({ rows: 1, columns: 1 })).toBe(false);
  });
  it('reads float64 buffers too, without copying them', () => {
    const data = Float64Array.of(0.5, 1.5);
    const s = denseRowSource(data, 2, 1);
    data[1] = 7;
    const out = new Float32Array(1);
    s.gatherRows([1], out);
    expect(out[0]).toBe(7);
  });
  it('refuses bad shapes, short buffers and bad indices with typed errors', () => {
    expect(() => denseRowSource(new Float32Array(5), 3, 2)).toThrow(DataValidationError);
    expect(() => src.gatherRows([0, 1], new Float32Array(3))).toThrow(/out holds 3 values/);
    for (const bad of [3, -1, 0.5, Number.NaN])
      expect(() => src.gatherRows([bad], new Float32Array(2))).toThrow(DataValidationError);
  });

  it('a Float64Array value beyond float32 is refused by the gather naming its row and column', () => {
    const src = denseRowSource(Float64Array.of(1, 2, 3, -1e39, Number.NaN, Number.POSITIVE_INFINITY), 3, 2);
    const out = new Float32Array(4);
    src.gatherRows([0, 2], out); // NaN and ±Infinity in the source pass through
    expect([...out]).toEqual([1, 2, Number.NaN, Number.POSITIVE_INFINITY]);
    const e = thrownBy(DataValidationError, () => src.gatherRows([0, 1], new Float32Array(4)));
    expect([e.param, e.row, e.column]).toEqual(['X', 1, 1]);
    expect(e.message).toMatch(/^denseRowSource: row 1, column 1 is -1e\+39, beyond float32's range/);
  });
});
