/**
 * The features of the example, built from cleaned cases: as a columnar table (`featureTable`, what
 * the pipeline uses) or as row objects from {@link CaseRecord}s (`featureRows`, the reference for
 * small data and the tests).
 *
 * @module
 */
import type { CategoricalColumn, ColumnarTable, NumericColumn, TableColumn } from 'imbalanced-tabular';
import type { CaseCategorical, CaseColumns } from './caseColumns.js';
import type { CaseRecord } from './load.js';

/** One feature row: column name → cell (strings are categories, numbers numeric, null missing). */
export type FeatureRow = Record<string, string | number | null>;

/** Categorical feature columns (the Encoder one-hot encodes them, grouping rare categories). */
export const CATEGORICAL_FEATURES = [
  'area',
  'rptDist',
  'part',
  'crimeCode',
  'premiseCode',
  'weaponCode',
  'victSex',
  'victDescent',
  'dayOfWeek',
] as const;

/**
 * High-cardinality categorical features: in every feature table, but the Encoder never one-hot
 * encodes them; they are used only when target-encoded (`ModelConfig.targetEncode`,
 * `--target-encode`). `location` is the normalised LOCATION (a block address: tens of thousands of
 * values in the full table); `mocodeSet` is the case's distinct Mocodes, sorted and joined by spaces
 * (the whole combination as one category, "none" without Mocodes), which carries what the
 * indicator columns of the most frequent Mocodes cannot: the rarer codes and their combinations.
 */
export const TARGET_ONLY_FEATURES = ['location', 'mocodeSet'] as const;

/** One of {@link TARGET_ONLY_FEATURES}. */
export type TargetOnlyFeature = (typeof TARGET_ONLY_FEATURES)[number];

/** Numeric feature columns, before the Mocode indicators (`mo_XXXX`) which follow them. */
export const NUMERIC_FEATURES = [
  'hour',
  'hourSin',
  'hourCos',
  'month',
  'reportDelayLog',
  'victAge',
  'victAgeMissing',
  'lat',
  'lon',
  'locationMissing',
  'nExtraCrimes',
  'nMocodes',
] as const;

/**
 * Absolute dates as numbers: the days from 2020-01-01 (the table's first day) to `DATE OCC`
 * (`occDays`) and to `Date Rptd` (`rptDays`, missing when the report date is). Every feature table
 * holds them, but the Encoder uses them only when asked (`ModelConfig.dates`): measured on the real
 * sample over five seeds, they changed no metric beyond seed noise (examples/lapd/README.md).
 */
export const DATE_FEATURES = ['occDays', 'rptDays'] as const;

/** One of {@link DATE_FEATURES}. */
export type DateFeature = (typeof DATE_FEATURES)[number];

/** Day number (days since 1970-01-01, UTC) of 2020-01-01: the origin of {@link DATE_FEATURES}. */
export const DAY_2020 = 18_262;

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * The `k` most frequent Mocodes among `records` (ties broken by code), to become indicator columns.
 * Pass the training records only, so the choice does not look at the test set.
 */
