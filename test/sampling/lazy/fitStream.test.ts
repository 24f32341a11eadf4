import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import {
  ADASYN,
  type BatchSource,
  type LazySampler,
  RandomOverSampler,
  type RowSource,
  type SamplerStreamOptions,
  DataValidationError,
  denseRowSource,
  InvalidParameterError,
  type Progress,
  RandomUnderSampler,
  SMOTE,
  SMOTENC,
} from '../../../src/index.js';
import { X, y } from '../samplerTestData.js';
import { readEpoch, rowSource } from '../propertyData.js';

const source = rowSource(X);

describe('fitStream types', () => {
  it('every built-in sampler is a LazySampler; fitStream returns a BatchSource', () => {
    expectTypeOf(new SMOTE()).toExtend<LazySampler>();
    expectTypeOf(new ADASYN()).toExtend<LazySampler>();
    expectTypeOf(new SMOTENC({ categoricalFeatures: [0] })).toExtend<LazySampler>();
    expectTypeOf(new RandomOverSampler()).toExtend<LazySampler>();
    expectTypeOf(new RandomUnderSampler()).toExtend<LazySampler>();
    expectTypeOf(new SMOTE().fitStream).parameters.toEqualTypeOf<
      [RowSource, ReadonlyArray<string | number>, (SamplerStreamOptions | undefined)?]
    >();
    expectTypeOf(new SMOTE().fitStream).returns.toEqualTypeOf<BatchSource>();
  });
});

describe('fitStream validates its input', () => {
  it('rejects an unknown option naming the closest one, and invalid epochRows / blockRows / onProgress', () => {
    expect(() => new SMOTE().fitStream(source, y, { epoch_rows: 5 } as never)).toThrow(
      'SMOTE.fitStream: unknown option "epoch_rows" — did you mean \'epochRows\'? Known options: rows, onProgress, ' +
        'epochRows, blockRows.',
    );
    expect(() => new SMOTE().fitStream(source, y, { epochRows: 0 })).toThrow(InvalidParameterError);
    expect(() => new SMOTE().fitStream(source, y, { epochRows: 1.5 })).toThrow(/epochRows must be an integer/);
    expect(() => new ADASYN().fitStream(source, y, { blockRows: -1 })).toThrow(InvalidParameterError);
    expect(() => new SMOTE().fitStream(source, y, { onProgress: 3 as never })).toThrow(/onProgress must be a function/);
  });

  it('X must be a RowSource; y one label per row of X; rows indices of X', () => {
    expect(() => new SMOTE().fitStream(X as never, y)).toThrow(/X must be a RowSource.*denseRowSource/);
    expect(() => new SMOTE().fitStream(source, y.slice(1))).toThrow(DataValidationError);
    for (const rows of [Int32Array.of(0, 99), [0, 1.5], new Int32Array(0), 'all']) {
      let err: unknown;
      try {
        new SMOTE().fitStream(source, y, { rows: rows as never });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DataValidationError);
      expect((err as DataValidationError).param).toBe('rows');
    }
  });

  it('resolves the plan on the selected rows: one class selected is rejected, a too-small class named', () => {
    const ofClass0 = Int32Array.from(y.flatMap((v, i) => (v === 0 ? [i] : [])));
    expect(() => new SMOTE().fitStream(source, y, { rows: ofClass0 })).toThrow(/at least 2 classes/);
    const few = Int32Array.from([...ofClass0, ...y.flatMap((v, i) => (v === 2 ? [i] : [])).slice(0, 3)]);
    expect(() => new SMOTE().fitStream(source, y, { rows: few })).toThrow(
      'SMOTE.fitStream: class 2 has 3 samples, fewer than kNeighbors + 1 = 6.',
    );
  });

  it('rejects NaN in a selected row, naming the row of X; an unselected row is never read', () => {
    const data = Float32Array.from(X.flat());
    data[4 * 3 + 1] = Number.NaN;
    const withNaN = denseRowSource(data, X.length, 3);
    expect(() => new SMOTE().fitStream(withNaN, y)).toThrow('SMOTE.fitStream: X row 4, column 1 is NaN');
    const rows = Int32Array.from(X.keys()).filter((i) => i !== 4);
    expect(() => new SMOTE({ seed: 1 }).fitStream(withNaN, y, { rows })).not.toThrow();
  });

  it('a failed fitStream leaves fitted as the last successful call left it', () => {
    const s = new SMOTE({ seed: 1 });
    s.fitStream(source, y);
    const before = s.fitted;
    expect(() => s.fitStream(source, y.slice(1))).toThrow();
    expect(s.fitted).toBe(before);
  });
});

