/**
 * Loading and cleaning LAPD crime rows: a streaming CSV reader (csv-parse, bounded memory), the
 * date and code parsers real exports need, and the cleaning rules of the example's README.
 *
 * @module
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { DataValidationError } from 'imbalanced-tabular';
import { AREAS } from './codes.js';

/**
 * One case after cleaning: identifiers and free text dropped, codes normalised, dates parsed.
 * Missing values are `null`.
 */
export interface CaseRecord {
  /** `Status Desc`, the target (e.g. "Invest Cont"). */
  status: string;
  /** Day of occurrence, as days since 1970-01-01 (UTC). */
  occDay: number;
  /** Days between occurrence and report (`Date Rptd − DATE OCC`), or null when unknown. */
  reportDelay: number | null;
  /** Hour of occurrence 0–23 (from `TIME OCC`), or null. */
  hour: number | null;
  /** Area name (from `AREA NAME`, or from the area number when the name is missing). */
  area: string;
  /** Reporting district (`Rpt Dist No`, leading zeros removed). */
  rptDist: string;
  /** `Part 1-2` ("1" or "2"). */
  part: string;
  /** Crime code (`Crm Cd`, leading zeros removed). */
  crimeCode: string;
  /** Premise code, or "none". */
  premiseCode: string;
  /** Weapon code, or "none" when no weapon is recorded. */
  weaponCode: string;
  /** Victim age; ages ≤ 0 (entities, unknown) become null. */
  victAge: number | null;
  /** Victim sex; empty or '-' becomes 'X'. */
  victSex: string;
  /** Victim descent; empty or '-' becomes 'X'. */
  victDescent: string;
  /** Latitude; 0 or empty becomes null. */
  lat: number | null;
  /** Longitude; 0 or empty becomes null. */
  lon: number | null;
  /** Number of extra crime codes (`Crm Cd 2..4` that are present). */
  nExtraCrimes: number;
  /** Mocodes, each as 4 digits. */
  mocodes: string[];
}

/** Why rows were skipped, with counts; and the first few examples. */
export interface MalformedReport {
  /** Total skipped rows. */
  count: number;
  /** Reason → number of rows. */
  reasons: Map<string, number>;
  /** Up to 5 examples: line number and reason. */
  examples: string[];
}

/**
 * Cells of kept rows that do not hold what their column holds — a number (`Vict Age`, `LAT`,
 * `LON`), an hour (`TIME OCC`), a date (`Date Rptd`), 1–4 digit codes (`Mocodes`): each is kept as
 * missing (a bad Mocode is left out) and counted here per column, never silently.
 */
export interface UnreadableReport {
  /** Total unreadable cells (Mocodes: tokens). */
  count: number;
  /** Column → number of unreadable cells. */
  columns: Map<string, number>;
  /** Up to 5 examples: line number, column and value. */
  examples: string[];
}

/** The result of {@link loadCsv}. */
export interface LoadResult {
  /** Clean records, in file order. */
  records: CaseRecord[];
  /** Data rows read (excluding the header), kept or not. */
  rowsRead: number;
  /** Rows that could not be used. */
  malformed: MalformedReport;
  /** Cells of kept rows that could not be read, per column (kept as missing). */
  unreadable: UnreadableReport;
}

/**
 * A `--data` file that cannot be read at all: missing, a directory, not readable. (A file that is
 * read but lacks the table's columns is a `DataValidationError`.)
 */
export class DataFileError extends Error {
  /** The path that was given. */
  readonly path: string;

  constructor(message: string, path: string) {
    super(message);
    this.name = 'DataFileError';
    this.path = path;
  }
}

/** The columns the example needs; others are ignored. */
export const REQUIRED_COLUMNS = [
  'Date Rptd',
  'DATE OCC',
  'TIME OCC',
  'AREA',
  'AREA NAME',
  'Rpt Dist No',
  'Part 1-2',
  'Crm Cd',
  'Mocodes',
  'Vict Age',
  'Vict Sex',
  'Vict Descent',
  'Premis Cd',
  'Weapon Used Cd',
  'Status Desc',
  'Crm Cd 2',
  'Crm Cd 3',
  'Crm Cd 4',
  'LAT',
  'LON',
] as const;

