/**
 * The cell parsers of the loader: dates, codes, hours and Mocode tokens as exports of the table
 * write them, and a memoised set of them for large files.
 *
 * @module
 */

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

/** A Mocode token as 4 digits ("344" → "0344"), or null when it is not 1–4 digits. */
export function parseMocode(token: string): string | null {
  return /^\d{1,4}$/.test(token) ? token.padStart(4, '0') : null;
}

/**
 * The cell parsers {@link cleanRow} applies: dates, codes, hours and Mocode tokens. The same
 * functions either way — {@link memoParsers} only remembers their results.
 */
export interface CellParsers {
  /** {@link parseDay}. */
  day(text: string): number | null;
  /** {@link normalizeCode}. */
  code(text: string | undefined): string;
  /** {@link parseHour}. */
  hour(text: string): number | null;
  /** {@link parseMocode}. */
  mocode(token: string): string | null;
}

/** The parsers themselves. */
export const PLAIN_PARSERS: CellParsers = { day: parseDay, code: normalizeCode, hour: parseHour, mocode: parseMocode };

/** Cells remembered per parser; beyond this a parser just runs (a bound, not a tuning knob). */
const MEMO_LIMIT = 50_000;

function memo<V>(f: (text: string) => V): (text: string) => V {
  const seen = new Map<string, V>();
  return (text) => {
    const hit = seen.get(text);
    if (hit !== undefined || seen.has(text)) return hit as V;
    const v = f(text);
    if (seen.size < MEMO_LIMIT) seen.set(text, v);
    return v;
  };
}

/**
 * {@link PLAIN_PARSERS} that remember their results: a large export repeats the same few thousand
 * dates, codes and times a million times, and a lookup is several times cheaper than the regular
 * expressions. The results are those of the plain parsers (the same strings, interned).
 */
export function memoParsers(): CellParsers {
  const code = memo(normalizeCode);
  return {
    day: memo(parseDay),
    code: (text) => (text === undefined ? '' : code(text)),
    hour: memo(parseHour),
    mocode: memo(parseMocode),
  };
}
