/**
 * The cleaned cases as compact columns — typed arrays for numbers, days and hours, one dictionary
 * per categorical column with Int16 codes (Int32 past 32,767 values), the Mocodes as a CSR list —
 * so a million cases take tens of megabytes instead of a million objects. Filled by the same
 * streaming reader and the same cleaning rules as {@link loadCsv} (`streamCsv`, `cleanRow`); each
 * cleaned record is written into the columns and dropped.
 *
 * @module
 */
import { type CaseRecord, cleanRows, type LoadOptions, type LoadReport, streamCsv } from './load.js';

/** The categorical fields of a {@link CaseRecord} (string-valued, dictionary-encoded). */
export const CASE_CATEGORICAL = [
  'status',
  'area',
  'rptDist',
  'part',
  'crimeCode',
  'premiseCode',
  'weaponCode',
  'victSex',
  'victDescent',
  'location',
] as const;
/** One categorical field. */
export type CaseCategorical = (typeof CASE_CATEGORICAL)[number];

/** A dictionary-encoded column: row `i` holds `values[codes[i]]`. */
export interface DictColumn {
  /** Per-row code. */
  readonly codes: Int16Array | Int32Array;
  /** The distinct values in order of first appearance. */
  readonly values: ReadonlyArray<string>;
}

/** The Mocodes of every case: those of row `i` are `values[codes[k]]` for `offsets[i] ≤ k < offsets[i + 1]`. */
export interface MocodeList {
  /** `rows + 1` offsets into `codes`. */
  readonly offsets: Int32Array;
  /** One code per Mocode occurrence, in the row's order. */
  readonly codes: Int16Array | Int32Array;
  /** The distinct Mocodes (4 digits) in order of first appearance. */
  readonly values: ReadonlyArray<string>;
}

/**
 * Cleaned cases by column (the fields of {@link CaseRecord}). Missing numbers are `NaN`, a missing
 * hour is `-1`.
 */
export interface CaseColumns {
  /** Number of cases. */
  readonly rows: number;
  /** The categorical fields (the target `status` included). */
  readonly categorical: Readonly<Record<CaseCategorical, DictColumn>>;
  /** Day of occurrence (days since 1970-01-01). */
  readonly occDay: Int32Array;
  /** Days between occurrence and report, NaN when unknown (integers: exact in float32). */
  readonly reportDelay: Float32Array;
  /** Hour 0–23, or -1. */
  readonly hour: Int8Array;
  /** Victim age, NaN when missing. */
  readonly victAge: Float64Array;
  /** Latitude, NaN when missing. */
  readonly lat: Float64Array;
  /** Longitude, NaN when missing. */
  readonly lon: Float64Array;
  /** Number of extra crime codes. */
  readonly nExtraCrimes: Uint8Array;
  /** The Mocodes. */
  readonly mocodes: MocodeList;
}

/** The result of {@link loadCsvColumns}: the columns and the load's reports. */
export interface ColumnsLoad extends LoadReport {
  /** The kept cases. */
  cases: CaseColumns;
}

type Typed = Int8Array | Uint8Array | Int16Array | Int32Array | Float32Array | Float64Array;
type TypedCtor<T extends Typed> = { new (n: number): T };