const DAY_MS = 86_400_000;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses the date formats seen in exports of the table into a UTC day number (days since
 * 1970-01-01), or null: "03/01/2020 12:00:00 AM", "03/01/2020 0:00", "03/01/2020",
 * "2020-03-01T00:00:00(.000)(Z)". The time part is ignored (the table stores the time in `TIME OCC`).
 */
export function parseDay(text: string): number | null {
  const s = text.trim();
  let y: number;
  let mo: number;
  let d: number;
  const us = US_DATE.exec(s);
  const iso = us ? null : ISO_DATE.exec(s);
  if (us) {
    mo = Number(us[1]);
    d = Number(us[2]);
    y = Number(us[3]);
  } else if (iso) {
    y = Number(iso[1]);
    mo = Number(iso[2]);
    d = Number(iso[3]);
  } else return null;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null; // e.g. 02/30
  return Math.round(ms / DAY_MS);
}

/** Normalises a numeric code: trims, drops a ".0" float tail and leading zeros ("0377" → "377"); '' stays ''. */
export function normalizeCode(text: string | undefined): string {
  const s = (text ?? '').trim();
  if (s === '') return '';
  const m = /^0*(\d+)(?:\.0+)?$/.exec(s);
  if (!m) return s;
  return m[1] === '' ? '0' : m[1]!;
}

/** Hour 0–23 from `TIME OCC` ("1730", "0415", "415", "5"), or null. */
export function parseHour(text: string): number | null {
  const s = text.trim();
  if (!/^\d{1,4}(?:\.0+)?$/.test(s)) return null;
  const t = Math.trunc(Number(s));
  const h = Math.floor(t / 100);
  const min = t % 100;
  return h <= 23 && min <= 59 ? h : null;
}

/** A finite number, null for an empty cell, undefined for a cell that is not a number. */
function parseNumber(text: string | undefined): number | null | undefined {
  const s = (text ?? '').trim();
  if (s === '') return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}

const AREA_BY_NUMBER = new Map(AREAS.map((a) => [String(a[0]), a[1]] as const));

/** Values repeated across rows are shared (interned) to keep memory bounded on large files. */
class Interner {
  private readonly map = new Map<string, string>();
  get(s: string): string {
    const v = this.map.get(s);
    if (v !== undefined) return v;
    if (this.map.size < 100_000) this.map.set(s, s);
    return s;
  }
}

/**
 * Cleans one raw row (column name → cell) into a {@link CaseRecord}, or returns the reason it is
 * unusable.
 *
 * @remarks The rules (see the example's README): identifiers and free text are dropped (DR_NO,
 * LOCATION, Cross Street, the `…Desc` columns that duplicate a code, `Status` which duplicates the
 * target); victim age ≤ 0 → missing; victim sex/descent empty or '-' → 'X'; LAT/LON of 0 → missing;
 * codes lose leading zeros and float tails; a missing weapon code is "none". A row without
 * `Status Desc` or with an unreadable `DATE OCC` is malformed. In a kept row, a cell that does not
 * hold what its column holds (`Vict Age` "forty", `LAT` "n/a", `TIME OCC` "2575", `Date Rptd`
 * "yesterday", a Mocode "03A4") becomes missing and is passed to `onUnreadable` (column, cell).
 */
