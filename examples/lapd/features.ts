/**
 * Feature rows for the Encoder, built from cleaned {@link CaseRecord}s.
 *
 * @module
 */
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

/** The names of the numeric columns given the Mocode vocabulary (numeric features, then `mo_XXXX`). */
export function numericColumns(mocodes: ReadonlyArray<string>): string[] {
  return [...NUMERIC_FEATURES, ...mocodes.map((m) => `mo_${m}`)];
}

/**
 * Builds one feature row: hour (also as sine/cosine), day of week and month of occurrence, days
 * between occurrence and report (signed log1p), area, reporting district, Part 1-2, crime, premise
 * and weapon codes, victim age (missing kept as null, with an indicator), sex and descent, LAT/LON
 * (missing kept as null, with an indicator), the number of extra crime codes, the number of Mocodes
 * and one 0/1 indicator per Mocode of the vocabulary.
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
    victAge: r.victAge,
    victAgeMissing: r.victAge === null ? 1 : 0,
    lat: r.lat,
    lon: r.lon,
    locationMissing: r.lat === null ? 1 : 0,
    nExtraCrimes: r.nExtraCrimes,
    nMocodes: r.mocodes.length,
  };
  const present = new Set(r.mocodes);
  for (const m of mocodes) row[`mo_${m}`] = present.has(m) ? 1 : 0;
  return row;
}

/** {@link featureRow} over many records. */
export function featureRows(records: ReadonlyArray<CaseRecord>, mocodes: ReadonlyArray<string>): FeatureRow[] {
  return records.map((r) => featureRow(r, mocodes));
}
