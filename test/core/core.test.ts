import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { Random } from '../../src/core/random.js';
import {
  DataValidationError,
  InvalidParameterError,
  SerializationError,
  type ImbalancedTabularError,
} from '../../src/core/errors.js';
import { denseView, fromDense, toDense, toDense32 } from '../../src/core/matrix.js';
import { decodeNumbers, encodeNumbers, makeEnvelope, openEnvelope } from '../../src/core/serialization.js';
import { checkLabels, classCounts, compareLabels, encodeLabels, uniqueSorted } from '../../src/core/labels.js';
import { firstDifference } from '../../src/testing/index.js';

describe('Random', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const sa = Array.from({ length: 20 }, () => a.uint32());
    expect(sa).toEqual(Array.from({ length: 20 }, () => b.uint32()));
    expect(sa).not.toEqual(Array.from({ length: 20 }, () => c.uint32()));
  });
  it('float is in [0,1) with mean ~0.5; int is unbiased over a non-power-of-two range', () => {
    const r = new Random(1);
    let sum = 0;
    const counts = new Array(6).fill(0);
    const n = 60000;
    for (let i = 0; i < n; i++) {
      const f = r.float();
      expect(f >= 0 && f < 1).toBe(true);
      sum += f;
      counts[r.int(6)]++;
    }
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.01);
    for (const c of counts) expect(Math.abs(c / n - 1 / 6)).toBeLessThan(0.01);
  });
  it('normal has mean 0 and variance 1', () => {
    const r = new Random(3);
    let s = 0;
    let s2 = 0;
    const n = 50000;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.02);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.03);
  });
  it('permutation is a permutation', () => {
    const p = Array.from(new Random(5).permutation(100)).sort((a, b) => a - b);
    expect(p).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
  it('rejects bad seeds with InvalidParameterError', () => {
    expect(() => new Random(-1)).toThrow(InvalidParameterError);
    expect(() => new Random(1.5)).toThrow(/seed/);
  });
  it('Random.from without a seed records the seed it drew', () => {
    const r = Random.from(undefined);
    const again = new Random(r.seed);
    expect(r.uint32()).toBe(again.uint32());
  });
});

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

describe('serialization', () => {
  it('round-trips special numbers exactly', () => {
    const a = [1.1, -0, NaN, Infinity, -Infinity, 5e-324, Number.MAX_VALUE];
    const back = decodeNumbers(JSON.parse(JSON.stringify(encodeNumbers(a))), 'a');
    expect(firstDifference(Array.from(back), a)).toBeUndefined();
  });
  it('checks format and version', () => {
    const env = makeEnvelope('Thing', 1, { a: 1 }, { b: 2 });
    expect(openEnvelope(JSON.stringify(env), 'Thing', 1).params).toEqual({ a: 1 });
    expect(() => openEnvelope(env, 'Other', 1)).toThrow(SerializationError);
    expect(() => openEnvelope(env, 'Thing', 2)).toThrow(/version 1 is not supported/);
    expect(() => openEnvelope('{', 'Thing', 1)).toThrow(/not valid JSON/);
    try {
      openEnvelope(null, 'Thing', 1);
    } catch (e) {
      expect((e as ImbalancedTabularError).code).toBe('SERIALIZATION');
    }
  });
});

describe('labels', () => {
  it('sorts numbers numerically and strings by code unit', () => {
    expect(uniqueSorted([10, 2, 1, 2])).toEqual([1, 2, 10]);
    expect(uniqueSorted(['b', 'B', 'a'])).toEqual(['B', 'a', 'b']);
    expect(compareLabels(2, 10)).toBeLessThan(0);
  });
  it('validates and encodes', () => {
    expect(() => checkLabels(['a', 1], 'f')).toThrow(/mixes strings and numbers/);
    expect(() => checkLabels([1, NaN], 'f')).toThrow(DataValidationError);
    expect(() => checkLabels([1, 2], 'f', 'y', 3)).toThrow(/2 labels but X has 3 rows/);
    expect(Array.from(encodeLabels(['b', 'a'], ['a', 'b'], 'f'))).toEqual([1, 0]);
    expect(() => encodeLabels(['c'], ['a', 'b'], 'f')).toThrow(/not one of the known classes/);
    expect([...classCounts(['b', 'a', 'b'])]).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });
});
