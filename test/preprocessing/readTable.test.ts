import { describe, expect, it } from 'vitest';
import { DataValidationError } from '../../src/core/errors.js';
import { Encoder } from '../../src/preprocessing/index.js';
import { isMissing, parseNumeric, readTable, requireKey } from '../../src/preprocessing/readTable.js';

describe('readTable', () => {
  it('reads row objects by name, taking the column names from row 0', () => {
    const t = readTable(
      [
        { a: 1, b: 'x' },
        { a: 2, c: 3 },
      ],
      'T',
    );
    expect(t.records).toBe(true);
    expect(t.names).toEqual(['a', 'b']);
    expect(t.key('a')).toBe('a');
    expect(t.key('c')).toBeUndefined();
  });
  it('reads { columns, rows } by index', () => {
    const t = readTable({ columns: ['a', 'b'], rows: [[1, 'x']] }, 'T');
    expect(t.records).toBe(false);
    expect([t.key('a'), t.key('b'), t.key('z')]).toEqual([0, 1, undefined]);
  });
  it('rejects empty, ragged or malformed tables, saying who and where', () => {
    expect(() => readTable([], 'T')).toThrow('T: the table has 0 rows; at least 1 is needed.');
    expect(() => readTable([{ a: 1 }, [1]], 'T')).toThrow(/^T: row 1 is an array of length 1; with an array input/);
    expect(() => readTable({ columns: ['a', 'a'], rows: [[1, 2]] }, 'T')).toThrow('T: X.columns lists "a" twice.');
    expect(() => readTable({ columns: ['a'], rows: [[1, 2]] }, 'T')).toThrow(
      'T: the table is ragged: row 0 has 2 cells but there are 1 columns ("a"). Every row needs one cell per column.',
    );
    expect(() => readTable(new Float64Array(2), 'T')).toThrow(DataValidationError);
  });
});

describe('requireKey', () => {
  it('names the available columns when one is absent', () => {
    const t = readTable({ columns: ['a', 'b'], rows: [[1, 2]] }, 'T');
    expect(() => requireKey(t, 'c', 'T')).toThrow(
      'T: column "c" is not in the table (X.columns: "a", "b"). Check the column name.',
    );
  });
});

describe('cells', () => {
  it("missing values are null, undefined, '' and NaN", () => {
    expect([null, undefined, '', Number.NaN].every(isMissing)).toBe(true);
    expect([0, ' ', 'NaN', false].some(isMissing)).toBe(false);
  });
  it('numeric cells: numbers, trimmed numeric text, missing as NaN; ±Infinity and other text rejected', () => {
    expect(parseNumeric(' 4.5 ', 0, 'x', 'T')).toBe(4.5);
    expect(parseNumeric(-0, 0, 'x', 'T')).toBe(-0);
    expect(parseNumeric('  ', 0, 'x', 'T')).toBeNaN();
    expect(parseNumeric(null, 0, 'x', 'T')).toBeNaN();
    expect(() => parseNumeric(Number.POSITIVE_INFINITY, 2, 'x', 'T')).toThrow(
      'T: row 2, column "x" is Infinity; numeric cells must be finite (or missing).',
    );
    expect(() => parseNumeric('Infinity', 2, 'x', 'T')).toThrow(/row 2, column "x" holds "Infinity", which is not/);
  });
});

describe('parseNumeric: numeric text is decimal notation only (as pandas reads a CSV)', () => {
  it("reads ' 12 ', '-1.5', '.5', '5.', '1e-3', '+7'", () => {
    expect([' 12 ', '-1.5', '.5', '5.', '1e-3', '+7'].map((v) => parseNumeric(v, 0, 'n', 'T'))).toEqual([
      12, -1.5, 0.5, 5, 0.001, 7,
    ]);
  });
  it("refuses '0x10', '0b11', '0o17', '1_000', 'Infinity', '1e', '.' naming row and column", () => {
    for (const v of ['0x10', '0b11', '0o17', '1_000', 'Infinity', '-Infinity', '1e', '.', '1 2']) {
      expect(() => parseNumeric(v, 3, 'n', 'T')).toThrow(/T: row 3, column "n" holds .* which is not a number/);
    }
  });
});

describe('row objects: own properties only, and own __proto__ columns survive', () => {
  it('a row lacking a column named like a built-in reads as missing, not the inherited member', () => {
    const rows = [{ toString: 'a', n: 1 }, { n: 2 }, { toString: 'b', n: 3 }] as never;
    const enc = new Encoder({ categorical: ['toString'], numeric: ['n'], encoding: 'ordinal' });
    const out = enc.fitTransform(rows).to2DArray();
    expect(out.map((r) => r[0])).toEqual([0, 2, 1]); // missing is the last category
  });
  it('inverseTransform keeps an own __proto__ column and every row prototype', () => {
    const rows = JSON.parse('[{"__proto__":"x","n":1},{"__proto__":"y","n":2}]');
    const enc = new Encoder({ categorical: ['__proto__'], numeric: ['n'] });
    const back = enc.inverseTransform(enc.fitTransform(rows));
    expect(back.map((r) => Object.getOwnPropertyDescriptor(r, '__proto__')?.value)).toEqual(['x', 'y']);
    expect(back.every((r) => Object.getPrototypeOf(r) === Object.prototype)).toBe(true);
  });
});