/** A typed array that doubles when full; `finish()` trims it to the rows written. */
class Growable<T extends Typed> {
  data: T;
  length = 0;
  constructor(
    private readonly Ctor: TypedCtor<T>,
    capacity: number,
  ) {
    this.data = new Ctor(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) this.grow(this.length * 2);
    this.data[this.length++] = v;
  }
  grow(capacity: number): void {
    const next = new this.Ctor(capacity);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  /**
   * The values written: a view when at least 80% of the buffer is used (no second copy at the
   * peak of a load; the row estimate from the file size is usually within a few per cent), else a
   * trimmed copy.
   */
  finish(): T {
    if (this.length >= 0.8 * this.data.length) return this.data.subarray(0, this.length) as T;
    return this.data.slice(0, this.length) as T;
  }
}

/** Codes for a growing dictionary: Int16 while it has ≤ 32,767 values, then Int32. */
class DictBuilder {
  private readonly index = new Map<string, number>();
  readonly values: string[] = [];
  private codes16: Growable<Int16Array> | undefined;
  private codes32: Growable<Int32Array> | undefined;
  constructor(capacity: number) {
    this.codes16 = new Growable(Int16Array, capacity);
  }
  code(value: string): number {
    let c = this.index.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.index.set(value, c);
      this.values.push(value);
    }
    return c;
  }
  push(value: string): void {
    const c = this.code(value);
    if (this.codes16 && c > 32_767) {
      const wide = new Growable(Int32Array, this.codes16.data.length);
      wide.data.set(this.codes16.data.subarray(0, this.codes16.length));
      wide.length = this.codes16.length;
      this.codes32 = wide;
      this.codes16 = undefined;
    }
    (this.codes16 ?? this.codes32)!.push(c);
  }
  finish(): DictColumn {
    return { codes: (this.codes16 ?? this.codes32)!.finish(), values: this.values };
  }
}

/**
 * Writes cleaned records into compact columns, one `push` per case; `finish()` returns the
 * {@link CaseColumns}. `capacity` is a first guess of the row count (the arrays grow as needed).
 */
export class CaseColumnsBuilder {
  private readonly dicts: Record<CaseCategorical, DictBuilder>;
  private readonly occDay: Growable<Int32Array>;
  private readonly reportDelay: Growable<Float32Array>;
  private readonly hour: Growable<Int8Array>;
  private readonly victAge: Growable<Float64Array>;
  private readonly lat: Growable<Float64Array>;
  private readonly lon: Growable<Float64Array>;
  private readonly nExtraCrimes: Growable<Uint8Array>;
  private readonly moOffsets: Growable<Int32Array>;
  private readonly mocodes: DictBuilder;
  private rows = 0;

  constructor(capacity = 1024) {
    const dicts = {} as Record<CaseCategorical, DictBuilder>;
    for (const c of CASE_CATEGORICAL) dicts[c] = new DictBuilder(capacity);
    this.dicts = dicts;
    this.occDay = new Growable(Int32Array, capacity);
    this.reportDelay = new Growable(Float32Array, capacity);
    this.hour = new Growable(Int8Array, capacity);
    this.victAge = new Growable(Float64Array, capacity);
    this.lat = new Growable(Float64Array, capacity);
    this.lon = new Growable(Float64Array, capacity);
    this.nExtraCrimes = new Growable(Uint8Array, capacity);
    this.moOffsets = new Growable(Int32Array, capacity + 1);
    this.moOffsets.push(0);
    this.mocodes = new DictBuilder(capacity * 3);
  }

  /** Appends one case. */
  push(r: CaseRecord): void {
    for (const c of CASE_CATEGORICAL) this.dicts[c].push(r[c]);
    this.occDay.push(r.occDay);
    this.reportDelay.push(r.reportDelay ?? Number.NaN);
    this.hour.push(r.hour ?? -1);
    this.victAge.push(r.victAge ?? Number.NaN);
    this.lat.push(r.lat ?? Number.NaN);
    this.lon.push(r.lon ?? Number.NaN);
    this.nExtraCrimes.push(r.nExtraCrimes);
    for (const m of r.mocodes) this.mocodes.push(m);
    this.moOffsets.push(this.moOffsets.data[this.moOffsets.length - 1]! + r.mocodes.length);
    this.rows++;
  }

