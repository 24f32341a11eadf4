/**
 * A seeded generator of SYNTHETIC LAPD crime rows with the real schema (all 28 columns, official
 * names, order and cell formats), real area names/numbers and real crime, premise, weapon and
 * Mocodes, and plausible dependencies between the features and `Status Desc`. Nothing here is a
 * real case.
 *
 * The table is as WIDE as the real one, so that a large synthetic file costs what the real table
 * costs: the codes are drawn with the real sample's frequencies (`codes.ts`, `mocodes.ts`) — a
 * Zipf-like tail of ~485 Mocodes, 0–10 per row (mostly 1–5), ~1,100 reporting districts each inside
 * its area, ~200 premise, ~110 crime and ~60 weapon codes.
 *
 * @module
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Random } from 'imbalanced-tabular';
import { AREAS, COLUMNS, CRIMES, PREMISES, STATUSES, WEAPONS, type Column } from './codes.js';
import { MOCODE_FREQUENCIES, MOCODES_PER_ROW } from './mocodes.js';

/** One raw row of the table, every cell a string (as a CSV parser gives it). */
export type RawRow = Record<Column, string>;

/**
 * The Mocodes that move the status: code, base rate, rate for violent crimes, log-odds effect on
 * "Adult Other", on "Adult Arrest". Codes and their meanings are the LAPD's; the rates and effects
 * are invented. A row's other Mocodes are drawn from the rest of the real dictionary
 * (`MOCODE_FREQUENCIES`) and carry no signal.
 */
