import { describe, expect, it } from 'vitest';
import { trainTestSplit, type ColumnarTable } from 'imbalanced-tabular';
import { CaseColumnsBuilder, loadCsvColumns, type CaseColumns } from '../../../examples/lapd/caseColumns.js';
import {
  CATEGORICAL_FEATURES,
  TARGET_ONLY_FEATURES,
  DATE_FEATURES,
  featureRows,
  featureTable,
  numericColumns,
  topMocodes,
  topMocodesOf,
  type FeatureRow,
} from '../../../examples/lapd/features.js';
import { type CaseRecord, cleanRow, loadCsv } from '../../../examples/lapd/load.js';
import { splitCases } from '../../../examples/lapd/split.js';
import { describeWithSharedFile, lapdSamplePath } from '../../support/sharedData.js';
import { row } from './csvRows.js';

/** Cell `p` of column `name` of a columnar table, as a feature row holds it (null = missing). */
function cell(t: ColumnarTable, name: string, p: number): string | number | null {
  const col = t.columns.get(name);
  if (!col) throw new Error(`no column ${name}`);
  if (col.kind === 'categorical') return col.codes[p] === -1 ? null : (col.categories[col.codes[p]!] as string);
  const v = col.values[p]!;
  return Number.isNaN(v) ? null : v;
}

/**
 * The table equals the feature rows cell by cell (numbers as float32, which the table stores), the
 * date features included (the table always holds them).
 */
function expectSameFeatures(t: ColumnarTable, rows: ReadonlyArray<FeatureRow>, mocodes: string[]): void {
  const names = [...CATEGORICAL_FEATURES, ...TARGET_ONLY_FEATURES, ...numericColumns(mocodes, DATE_FEATURES)];
  expect([...t.columns.keys()]).toEqual(names);
  expect(t.nRows).toBe(rows.length);
  for (const name of names) {
    const col = t.columns.get(name)!;
    if (col.kind === 'numeric') expect(col.values.length).toBe(rows.length);
    // One comparison per column (a million expect() calls would take minutes).
    const got = Array.from({ length: rows.length }, (_, p) => cell(t, name, p));
    const want = rows.map((r) => {
      const v = r[name]!;
      return typeof v === 'number' ? Math.fround(v) : v;
    });
    expect(got, name).toEqual(want);
  }
}

function casesOf(records: CaseRecord[]): CaseColumns {
  const b = new CaseColumnsBuilder();
  for (const r of records) b.push(r);
  return b.finish();
}

const record = (over: Partial<Record<string, string>>): CaseRecord => {
  const r = cleanRow((c) => row(over)[c]);
  if (typeof r === 'string') throw new Error(r);
  return r;
};

