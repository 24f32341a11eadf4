/**
 * Where the rows come from: SYNTHETIC (default), a CSV given with `--data`, or the real CSV
 * downloaded with `--download`.
 *
 * @module
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { cachedCsvPath, downloadFile, LAPD_CSV_URL } from './download.js';
import { DataFileError, describeFsError, loadCsv, loadRows, type LoadResult } from './load.js';
import { ByteProgress, type ProgressSink } from './progress.js';
import { generateRows } from './synthetic.js';

/** The loaded data and a description of its source. */
export interface Dataset extends LoadResult {
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
 * @throws DataFileError when the path is missing, a directory, or cannot be read.
 */
export function checkDataFile(path: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (e) {
    const why = describeFsError(e as NodeJS.ErrnoException);
    throw new DataFileError(
      `--data ${path}: ${why}. Pass the path of a CSV export of "Crime Data from 2020 to Present", ` +
        'or --download to fetch it.',
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
 * Loads the rows a run uses (downloading first with `download`).
 *
 * @throws DataFileError when `--data` is missing, a directory or unreadable; DataValidationError
 * when the file is empty or lacks the table's columns.
 */
export async function loadDataset(options: DataOptions, sink: ProgressSink): Promise<Dataset> {
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
    const t0 = performance.now();
    const loaded = await loadCsv(path, {
      ...limitOpt,
      onProgress: (n) => {
        if (sink.enabled) sink.line(`  read ${n.toLocaleString('en-US')} rows…`);
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    if (sink.enabled)
      sink.line(`Loaded ${loaded.records.length.toLocaleString('en-US')} rows from ${path} in ${seconds.toFixed(1)}s.`);
    return { ...loaded, synthetic: false, source: `real data: ${path.split('/').slice(-1)[0]}` };
  }
  const loaded = loadRows(generateRows({ n: options.rows, seed: options.seed }), limitOpt);
  return {
    ...loaded,
    synthetic: true,
    source: `SYNTHETIC data (${loaded.records.length.toLocaleString('en-US')} generated rows, seed ${options.seed})`,
  };
}
