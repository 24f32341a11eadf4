/**
 * Where the rows come from: SYNTHETIC (default), a CSV given with `--data`, or the real CSV
 * downloaded with `--download`.
 *
 * @module
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { type ColumnsLoad, loadCsvColumns, loadRowsColumns } from './caseColumns.js';
import { cachedCsvPath, downloadFile, LAPD_CSV_URL } from './download.js';
import { DataFileError, describeFsError } from './load.js';
import { ByteProgress, mib, PhaseProgress, type ProgressSink } from './progress.js';
import { generateRows } from './synthetic.js';

/**
 * Mean bytes per row of an export of the table (the real sample: 5,157,715 bytes / 22,926 rows =
 * 225; `lapd:generate` files: 232), to estimate the rows of a file from its size before reading it.
 */
export const MEAN_ROW_BYTES = 225;

/** Rows a CSV of `bytes` bytes probably holds (see {@link MEAN_ROW_BYTES}), at most `limit`. */
export function estimateRows(bytes: number, limit?: number): number {
  const n = Math.ceil(bytes / MEAN_ROW_BYTES);
  return limit === undefined ? n : Math.min(n, limit);
}

/** The loaded data (compact columns) and a description of its source. */
export interface Dataset extends ColumnsLoad {
  /** True for the generated data. */
  synthetic: boolean;
  /** One line naming the source (shown in the report and the pictures' titles). */
  source: string;
}

/** The data options of a run. */
export interface DataOptions {
  /** CSV path. */
  data?: string;
  /** Download into `cache` first. */
  download: boolean;
  /** Cache folder. */
  cache: string;
  /** SYNTHETIC rows. */
  rows: number;
  /** Seed of the SYNTHETIC generator. */
  seed: number;
  /** First N rows only. */
  limit?: number;
}

/**
 * Checks that `--data` names a readable file before anything else runs, so a typo or a folder
 * gives one line that says what to pass instead of a stream error.
 *
 * @param hint - What else to suggest after the path (the training run offers `--download`; `predict`
 *   scores a file of new cases, so it passes `''`).
 * @throws DataFileError when the path is missing, a directory, or cannot be read.
 */
export function checkDataFile(path: string, hint = ', or --download to fetch it'): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (e) {
    const why = describeFsError(e as NodeJS.ErrnoException);
    throw new DataFileError(
      `--data ${path}: ${why}. Pass the path of a CSV export of "Crime Data from 2020 to Present"${hint}.`,
      path,
    );
  }
  if (isDirectory)
    throw new DataFileError(
      `--data ${path} is a directory. Pass the CSV file itself, e.g. ` +
        `--data ${join(path, 'Crime_Data_from_2020_to_Present.csv')}.`,
      path,
    );
}

/**
 * Loads the rows a run uses (downloading first with `download`). `beforeRead` gets the rows
 * expected and where that number comes from (the file size, or the SYNTHETIC row count) before any
 * row is read, and may throw to stop the run early (the memory check).
 *
 * @throws DataFileError when `--data` is missing, a directory or unreadable; DataValidationError
 * when the file is empty or lacks the table's columns.
 */
export async function loadDataset(
  options: DataOptions,
  sink: ProgressSink,
  beforeRead: (expectedRows: number, basis: string) => void = () => undefined,
): Promise<Dataset> {
  let path = options.data;
  if (options.download) {
    const dest = cachedCsvPath(options.cache);
    const progress = new ByteProgress(sink);
    if (sink.enabled) sink.line(`Downloading ${LAPD_CSV_URL}\n  -> ${dest}`);
    try {
      const r = await downloadFile(LAPD_CSV_URL, dest, { onProgress: (b, t) => progress.update(b, t) });
      progress.stop();
      if (sink.enabled)
        sink.line(
          r.cached
            ? `Using the cached file ${dest} (${(r.bytes / 2 ** 20).toFixed(1)} MiB).`
            : `Downloaded ${(r.bytes / 2 ** 20).toFixed(1)} MiB${r.resumes ? ` (${r.resumes} resume(s))` : ''}.`,
        );
    } finally {
      progress.stop();
    }
    path = dest;
  }
  const limitOpt = options.limit === undefined ? {} : { limit: options.limit };
  if (options.data !== undefined) checkDataFile(options.data);
  if (path !== undefined) {
    const bytes = statSync(path).size;
    const expectedRows = estimateRows(bytes, options.limit);
    beforeRead(expectedRows, `rows estimated from the file size, ${mib(bytes)}`);
    const progress = new PhaseProgress(sink, 'read', bytes);
    let loaded: ColumnsLoad;
    try {
      loaded = await loadCsvColumns(path, {
        ...limitOpt,
        expectedRows,
        onProgress: (n, read) =>
          progress.update(read, `${n.toLocaleString('en-US')} rows, ${mib(read)} of ${mib(bytes)}`),
      });
    } finally {
      progress.stop();
    }
    if (sink.enabled)
      sink.line(`Loaded ${loaded.cases.rows.toLocaleString('en-US')} rows from ${path} in ${progress.seconds()}s.`);
    return { ...loaded, synthetic: false, source: `real data: ${path.split('/').slice(-1)[0]}` };
  }
  const total = Math.min(options.rows, options.limit ?? options.rows);
  beforeRead(total, 'SYNTHETIC rows to generate');
  const progress = new PhaseProgress(sink, 'generate', total);
  const loaded = loadRowsColumns(generateRows({ n: options.rows, seed: options.seed }), {
    ...limitOpt,
    expectedRows: total,
    onProgress: (n) => progress.update(n, `${n.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows`),
  });
  progress.stop();
  return {
    ...loaded,
    synthetic: true,
    source: `SYNTHETIC data (${loaded.cases.rows.toLocaleString('en-US')} generated rows, seed ${options.seed})`,
  };
}