export function cleanRow(
  get: (column: string) => string | undefined,
  intern: (s: string) => string = (s) => s,
  onUnreadable: (column: string, value: string) => void = () => undefined,
): CaseRecord | string {
  const status = (get('Status Desc') ?? '').trim();
  if (status === '') return 'missing Status Desc';
  const occDay = parseDay(get('DATE OCC') ?? '');
  if (occDay === null) return 'unreadable DATE OCC';
  const areaNum = normalizeCode(get('AREA'));
  const areaName = (get('AREA NAME') ?? '').trim() || AREA_BY_NUMBER.get(areaNum) || areaNum;
  const crimeCode = normalizeCode(get('Crm Cd'));
  if (crimeCode === '') return 'missing Crm Cd';
  // From here on the row is kept: a cell that cannot be read becomes missing, and is reported.
  const number = (column: string): number | null => {
    const v = parseNumber(get(column));
    if (v !== undefined) return v;
    onUnreadable(column, get(column)!);
    return null;
  };
  const parsed = <T>(column: string, parse: (text: string) => T | null): T | null => {
    const text = get(column) ?? '';
    if (text.trim() === '') return null;
    const v = parse(text);
    if (v === null) onUnreadable(column, text);
    return v;
  };
  const rptDay = parsed('Date Rptd', parseDay);
  const hour = parsed('TIME OCC', parseHour);
  const age = number('Vict Age');
  const sex = (get('Vict Sex') ?? '').trim();
  const descent = (get('Vict Descent') ?? '').trim();
  const lat = number('LAT');
  const lon = number('LON');
  const known = lat !== null && lon !== null && lat !== 0 && lon !== 0;
  let nExtra = 0;
  for (const c of ['Crm Cd 2', 'Crm Cd 3', 'Crm Cd 4']) if (normalizeCode(get(c)) !== '') nExtra++;
  const mocodes: string[] = [];
  for (const m of (get('Mocodes') ?? '').trim().split(/\s+/)) {
    if (/^\d{1,4}$/.test(m)) mocodes.push(intern(m.padStart(4, '0')));
    else if (m !== '') onUnreadable('Mocodes', m);
  }
  return {
    status: intern(status),
    occDay,
    reportDelay: rptDay === null ? null : rptDay - occDay,
    hour,
    area: intern(areaName),
    rptDist: intern(normalizeCode(get('Rpt Dist No')) || 'none'),
    part: intern(normalizeCode(get('Part 1-2')) || 'none'),
    crimeCode: intern(crimeCode),
    premiseCode: intern(normalizeCode(get('Premis Cd')) || 'none'),
    weaponCode: intern(normalizeCode(get('Weapon Used Cd')) || 'none'),
    victAge: age === null || age <= 0 ? null : age,
    victSex: intern(sex === '' || sex === '-' ? 'X' : sex),
    victDescent: intern(descent === '' || descent === '-' ? 'X' : descent),
    lat: known ? lat : null,
    lon: known ? lon : null,
    nExtraCrimes: nExtra,
    mocodes,
  };
}

/** Options of {@link loadCsv} and {@link loadRows}. */
export interface LoadOptions {
  /** Keep only the first N data rows. */
  limit?: number;
  /** Called every 50,000 rows read. */
  onProgress?: (rowsRead: number) => void;
}

function addMalformed(report: MalformedReport, reason: string, line: number): void {
  report.count++;
  report.reasons.set(reason, (report.reasons.get(reason) ?? 0) + 1);
  if (report.examples.length < 5) report.examples.push(`line ${line}: ${reason}`);
}

function addUnreadable(report: UnreadableReport, column: string, value: string, line: number): void {
  report.count++;
  report.columns.set(column, (report.columns.get(column) ?? 0) + 1);
  if (report.examples.length < 5) report.examples.push(`line ${line}: ${column} ${JSON.stringify(value)}`);
}

function emptyReports(): { malformed: MalformedReport; unreadable: UnreadableReport } {
  return {
    malformed: { count: 0, reasons: new Map(), examples: [] },
    unreadable: { count: 0, columns: new Map(), examples: [] },
  };
}

/**
 * Record delimiters: CRLF and LF, both in one file. (csv-parse's default guesses ONE delimiter
 * from the first line; a CRLF file with a single LF-only line then glues that line to the next
 * one inside a field, silently losing a row.)
 */
const RECORD_DELIMITERS = ['\r\n', '\n'];

/**
 * Streams a CSV export of the table (csv-parse; memory grows with the kept records only, not with
 * the file), cleans each row and counts the malformed ones instead of failing.
 *
 * @throws DataValidationError when the header lacks a required column (the file is not an export
 * of the table), or the file is empty.
 * @throws DataFileError when the file cannot be read (missing, a directory, no permission).
 */
