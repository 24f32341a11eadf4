import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COLUMNS } from '../../../examples/lapd/codes.js';
import { csv, row } from './csvRows.js';
import { DataValidationError } from 'imbalanced-tabular';
import {
  type CaseRecord,
  cleanRow,
  DataFileError,
  loadCsv,
  loadRows,
  normalizeCode,
  normalizeLocation,
  parseDay,
  parseHour,
} from '../../../examples/lapd/load.js';

const day = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / 86_400_000;

describe('parseDay', () => {
  it('reads the official, the short and the ISO export formats to the same day', () => {
    const d = day(2020, 3, 1);
    expect(parseDay('03/01/2020 12:00:00 AM')).toBe(d);
    expect(parseDay('03/01/2020 0:00')).toBe(d);
    expect(parseDay('3/1/2020')).toBe(d);
    expect(parseDay('2020-03-01T00:00:00')).toBe(d);
    expect(parseDay('2020-03-01T00:00:00.000')).toBe(d);
    expect(parseDay('2020-03-01')).toBe(d);
  });
  it('rejects impossible and unreadable dates', () => {
    expect(parseDay('02/30/2021 12:00:00 AM')).toBeNull();
    expect(parseDay('13/01/2020')).toBeNull();
    expect(parseDay('yesterday')).toBeNull();
    expect(parseDay('')).toBeNull();
  });
});

describe('codes and times', () => {
  it('normalises zero-padded and float codes', () => {
    expect(normalizeCode('0377')).toBe('377');
    expect(normalizeCode('510.0')).toBe('510');
    expect(normalizeCode(' 0 ')).toBe('0');
    expect(normalizeCode('')).toBe('');
    expect(normalizeCode(undefined)).toBe('');
  });
  it('reads TIME OCC with and without padding', () => {
    expect(parseHour('1730')).toBe(17);
    expect(parseHour('0415')).toBe(4);
    expect(parseHour('415')).toBe(4);
    expect(parseHour('5')).toBe(0);
    expect(parseHour('2460')).toBeNull();
    expect(parseHour('noon')).toBeNull();
  });
});

