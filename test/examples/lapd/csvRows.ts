/**
 * Hand-written LAPD rows (invented values) with the official columns, and a CSV writer for them:
 * the inputs the loader tests craft their files from.
 */
import { COLUMNS } from '../../../examples/lapd/codes.js';

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