export async function loadCsv(path: string, options: LoadOptions = {}): Promise<LoadResult> {
  const file = createReadStream(path);
  const parser = file.pipe(
    parse({
      bom: true,
      relax_column_count: true,
      skip_records_with_error: true,
      relax_quotes: true,
      trim: false,
      record_delimiter: RECORD_DELIMITERS,
    }),
  );
  // pipe() does not forward the source's errors: without this a missing file or a directory
  // would crash the process with an uncaught stream error instead of rejecting here.
  file.on('error', (e: NodeJS.ErrnoException) => {
    parser.destroy(new DataFileError(`loadCsv: cannot read ${path}: ${describeFsError(e)}`, path));
  });
  const { malformed, unreadable } = emptyReports();
  parser.on('skip', (err: Error & { lines?: number }) => {
    addMalformed(malformed, `CSV syntax (${err.message.split(':')[0]})`, err.lines ?? -1);
  });
  const records: CaseRecord[] = [];
  const intern = new Interner();
  const internFn = (s: string): string => intern.get(s);
  let index: Map<string, number> | undefined;
  let width = 0;
  let rowsRead = 0;
  for await (const cells of parser as AsyncIterable<string[]>) {
    if (!index) {
      index = new Map(cells.map((c, i) => [c.trim(), i] as const));
      width = cells.length;
      const missing = REQUIRED_COLUMNS.filter((c) => !index!.has(c));
      if (missing.length > 0) {
        file.destroy();
        parser.destroy();
        throw new DataValidationError(
          `loadCsv: ${path} lacks the column(s) ${missing.map((m) => `'${m}'`).join(', ')}. ` +
            'Expected a CSV export of "Crime Data from 2020 to Present" with its official header; ' +
            `received the header ${JSON.stringify(cells.slice(0, 8))}…`,
          { param: 'data' },
        );
      }
      continue;
    }
    if (options.limit !== undefined && rowsRead >= options.limit) {
      file.destroy();
      break;
    }
    rowsRead++;
    if (options.onProgress && rowsRead % 50_000 === 0) options.onProgress(rowsRead);
    if (cells.length !== width) {
      addMalformed(malformed, `wrong number of fields (expected ${width})`, rowsRead + 1);
      continue;
    }
    const idx = index;
    const line = rowsRead + 1;
    const r = cleanRow(
      (c) => {
        const i = idx.get(c);
        return i === undefined ? undefined : cells[i];
      },
      internFn,
      (column, value) => addUnreadable(unreadable, column, value, line),
    );
    if (typeof r === 'string') addMalformed(malformed, r, line);
    else records.push(r);
  }
  if (!index)
    throw new DataValidationError(`loadCsv: ${path} is empty; expected a CSV export with a header row.`, {
      param: 'data',
    });
  return { records, rowsRead, malformed, unreadable };
}

/** A file-system error in words ("no such file", "is a directory", ...), with its code. */
export function describeFsError(e: NodeJS.ErrnoException): string {
  const words: Record<string, string> = {
    ENOENT: 'no such file',
    EISDIR: 'it is a directory, not a file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
  };
  return e.code !== undefined && words[e.code] !== undefined ? `${words[e.code]} (${e.code})` : e.message;
}

/** Cleans rows already in memory (e.g. the synthetic generator's), with the same rules as {@link loadCsv}. */
export function loadRows(rows: Iterable<Readonly<Record<string, string>>>, options: LoadOptions = {}): LoadResult {
  const { malformed, unreadable } = emptyReports();
  const records: CaseRecord[] = [];
  const intern = new Interner();
  let rowsRead = 0;
  for (const row of rows) {
    if (options.limit !== undefined && rowsRead >= options.limit) break;
    rowsRead++;
    const line = rowsRead + 1;
    const r = cleanRow(
      (c) => row[c],
      (s) => intern.get(s),
      (column, value) => addUnreadable(unreadable, column, value, line),
    );
    if (typeof r === 'string') addMalformed(malformed, r, line);
    else records.push(r);
  }
  return { records, rowsRead, malformed, unreadable };
}