const SIGNAL_MOCODES: ReadonlyArray<readonly [string, number, number, number, number]> = [
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

/**
 * Seed of the reporting-district layout: the geography is one fixed map, the same for every
 * `seed` (as the real districts are the same whichever rows you draw).
 */
const DISTRICT_LAYOUT_SEED = 20_200_101;

/** One reporting district: its `Rpt Dist No`, centre and relative weight. */
interface District {
  readonly number: number;
  readonly lat: number;
  readonly lon: number;
  readonly weight: number;
}

/**
 * The reporting districts of every area: as many as the area has in the real sample, numbered
 * `area × 100 + k` (k in 1…99, drawn without repetition), each with a centre around the area's
 * centroid and a log-normal weight (a few busy districts, a long tail of quiet ones).
 */
function districtLayout(): Map<number, ReadonlyArray<District>> {
  const rng = new Random(DISTRICT_LAYOUT_SEED);
  const layout = new Map<number, ReadonlyArray<District>>();
  for (const [num, , lat, lon, , count] of AREAS) {
    const slots = rng.permutation(99);
    const list: District[] = [];
    for (let k = 0; k < count; k++)
      list.push({
        number: num * 100 + 1 + slots[k]!,
        lat: lat + 0.022 * rng.normal(),
        lon: lon + 0.027 * rng.normal(),
        weight: Math.exp(0.8 * rng.normal()),
      });
    layout.set(num, list);
  }
  return layout;
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
 * per-area effect all move the status; about 80% of rows end up "Invest Cont" and about 0.04% "UNK".
 * Width as in the real table: every row carries 0–10 Mocodes (the real count distribution, the
 * codes drawn with their real frequencies), a reporting district of its area (~1,100 in all, fixed
 * for every seed, with LAT/LON around the district's centre), a premise, crime and weapon code with
 * the real frequencies; 6% have a `Crm Cd 2` (mostly the placeholder 998) and 15% an intersection
 * (`LOCATION` + `Cross Street`). Messy cells real exports have are present too: victim age 0,
 * sex/descent empty or '-', LAT/LON 0.
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
  const pickDistrict = new Map(
    [...districtLayout()].map(([area, list]) => [area, chooser(list, (d) => d.weight)] as const),
  );
  const signal = new Set(SIGNAL_MOCODES.map((m) => m[0]));
  const pickBackground = chooser(
    MOCODE_FREQUENCIES.filter(([code]) => !signal.has(code)),
    (m) => m[1],
  );
  const pickMocodeCount = chooser(
    MOCODES_PER_ROW.map((rows, k) => [k, rows] as const),
    (c) => c[1],
  );
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
    // How many Mocodes the row carries follows the real distribution. The signal codes are drawn
    // first (a random subset of them is kept when they are more than that count), the rest of the
    // dictionary fills the row up, and the order is shuffled (real rows list them in no order).
    const nMocodes = pickMocodeCount(rng)[0];
    if (nMocodes > 0) {
      const drawn = SIGNAL_MOCODES.filter((m) => rng.float() < (violent ? m[2] : m[1]));
      while (drawn.length > nMocodes) drawn.splice(rng.int(drawn.length), 1);
      for (const [code, , , ao, aa] of drawn) {
        mocodes.push(code);
        aoLogit += ao * 0.6;
        aaLogit += aa * 0.6;
      }
      while (mocodes.length < nMocodes) {
        const code = pickBackground(rng)[0];
        if (!mocodes.includes(code)) mocodes.push(code);
      }
      for (let j = mocodes.length - 1; j > 0; j--) {
        const k = rng.int(j + 1);
        [mocodes[j], mocodes[k]] = [mocodes[k]!, mocodes[j]!];
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

    // Extra crime codes: 6% of rows have a `Crm Cd 2`, 78% of them the table's placeholder 998.
    const extra = rng.float() < 0.06 ? (rng.float() < 0.78 ? '998' : pickExtra(rng)[0]) : '';
    const extra2 = extra && rng.float() < 0.024 ? (rng.float() < 0.85 ? '998' : pickExtra(rng)[0]) : '';
    const extra3 = extra2 && rng.float() < 0.06 ? '998' : '';
    const district = pickDistrict.get(area[0])!(rng);
    const unknownLocation = rng.float() < 0.01;
    const lat = unknownLocation ? 0 : district.lat + 0.008 * rng.normal();
    const lon = unknownLocation ? 0 : district.lon + 0.01 * rng.normal();
    // 15% of rows name an intersection: LOCATION is then a bare street and Cross Street the other.
    const si = rng.int(STREETS.length);
    const street = STREETS[si]!;
    const crossing = rng.float() < 0.15 ? STREETS[(si + 1 + rng.int(STREETS.length - 1)) % STREETS.length]! : '';
    const location = crossing ? street : `${100 * (1 + rng.int(150))} ${rng.float() < 0.5 ? 'W' : 'E'} ${street}`;
    const occMs = START + occDay * DAY_MS;
    const year = new Date(occMs).getUTCFullYear() % 100;
    const n = (seq.get(area[0]) ?? 0) + 1;
    seq.set(area[0], n);
    yield {
      DR_NO: `${pad(year, 2)}${pad(area[0], 2)}${pad(n % 100000, 5)}`,
      'Date Rptd': officialDate(occMs + delay * DAY_MS),
      'DATE OCC': officialDate(occMs),
      'TIME OCC': `${pad(hour, 2)}${pad(minute, 2)}`,
      AREA: pad(area[0], 2),
      'AREA NAME': area[1],
      'Rpt Dist No': pad(district.number, 4),
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
      'Crm Cd 4': extra3,
      LOCATION: location,
      'Cross Street': crossing,
      LAT: lat === 0 ? '0' : lat.toFixed(4),
      LON: lon === 0 ? '0' : lon.toFixed(4),
    };
  }
}

/** Quotes one CSV cell when it needs it (RFC 4180). */
function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Options of {@link writeSyntheticCsv}. */
export interface WriteCsvOptions extends SyntheticOptions {
  /** Called every 100,000 rows written, with the rows written so far. */
  onProgress?: (rows: number) => void;
}

/**
 * Writes `n` SYNTHETIC rows as a CSV file with the real table's header and cell formats, streamed:
 * rows are generated one at a time and written in 64 KiB chunks (waiting for the file to drain),
 * so memory stays flat for any `n`. Returns the number of bytes written.
 */
export async function writeSyntheticCsv(path: string, options: WriteCsvOptions): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  let buf = `${COLUMNS.map(csvCell).join(',')}\n`;
  let rows = 0;
  for (const row of generateRows(options)) {
    buf += `${COLUMNS.map((c) => csvCell(row[c])).join(',')}\n`;
    if (++rows % 100_000 === 0) options.onProgress?.(rows);
    if (buf.length > 1 << 16) {
      bytes += Buffer.byteLength(buf);
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  bytes += Buffer.byteLength(buf);
  out.end(buf);
  await once(out, 'finish');
  return bytes;
}