describe('cleanRow', () => {
  const clean = (over: Partial<Record<string, string>>) => cleanRow((c) => row(over)[c]);
  it('applies the documented rules', () => {
    const r = clean({
      'Vict Age': '0',
      'Vict Sex': '-',
      'Vict Descent': '',
      LAT: '0',
      LON: '0',
      'Weapon Used Cd': '',
      'Crm Cd 2': '998',
      'Crm Cd 3': '0626',
    });
    if (typeof r === 'string') throw new Error(r);
    expect(r.victAge).toBeNull();
    expect(r.victSex).toBe('X');
    expect(r.victDescent).toBe('X');
    expect(r.lat).toBeNull();
    expect(r.lon).toBeNull();
    expect(r.weaponCode).toBe('none');
    expect(r.nExtraCrimes).toBe(2);
    expect(r.crimeCode).toBe('510');
    expect(r.rptDist).toBe('111');
    expect(r.mocodes).toEqual(['0344', '1822']);
    expect(r.reportDelay).toBe(1);
    expect(r.hour).toBe(17);
    expect(r.area).toBe('Central');
  });
  it('keeps negative ages out and valid ones in', () => {
    const neg = clean({ 'Vict Age': '-2' });
    const ok = clean({ 'Vict Age': '71' });
    expect(typeof neg !== 'string' && neg.victAge).toBeNull();
    expect(typeof ok !== 'string' && ok.victAge).toBe(71);
  });
  it('drops identifiers and free text (no field carries them), keeps LOCATION normalized', () => {
    const r = clean({ LOCATION: '  100  w Secret   ST ', 'Cross Street': 'OTHER ST' });
    const { location, ...rest } = r as CaseRecord;
    expect(JSON.stringify(rest)).not.toMatch(/SECRET|OTHER ST|200100001|VEHICLE - STOLEN/i);
    expect(location).toBe('100 W SECRET ST');
    expect((clean({ LOCATION: '  ' }) as CaseRecord).location).toBe('none');
    expect(normalizeLocation(undefined)).toBe('none');
  });
  it('names the area from its number when AREA NAME is empty', () => {
    const r = clean({ AREA: '12', 'AREA NAME': '' });
    expect(typeof r !== 'string' && r.area).toBe('77th Street');
  });
  it('reports rows without a target or a date as malformed', () => {
    expect(clean({ 'Status Desc': '' })).toBe('missing Status Desc');
    expect(clean({ 'DATE OCC': 'soon' })).toBe('unreadable DATE OCC');
  });
  it('keeps a cell it cannot read as missing and reports it (column, value), never silently', () => {
    const seen: Array<[string, string]> = [];
    const r = cleanRow(
      (c) =>
        row({
          'Vict Age': 'forty',
          LAT: 'n/a',
          'TIME OCC': '2575',
          'Date Rptd': 'yesterday',
          Mocodes: '0344 03A4 1822',
        })[c],
      (s) => s,
      (column, value) => seen.push([column, value]),
    );
    expect(typeof r).toBe('object');
    const rec = r as Exclude<typeof r, string>;
    expect([rec.victAge, rec.lat, rec.lon, rec.hour, rec.reportDelay]).toEqual([null, null, null, null, null]);
    expect(rec.mocodes).toEqual(['0344', '1822']);
    expect(seen).toEqual([
      ['Date Rptd', 'yesterday'],
      ['TIME OCC', '2575'],
      ['Vict Age', 'forty'],
      ['LAT', 'n/a'],
      ['Mocodes', '03A4'],
    ]);
    // Empty cells are missing values, not unreadable ones; malformed rows report nothing.
    const none: string[] = [];
    cleanRow(
      (c) => row({ 'Vict Age': '', LAT: '', LON: '', Mocodes: '' })[c],
      undefined,
      (c) => none.push(c),
    );
    cleanRow(
      (c) => row({ 'Status Desc': '', 'Vict Age': 'forty' })[c],
      undefined,
      (c) => none.push(c),
    );
    expect(none).toEqual([]);
  });
});

