import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AREAS, COLUMNS, CRIMES, PREMISES, STATUSES, WEAPONS } from '../../../examples/lapd/codes.js';
import { MOCODE_FREQUENCIES, MOCODES_PER_ROW } from '../../../examples/lapd/mocodes.js';
import { parseGenerateArgs } from '../../../examples/lapd/scripts/generate-csv.js';
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

describe('synthetic generator: as wide as the real table', () => {
  // 35,000 real rows hold ~520 distinct Mocodes, ~1,117 reporting districts, ~227 premise, ~113
  // crime and ~63 weapon codes; the generator draws from the real sample's dictionaries with its
  // frequencies, so the same number of synthetic rows must show about the same variety.
  const rows = [...generateRows({ n: 35_000, seed: 1 })];
  const distinct = (column: keyof (typeof rows)[number]): number =>
    new Set(rows.map((r) => r[column]).filter((v) => v !== '')).size;
  const mocodeLists = rows.map((r) => (r.Mocodes === '' ? [] : r.Mocodes.split(' ')));

  it('has hundreds of distinct Mocodes, 4-digit and zero-padded, 0-10 per row, mostly 1-5', () => {
    const all = mocodeLists.flat();
    expect(new Set(all).size).toBeGreaterThanOrEqual(400);
    for (const m of all) expect(m).toMatch(/^\d{4}$/);
    for (const list of mocodeLists) expect(new Set(list).size).toBe(list.length);
    const per = mocodeLists.map((l) => l.length);
    expect(Math.max(...per)).toBe(10);
    const share = (f: (k: number) => boolean): number => per.filter(f).length / per.length;
    // Real sample: 10.6% none, 76% with 1-5, mean 3.08.
    expect(share((k) => k === 0)).toBeGreaterThan(0.08);
    expect(share((k) => k === 0)).toBeLessThan(0.13);
    expect(share((k) => k >= 1 && k <= 5)).toBeGreaterThan(0.65);
    const mean = per.reduce((a, b) => a + b, 0) / per.length;
    expect(mean).toBeGreaterThan(2.8);
    expect(mean).toBeLessThan(3.4);
  });

  it('draws Mocodes with a Zipf-like skew: a few on a third of the rows, a long tail of rare ones', () => {
    const counts = new Map<string, number>();
    for (const list of mocodeLists) for (const m of list) counts.set(m, (counts.get(m) ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => b - a);
    expect(sorted[0]! / rows.length).toBeGreaterThan(0.2);
    expect(sorted[149]! / rows.length).toBeLessThan(0.005); // the 150th: 0.17% of the real rows
    expect(sorted.filter((c) => c <= 5).length).toBeGreaterThan(100);
  });

  it('has over 1,000 reporting districts, each inside one area', () => {
    expect(distinct('Rpt Dist No')).toBeGreaterThanOrEqual(1000);
    const areaOf = new Map<string, string>();
    for (const r of rows) {
      expect(areaOf.get(r['Rpt Dist No']) ?? r.AREA).toBe(r.AREA);
      areaOf.set(r['Rpt Dist No'], r.AREA);
      expect(Math.floor(Number(r['Rpt Dist No']) / 100)).toBe(Number(r.AREA));
    }
  });

  it('has the real variety of premise, crime and weapon codes, with their official descriptions', () => {
    expect(distinct('Premis Cd')).toBeGreaterThanOrEqual(150);
    expect(distinct('Crm Cd')).toBeGreaterThanOrEqual(90);
    expect(distinct('Weapon Used Cd')).toBeGreaterThanOrEqual(50);
    const premises = new Map(PREMISES.map((p) => [p[0], p[1]]));
    const weapons = new Map(WEAPONS.map((w) => [w[0], w[1]]));
    for (const r of rows) {
      expect(premises.get(r['Premis Cd'])).toBe(r['Premis Desc']);
      if (r['Weapon Used Cd'] !== '') expect(weapons.get(r['Weapon Used Cd'])).toBe(r['Weapon Desc']);
    }
  });

  it('keeps the class shares near the real ones', () => {
    // Real sample: Invest Cont 81.6%, Adult Other 10.3%, Adult Arrest 7.7%, Juv Arrest 0.31%, Juv Other 0.12%.
    const share = (s: string): number => rows.filter((r) => r['Status Desc'] === s).length / rows.length;
    expect(share('Invest Cont')).toBeGreaterThan(0.76);
    expect(share('Invest Cont')).toBeLessThan(0.85);
    expect(share('Adult Other')).toBeGreaterThan(0.07);
    expect(share('Adult Other')).toBeLessThan(0.14);
    expect(share('Adult Arrest')).toBeGreaterThan(0.05);
    expect(share('Adult Arrest')).toBeLessThan(0.11);
    for (const s of ['Juv Arrest', 'Juv Other']) {
      expect(share(s)).toBeGreaterThan(0.0005);
      expect(share(s)).toBeLessThan(0.01);
    }
  });

  it('embeds dictionaries, not rows: unique codes with positive counts', () => {
    expect(MOCODE_FREQUENCIES).toHaveLength(485);
    expect(new Set(MOCODE_FREQUENCIES.map((m) => m[0])).size).toBe(485);
    for (const [code, n] of MOCODE_FREQUENCIES) {
      expect(code).toMatch(/^\d{4}$/);
      expect(Number.isInteger(n) && n > 0).toBe(true);
    }
    expect(MOCODES_PER_ROW).toHaveLength(11);
    expect(MOCODES_PER_ROW.reduce((a, b) => a + b, 0)).toBe(22_926);
    expect(AREAS.reduce((a, area) => a + area[5], 0)).toBe(1102);
    expect(new Set(PREMISES.map((p) => p[0])).size).toBe(PREMISES.length);
  });
});

describe('npm run lapd:generate (examples/lapd/scripts/generate-csv.ts)', () => {
  it('parses its flags, and rejects bad or missing ones with a message', () => {
    expect(parseGenerateArgs(['--rows', '1000000', '--out', 'big.csv'])).toEqual({
      ok: true,
      rows: 1_000_000,
      out: 'big.csv',
      seed: 0,
      quiet: false,
    });
    expect(parseGenerateArgs(['--rows', '5', '--out', 'x.csv', '--seed', '3', '--quiet'])).toMatchObject({
      ok: true,
      seed: 3,
      quiet: true,
    });
    const bad = (argv: string[]): string => {
      const r = parseGenerateArgs(argv);
      return r.ok ? '' : r.message;
    };
    expect(bad(['--out', 'x.csv'])).toMatch(/--rows is required/);
    expect(bad(['--rows', '10'])).toMatch(/--out is required/);
    expect(bad(['--rows', 'ten', '--out', 'x.csv'])).toMatch(/--rows expects an integer >= 1, received 'ten'/);
    expect(bad(['--rows', '10', '--out', 'x.csv', '--sed', '1'])).toMatch(/Unknown option '--sed'/);
  });

  it('streams a CSV with the official header that the loader reads back, reporting progress', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'lapd-gen-')), 'g.csv');
    const progress: number[] = [];
    const bytes = await writeSyntheticCsv(path, { n: 200_001, seed: 2, onProgress: (n) => progress.push(n) });
    expect(progress).toEqual([100_000, 200_000]);
    expect(statSync(path).size).toBe(bytes);
    const loaded = await loadCsv(path, { limit: 2000 });
    rmSync(dirname(path), { recursive: true, force: true });
    expect(loaded.malformed.count).toBe(0);
    expect(loaded.records).toHaveLength(2000);
  });

  it('runs as a command: exit 0 and the file, exit 2 on a bad flag', () => {
    const script = join(import.meta.dirname, '..', '..', '..', 'examples', 'lapd', 'scripts', 'generate-csv.ts');
    const out = join(mkdtempSync(join(tmpdir(), 'lapd-gen-')), 'cli.csv');
    const ok = spawnSync(process.execPath, ['--import', 'tsx', script, '--rows', '300', '--out', out], {
      encoding: 'utf8',
    });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/Wrote 300 SYNTHETIC rows/);
    expect(readFileSync(out, 'utf8').trimEnd().split('\n')).toHaveLength(301);
    const bad = spawnSync(process.execPath, ['--import', 'tsx', script, '--rows', '0', '--out', out], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')[0]).toBe("lapd:generate: --rows expects an integer >= 1, received '0'.");
  });
});
