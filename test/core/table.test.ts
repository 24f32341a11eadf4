import { describe, expect, it } from 'vitest';
import { DataValidationError } from '../../src/core/errors.js';
import { type ColumnarTable, rowCount, takeRows } from '../../src/core/table.js';
import { randomTable } from '../preprocessing/randomTables.js';

describe('rowCount and takeRows on a ColumnarTable', () => {
  const { columnar } = randomTable(50, 3);

  it('rowCount is nRows', () => {
    expect(rowCount(columnar, 'test')).toBe(50);
    expect(rowCount({ nRows: 0, columns: new Map() }, 'test')).toBe(0);
  });

  it('takeRows gathers every column into a new typed array of the same type; dictionaries are shared', () => {
    const idx = Int32Array.of(7, 0, 49, 7, 12);
    const out: ColumnarTable = takeRows(columnar, idx);
    expect(out.nRows).toBe(5);
    expect([...out.columns.keys()]).toEqual([...columnar.columns.keys()]);
    for (const [name, c] of columnar.columns) {
      const o = out.columns.get(name)!;
      expect(o.kind).toBe(c.kind);
      const src = c.kind === 'numeric' ? c.values : c.codes;
      const got = o.kind === 'numeric' ? o.values : o.codes;
      expect(got.constructor).toBe(src.constructor);
      expect(got).not.toBe(src);
      expect(Array.from(got)).toEqual(Array.from(idx, (i) => src[i]));
      if (c.kind === 'categorical' && o.kind === 'categorical') expect(o.categories).toBe(c.categories);
    }
  });

  it('never aliases the input: writing into the result leaves the table untouched', () => {
    const out = takeRows(columnar, [0, 1]);
    const first = [...out.columns.values()][0]!;
    const before = Array.from(([...columnar.columns.values()][0] as { codes: Int16Array }).codes.slice(0, 2));
    if (first.kind === 'categorical') first.codes[0] = 99;
    expect(Array.from(([...columnar.columns.values()][0] as { codes: Int16Array }).codes.slice(0, 2))).toEqual(before);
  });

  it('rejects an index that is not a row', () => {
    for (const bad of [[50], [-1], [1.5]]) expect(() => takeRows(columnar, bad)).toThrow(DataValidationError);
  });
});
