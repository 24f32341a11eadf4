/**
 * Loading and cleaning LAPD crime rows: a streaming CSV reader (csv-parse, bounded memory) and the
 * cleaning rules of the example's README; the cell parsers (dates, codes, hours) are in `cells.ts`.
 *
 * @module
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { DataValidationError } from 'imbalanced-tabular';
import { type CellParsers, memoParsers, PLAIN_PARSERS } from './cells.js';
import { AREAS } from './codes.js';

export {
  type CellParsers,
  memoParsers,
  normalizeCode,
  parseDay,
  parseHour,
  parseMocode,
  PLAIN_PARSERS,
} from './cells.js';

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
  /**
   * `LOCATION` (the block address, e.g. "5400 CORTEEN PL", or the street of an intersection):
   * upper case, runs of whitespace as one space, "none" when empty. Kept as a category for target
   * encoding (tens of thousands of values in the full table: too many to one-hot).
   */
  location: string;
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

/** A finite number, null for an empty cell, undefined for a cell that is not a number. */
function parseNumber(text: string | undefined): number | null | undefined {
  const s = (text ?? '').trim();
  if (s === '') return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}

const AREA_BY_NUMBER = new Map(AREAS.map((a) => [String(a[0]), a[1]] as const));

const EXTRA_CRIME_COLUMNS = ['Crm Cd 2', 'Crm Cd 3', 'Crm Cd 4'];

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
 * Cross Street, the `…Desc` columns that duplicate a code, `Status` which duplicates the
 * target); LOCATION is kept normalized (upper case, one space between words); victim age ≤ 0 →
 * missing; victim sex/descent empty or '-' → 'X'; LAT/LON of 0 → missing; codes lose leading
 * zeros and float tails; a missing weapon code is "none". A row without `Status Desc` or with an
 * unreadable `DATE OCC` is malformed. In a kept row, a cell that does not hold what its column
 * holds (`Vict Age` "forty", `LAT` "n/a", `TIME OCC` "2575", `Date Rptd` "yesterday", a Mocode
 * "03A4") becomes missing and is passed to `onUnreadable` (column, cell).
 */
export function cleanRow(
  get: (column: string) => string | undefined,
  intern: (s: string) => string = (s) => s,
  onUnreadable: (column: string, value: string) => void = () => undefined,
  parsers: CellParsers = PLAIN_PARSERS,
): CaseRecord | string {
  const { day, code, hour: parseHourCell, mocode } = parsers;
  const status = (get('Status Desc') ?? '').trim();
  if (status === '') return 'missing Status Desc';
  const occDay = day(get('DATE OCC') ?? '');
  if (occDay === null) return 'unreadable DATE OCC';
  const areaNum = code(get('AREA'));
  const areaName = (get('AREA NAME') ?? '').trim() || AREA_BY_NUMBER.get(areaNum) || areaNum;
  const crimeCode = code(get('Crm Cd'));
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
  const rptDay = parsed('Date Rptd', day);
  const hour = parsed('TIME OCC', parseHourCell);
  const age = number('Vict Age');
  const sex = (get('Vict Sex') ?? '').trim();
  const descent = (get('Vict Descent') ?? '').trim();
  const lat = number('LAT');
  const lon = number('LON');
  const known = lat !== null && lon !== null && lat !== 0 && lon !== 0;
  let nExtra = 0;
  for (const c of EXTRA_CRIME_COLUMNS) if (code(get(c)) !== '') nExtra++;
  const mocodes: string[] = [];
  for (const m of (get('Mocodes') ?? '').trim().split(/\s+/)) {
    const padded = m === '' ? null : mocode(m);
    if (padded !== null) mocodes.push(intern(padded));
    else if (m !== '') onUnreadable('Mocodes', m);
  }
  return {
    status: intern(status),
    occDay,
    reportDelay: rptDay === null ? null : rptDay - occDay,
    hour,
    area: intern(areaName),
    rptDist: intern(code(get('Rpt Dist No')) || 'none'),
    part: intern(code(get('Part 1-2')) || 'none'),
    crimeCode: intern(crimeCode),
    premiseCode: intern(code(get('Premis Cd')) || 'none'),
    weaponCode: intern(code(get('Weapon Used Cd')) || 'none'),
    victAge: age === null || age <= 0 ? null : age,
    victSex: intern(sex === '' || sex === '-' ? 'X' : sex),
    victDescent: intern(descent === '' || descent === '-' ? 'X' : descent),
    lat: known ? lat : null,
    lon: known ? lon : null,
    nExtraCrimes: nExtra,
    mocodes,
    location: intern(normalizeLocation(get('LOCATION'))),
  };
}

