import { describe, expect, it } from 'vitest';
import type { ColumnarTable } from '../../src/core/index.js';
import { sortedSmallIntegers } from '../../src/preprocessing/learnColumnar.js';
import { Encoder } from '../../src/preprocessing/index.js';

describe('sortedSmallIntegers', () => {
  it('sorts 8- and 16-bit integer arrays by counting, negative values included', () => {
    const cases = [
      Int8Array.of(3, -128, 127, 0, -1, 3),
      Int16Array.of(-32768, 5, 32767, -2, 5),
      Uint16Array.of(65535, 0, 7),
      Uint8Array.of(1, 0, 1, 255),
    ];
    for (const a of cases) expect([...(sortedSmallIntegers(a) ?? [])]).toEqual([...a].sort((x, y) => x - y));
    expect(sortedSmallIntegers(Float64Array.of(1))).toBeUndefined();
    expect(sortedSmallIntegers(Int32Array.of(1))).toBeUndefined();
  });
  it('gives the impute values the row objects give', () => {
    const values = Int16Array.of(-3, 7, 7, 1000, 2, -3, 9, 0);
    const t: ColumnarTable = { nRows: values.length, columns: new Map([['v', { kind: 'numeric', values }]]) };
    const rows = [...values].map((v) => ({ v }));
    for (const impute of ['mean', 'median'] as const) {
      const a = new Encoder({ numeric: ['v'], impute }).fit(t).fitted.numeric[0]?.imputeValue;
      expect(a).toBe(new Encoder({ numeric: ['v'], impute }).fit(rows).fitted.numeric[0]?.imputeValue);
    }
  });
});
