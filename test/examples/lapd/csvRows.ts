/**
 * Hand-written LAPD rows (invented values) with the official columns, and a CSV writer for them:
 * the inputs the loader tests craft their files from.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { COLUMNS } from '../../../examples/lapd/codes.js';
import { cleanRow } from '../../../examples/lapd/load.js';

/** A hand-written row (invented values) with the official columns. */
export function row(over: Partial<Record<string, string>> = {}): Record<string, string> {
  const base: Record<string, string> = Object.fromEntries(COLUMNS.map((c) => [c, '']));
  Object.assign(
    base,
    {
      DR_NO: '200100001',
      'Date Rptd': '03/02/2020 12:00:00 AM',
      'DATE OCC': '03/01/2020 12:00:00 AM',
      'TIME OCC': '1730',
      AREA: '01',
      'AREA NAME': 'Central',
      'Rpt Dist No': '0111',
      'Part 1-2': '1',
      'Crm Cd': '0510',
      'Crm Cd Desc': 'VEHICLE - STOLEN',
      Mocodes: '344 1822',
      'Vict Age': '34',
      'Vict Sex': 'F',
      'Vict Descent': 'H',
      'Premis Cd': '101',
      'Premis Desc': 'STREET',
      Status: 'IC',
      'Status Desc': 'Invest Cont',
      'Crm Cd 1': '510',
      LAT: '34.05',
      LON: '-118.25',
    },
    over,
  );
  return base;
}

export function csv(rows: ReadonlyArray<Record<string, string>>, header: ReadonlyArray<string> = COLUMNS): string {
  const cell = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return `${[header.join(','), ...rows.map((r) => header.map((c) => cell(r[c] ?? '')).join(','))].join('\n')}\n`;
}

/** The raw rows (column → cell) of a CSV export that the loader keeps, in file order. */
export function keptRawRows(text: string): Array<Record<string, string>> {
  const records = parseCsv(text, { bom: true, relax_column_count: true, relax_quotes: true }) as string[][];
  const [header, ...body] = records;
  const names = header!.map((c) => c.trim());
  const rows = body
    .filter((r) => r.length === names.length)
    .map((r) => Object.fromEntries(names.map((c, i) => [c, r[i]!])));
  return rows.filter((r) => typeof cleanRow((c) => r[c]) !== 'string');
}