/** A `LOCATION` cell as a category: trimmed, upper case, whitespace runs as one space; "none" when empty. */
export function normalizeLocation(cell: string | undefined): string {
  const text = (cell ?? '').trim();
  return text === '' ? 'none' : text.replace(/\s+/g, ' ').toUpperCase();
}

/** Options of {@link loadCsv} and {@link loadRows}. */
export interface LoadOptions {
  /** Keep only the first N data rows. */
  limit?: number;
  /**
   * Called every {@link PROGRESS_EVERY} rows read, with the bytes read from the file so far (0 for
   * rows already in memory).
   */
  onProgress?: (rowsRead: number, bytesRead: number) => void;
}

/** Rows between two {@link LoadOptions.onProgress} calls. */
export const PROGRESS_EVERY = 10_000;

/** What a load reports besides the rows it keeps. */
export type LoadReport = Omit<LoadResult, 'records'>;

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

/**
 * A row reader for cases whose status is not known yet (new cases to predict): `Status Desc`
 * reads as "unknown", so {@link cleanRow} keeps the row by its other rules.
 */
export function withoutTarget(get: (column: string) => string | undefined): (column: string) => string | undefined {
  return (c) => (c === 'Status Desc' ? 'unknown' : get(c));
}

/**
 * The cleaning of one load: the malformed and unreadable reports, the interner and the memoised
 * parsers, and `take(get, line)` which cleans a row and hands a kept record to `keep`.
 */
function cleaner(keep: (record: CaseRecord) => void, target: 'required' | 'absent' = 'required') {
  const report: LoadReport = {
    rowsRead: 0,
    malformed: { count: 0, reasons: new Map(), examples: [] },
    unreadable: { count: 0, columns: new Map(), examples: [] },
  };
  const interner = new Interner();
  const intern = (s: string): string => interner.get(s);
  const parsers = memoParsers();
  let line = 0;
  const onUnreadable = (column: string, value: string): void => addUnreadable(report.unreadable, column, value, line);
  return {
    report,
    malformed: (reason: string, at: number) => addMalformed(report.malformed, reason, at),
    take(get: (column: string) => string | undefined, at: number): void {
      line = at;
      const r = cleanRow(target === 'required' ? get : withoutTarget(get), intern, onUnreadable, parsers);
      if (typeof r === 'string') addMalformed(report.malformed, r, at);
      else keep(r);
    },
  };
}

/**
 * Record delimiters: CRLF and LF, both in one file. (csv-parse's default guesses ONE delimiter
 * from the first line; a CRLF file with a single LF-only line then glues that line to the next
 * one inside a field, silently losing a row.)
 */
const RECORD_DELIMITERS = ['\r\n', '\n'];

/**
 * Streams a CSV export of the table (csv-parse), cleans each row and hands each kept record to
 * `keep` — which decides what is kept (a record array in {@link loadCsv}, compact columns in
 * `loadCsvColumns`); nothing else per row outlives the call. Malformed rows are counted, never fatal.
 *
 * @throws DataValidationError when the header lacks a required column (the file is not an export
 * of the table), or the file is empty.
 * @throws DataFileError when the file cannot be read (missing, a directory, no permission).
 */
export async function streamCsv(
  path: string,
  options: LoadOptions,
  keep: (record: CaseRecord) => void,
): Promise<LoadReport> {
  const clean = cleaner(keep);
  clean.report.rowsRead = await readCsvRows(path, options, REQUIRED_COLUMNS, clean.take, clean.malformed);
  return clean.report;
}

/**
 * Streams the cases to predict of a CSV export (no `Status Desc` needed): each row the cleaning
 * keeps is handed to `keep` with its cells (`get`) and its record; the rest are counted in the
 * report, as {@link streamCsv} counts them. `keep` may return a Promise (awaited: back-pressure).
 *
 * @throws DataValidationError / DataFileError as {@link streamCsv}.
 */
export async function streamNewCases(
  path: string,
  options: LoadOptions,
  keep: (get: (column: string) => string | undefined, record: CaseRecord) => void | Promise<void>,
): Promise<LoadReport> {
  let pending: Promise<void> | undefined;
  let get: (column: string) => string | undefined = () => undefined;
  const clean = cleaner((record) => {
    const p = keep(get, record);
    pending = p instanceof Promise ? p : undefined;
  }, 'absent');
  const required = [...REQUIRED_COLUMNS.filter((c) => c !== 'Status Desc'), 'DR_NO'];
  clean.report.rowsRead = await readCsvRows(
    path,
    options,
    required,
    async (g, line) => {
      get = g;
      pending = undefined;
      clean.take(g, line);
      await (pending as Promise<void> | undefined);
    },
    clean.malformed,
  );
  return clean.report;
}

/**
 * The CSV reading both streams share: csv-parse with both record delimiters, the header checked
 * for `required`, rows of the wrong width and CSV syntax errors passed to `malformed`, every other
 * row to `row` (awaited when it returns a Promise). Returns the number of data rows read.
 */
