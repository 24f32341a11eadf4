import { describe, expect, it } from 'vitest';
import type { ColumnarTable, TableColumn } from '../../src/core/index.js';
import { Encoder } from '../../src/preprocessing/index.js';

describe('numeric columns of a ColumnarTable: impute values', () => {
  it('8/16-bit integer columns (counted, not sorted) give the impute values the row objects give', () => {
    const arrays = [
      Int16Array.of(-3, 7, 7, 1000, 2, -3, 9, 0),
      Int8Array.of(3, -128, 127, 0, -1, 3),
      Uint16Array.of(65535, 0, 7, 7),
      Uint8Array.of(1, 0, 1, 1, 0),
    ];
    for (const values of arrays) {
      const t: ColumnarTable = {
        nRows: values.length,
        columns: new Map<string, TableColumn>([['v', { kind: 'numeric', values }]]),
      };
      const rows = [...values].map((v) => ({ v }));
      for (const impute of ['mean', 'median'] as const) {
        const a = new Encoder({ numeric: ['v'], impute }).fit(t).fitted.numeric[0]?.imputeValue;
        expect(a, `${values.constructor.name} ${impute}`).toBe(
          new Encoder({ numeric: ['v'], impute }).fit(rows).fitted.numeric[0]?.imputeValue,
        );
      }
    }
  });
});