describe('featureTable', () => {
  const records = [
    record({}),
    record({ 'TIME OCC': '', 'Vict Age': '0', LAT: '0', 'Date Rptd': '', Mocodes: '', 'DATE OCC': '12/31/1969' }),
    record({
      Mocodes: '0913 0913 344',
      LOCATION: '  100  w 1st st ',
      'Date Rptd': '02/20/2020',
      'DATE OCC': '02/29/2020',
      'Vict Sex': 'M',
    }),
    record({ Mocodes: '2000', 'DATE OCC': '07/04/2021 12:00:00 AM', 'Crm Cd 2': '998' }),
  ];
  const cases = casesOf(records);
  it('holds the high-cardinality features only when asked', () => {
    const rows = Int32Array.of(0, 1, 2, 3);
    const names = [...featureTable(cases, rows, []).columns.keys()];
    expect(names.filter((c) => (TARGET_ONLY_FEATURES as ReadonlyArray<string>).includes(c))).toEqual([]);
    const one = featureTable(cases, rows, [], ['mocodeSet']);
    expect(one.columns.has('location')).toBe(false);
    const set = one.columns.get('mocodeSet');
    expect(set?.kind === 'categorical' && set.codes.length).toBe(4);
    expect(set?.kind === 'categorical' && set.categories).toEqual(['0344 1822', 'none', '0344 0913', '2000']);
  });
  it('holds the values of featureRows, missing values as NaN, 0/1 Mocode columns', () => {
    const mocodes = ['0913', '0344', '9999'];
    const rows = Int32Array.of(3, 0, 2, 1);
    const t = featureTable(cases, rows, mocodes, TARGET_ONLY_FEATURES);
    expectSameFeatures(
      t,
      featureRows(
        [...rows].map((i) => records[i]!),
        mocodes,
      ),
      mocodes,
    );
    expect(t.columns.get('mo_9999')).toEqual({ kind: 'numeric', values: new Uint8Array(4) });
  });
  it('keeps only the categories present in its rows in the dictionaries', () => {
    const sexes = (rows: Int32Array) => {
      const sex = featureTable(cases, rows, []).columns.get('victSex');
      return sex?.kind === 'categorical' && sex.categories;
    };
    expect(sexes(Int32Array.of(2, 0))).toEqual(['M', 'F']);
    expect(sexes(Int32Array.of(0, 1))).toEqual(['F']);
  });
  it('topMocodesOf counts each case once, ties by code, on the given rows only', () => {
    const rs = [
      record({ Mocodes: '0002 0002 0001' }),
      record({ Mocodes: '0003' }),
      record({ Mocodes: '0001' }),
      record({ Mocodes: '0004 0004 0004' }),
    ];
    const c = casesOf(rs);
    expect(topMocodesOf(c, Int32Array.of(0, 1, 2), 2)).toEqual(topMocodes(rs.slice(0, 3), 2));
    expect(topMocodesOf(c, Int32Array.of(0, 1, 2), 10)).toEqual(['0001', '0002', '0003']);
    expect(topMocodesOf(c, Int32Array.of(3, 1), 10)).toEqual(['0003', '0004']);
  });
});

describeWithSharedFile('columnar split and features on the real sample', lapdSamplePath, () => {
  it('split: the same train/test rows as trainTestSplit on the records; features: equal cell by cell', async () => {
    const [{ cases }, { records }] = await Promise.all([loadCsvColumns(lapdSamplePath), loadCsv(lapdSamplePath)]);
    const split = splitCases(cases, { testSize: 0.25, seed: 0 });
    // Today's split: trainTestSplit on the record objects themselves.
    const today = trainTestSplit(
      records,
      records.map((r) => r.status),
      { testSize: 0.25, stratify: true, seed: 0 },
    );
    expect([...split.train].map((i) => records[i])).toEqual(today.train.X);
    expect([...split.test].map((i) => records[i])).toEqual(today.test.X);
    expect([...split.train].every((i, p) => records[i] === today.train.X[p])).toBe(true);
    expect(split.yTrain).toEqual(today.train.y);
    expect(split.yTest).toEqual(today.test.y);
    expect(split.dropped.size).toBe(0);
    const mocodes = topMocodes(today.train.X, 150);
    expect(topMocodesOf(cases, split.train, 150)).toEqual(mocodes);
    expectSameFeatures(
      featureTable(cases, split.train, mocodes, TARGET_ONLY_FEATURES),
      featureRows(today.train.X, mocodes),
      mocodes,
    );
    expectSameFeatures(
      featureTable(cases, split.test, mocodes, TARGET_ONLY_FEATURES),
      featureRows(today.test.X, mocodes),
      mocodes,
    );
  }, 120_000);
  it('leaves out a class with a single case, as before', () => {
    const rs = [...Array.from({ length: 20 }, () => record({})), record({ 'Status Desc': 'UNK' })];
    rs.push(...Array.from({ length: 10 }, () => record({ 'Status Desc': 'Adult Arrest' })));
    const split = splitCases(casesOf(rs), { testSize: 0.25, seed: 3 });
    expect(split.dropped).toEqual(new Map([['UNK', 1]]));
    expect(split.classes).toEqual(['Adult Arrest', 'Invest Cont']);
    expect(split.train.length + split.test.length).toBe(30);
    expect([...split.train, ...split.test]).not.toContain(20);
  });
});