async function readCsvRows(
  path: string,
  options: LoadOptions,
  required: ReadonlyArray<string>,
  row: (get: (column: string) => string | undefined, line: number) => void | Promise<void>,
  malformed: (reason: string, line: number) => void,
): Promise<number> {
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
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
  parser.on('skip', (err: Error & { lines?: number }) => {
    malformed(`CSV syntax (${err.message.split(':')[0]})`, err.lines ?? -1);
  });
  let rowsRead = 0;
  let index: Map<string, number> | undefined;
  let width = 0;
  let cells: string[] = [];
  const get = (c: string): string | undefined => {
    const i = index!.get(c);
    return i === undefined ? undefined : cells[i];
  };
  for await (const record of parser as AsyncIterable<string[]>) {
    if (!index) {
      index = new Map(record.map((c, i) => [c.trim(), i] as const));
      width = record.length;
      const missing = required.filter((c) => !index!.has(c));
      if (missing.length > 0) {
        file.destroy();
        parser.destroy();
        throw new DataValidationError(
          `loadCsv: ${path} lacks the column(s) ${missing.map((m) => `'${m}'`).join(', ')}. ` +
            'Expected a CSV export of "Crime Data from 2020 to Present" with its official header; ' +
            `received the header ${JSON.stringify(record.slice(0, 8))}…`,
          { param: 'data' },
        );
      }
      continue;
    }
    if (options.limit !== undefined && rowsRead >= options.limit) {
      file.destroy();
      break;
    }
    const n = ++rowsRead;
    if (options.onProgress && n % PROGRESS_EVERY === 0) options.onProgress(n, file.bytesRead);
    if (record.length !== width) {
      malformed(`wrong number of fields (expected ${width})`, n + 1);
      continue;
    }
    cells = record;
    const p = row(get, n + 1);
    if (p) await p;
  }
  if (!index)
    throw new DataValidationError(`loadCsv: ${path} is empty; expected a CSV export with a header row.`, {
      param: 'data',
    });
  return rowsRead;
}

/**
 * The report of a load in lines, as the example prints it: rows read, kept and malformed (with the
 * reasons and a few examples), and the unreadable values per column.
 */
export function reportLines(report: LoadReport, kept: number): string[] {
  const lines = [
    `Rows read ${report.rowsRead.toLocaleString('en-US')}, kept ${kept.toLocaleString('en-US')}, ` +
      `malformed ${report.malformed.count}.`,
  ];
  for (const [r, n] of report.malformed.reasons) lines.push(`  malformed: ${r} — ${n} row(s)`);
  for (const e of report.malformed.examples) lines.push(`    e.g. ${e}`);
  if (report.unreadable.count > 0) {
    const perColumn = [...report.unreadable.columns].map(([c, n]) => `${c} ${n}`).join(', ');
    lines.push(`Unreadable values, kept as missing: ${perColumn}.`);
    for (const e of report.unreadable.examples) lines.push(`    e.g. ${e}`);
  }
  return lines;
}

/**
 * Streams a CSV export of the table into clean records (memory grows with the kept records, not
 * with the file); see {@link streamCsv}. For a million rows prefer `loadCsvColumns` (compact columns).
 *
 * @throws DataValidationError when the header lacks a required column, or the file is empty.
 * @throws DataFileError when the file cannot be read (missing, a directory, no permission).
 */
export async function loadCsv(path: string, options: LoadOptions = {}): Promise<LoadResult> {
  const records: CaseRecord[] = [];
  const report = await streamCsv(path, options, (r) => records.push(r));
  return { records, ...report };
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

/**
 * Cleans rows already in memory (e.g. the synthetic generator's) with the same rules as
 * {@link streamCsv}, handing each kept record to `keep`.
 */
export function cleanRows(
  rows: Iterable<Readonly<Record<string, string>>>,
  options: LoadOptions,
  keep: (record: CaseRecord) => void,
): LoadReport {
  const clean = cleaner(keep);
  const { report } = clean;
  for (const row of rows) {
    if (options.limit !== undefined && report.rowsRead >= options.limit) break;
    const n = ++report.rowsRead;
    if (options.onProgress && n % PROGRESS_EVERY === 0) options.onProgress(n, 0);
    clean.take((c) => row[c], n + 1);
  }
  return report;
}

/** Cleans rows already in memory (e.g. the synthetic generator's), with the same rules as {@link loadCsv}. */
export function loadRows(rows: Iterable<Readonly<Record<string, string>>>, options: LoadOptions = {}): LoadResult {
  const records: CaseRecord[] = [];
  const report = cleanRows(rows, options, (r) => records.push(r));
  return { records, ...report };
}
