import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AREAS, COLUMNS, CRIMES, STATUSES } from '../../../examples/lapd/codes.js';
import { loadCsv, loadRows } from '../../../examples/lapd/load.js';
import { generateRows, writeSyntheticCsv } from '../../../examples/lapd/synthetic.js';

describe('synthetic generator', () => {
  const rows = [...generateRows({ n: 20_000, seed: 3 })];
  it('has the 28 official columns in order', () => {
    expect(COLUMNS).toHaveLength(28);
    expect(Object.keys(rows[0]!)).toEqual([...COLUMNS]);
  });
  it('is seeded: same seed same rows, other seed other rows', () => {
    expect([...generateRows({ n: 50, seed: 3 })]).toEqual(rows.slice(0, 50));
    expect([...generateRows({ n: 50, seed: 4 })]).not.toEqual(rows.slice(0, 50));
  });
  it('uses real areas and codes, with consistent code/description pairs', () => {
    const areas = new Map(AREAS.map((a) => [a[1], a[0]]));
    const crimes = new Map(CRIMES.map((c) => [c[0], c]));
    for (const r of rows.slice(0, 2000)) {
      expect(areas.get(r['AREA NAME'])).toBe(Number(r.AREA));
      expect(crimes.get(r['Crm Cd'])![1]).toBe(r['Crm Cd Desc']);
      expect(String(crimes.get(r['Crm Cd'])![5])).toBe(r['Part 1-2']);
      expect(STATUSES.find((s) => s[0] === r.Status)![1]).toBe(r['Status Desc']);
      expect(r['Rpt Dist No'].slice(0, 2)).toBe(r.AREA);
    }
  });
  it('has six classes, about 80% Invest Cont, UNK the rarest', () => {
    const c = new Map<string, number>();
    for (const r of rows) c.set(r['Status Desc'], (c.get(r['Status Desc']) ?? 0) + 1);
    const share = (s: string) => (c.get(s) ?? 0) / rows.length;
    expect(share('Invest Cont')).toBeGreaterThan(0.74);
    expect(share('Invest Cont')).toBeLessThan(0.86);
    for (const s of ['Adult Other', 'Adult Arrest', 'Juv Arrest', 'Juv Other']) expect(share(s)).toBeGreaterThan(0.001);
    expect(share('UNK')).toBeLessThan(0.002);
    const min = Math.min(...['Adult Other', 'Adult Arrest', 'Juv Arrest', 'Juv Other'].map(share));
    expect(share('UNK')).toBeLessThan(min);
  });
  it('has real dependencies: weapons and same-day reports raise the arrest share', () => {
    const rate = (f: (r: (typeof rows)[number]) => boolean) => {
      const sel = rows.filter(f);
      return sel.filter((r) => r['Status Desc'] === 'Adult Arrest').length / sel.length;
    };
    expect(rate((r) => r['Weapon Used Cd'] !== '')).toBeGreaterThan(1.3 * rate((r) => r['Weapon Used Cd'] === ''));
    expect(rate((r) => r['Date Rptd'] === r['DATE OCC'])).toBeGreaterThan(
      1.3 * rate((r) => r['Date Rptd'] !== r['DATE OCC']),
    );
    const juv = (f: (r: (typeof rows)[number]) => boolean) => {
      const sel = rows.filter(f);
      return sel.filter((r) => r['Status Desc'].startsWith('Juv')).length / sel.length;
    };
    expect(juv((r) => Number(r['Vict Age']) > 0 && Number(r['Vict Age']) < 18)).toBeGreaterThan(
      3 * juv((r) => Number(r['Vict Age']) >= 18),
    );
  });
  it('contains the messy cells real exports have, and every row cleans', () => {
    expect(rows.some((r) => r['Vict Age'] === '0')).toBe(true);
    expect(rows.some((r) => r['Vict Sex'] === '-' || r['Vict Sex'] === '')).toBe(true);
    expect(rows.some((r) => r.LAT === '0')).toBe(true);
    const loaded = loadRows(rows);
    expect(loaded.malformed.count).toBe(0);
    expect(loaded.records).toHaveLength(rows.length);
  });
  it('writes a CSV the streaming loader reads back identically', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'lapd-syn-')), 's.csv');
    await writeSyntheticCsv(path, { n: 500, seed: 9 });
    expect(readFileSync(path, 'utf8').split('\n')[0]).toBe(
      COLUMNS.map((c) => (c.includes(',') ? `"${c}"` : c)).join(','),
    );
    const fromFile = await loadCsv(path);
    const fromMemory = loadRows(generateRows({ n: 500, seed: 9 }));
    expect(fromFile.malformed.count).toBe(0);
    expect(fromFile.records).toEqual(fromMemory.records);
  });
});
