import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CASE_CATEGORICAL,
  CaseColumnsBuilder,
  caseRecordAt,
  loadCsvColumns,
  loadRowsColumns,
  type ColumnsLoad,
} from '../../../examples/lapd/caseColumns.js';
import { COLUMNS } from '../../../examples/lapd/codes.js';
import { cleanRow, loadCsv, loadRows, type LoadResult } from '../../../examples/lapd/load.js';
import { generateRows } from '../../../examples/lapd/synthetic.js';
import { describeWithSharedFile, lapdSamplePath } from '../../support/sharedData.js';
import { csv, row } from './csvRows.js';

/** Both loaders agree: the same reports, and row i of the columns is record i. */
function expectSameLoad(columns: ColumnsLoad, records: LoadResult): void {
  expect(columns.rowsRead).toBe(records.rowsRead);
  expect(columns.malformed).toEqual(records.malformed);
  expect(columns.unreadable).toEqual(records.unreadable);
  expect(columns.cases.rows).toBe(records.records.length);
  for (let i = 0; i < columns.cases.rows; i++) expect(caseRecordAt(columns.cases, i)).toEqual(records.records[i]);
}

describe('loadCsvColumns', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lapd-columns-'));
  it('gives the reports and values of loadCsv on a file with every kind of problem', async () => {
    const rows = [
      row(),
      row({ 'DATE OCC': '2020-03-01T00:00:00', 'Date Rptd': '03/05/2020 0:00', 'Status Desc': 'Adult Arrest' }),
      row({ 'Status Desc': '' }),
      row({ 'DATE OCC': 'soon' }),
      row({ 'Crm Cd': '' }),
      row({ 'Vict Age': 'forty', LAT: 'n/a', 'TIME OCC': '2575', 'Date Rptd': 'yesterday', Mocodes: '0344 03A4 1822' }),
      row({ 'Vict Age': '0', 'Vict Sex': '-', 'Vict Descent': '', LAT: '0', LON: '0', 'Weapon Used Cd': '' }),
      row({ AREA: '12', 'AREA NAME': '', 'Crm Cd 2': '998', 'Crm Cd 3': '0626', Mocodes: '' }),
      row({ 'Rpt Dist No': '0111.0', 'Premis Cd': '', 'Part 1-2': '', Mocodes: '344 344 2000' }),
    ];
    const lines = csv(rows).trimEnd().split('\n');
    let text = `\uFEFF${lines.map((l, i) => `${l}${i % 3 === 0 ? '\r\n' : '\n'}`).join('')}`;
    text += '1,2,3\n'; // too few fields
    text += 'x,"unterminated quote,\n';
    const path = join(dir, 'bad.csv');
    writeFileSync(path, text);
    const [columns, records] = await Promise.all([loadCsvColumns(path), loadCsv(path)]);
    expect(records.malformed.count).toBeGreaterThanOrEqual(5);
    expect(records.unreadable.count).toBe(5);
    expectSameLoad(columns, records);
  });
  it('honours limit like loadCsv, and reads columns in any order', async () => {
    const path = join(dir, 'order.csv');
    writeFileSync(
      path,
      csv(
        Array.from({ length: 30 }, (_, i) => row({ 'Vict Age': String(i) })),
        [...COLUMNS].reverse(),
      ),
    );
    const columns = await loadCsvColumns(path, { limit: 7, expectedRows: 3 });
    expectSameLoad(columns, await loadCsv(path, { limit: 7 }));
    expect(columns.cases.rows).toBe(7);
    expect(columns.cases.victAge[0]).toBeNaN(); // age 0 is missing, not a malformed row
  });
  it('rejects what loadCsv rejects, with the same errors', async () => {
    const path = join(dir, 'd.csv');
    writeFileSync(path, 'a,b\n1,2\n');
    await expect(loadCsvColumns(path)).rejects.toThrow(/lacks the column\(s\) 'Date Rptd'/);
    await expect(loadCsvColumns(join(dir, 'nope.csv'))).rejects.toThrow(/no such file \(ENOENT\)/);
    writeFileSync(join(dir, 'empty.csv'), '');
    await expect(loadCsvColumns(join(dir, 'empty.csv'))).rejects.toThrow(/is empty/);
  });
  it('reports progress with rows and bytes read', async () => {
    const path = join(dir, 'many.csv');
    writeFileSync(path, csv(Array.from({ length: 25_000 }, () => row())));
    const seen: Array<[number, number]> = [];
    await loadCsvColumns(path, { onProgress: (n, bytes) => seen.push([n, bytes]) });
    expect(seen.map(([n]) => n)).toEqual([10_000, 20_000]);
    expect(seen[0]![1]).toBeGreaterThan(0);
    expect(seen[1]![1]).toBeGreaterThanOrEqual(seen[0]![1]);
  });
});

describe('loadRowsColumns', () => {
  it('gives the reports and values of loadRows on SYNTHETIC rows', () => {
    const rows: Array<Record<string, string>> = [...generateRows({ n: 3000, seed: 4 })];
    rows.push(row({ 'Status Desc': '' }), row({ LAT: 'north' }));
    expectSameLoad(loadRowsColumns(rows, { limit: 2999 }), loadRows(rows, { limit: 2999 }));
    expectSameLoad(loadRowsColumns(rows), loadRows(rows));
  });
});

describe('CaseColumnsBuilder', () => {
  it('keeps Int16 codes up to 32,767 values, then widens to Int32 without losing a row', () => {
    const b = new CaseColumnsBuilder(4);
    const base = cleanRow((c) => row()[c]);
    if (typeof base === 'string') throw new Error(base);
    for (let i = 0; i < 40_000; i++) b.push({ ...base, rptDist: `d${i % 33_000}` });
    const cases = b.finish();
    expect(cases.categorical.rptDist.codes).toBeInstanceOf(Int32Array);
    expect(cases.categorical.area.codes).toBeInstanceOf(Int16Array);
    expect(caseRecordAt(cases, 32_900).rptDist).toBe('d32900');
    expect(caseRecordAt(cases, 39_999).rptDist).toBe(`d${39_999 % 33_000}`);
    expect(cases.occDay).toHaveLength(40_000);
    expect(cases.mocodes.offsets).toHaveLength(40_001);
    expect(cases.mocodes.codes).toHaveLength(80_000);
  });
  it('covers every categorical field of a record', () => {
    const r = cleanRow((c) => row()[c]);
    if (typeof r === 'string') throw new Error(r);
    const stringFields = Object.entries(r)
      .filter(([, v]) => typeof v === 'string')
      .map(([k]) => k)
      .sort();
    expect([...CASE_CATEGORICAL].sort()).toEqual(stringFields);
  });
});

describeWithSharedFile('loadCsvColumns on the real sample', lapdSamplePath, () => {
  it('gives exactly what loadCsv gives: reports and every value of every row', async () => {
    const [columns, records] = await Promise.all([loadCsvColumns(lapdSamplePath), loadCsv(lapdSamplePath)]);
    expect(columns.cases.rows).toBe(22_926);
    expectSameLoad(columns, records);
  }, 60_000);
});