describe('loadCsv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lapd-load-'));
  it('streams a file, keeps good rows, counts malformed ones and never throws on them', async () => {
    const good = [
      row(),
      row({ 'DATE OCC': '2020-03-01T00:00:00', 'Date Rptd': '03/05/2020 0:00', 'Status Desc': 'Adult Arrest' }),
    ];
    let text = csv([...good, row({ 'Status Desc': '' })]);
    text += '1,2,3\n'; // too few fields
    text += 'x,"unterminated quote,\n';
    const path = join(dir, 'a.csv');
    writeFileSync(path, text);
    const r = await loadCsv(path);
    expect(r.records.map((x) => x.status)).toEqual(['Invest Cont', 'Adult Arrest']);
    expect(r.records[1]!.reportDelay).toBe(4);
    expect(r.malformed.count).toBeGreaterThanOrEqual(3);
    expect(r.malformed.reasons.get('missing Status Desc')).toBe(1);
    expect([...r.malformed.reasons.keys()].some((k) => k.startsWith('wrong number of fields'))).toBe(true);
  });
  it('honours limit', async () => {
    const path = join(dir, 'b.csv');
    writeFileSync(path, csv(Array.from({ length: 50 }, () => row())));
    const r = await loadCsv(path, { limit: 7 });
    expect(r.rowsRead).toBe(7);
    expect(r.records).toHaveLength(7);
  });
  it('accepts columns in another order and a BOM', async () => {
    const path = join(dir, 'c.csv');
    writeFileSync(path, `\uFEFF${csv([row()], [...COLUMNS].reverse())}`);
    const r = await loadCsv(path);
    expect(r.records).toHaveLength(1);
    expect(r.records[0]!.crimeCode).toBe('510');
  });
  it('rejects a file that is not an export of the table, naming the missing columns', async () => {
    const path = join(dir, 'd.csv');
    writeFileSync(path, 'a,b\n1,2\n');
    await expect(loadCsv(path)).rejects.toThrow(/lacks the column\(s\) 'Date Rptd'/);
    await expect(loadCsv(path)).rejects.toBeInstanceOf(DataValidationError);
  });
  it('rejects a missing file and a directory with a DataFileError, not an uncaught stream error', async () => {
    await expect(loadCsv(join(dir, 'nope.csv'))).rejects.toThrow(/cannot read .*nope\.csv: no such file \(ENOENT\)/);
    await expect(loadCsv(dir)).rejects.toThrow(/it is a directory, not a file \(EISDIR\)/);
    await expect(loadCsv(dir)).rejects.toBeInstanceOf(DataFileError);
  });
  it('reads a CRLF file with one LF-only line without merging lines or losing rows', async () => {
    const rows = Array.from({ length: 6 }, (_, i) => row({ 'Vict Age': String(20 + i) }));
    const lines = csv(rows).trimEnd().split('\n');
    // CRLF everywhere except after data row 3, which ends in a bare LF.
    const text = lines.map((l, i) => `${l}${i === 3 ? '\n' : '\r\n'}`).join('');
    const path = join(dir, 'crlf.csv');
    writeFileSync(path, text);
    const r = await loadCsv(path);
    expect(r.malformed.count).toBe(0);
    expect(r.unreadable.count).toBe(0);
    expect(r.records.map((x) => x.victAge)).toEqual([20, 21, 22, 23, 24, 25]);
    expect(r.records.every((x) => x.lon === -118.25)).toBe(true); // no '\r' glued to the last cell
    // The same on an LF file with one CRLF line.
    const lf = lines.map((l, i) => `${l}${i === 2 ? '\r\n' : '\n'}`).join('');
    writeFileSync(path, lf);
    expect((await loadCsv(path)).records).toHaveLength(6);
  });
  it('reads CRLF when a chunk of the stream ends between the CR and the LF', async () => {
    const header = csv([]).trimEnd();
    const one = csv([row()]).trimEnd().split('\n')[1]!;
    let text = `${header}\r\n`;
    let n = 0;
    // Rows up to just below the first 64 KiB read, then one padded so that its CR is the last byte.
    while (text.length + 2 * (one.length + 2) <= 65_535) {
      text += `${one}\r\n`;
      n++;
    }
    const pad = 65_535 - text.length - one.length;
    const last = one.replace('-118.25', `-118.25${'0'.repeat(pad)}`);
    text += `${last}\r\n${one}\r\n`;
    expect(text.slice(65_535, 65_537)).toBe('\r\n');
    const path = join(dir, 'chunk.csv');
    writeFileSync(path, text);
    const r = await loadCsv(path);
    expect(r.malformed.count).toBe(0);
    expect(r.records).toHaveLength(n + 2);
  });
  it('counts unreadable values per column (kept as missing) and gives examples with line numbers', async () => {
    const path = join(dir, 'bad-values.csv');
    writeFileSync(
      path,
      csv([row(), row({ 'Vict Age': 'forty' }), row({ 'Vict Age': 'n/a', LON: 'west' }), row({ Mocodes: '03A4' })]),
    );
    const r = await loadCsv(path);
    expect(r.records).toHaveLength(4);
    expect(r.records.map((x) => x.victAge)).toEqual([34, null, null, 34]);
    expect(r.unreadable.count).toBe(4);
    expect([...r.unreadable.columns]).toEqual([
      ['Vict Age', 2],
      ['LON', 1],
      ['Mocodes', 1],
    ]);
    expect(r.unreadable.examples[0]).toBe('line 3: Vict Age "forty"');
    expect(loadRows([row({ LAT: 'north' })]).unreadable.columns.get('LAT')).toBe(1);
  });
  it('cleans in-memory rows with the same rules', () => {
    const r = loadRows([row(), row({ 'DATE OCC': '' })]);
    expect(r.records).toHaveLength(1);
    expect(r.malformed.count).toBe(1);
  });
});
