import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { DataValidationError } from '../../src/core/errors.js';
import { denseView, fromDense, toDense, toDense32 } from '../../src/core/matrix.js';

describe('matrix input', () => {
  it('accepts number[][], typed rows and Matrix, copying', () => {
    const rows = [
      [1, 2],
      [3, 4],
    ];
    const a = toDense(rows, { who: 't' });
    const b = toDense(
      rows.map((r) => Float32Array.from(r)),
      { who: 't' },
    );
    const c = toDense(new Matrix(rows), { who: 't' });
    expect(Array.from(a.data)).toEqual([1, 2, 3, 4]);
    expect(Array.from(b.data)).toEqual([1, 2, 3, 4]);
    expect(Array.from(c.data)).toEqual([1, 2, 3, 4]);
    a.data[0] = 99;
    expect(rows[0]![0]).toBe(1);
  });
  it('rejects ragged rows, NaN, Infinity, text and empty input with located errors', () => {
    const ragged = () => toDense([[1, 2], [3]], { who: 'T.fit' });
    expect(ragged).toThrow(DataValidationError);
    try {
      ragged();
    } catch (e) {
      expect((e as DataValidationError).row).toBe(1);
      expect((e as DataValidationError).param).toBe('X');
      expect((e as Error).message).toMatch(/T\.fit: X is ragged: row 1/);
    }
    expect(() => toDense([[1, NaN]], { who: 't' })).toThrow(/NaN/);
    expect(() => toDense([[1, Infinity]], { who: 't' })).toThrow(/finite/);
    expect(() => toDense([[1, 'a' as unknown as number]], { who: 't' })).toThrow(/expected a number/);
    expect(() => toDense([], { who: 't' })).toThrow(/at least 1/);
    expect(toDense([[1, NaN]], { who: 't', allowNaN: true }).data[1]).toBeNaN();
  });
  it('typed rows (copied in blocks) get the same checks and values as number[] rows', () => {
    const f64 = (...v: number[]) => Float64Array.from(v);
    expect(() => toDense([f64(1, 2), f64(3, NaN)], { who: 't' })).toThrow(/X\[1\]\[1\] is NaN/);
    expect(() => toDense([f64(1, -Infinity)], { who: 't' })).toThrow(/X\[0\]\[1\] is -Infinity/);
    expect(() => toDense([Float32Array.from([Infinity, 1])], { who: 't' })).toThrow(/X\[0\]\[0\] is Infinity/);
    const nan = toDense([f64(1, NaN), f64(-0, 2)], { who: 't', allowNaN: true }).data;
    expect(Array.from(nan)).toEqual([1, NaN, -0, 2]);
    expect(Object.is(nan[2], -0)).toBe(true);
    expect(Array.from(toDense([f64(Infinity, 1)], { who: 't', allowInfinity: true }).data)).toEqual([Infinity, 1]);
    // a finite float64 beyond float32's range would be read as Infinity: refused naming its cell, as
    // from a number[] row (it is rounded to Infinity only where Infinity is accepted)
    for (const row of [f64(0.1, 1e300), [0.1, 1e300]]) {
      expect(() => toDense32([row], { who: 't' })).toThrow(
        expect.objectContaining({
          row: 0,
          column: 1,
          message:
            't: X[0][1] = 1e+300 is beyond the float32 range (±3.4e38) this step computes in. ' +
            'Rescale the features (e.g. with a Scaler in float64) first.',
        }),
      );
    }
    expect(toDense32([f64(1e300, 0.1)], { who: 't', allowInfinity: true }).data[0]).toBe(Infinity);
  });
  it('toDense32 makes the same checks and rounds to float32 like a float32 copy of toDense', () => {
    const rows = [
      [0.1, 2],
      [3, 1 / 3],
    ];
    const a = toDense32(new Matrix(rows), { who: 't' });
    expect(a.data).toBeInstanceOf(Float32Array);
    expect(Array.from(a.data)).toEqual(Array.from(Float32Array.from(toDense(rows, { who: 't' }).data)));
    expect(() => toDense32([[1, NaN]], { who: 'M.predict', cols: 2 })).toThrow(/M\.predict: X\[0\]\[1\] is NaN/);
    expect(() => toDense32([[1, 2, 3]], { who: 'M.predict', cols: 2 })).toThrow(/3 columns, but 2 were expected/);
  });
  it('spareRows leaves room after the copy in one buffer', () => {
    const d = toDense(
      [
        [1, 2],
        [3, 4],
      ],
      { who: 't', spareRows: 3 },
    );
    expect(d.room?.length).toBe(10);
    expect(d.data.buffer).toBe(d.room?.buffer);
    expect(Array.from(d.data)).toEqual([1, 2, 3, 4]);
  });
  it('fromDense shares the buffer and denseView gets it back without copying', () => {
    const data = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const m = fromDense(data, 3, 2);
    expect(m.rows).toBe(3);
    expect(m.get(2, 1)).toBe(6);
    expect(m.to2DArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const v = denseView(m);
    expect(v.data.buffer).toBe(data.buffer);
    const other = denseView(new Matrix([[1, 2]]));
    expect(Array.from(other.data)).toEqual([1, 2]);
  });
});
