import { describe, expect, it } from 'vitest';
import type { ColumnarTable, TableColumn } from '../../src/core/index.js';
import { DataValidationError } from '../../src/core/errors.js';
import { EncodedMatrix, Encoder, type EncoderOptions } from '../../src/preprocessing/index.js';
import { CATEGORICAL, NUMERIC, randomTable } from './randomTables.js';

const CONFIGS: Array<[string, EncoderOptions]> = [
  ['one-hot, median imputation', { categorical: CATEGORICAL, numeric: NUMERIC, impute: 'median' }],
  [
    'grouped infrequent, unknown to the infrequent slot, mean imputation',
    {
      categorical: CATEGORICAL,
      numeric: NUMERIC,
      minFrequency: 0.08,
      maxCategories: 4,
      handleUnknown: 'infrequent',
      impute: 'mean',
    },
  ],
  [
    'ordinal, unknown → NaN',
    { categorical: CATEGORICAL, numeric: NUMERIC, encoding: 'ordinal', handleUnknown: 'ignore', unknownValue: NaN },
  ],
  [
    'ordinal with maxCategories, unknown → -1',
    { categorical: CATEGORICAL, numeric: NUMERIC, encoding: 'ordinal', handleUnknown: 'ignore', maxCategories: 3 },
  ],
  [
    'drop first, unknown ignored',
    { categorical: CATEGORICAL, numeric: NUMERIC, drop: 'first', handleUnknown: 'ignore' },
  ],
  [
    'drop ifBinary, constant imputation',
    { categorical: CATEGORICAL, numeric: NUMERIC, drop: 'ifBinary', handleUnknown: 'ignore', impute: { constant: -1 } },
  ],
  [
    'given categories (with missing) for some columns',
    {
      categorical: CATEGORICAL,
      numeric: NUMERIC,
      categories: { area: ['Newton', 'Central', null], crm: [624, 510, 330] },
      handleUnknown: 'ignore',
    },
  ],
  ['inferred column kinds', { handleUnknown: 'ignore' }],
];

describe('Encoder on a ColumnarTable gives what the same data as row objects gives', () => {
  for (const seed of [1, 2, 3]) {
    const train = randomTable(400, seed);
    const test = randomTable(150, seed + 100, true);
    for (const [title, options] of CONFIGS) {
      it(`${title} (seed ${seed}): state, feature names, JSON, outputs`, () => {
        const a = new Encoder(options);
        const b = new Encoder(options);
        const A = a.fitTransform(train.records);
        const B = b.fitTransform(train.columnar);
        expect(b.fitted).toEqual(a.fitted);
        expect(b.featureNames()).toEqual(a.featureNames());
        expect(JSON.stringify(b.toJSON())).toBe(JSON.stringify(a.toJSON()));
        expect(B.to2DArray()).toEqual(A.to2DArray());
        if (options.handleUnknown !== undefined) {
          expect(b.transform(test.columnar).to2DArray()).toEqual(a.transform(test.records).to2DArray());
        }
        const c = new Encoder({ ...options, output: 'compact' });
        const C = c.fitTransform(train.columnar);
        expect(C).toBeInstanceOf(EncodedMatrix);
        expect(C.toMatrix().to2DArray()).toEqual(A.to2DArray());
        expect(c.toJSON().state).toEqual(a.toJSON().state);
      });
    }
  }
  it('reads a numeric column listed as categorical as numeric categories, sorted numerically', () => {
    const t: ColumnarTable = {
      nRows: 4,
      columns: new Map([['code', { kind: 'numeric', values: Float64Array.of(624, 510, NaN, 510) }]]),
    };
    const enc = new Encoder({ categorical: ['code'] }).fit(t);
    expect(enc.fitted.categorical[0]?.categories).toEqual([510, 624, null]);
    expect(enc.fitted.categorical[0]?.valueType).toBe('number');
    expect(enc.featureNames()).toEqual(['code=510', 'code=624', 'code=missing']);
  });
  it('references the numeric columns of the table in compact form (no copy)', () => {
    const age = Float64Array.of(30, NaN, 50);
    const t: ColumnarTable = {
      nRows: 3,
      columns: new Map<string, TableColumn>([
        ['a', { kind: 'categorical', codes: Int8Array.of(0, 1, 0), categories: ['x', 'y'] }],
        ['age', { kind: 'numeric', values: age }],
      ]),
    };
    const X = new Encoder({ categorical: ['a'], numeric: ['age'], impute: 'mean', output: 'compact' }).fitTransform(t);
    expect(X.storage.values[1]).toBe(age);
    const out = new Float32Array(3);
    X.gatherRows([1], out);
    expect([...out]).toEqual([0, 1, 40]);
  });
});