describe('fitStream records fitted and reports progress', () => {
  afterEach(() => vi.restoreAllMocks());

  it('fitted: the plan, the seed (drawn when omitted, and replayable), the resampled counts, nFeaturesIn', () => {
    const s = new SMOTE();
    const src = s.fitStream(source, y);
    expect(s.fitted.samplingStrategy).toEqual(s.plan(y));
    expect(s.fitted.realized).toEqual(s.plan(y));
    expect(s.fitted.counts).toEqual(
      new Map([
        [0, 36],
        [1, 36],
        [2, 36],
      ]),
    );
    expect(s.fitted.nFeaturesIn).toBe(3);
    expect(s.fitted.kNeighbors).toEqual(
      new Map([
        [1, 5],
        [2, 5],
      ]),
    );
    const replay = new SMOTE({ seed: s.fitted.seed }).fitStream(source, y);
    expect(readEpoch(replay, 2, 10)).toEqual(readEpoch(src, 2, 10));
    const under = new RandomUnderSampler({ seed: 1 });
    under.fitStream(source, y);
    expect(under.fitted.counts).toEqual(
      new Map([
        [0, 9],
        [1, 9],
        [2, 9],
      ]),
    );
    expect(under.fitted.realized).toEqual(
      new Map([
        [0, 9],
        [1, 9],
      ]),
    );
  });

  it('onProgress hears the rows read, then each class or block searched; nothing prints', () => {
    const spies = (['log', 'warn', 'error', 'info', 'debug'] as const).map((m) => vi.spyOn(console, m));
    const write = vi.spyOn(process.stdout, 'write');
    const seen: Progress[] = [];
    new SMOTE({ seed: 1 }).fitStream(source, y, { onProgress: (p) => seen.push(p) });
    expect(seen[0]).toEqual({ phase: 'fit', done: 0, total: 63, unit: 'rows' });
    expect(seen).toContainEqual({ phase: 'fit', done: 63, total: 63, unit: 'rows' });
    expect(seen.filter((p) => p.phase === 'neighbors')).toEqual([
      { phase: 'neighbors', done: 0, total: 2, unit: 'classes' },
      { phase: 'neighbors', done: 1, total: 2, unit: 'classes' },
      { phase: 'neighbors', done: 2, total: 2, unit: 'classes' },
    ]);
    const ada: Progress[] = [];
    new ADASYN({ seed: 1, nNeighbors: 3 }).fitStream(source, y, { onProgress: (p) => ada.push(p), blockRows: 20 });
    expect(ada.filter((p) => p.unit === 'blocks').map((p) => p.done)).toEqual([0, 1, 2, 3, 4]);
    expect(ada.filter((p) => p.unit === 'classes').map((p) => p.done)).toEqual([0, 1, 2]);
    const nc: Progress[] = [];
    new SMOTENC({ seed: 1, categoricalFeatures: [2] }).fitStream(source, y, { onProgress: (p) => nc.push(p) });
    expect(nc.filter((p) => p.unit === 'classes').length).toBe(3);
    for (const spy of [...spies, write]) expect(spy).not.toHaveBeenCalled();
  });
});
