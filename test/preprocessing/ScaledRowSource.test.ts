import { describe, expect, it } from 'vitest';
import { denseRowSource } from '../../src/core/rowSource.js';
import { ScaledRowSource, Scaler } from '../../src/preprocessing/index.js';

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
});
