import { describe, expect, it } from 'vitest';
import { DataValidationError, isDetached } from '../../src/core/errors.js';
import { Float32Matrix } from '../../src/core/Float32Matrix.js';
import { denseRowSource } from '../../src/core/rowSource.js';
import { accuracyScore, rocAucScore } from '../../src/metrics/index.js';
import { Encoder, Scaler, TargetEncoder } from '../../src/preprocessing/index.js';
import { RandomOverSampler, SMOTE } from '../../src/sampling/index.js';
import { thrownBy } from '../support/thrown.js';

/** A typed array of `values` whose buffer has been transferred away (length now reads 0). */
function detached<A extends Float64Array | Float32Array | Int32Array>(Kind: new (n: number) => A, values: number[]): A {
  const a = new Kind(values.length);
  a.set(values);
  structuredClone(a.buffer, { transfer: [a.buffer as ArrayBuffer] });
  expect(a.length).toBe(0);
  return a;
}

const detachedError = (f: () => unknown): DataValidationError => {
  const e = thrownBy(DataValidationError, f);
  expect(e.message).toMatch(/whose buffer is detached/);
  return e;
};

describe('a typed array whose buffer is detached', () => {
  it('is told apart from an empty one (with or without ArrayBuffer.prototype.detached)', () => {
    expect(isDetached(detached(Float64Array, [1, 2]))).toBe(true);
    expect(isDetached(new Float64Array(0))).toBe(false);
    expect(isDetached(new Float64Array(new ArrayBuffer(16), 8, 0))).toBe(false);
    expect(isDetached(Float64Array.of(1))).toBe(false);
    const d = detached(Int32Array, [1]);
    // the probe path (Node 20 has no `detached` getter): hide the getter where it exists
    Object.defineProperty(d.buffer, 'detached', { value: undefined });
    expect(isDetached(d)).toBe(true);
  });

  it('as a row of X is refused naming the row, not reported as ragged or empty', () => {
    const rows = [Float64Array.of(0, 1), Float64Array.of(1, 0), Float64Array.of(2, 2), Float64Array.of(3, 1)];
    rows[2] = detached(Float64Array, [2, 2]);
    const e = detachedError(() => new Scaler().fit(rows));
    expect([e.param, e.row]).toEqual(['X', 2]);
    expect(e.message).toMatch(/X\[2\] is a Float64Array/);
    rows[2] = Float64Array.of(2, 2);
    rows[0] = detached(Float64Array, [0, 1]);
    const f = detachedError(() => new SMOTE({ kNeighbors: 1 }).fitResample(rows, [0, 0, 1, 1]));
    expect([f.param, f.row]).toEqual(['X', 0]);
  });

  it('as labels, scores or weights is refused naming the argument', () => {
    const X = [[0], [1], [2], [3]];
    const y = detached(Int32Array, [0, 0, 1, 1]);
    expect(detachedError(() => new RandomOverSampler().fitResample(X, y as never)).param).toBe('y');
    expect(detachedError(() => accuracyScore([0, 1], detached(Float64Array, [0, 1]) as never)).param).toBe('yPred');
    expect(
      detachedError(() => accuracyScore([0, 1], [0, 1], { sampleWeight: detached(Float64Array, [1, 1]) as never }))
        .param,
    ).toBe('sampleWeight');
    expect(detachedError(() => rocAucScore([0, 1], detached(Float64Array, [0.2, 0.8]) as never)).param).toBe('yScore');
    const te = new TargetEncoder({ columns: ['c'] });
    expect(detachedError(() => te.fit([{ c: 'a' }, { c: 'b' }], detached(Float64Array, [0, 1]) as never)).param).toBe(
      'y',
    );
  });

  it('as a row source, matrix or ColumnarTable column is refused, also when detached after construction', () => {
    expect(detachedError(() => denseRowSource(detached(Float32Array, [1, 2]), 1, 2)).param).toBe('data');
    const data = Float32Array.of(1, 2, 3, 4);
    const src = denseRowSource(data, 2, 2);
    structuredClone(data.buffer, { transfer: [data.buffer] });
    expect(detachedError(() => src.gatherRows([0], new Float32Array(2))).param).toBe('data');
    const ok = denseRowSource(Float32Array.of(1, 2), 1, 2);
    expect(detachedError(() => ok.gatherRows([0], detached(Float32Array, [0, 0]))).param).toBe('out');
    detachedError(() => new Float32Matrix(detached(Float32Array, [1, 2]), 1, 2));
    const table = {
      nRows: 2,
      columns: new Map([['a', { kind: 'numeric' as const, values: detached(Float64Array, [1, 2]) }]]),
    };
    expect(detachedError(() => new Encoder({ numeric: ['a'] }).fit(table)).column).toBe('a');
  });

  it('after encoding (a ColumnarTable column transferred) is refused at the gather, not read as missing', () => {
    const n = 10;
    const values = Float32Array.from({ length: n }, (_, i) => i); // kept by reference (no copy)
    const codes = Int32Array.from({ length: n }, (_, i) => i % 2);
    const table = {
      nRows: n,
      columns: new Map<
        string,
        { kind: 'numeric'; values: Float32Array } | { kind: 'categorical'; codes: Int32Array; categories: string[] }
      >([
        ['a', { kind: 'numeric', values }],
        ['c', { kind: 'categorical', codes, categories: ['x', 'y'] }],
      ]),
    };
    const E = new Encoder({ categorical: ['c'], numeric: ['a'], output: 'compact' }).fitTransform(table as never);
    const out = new Float32Array(2 * E.columns);
    E.gatherRows([0, 3], out);
    structuredClone(values.buffer, { transfer: [values.buffer] });
    expect(detachedError(() => E.gatherRows([0, 3], out)).param).toBe('X');
    // (categorical codes are copied into the matrix's own small arrays: transferring them is harmless)
    void codes;
  });

  it("as KNeighbors' fitted data, transferred after fit, is refused at the query", async () => {
    const { KNeighbors } = await import('../../src/sampling/neighbors/index.js');
    const X = Float64Array.from({ length: 40 }, (_, i) => (i * 7) % 11);
    const nn = new KNeighbors().fit(X, 20, 2);
    const q = Float64Array.of(1, 2);
    expect(nn.kneighbors(q, 1, 2).indices.length).toBe(2);
    structuredClone(X.buffer, { transfer: [X.buffer] });
    detachedError(() => nn.kneighbors(q, 1, 2));
  });
});
