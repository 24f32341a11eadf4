/**
 * A seeded generator of SYNTHETIC LAPD crime rows with the real schema (all 28 columns, official
 * names and order), real area names/numbers and real crime, premise and weapon codes, and plausible
 * dependencies between the features and `Status Desc`. Nothing here is a real case.
 *
 * @module
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Random } from 'imbalanced-tabular';
import { AREAS, COLUMNS, CRIMES, PREMISES, STATUSES, WEAPONS, type Column } from './codes.js';

/** One raw row of the table, every cell a string (as a CSV parser gives it). */
export type RawRow = Record<Column, string>;

/**
 * Mocodes used by the generator: code, base rate, rate for violent crimes, log-odds effect on
 * "Adult Other", on "Adult Arrest". Codes and their meanings are the LAPD's; the rates are invented.
 */
const MOCODES: ReadonlyArray<readonly [string, number, number, number, number]> = [
  ['1822', 0.35, 0.3, -0.2, 0.2], // stranger
  ['0344', 0.45, 0.15, -0.5, -0.4], // removes victim's property
  ['0913', 0.03, 0.35, 1.4, 0.7], // victim knew suspect
  ['0329', 0.1, 0.05, -0.1, 0.2], // vandalized
  ['1300', 0.1, 0.05, -0.3, -0.3], // vehicle involved
  ['0416', 0.01, 0.3, 0.6, 0.5], // hit-hit w/ weapon
  ['1202', 0.06, 0.05, 0.1, -0.3], // victim was elderly
  ['1402', 0.04, 0.05, 0.3, 1.5], // evidence booked
  ['0400', 0.01, 0.2, 0.7, 0.5], // force used
  ['2000', 0.01, 0.2, 1.2, 1.0], // domestic violence
  ['1606', 0.06, 0.02, -0.4, 0.0], // open/unlocked door
  ['0385', 0.06, 0.01, -0.6, -1.2], // suspect was a stranger to the area
  ['1309', 0.05, 0.03, 0.1, 0.5], // susp used vehicle
  ['2004', 0.01, 0.15, 0.4, 1.3], // suspect is homeless
  ['1814', 0.005, 0.15, 1.3, 0.8], // susp is/was current/former spouse
  ['0100', 0.04, 0.0, -1.0, -1.5], // suspect impersonated
  ['0444', 0.005, 0.1, 1.0, 0.6], // pushed
  ['1501', 0.03, 0.02, 0.4, 0.2], // other MO
  ['0930', 0.03, 0.0, -1.2, -1.0], // credit card fraud
  ['0448', 0.002, 0.08, 1.0, 0.7], // grabbed
];

/** Street names used in the synthetic LOCATION column (real Los Angeles streets). */
const STREETS = [
  'MAIN ST',
  'BROADWAY',
  'FIGUEROA ST',
  'WILSHIRE BL',
  'SUNSET BL',
  'VENTURA BL',
  'WESTERN AV',
  'VERMONT AV',
  'SEPULVEDA BL',
  'PICO BL',
  'OLYMPIC BL',
  'SHERMAN WY',
  'CRENSHAW BL',
  'MELROSE AV',
];

const SEXES: ReadonlyArray<readonly [string, number]> = [
  ['M', 46],
  ['F', 38],
  ['X', 9],
  ['', 6],
  ['-', 1],
];
const DESCENTS: ReadonlyArray<readonly [string, number]> = [
  ['H', 33],
  ['W', 24],
  ['B', 15],
  ['X', 10],
  ['O', 8],
  ['A', 4],
  ['', 4],
  ['K', 0.6],
  ['C', 0.6],
  ['F', 0.4],
  ['J', 0.3],
  ['V', 0.2],
  ['I', 0.2],
  ['P', 0.1],
  ['Z', 0.05],
  ['-', 0.05],
];
const HOUR_WEIGHTS = [
  976, 617, 550, 483, 430, 425, 434, 485, 887, 843, 1005, 930, 1773, 1086, 1128, 1225, 1234, 1373, 1418, 1247, 1290,
  1116, 1075, 896,
];

/** Cumulative-weight sampler over a list. */
function chooser<T>(items: ReadonlyArray<T>, weight: (t: T) => number): (rng: Random) => T {
  const cum = new Float64Array(items.length);
  let s = 0;
  items.forEach((t, i) => {
    s += weight(t);
    cum[i] = s;
  });
  return (rng) => {
    const u = rng.float() * s;
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]!;
  };
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const DAY_MS = 86_400_000;
const START = Date.UTC(2020, 0, 1);
const SPAN_DAYS = 5 * 365;

function officialDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCMonth() + 1, 2)}/${pad(d.getUTCDate(), 2)}/${d.getUTCFullYear()} 12:00:00 AM`;
}

/** Crimes against persons besides codes 1xx–2xx (homicide, rape, robbery, aggravated assault). */
const PERSON_CRIMES = new Set(['623', '624', '625', '626', '627', '647', '761', '860', '900', '901', '910', '930']);

/** Violent crime or crime against a person (the ones that usually involve a weapon or force). */
function isViolent(code: string): boolean {
  return Number(code) < 300 || PERSON_CRIMES.has(code);
}

/** Options of {@link generateRows}. */
export interface SyntheticOptions {
  /** Number of rows. */
  n: number;
  /** Seed of the generator. @defaultValue 0 */
  seed?: number;
}

/**
 * Generates `n` SYNTHETIC rows with the real schema, one at a time (bounded memory).
 *
 * @remarks Dependencies built in: crime code, weapon, the delay between occurrence and report,
 * victim age (minors drive the juvenile statuses), victim sex, some Mocodes, the hour and a small
 * per-area effect all move the status; about 80% of rows end up "Invest Cont" and about 0.05% "UNK".
 * Messy cells real exports have are present too: victim age 0, sex/descent empty or '-', LAT/LON 0.
 */
export function* generateRows(options: SyntheticOptions): Generator<RawRow> {
  const rng = new Random(options.seed ?? 0);
  const pickArea = chooser(AREAS, (a) => a[4]);
  const pickCrime = chooser(CRIMES, (c) => c[2]);
  const pickPremise = chooser(PREMISES, (p) => p[2]);
  const pickWeapon = chooser(WEAPONS, (w) => w[2]);
  const pickSex = chooser(SEXES, (s) => s[1]);
  const pickDescent = chooser(DESCENTS, (s) => s[1]);
  const pickHour = chooser(
    HOUR_WEIGHTS.map((w, h) => [h, w] as const),
    (h) => h[1],
  );
  const extraCrimes = CRIMES.filter((c) => c[5] === 2);
  const pickExtra = chooser(extraCrimes, (c) => c[2]);
  // A small fixed effect per area (seeded), so the area carries some signal.
  const areaEffect = new Map(AREAS.map((a) => [a[0], (rng.float() - 0.5) * 0.6] as const));
  const seq = new Map<number, number>();

  for (let i = 0; i < options.n; i++) {
    const area = pickArea(rng);
    const crime = pickCrime(rng);
    const violent = isViolent(crime[0]);
    const premise = pickPremise(rng);
    const weapon = rng.float() < (violent ? 0.9 : 0.04) ? pickWeapon(rng) : undefined;
    const occDay = Math.floor(rng.float() * SPAN_DAYS);
    const u = rng.float();
    const identity = crime[0] === '354' || crime[0] === '662' || crime[0] === '649';
    const delay = identity
      ? Math.floor(-Math.log(1 - rng.float()) * 90)
      : u < 0.42
        ? 0
        : u < 0.72
          ? 1 + rng.int(2)
          : u < 0.88
            ? 3 + rng.int(28)
            : 31 + Math.floor(-Math.log(1 - rng.float()) * 120);
    const hour = pickHour(rng)[0];
    const minute = rng.float() < 0.5 ? 0 : 5 * rng.int(12);
    const entityVictim = !violent && rng.float() < 0.3;
    const age = entityVictim
      ? 0
      : Math.max(2, Math.min(99, Math.round(rng.float() < 0.04 ? 8 + rng.float() * 9 : 38 + 15 * rng.normal())));
    const sex = entityVictim ? (rng.float() < 0.7 ? 'X' : '') : pickSex(rng)[0];
    const descent = entityVictim ? (sex === '' ? '' : 'X') : pickDescent(rng)[0];
    const mocodes: string[] = [];
    let aoLogit = Math.log(crime[3] + 0.01) - Math.log(1 - crime[3] - crime[4] + 0.01) + areaEffect.get(area[0])!;
    let aaLogit = Math.log(crime[4] + 0.01) - Math.log(1 - crime[3] - crime[4] + 0.01) - areaEffect.get(area[0])! / 2;
    for (const [code, base, vRate, ao, aa] of MOCODES) {
      if (rng.float() < (violent ? vRate : base)) {
        mocodes.push(code);
        aoLogit += ao * 0.6;
        aaLogit += aa * 0.6;
      }
    }
    if (delay === 0) {
      aoLogit += 0.5;
      aaLogit += 0.8;
    } else if (delay > 2) {
      aoLogit -= 0.4;
      aaLogit -= 0.9;
    }
    if (weapon) {
      aoLogit += weapon[3] > 0.2 ? 0.4 : 0;
      aaLogit += weapon[4] > 0.15 ? 0.5 : 0.1;
    }
    if (sex === 'F') aoLogit += 0.35;
    if (hour >= 20 || hour < 4) aaLogit += 0.25;
    const minor = age > 0 && age < 18;
    const jaLogit = aaLogit - 4.2 + (minor ? 3.2 : 0);
    const joLogit = aoLogit - 5.2 + (minor ? 3.4 : 0);
    const unkLogit = -7.6;
    const logits = [0, aoLogit - 0.6, aaLogit - 0.6, jaLogit, joLogit, unkLogit];
    const m = Math.max(...logits);
    const w = logits.map((l) => Math.exp(l - m));
    let r = rng.float() * w.reduce((a, b) => a + b, 0);
    let s = 0;
    while (s < w.length - 1 && r >= w[s]!) r -= w[s++]!;
    const [statusCode, statusDesc] = STATUSES[s]!;

    const extra = rng.float() < 0.06 ? pickExtra(rng)[0] : '';
    const extra2 = extra && rng.float() < 0.03 ? pickExtra(rng)[0] : '';
    const unknownLocation = rng.float() < 0.01;
    const lat = unknownLocation ? 0 : area[2] + 0.025 * rng.normal();
    const lon = unknownLocation ? 0 : area[3] + 0.03 * rng.normal();
    const occMs = START + occDay * DAY_MS;
    const year = new Date(occMs).getUTCFullYear() % 100;
    const n = (seq.get(area[0]) ?? 0) + 1;
    seq.set(area[0], n);
    const rd = area[0] * 100 + 1 + ((area[0] * 37 + Math.floor(rng.float() * rng.float() * 60)) % 99);
    yield {
      DR_NO: `${pad(year, 2)}${pad(area[0], 2)}${pad(n % 100000, 5)}`,
      'Date Rptd': officialDate(occMs + delay * DAY_MS),
      'DATE OCC': officialDate(occMs),
      'TIME OCC': `${pad(hour, 2)}${pad(minute, 2)}`,
      AREA: pad(area[0], 2),
      'AREA NAME': area[1],
      'Rpt Dist No': pad(rd, 4),
      'Part 1-2': String(crime[5]),
      'Crm Cd': crime[0],
      'Crm Cd Desc': crime[1],
      Mocodes: mocodes.join(' '),
      'Vict Age': String(age),
      'Vict Sex': sex,
      'Vict Descent': descent,
      'Premis Cd': premise[0],
      'Premis Desc': premise[1],
      'Weapon Used Cd': weapon ? weapon[0] : '',
      'Weapon Desc': weapon ? weapon[1] : '',
      Status: statusCode,
      'Status Desc': statusDesc,
      'Crm Cd 1': crime[0],
      'Crm Cd 2': extra,
      'Crm Cd 3': extra2,
      'Crm Cd 4': '',
      LOCATION: `${100 * (1 + rng.int(150))} ${rng.float() < 0.5 ? 'W' : 'E'} ${STREETS[rng.int(STREETS.length)]}`,
      'Cross Street': '',
      LAT: lat === 0 ? '0' : lat.toFixed(4),
      LON: lon === 0 ? '0' : lon.toFixed(4),
    };
  }
}

/** Quotes one CSV cell when it needs it (RFC 4180). */
function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Writes `n` SYNTHETIC rows as a CSV file with the official header (streaming; for benchmarks and
 * tests of the real-data path).
 */
export async function writeSyntheticCsv(path: string, options: SyntheticOptions): Promise<void> {
  const out = createWriteStream(path);
  let buf = `${COLUMNS.map(csvCell).join(',')}\n`;
  for (const row of generateRows(options)) {
    buf += `${COLUMNS.map((c) => csvCell(row[c])).join(',')}\n`;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}
