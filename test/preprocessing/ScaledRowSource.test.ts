import { describe, expect, it } from 'vitest';
import { DataValidationError } from '../../src/core/errors.js';
import { denseRowSource } from '../../src/core/rowSource.js';
import { ScaledRowSource, Scaler } from '../../src/preprocessing/index.js';
import { thrownBy } from '../support/thrown.js';

describe('ScaledRowSource', () => {
  it('scales rows as they are gathered, without copying the source', () => {
    const data = Float32Array.of(1, 10, 3, 30);
    const src = denseRowSource(data, 2, 2);
    const view = new Scaler({ method: 'minmax' }).fitTransform(src);
    expect(view).toBeInstanceOf(ScaledRowSource);
    const out = new Float32Array(4);
    view.gatherRows([0, 1], out);
    expect([...out]).toEqual([0, 0, 1, 1]);
    data[0] = 2;
    view.gatherRows([0], out);
    expect(out[0]).toBe(0.5);
    expect([view.rows, view.columns]).toEqual([2, 2]);
  });
  it('leaves the columns the Scaler does not scale as they are', () => {
    const src = denseRowSource(Float32Array.of(1, 10, 3, 30, 5, 50), 3, 2);
    const view = new Scaler({ columns: [1] }).fitTransform(src);
    const out = new Float32Array(6);
    view.gatherRows([0, 1, 2], out);
    expect([out[0], out[2], out[4]]).toEqual([1, 3, 5]);
    expect(out[3]).toBe(0);
  });

  it('refuses a finite value whose scaled float32 output would be ±Infinity, naming the row and column', () => {
    // fitted on a spread of 5e-14: 3e30 scales to 6e43, beyond float32 (finite in float64)
    const narrow = new Scaler().fit([
      [5, 0],
      [5, 1e-13],
    ]);
    const src = denseRowSource(Float32Array.of(1, 1, 2, 3e30), 2, 2);
    const view = narrow.transform(src) as ScaledRowSource;
    const out = new Float32Array(4);
    view.gatherRows([0, 0], out); // rows whose outputs fit are gathered as before
    expect(Number.isFinite(out[1] as number)).toBe(true);
    const e = thrownBy(DataValidationError, () => view.gatherRows([0, 1], new Float32Array(4)));
    expect([e.param, e.row, e.column]).toEqual(['X', 1, 1]);
    expect(e.message).toMatch(/^ScaledRowSource: row 1, column 1 is [\d.]+e\+43, beyond float32's range/);
    // beyond doubles too (a min-max factor of 1e300): the message says so
    const wide = new Scaler({ method: 'minmax', featureRange: [0, 1e300] }).fit([[0], [1]]);
    const w = wide.transform(denseRowSource(Float32Array.of(0, 3e30), 2, 1)) as ScaledRowSource;
    const f = thrownBy(DataValidationError, () => w.gatherRows([1], new Float32Array(1)));
    expect([f.row, f.column]).toEqual([1, 0]);
    expect(f.message).toMatch(/beyond doubles/);
  });
  it('gathers what the dense Scaler gives, rounded once to float32, for every scaled and unscaled column', () => {
    const rows = 37;
    const cols = 9;
    const data = new Float32Array(rows * cols);
    let s = 7;
    for (let i = 0; i < data.length; i++) {
      s = (s * 1103515245 + 12345) >>> 0;
      data[i] = i % 11 === 3 ? Number.NaN : ((s % 2001) - 1000) / 7 + (i % cols) * 100;
    }
    const dense = Array.from({ length: rows }, (_, i) => Array.from(data.subarray(i * cols, (i + 1) * cols)));
    for (const options of [{ method: 'standard' as const, columns: [0, 2, 3, 5, 8] }, { method: 'robust' as const }]) {
      const scaler = new Scaler(options).fit(dense);
      const want = scaler.transform(dense).to2DArray();
      const view = scaler.transform(denseRowSource(data, rows, cols)) as ScaledRowSource;
      const idx = [36, 0, 5, 5, 17, 2, 30];
      const out = new Float32Array(idx.length * cols);
      view.gatherRows(idx, out);
      idx.forEach((i, t) => {
        expect(Array.from(out.subarray(t * cols, (t + 1) * cols))).toEqual(want[i]!.map((v) => Math.fround(v)));
      });
    }
  });
  it('lets NaN and a ±Infinity the source wrote pass through', () => {
    const view = new Scaler()
      .fit([[0], [1e-13]])
      .transform(denseRowSource(Float32Array.of(Number.NaN, -Infinity), 2, 1));
    const out = new Float32Array(2);
    (view as ScaledRowSource).gatherRows([0, 1], out);
    expect(Number.isNaN(out[0] as number)).toBe(true);
    expect(out[1]).toBe(-Infinity);
  });
});