describe('Encoder validates a ColumnarTable with typed errors naming the column and row', () => {
  const cat = (codes: number[], categories: Array<string | number>): TableColumn => ({
    kind: 'categorical',
    codes: Int32Array.from(codes),
    categories,
  });
  const table = (n: number, cols: Array<[string, TableColumn]>): ColumnarTable => ({
    nRows: n,
    columns: new Map(cols),
  });
  const fitError = (t: ColumnarTable, opts: EncoderOptions = {}) => {
    try {
      new Encoder(opts).fit(t);
    } catch (e) {
      if (e instanceof DataValidationError) return e;
      throw e;
    }
    throw new Error('expected a DataValidationError');
  };
  it('lengths must be nRows', () => {
    const e = fitError(table(3, [['a', cat([0, 1], ['x', 'y'])]]));
    expect(e.message).toBe('Encoder.fit: column "a" of the ColumnarTable has 2 codes, but nRows is 3.');
    expect(e.column).toBe('a');
    expect(fitError(table(2, [['n', { kind: 'numeric', values: Float64Array.of(1) }]])).message).toMatch(
      /column "n" of the ColumnarTable has 1 values, but nRows is 2/,
    );
    expect(fitError(table(0, [['a', cat([], ['x'])]])).message).toMatch(/nRows = 0; at least 1 row is needed/);
  });
  it('codes must be in range', () => {
    const e = fitError(table(3, [['a', cat([0, 2, 1], ['x', 'y'])]]));
    expect(e.message).toBe(
      'Encoder.fit: row 1, column "a" has code 2, outside -1 … 1 (the column has 2 categories; ' +
        '-1 marks a missing value).',
    );
    expect([e.row, e.column]).toEqual([1, 'a']);
    expect(fitError(table(2, [['a', cat([0, -3], ['x'])]])).row).toBe(1);
    const enc = new Encoder({ handleUnknown: 'ignore' }).fit(table(2, [['a', cat([0, 1], ['x', 'y'])]]));
    expect(() => enc.transform(table(2, [['a', cat([0, 5], ['x', 'y'])]]))).toThrow(/row 1, column "a" has code 5/);
  });
  it('dictionaries hold distinct strings or finite numbers; numeric categories are finite', () => {
    expect(fitError(table(2, [['a', cat([0, 1], ['x', 'x'])]])).message).toBe(
      'Encoder.fit: column "a" of the ColumnarTable lists "x" twice in its categories (entries 0 and 1); ' +
        'a dictionary holds each once.',
    );
    expect(fitError(table(1, [['a', cat([0], [Number.NaN])]])).message).toMatch(/lists NaN as category 0/);
    expect(fitError(table(1, [['a', cat([0], [Infinity])]])).message).toMatch(/lists Infinity as category 0/);
    expect(fitError(table(1, [['a', cat([0], [null as never])]])).message).toMatch(/lists null as category 0/);
    const inf = table(3, [['c', { kind: 'numeric', values: Float64Array.of(1, -Infinity, 2) }]]);
    const e = fitError(inf, { categorical: ['c'] });
    expect(e.message).toBe(
      'Encoder.fit: row 1, column "c" is -Infinity; numeric categories must be finite (NaN marks a missing value).',
    );
    expect(e.row).toBe(1);
  });
  it('malformed columns and unknown column names', () => {
    expect(fitError(table(1, [['a', { kind: 'text' } as never]])).message).toMatch(/has kind "text"/);
    expect(fitError(table(1, [['a', { kind: 'numeric', values: [1] } as never]])).message).toMatch(
      /numeric columns hold a Float64Array/,
    );
    expect(fitError(table(1, [['a', cat([0], ['x'])]]), { categorical: ['b'] }).message).toBe(
      'Encoder.fit: column "b" is not in the table (ColumnarTable columns: "a"). Check the column name.',
    );
  });
  it('gives the same messages as row objects for bad cells (first bad row wins)', () => {
    const rows = [
      { a: 'x', n: 1 },
      { a: 'x', n: Infinity },
      { a: 'zz', n: 2 },
    ];
    const t = table(3, [
      ['a', cat([0, 0, 1], ['x', 'zz'])],
      ['n', { kind: 'numeric', values: Float64Array.of(1, Infinity, 2) }],
    ]);
    const opts = { categorical: ['a'], numeric: ['n'] };
    const fitted = new Encoder(opts).fit({ columns: ['a', 'n'], rows: [['x', 1]] });
    const msg = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(msg(() => fitted.transform(t))).toBe(msg(() => fitted.transform(rows)));
    expect(msg(() => fitted.transform(t))).toMatch(/row 1, column "n" is Infinity/);
    expect(msg(() => new Encoder(opts).fit(t))).toBe(msg(() => new Encoder(opts).fit(rows)));
    const mixed = table(2, [['a', cat([1, 0], ['x', 5])]]);
    expect(msg(() => new Encoder().fit(mixed))).toBe(msg(() => new Encoder().fit([{ a: 5 as never }, { a: 'x' }])));
    const missing = table(2, [['a', cat([0, -1], ['x'])]]);
    expect(msg(() => new Encoder({ missing: 'error' }).fit(missing))).toBe(
      msg(() => new Encoder({ missing: 'error' }).fit([{ a: 'x' }, { a: null }])),
    );
  });
});
