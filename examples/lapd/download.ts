/**
 * Downloading the real table from the City of Los Angeles open-data portal: resumable (HTTP Range)
 * and verified (written to a `.part` file, size-checked, then renamed), with progress callbacks.
 *
 * @module
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import { once } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import { dirname, join } from 'node:path';

/** Socrata CSV export of "Crime Data from 2020 to Present" (dataset id 2nrs-mtv8) on data.lacity.org. */
export const LAPD_CSV_URL = 'https://data.lacity.org/api/views/2nrs-mtv8/rows.csv?accessType=DOWNLOAD';
/** The dataset's page, for downloading by hand. */
export const LAPD_PAGE_URL = 'https://data.lacity.org/Public-Safety/Crime-Data-from-2020-to-Present/2nrs-mtv8';
/** File name of the cached download. */
export const LAPD_FILE_NAME = 'Crime_Data_from_2020_to_Present.csv';

/** A failed download; `offline` is true when no connection to the server could be made. */
export class DownloadError extends Error {
  /** True when the server could not be reached at all. */
  readonly offline: boolean;
  constructor(message: string, offline: boolean) {
    super(message);
    this.name = 'DownloadError';
    this.offline = offline;
  }
}

/** Options of {@link downloadFile}. */
export interface DownloadOptions {
  /** Called as bytes arrive: bytes in the file so far, and the total when the server says it. */
  onProgress?: (bytes: number, total: number | undefined) => void;
  /** Attempts after a cut connection or a short file (each resumes where the last stopped). @defaultValue 5 */
  retries?: number;
  /** Idle timeout of a connection, in ms. @defaultValue 30000 */
  timeoutMs?: number;
}

/** The result of {@link downloadFile}. */
export interface DownloadResult {
  /** The final file. */
  path: string;
  /** Its size in bytes. */
  bytes: number;
  /** True when the file was already there (nothing downloaded). */
  cached: boolean;
  /** Number of requests that resumed a partial file with a Range request. */
  resumes: number;
}

const OFFLINE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'ENETDOWN',
]);

/** How to get the file by hand, for the offline message. */
export function manualInstructions(dest: string): string {
  return [
    'To get the file by hand:',
    `  1. open ${LAPD_PAGE_URL}`,
    '     (City of Los Angeles open data, "Crime Data from 2020 to Present", dataset id 2nrs-mtv8)',
    `     and choose Export → CSV, or fetch ${LAPD_CSV_URL}`,
    `  2. save it as ${dest}`,
    `  3. run: npm run lapd -- --data ${dest}`,
  ].join('\n');
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}

function request(
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
  redirects = 5,
): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const mod = url.startsWith('https:') ? https : http;
    const req = mod.get(url, { headers: { 'user-agent': 'imbalanced-tabular-lapd-example', ...headers } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location && redirects > 0) {
        res.resume();
        resolve(request(new URL(res.headers.location, url).toString(), headers, timeoutMs, redirects - 1));
        return;
      }
      resolve(res);
    });
    req.setTimeout(timeoutMs, () =>
      req.destroy(Object.assign(new Error(`no data for ${timeoutMs} ms`), { code: 'ETIMEDOUT' })),
    );
    req.on('error', reject);
  });
}

/**
 * Downloads `url` to `dest`. Bytes go to `dest + '.part'`; a cut connection is retried with an
 * HTTP Range request from where the file stopped (a server that ignores Range restarts from zero);
 * the size is checked against Content-Length / Content-Range; only a complete file is renamed to
 * `dest`. An existing `dest` is reused.
 *
 * @throws DownloadError with `offline: true` (and {@link manualInstructions}) when the server cannot
 * be reached, or `offline: false` for HTTP errors and files that stay short after every retry.
 */
export async function downloadFile(url: string, dest: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  const existing = await sizeOf(dest);
  if (existing !== undefined) return { path: dest, bytes: existing, cached: true, resumes: 0 };
  await mkdir(dirname(dest), { recursive: true });
  const part = `${dest}.part`;
  const retries = options.retries ?? 5;
  const timeoutMs = options.timeoutMs ?? 30_000;
  let resumes = 0;
  let lastError = '';
  let connected = false;
  for (let attempt = 0; attempt <= retries; attempt++) {
    const offset = (await sizeOf(part)) ?? 0;
    let res: http.IncomingMessage;
    try {
      res = await request(url, offset > 0 ? { range: `bytes=${offset}-` } : {}, timeoutMs);
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      lastError = `${code} ${(e as Error).message}`.trim();
      if (!connected && OFFLINE_CODES.has(code)) {
        throw new DownloadError(
          `Could not reach ${new URL(url).host} (${lastError}): this machine seems offline.\n` +
            manualInstructions(dest),
          true,
        );
      }
      continue;
    }
    connected = true;
    const status = res.statusCode ?? 0;
    let total: number | undefined;
    let flags: 'a' | 'w';
    if (status === 206) {
      const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(String(res.headers['content-range'] ?? ''));
      if (!m || Number(m[1]) !== offset) {
        // A range we did not ask for: start over.
        res.resume();
        await unlink(part).catch(() => undefined);
        lastError = `unexpected Content-Range '${String(res.headers['content-range'])}'`;
        continue;
      }
      total = m[3] === '*' ? undefined : Number(m[3]);
      flags = 'a';
      resumes++;
    } else if (status === 200) {
      const len = res.headers['content-length'];
      total = len === undefined ? undefined : Number(len);
      flags = 'w';
    } else if (status === 416 && offset > 0) {
      res.resume();
      const m = /\/(\d+)$/.exec(String(res.headers['content-range'] ?? ''));
      if (m && Number(m[1]) === offset) {
        await rename(part, dest);
        return { path: dest, bytes: offset, cached: false, resumes };
      }
      await unlink(part).catch(() => undefined);
      continue;
    } else {
      res.resume();
      throw new DownloadError(
        `Download of ${url} failed: HTTP ${status} ${res.statusMessage ?? ''}.\n${manualInstructions(dest)}`,
        false,
      );
    }
    let bytes = flags === 'a' ? offset : 0;
    const out = createWriteStream(part, { flags });
    options.onProgress?.(bytes, total);
    try {
      for await (const chunk of res as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        if (!out.write(chunk)) await once(out, 'drain');
        options.onProgress?.(bytes, total);
      }
      if (!res.complete) throw new Error('connection closed before the end of the response');
    } catch (e) {
      lastError = (e as Error).message;
    } finally {
      out.end();
      await once(out, 'close');
    }
    const size = (await sizeOf(part)) ?? 0;
    if (total !== undefined && size > total) {
      await unlink(part).catch(() => undefined);
      lastError = `file larger than announced (${size} > ${total} bytes)`;
      continue;
    }
    if (total !== undefined ? size === total : res.complete) {
      await rename(part, dest);
      return { path: dest, bytes: size, cached: false, resumes };
    }
    if (!lastError) lastError = `short file (${size} of ${total ?? '?'} bytes)`;
  }
  throw new DownloadError(
    `Download of ${url} did not complete after ${retries + 1} attempts (${lastError}). ` +
      `The partial file ${part} is kept; run again to resume.\n${manualInstructions(dest)}`,
    false,
  );
}

/** The cached path of the real CSV in `cacheDir`. */
export function cachedCsvPath(cacheDir: string): string {
  return join(cacheDir, LAPD_FILE_NAME);
}
