/**
 * Where the rows come from: SYNTHETIC (default), a CSV given with `--data`, or the real CSV
 * downloaded with `--download`.
 *
 * @module
 */
import { cachedCsvPath, downloadFile, LAPD_CSV_URL } from './download.js';
import { loadCsv, loadRows, type LoadResult } from './load.js';
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

/** Loads the rows a run uses (downloading first with `download`). */
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
  if (path !== undefined) {
    const t0 = performance.now();
    const loaded = await loadCsv(path, {
      ...limitOpt,
      onProgress: (n) => {
        if (sink.enabled) sink.line(`  read ${n.toLocaleString('en-US')} rows…`);
      },
    });
    if (sink.enabled)
      sink.line(
        `Loaded ${loaded.records.length.toLocaleString('en-US')} rows from ${path} in ${((performance.now() - t0) / 1000).toFixed(1)}s.`,
      );
    return { ...loaded, synthetic: false, source: `real data: ${path.split('/').slice(-1)[0]}` };
  }
  const loaded = loadRows(generateRows({ n: options.rows, seed: options.seed }), limitOpt);
  return {
    ...loaded,
    synthetic: true,
    source: `SYNTHETIC data (${loaded.records.length.toLocaleString('en-US')} generated rows, seed ${options.seed})`,
  };
}