  /** The columns written so far (views or trimmed copies; the builder should not be used afterwards). */
  finish(): CaseColumns {
    const categorical = {} as Record<CaseCategorical, DictColumn>;
    for (const c of CASE_CATEGORICAL) categorical[c] = this.dicts[c].finish();
    const mo = this.mocodes.finish();
    return {
      rows: this.rows,
      categorical,
      occDay: this.occDay.finish(),
      reportDelay: this.reportDelay.finish(),
      hour: this.hour.finish(),
      victAge: this.victAge.finish(),
      lat: this.lat.finish(),
      lon: this.lon.finish(),
      nExtraCrimes: this.nExtraCrimes.finish(),
      mocodes: { offsets: this.moOffsets.finish(), codes: mo.codes, values: mo.values },
    };
  }
}

/** The value of categorical field `c` in row `i`. */
export function categoryAt(cases: CaseColumns, c: CaseCategorical, i: number): string {
  const col = cases.categorical[c];
  return col.values[col.codes[i]!]!;
}

/** Row `i` as a {@link CaseRecord} (for tests and small outputs; the pipeline never builds one). */
export function caseRecordAt(cases: CaseColumns, i: number): CaseRecord {
  const nan = (v: number): number | null => (Number.isNaN(v) ? null : v);
  const { offsets, codes, values } = cases.mocodes;
  const mocodes: string[] = [];
  for (let k = offsets[i]!; k < offsets[i + 1]!; k++) mocodes.push(values[codes[k]!]!);
  return {
    status: categoryAt(cases, 'status', i),
    occDay: cases.occDay[i]!,
    reportDelay: nan(cases.reportDelay[i]!),
    hour: cases.hour[i] === -1 ? null : cases.hour[i]!,
    area: categoryAt(cases, 'area', i),
    rptDist: categoryAt(cases, 'rptDist', i),
    part: categoryAt(cases, 'part', i),
    crimeCode: categoryAt(cases, 'crimeCode', i),
    premiseCode: categoryAt(cases, 'premiseCode', i),
    location: categoryAt(cases, 'location', i),
    weaponCode: categoryAt(cases, 'weaponCode', i),
    victAge: nan(cases.victAge[i]!),
    victSex: categoryAt(cases, 'victSex', i),
    victDescent: categoryAt(cases, 'victDescent', i),
    lat: nan(cases.lat[i]!),
    lon: nan(cases.lon[i]!),
    nExtraCrimes: cases.nExtraCrimes[i]!,
    mocodes,
  };
}

/** Options of {@link loadCsvColumns}. */
export interface ColumnsLoadOptions extends LoadOptions {
  /** Expected number of rows (e.g. estimated from the file size), to size the arrays once. */
  expectedRows?: number;
}

/**
 * Streams a CSV export of the table into {@link CaseColumns}: the same reader, cleaning rules and
 * reports as {@link loadCsv}, but nothing per row is kept as an object.
 *
 * @throws DataValidationError when the header lacks a required column, or the file is empty.
 * @throws DataFileError when the file cannot be read (missing, a directory, no permission).
 */
export async function loadCsvColumns(path: string, options: ColumnsLoadOptions = {}): Promise<ColumnsLoad> {
  const { expectedRows, ...load } = options;
  const builder = new CaseColumnsBuilder(capacityFor(expectedRows, load.limit));
  const report = await streamCsv(path, load, (r) => builder.push(r));
  return { cases: builder.finish(), ...report };
}

/** Rows already in memory (the SYNTHETIC generator's) into {@link CaseColumns}, as {@link loadCsvColumns}. */
export function loadRowsColumns(
  rows: Iterable<Readonly<Record<string, string>>>,
  options: ColumnsLoadOptions = {},
): ColumnsLoad {
  const { expectedRows, ...load } = options;
  const builder = new CaseColumnsBuilder(capacityFor(expectedRows, load.limit));
  const report = cleanRows(rows, load, (r) => builder.push(r));
  return { cases: builder.finish(), ...report };
}

function capacityFor(expected: number | undefined, limit: number | undefined): number {
  const guess = Math.ceil((expected ?? 1024) * 1.05);
  return Math.min(guess, limit ?? guess);
}