export function topMocodes(records: ReadonlyArray<CaseRecord>, k: number): string[] {
  const counts = new Map<string, number>();
  for (const r of records) for (const m of new Set(r.mocodes)) counts.set(m, (counts.get(m) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, k)
    .map(([m]) => m);
}

/**
 * The names of the numeric columns the Encoder uses, given the Mocode vocabulary and the date
 * features asked for: the numeric features, the date features, then `mo_XXXX`.
 */
export function numericColumns(mocodes: ReadonlyArray<string>, dates: ReadonlyArray<DateFeature> = []): string[] {
  return [...NUMERIC_FEATURES, ...DATE_FEATURES.filter((f) => dates.includes(f)), ...mocodes.map((m) => `mo_${m}`)];
}

/**
 * Builds one feature row: hour (also as sine/cosine), day of week and month of occurrence, days
 * between occurrence and report (signed log1p), the {@link DATE_FEATURES}, area, reporting
 * district, Part 1-2, crime, premise and weapon codes, victim age (missing kept as null, with an
 * indicator), sex and descent, LAT/LON (missing kept as null, with an indicator), the number of
 * extra crime codes, the number of Mocodes and one 0/1 indicator per Mocode of the vocabulary.
 */
export function featureRow(r: CaseRecord, mocodes: ReadonlyArray<string>): FeatureRow {
  const date = new Date(r.occDay * 86_400_000);
  const angle = r.hour === null ? null : (2 * Math.PI * r.hour) / 24;
  const row: FeatureRow = {
    area: r.area,
    rptDist: r.rptDist,
    part: r.part,
    crimeCode: r.crimeCode,
    premiseCode: r.premiseCode,
    weaponCode: r.weaponCode,
    victSex: r.victSex,
    victDescent: r.victDescent,
    dayOfWeek: DAY_NAMES[date.getUTCDay()]!,
    hour: r.hour,
    hourSin: angle === null ? null : Math.sin(angle),
    hourCos: angle === null ? null : Math.cos(angle),
    month: date.getUTCMonth() + 1,
    reportDelayLog: r.reportDelay === null ? null : Math.sign(r.reportDelay) * Math.log1p(Math.abs(r.reportDelay)),
    occDays: r.occDay - DAY_2020,
    rptDays: r.reportDelay === null ? null : r.occDay + r.reportDelay - DAY_2020,
    victAge: r.victAge,
    victAgeMissing: r.victAge === null ? 1 : 0,
    lat: r.lat,
    lon: r.lon,
    locationMissing: r.lat === null ? 1 : 0,
    nExtraCrimes: r.nExtraCrimes,
    nMocodes: r.mocodes.length,
    location: r.location,
    mocodeSet: mocodeSetOf(r.mocodes),
  };
  const present = new Set(r.mocodes);
  for (const m of mocodes) row[`mo_${m}`] = present.has(m) ? 1 : 0;
  return row;
}

/** The `mocodeSet` category of a case: its distinct Mocodes sorted and joined by spaces, "none" if it has none. */
export function mocodeSetOf(mocodes: ReadonlyArray<string>): string {
  if (mocodes.length === 0) return 'none';
  return [...new Set(mocodes)].sort().join(' ');
}

/** {@link featureRow} over many records. */
export function featureRows(records: ReadonlyArray<CaseRecord>, mocodes: ReadonlyArray<string>): FeatureRow[] {
  return records.map((r) => featureRow(r, mocodes));
}

/**
 * {@link topMocodes} over the compact columns: the `k` most frequent Mocodes among the cases
 * `rows` (each case counted once per Mocode, ties broken by code). Pass the training rows only.
 */
export function topMocodesOf(cases: CaseColumns, rows: Int32Array, k: number): string[] {
  const { offsets, codes, values } = cases.mocodes;
  const counts = new Int32Array(values.length);
  const lastRow = new Int32Array(values.length).fill(-1);
  for (const i of rows) {
    for (let t = offsets[i]!; t < offsets[i + 1]!; t++) {
      const c = codes[t]!;
      if (lastRow[c] === i) continue; // a Mocode repeated within one case counts once
      lastRow[c] = i;
      counts[c]!++;
    }
  }
  const seen: number[] = [];
  for (let c = 0; c < values.length; c++) if (counts[c]! > 0) seen.push(c);
  const byCode = (a: number, b: number): number => (values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : 0);
  return seen
    .sort((a, b) => counts[b]! - counts[a]! || byCode(a, b))
    .slice(0, k)
    .map((c) => values[c]!);
}

/** The case field each categorical feature comes from (`dayOfWeek` is derived from the day). */
const CATEGORICAL_SOURCE: Record<Exclude<(typeof CATEGORICAL_FEATURES)[number], 'dayOfWeek'>, CaseCategorical> = {
  area: 'area',
  rptDist: 'rptDist',
  part: 'part',
  crimeCode: 'crimeCode',
  premiseCode: 'premiseCode',
  weaponCode: 'weaponCode',
  victSex: 'victSex',
  victDescent: 'victDescent',
};

/**
 * A dictionary column restricted to `rows`: codes renumbered in order of first appearance, and
 * only the values present in these rows (so a category seen only in the test split never reaches
 * the training table's dictionary). `rows` null: `codes` are already the rows'.
 */
function categoricalOf(
  codes: ArrayLike<number>,
  values: ReadonlyArray<string>,
  rows: Int32Array | null,
): CategoricalColumn {
  const n = rows === null ? codes.length : rows.length;
  const remap = new Int32Array(values.length).fill(-1);
  const categories: string[] = [];
  const out = values.length <= 32_768 ? new Int16Array(n) : new Int32Array(n);
  for (let p = 0; p < n; p++) {
    const c = codes[rows === null ? p : rows[p]!]!;
    let r = remap[c]!;
    if (r === -1) {
      r = categories.length;
      remap[c] = r;
      categories.push(values[c]!);
    }
    out[p] = r;
  }
  return { kind: 'categorical', codes: out, categories };
}

const numeric = (values: NumericColumn['values']): NumericColumn => ({ kind: 'numeric', values });

/**
 * The feature table of the cases `rows` (in that order) as a `ColumnarTable`: the same columns and
 * values as {@link featureRows} (the {@link DATE_FEATURES} included), stored as columns —
 * categorical features as dictionary codes, numeric ones as Float32Array (NaN = missing) or
 * Uint8/Uint16 counts and flags, one Uint8Array 0/1 column per Mocode of the vocabulary. Numbers
 * are rounded to float32 (what the network sees). Of the {@link TARGET_ONLY_FEATURES} only those in
 * `targetOnly` (after the other categorical features): `mocodeSet` costs a string per row to build.
 */
export function featureTable(
  cases: CaseColumns,
  rows: Int32Array,
  mocodes: ReadonlyArray<string>,
  targetOnly: ReadonlyArray<TargetOnlyFeature> = [],
): ColumnarTable {
  const n = rows.length;
  const columns = new Map<string, TableColumn>();
  for (const f of CATEGORICAL_FEATURES) {
    if (f === 'dayOfWeek') {
      const dow = new Int8Array(n);
      for (let p = 0; p < n; p++) dow[p] = (((cases.occDay[rows[p]!]! % 7) + 11) % 7) as number; // 1970-01-01: Thu
      columns.set(f, categoricalOf(dow, DAY_NAMES, null));
    } else {
      const col = cases.categorical[CATEGORICAL_SOURCE[f]];
      columns.set(f, categoricalOf(col.codes, col.values, rows));
    }
  }
  if (targetOnly.includes('location')) {
    const location = cases.categorical.location;
    columns.set('location', categoricalOf(location.codes, location.values, rows));
  }
  if (targetOnly.includes('mocodeSet')) columns.set('mocodeSet', mocodeSetColumn(cases, rows));
  const hour = new Float32Array(n);
  const hourSin = new Float32Array(n);
  const hourCos = new Float32Array(n);
  const month = new Uint8Array(n);
  const reportDelayLog = new Float32Array(n);
  const occDays = new Float32Array(n);
  const rptDays = new Float32Array(n);
  const victAge = new Float32Array(n);
  const victAgeMissing = new Uint8Array(n);
  const lat = new Float32Array(n);
  const lon = new Float32Array(n);
  const locationMissing = new Uint8Array(n);
  const nExtraCrimes = new Uint8Array(n);
  const nMocodes = new Uint16Array(n);
  const monthOf = monthTable(cases.occDay, rows);
  const { offsets } = cases.mocodes;
  for (let p = 0; p < n; p++) {
    const i = rows[p]!;
    const h = cases.hour[i]!;
    const angle = (2 * Math.PI * h) / 24;
    hour[p] = h === -1 ? Number.NaN : h;
    hourSin[p] = h === -1 ? Number.NaN : Math.sin(angle);
    hourCos[p] = h === -1 ? Number.NaN : Math.cos(angle);
    month[p] = monthOf(cases.occDay[i]!);
    const d = cases.reportDelay[i]!;
    reportDelayLog[p] = Math.sign(d) * Math.log1p(Math.abs(d)); // NaN stays NaN
    occDays[p] = cases.occDay[i]! - DAY_2020;
    rptDays[p] = cases.occDay[i]! + d - DAY_2020; // NaN stays NaN
    const age = cases.victAge[i]!;
    victAge[p] = age;
    victAgeMissing[p] = Number.isNaN(age) ? 1 : 0;
    lat[p] = cases.lat[i]!;
    lon[p] = cases.lon[i]!;
    locationMissing[p] = Number.isNaN(cases.lat[i]!) ? 1 : 0;
    nExtraCrimes[p] = cases.nExtraCrimes[i]!;
    nMocodes[p] = offsets[i + 1]! - offsets[i]!;
  }
  const numerics: Record<(typeof NUMERIC_FEATURES)[number] | DateFeature, NumericColumn['values']> = {
    hour,
    hourSin,
    hourCos,
    month,
    reportDelayLog,
    occDays,
    rptDays,
    victAge,
    victAgeMissing,
    lat,
    lon,
    locationMissing,
    nExtraCrimes,
    nMocodes,
  };
  for (const f of [...NUMERIC_FEATURES, ...DATE_FEATURES]) columns.set(f, numeric(numerics[f]));
  for (const [m, values] of mocodeIndicators(cases, rows, mocodes)) columns.set(`mo_${m}`, numeric(values));
  return { nRows: n, columns };
}

/**
 * The `mocodeSet` column of the cases `rows` ({@link mocodeSetOf} of each): dictionary codes in order
 * of first appearance. Each row's distinct Mocodes are sorted by their 4-digit text.
 */
function mocodeSetColumn(cases: CaseColumns, rows: Int32Array): CategoricalColumn {
  const { offsets, codes, values } = cases.mocodes;
  const n = rows.length;
  const index = new Map<string, number>();
  const categories: string[] = [];
  const out = new Int32Array(n);
  const parts: string[] = [];
  for (let p = 0; p < n; p++) {
    const i = rows[p]!;
    parts.length = 0;
    for (let t = offsets[i]!; t < offsets[i + 1]!; t++) parts.push(values[codes[t]!]!);
    const key = mocodeSetOf(parts);
    let c = index.get(key);
    if (c === undefined) {
      c = categories.length;
      index.set(key, c);
      categories.push(key);
    }
    out[p] = c;
  }
  return { kind: 'categorical', codes: categories.length <= 32_768 ? Int16Array.from(out) : out, categories };
}

/** One 0/1 Uint8Array per Mocode of the vocabulary, over the cases `rows`. */
function mocodeIndicators(
  cases: CaseColumns,
  rows: Int32Array,
  mocodes: ReadonlyArray<string>,
): Array<[string, Uint8Array]> {
  const { offsets, codes, values } = cases.mocodes;
  const columnOf = new Int32Array(values.length).fill(-1);
  const position = new Map(values.map((v, c) => [v, c] as const));
  const out: Array<[string, Uint8Array]> = mocodes.map((m, j) => {
    const c = position.get(m);
    if (c !== undefined) columnOf[c] = j;
    return [m, new Uint8Array(rows.length)];
  });
  for (let p = 0; p < rows.length; p++) {
    const i = rows[p]!;
    for (let t = offsets[i]!; t < offsets[i + 1]!; t++) {
      const j = columnOf[codes[t]!]!;
      if (j !== -1) out[j]![1][p] = 1;
    }
  }
  return out;
}

/** Month (1–12) of a day number, looked up in a table over the days of `rows`. */
function monthTable(occDay: Int32Array, rows: Int32Array): (day: number) => number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const i of rows) {
    const d = occDay[i]!;
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  if (rows.length === 0) return () => 0;
  const table = new Uint8Array(hi - lo + 1);
  for (let d = lo; d <= hi; d++) table[d - lo] = new Date(d * 86_400_000).getUTCMonth() + 1;
  return (day) => table[day - lo]!;
}
