/**
 * `npm run lapd` — predicts the status of LAPD crime cases with imbalanced-tabular.
 * See examples/lapd/README.md and `npm run lapd -- --help`.
 *
 * @module
 */
import { HELP, parseCli } from './cli.js';
import { loadDataset } from './data.js';
import { DownloadError } from './download.js';
import { featureRows, topMocodes } from './features.js';
import { stdoutSink } from './progress.js';

async function main(argv: string[]): Promise<number> {
  const parsed = parseCli(argv);
  if (!parsed.ok) {
    process.stderr.write(`lapd: ${parsed.message}\nRun 'npm run lapd -- --help' for the flags.\n`);
    return 2;
  }
  const o = parsed.options;
  if (o.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const sink = stdoutSink(o.quiet);
  const data = await loadDataset(o, sink);
  const counts = new Map<string, number>();
  for (const r of data.records) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const mocodes = topMocodes(data.records, o.mocodes);
  const rows = featureRows(data.records, mocodes);
  const lines = [
    `== LAPD case status — ${data.source} ==`,
    `rows read ${data.rowsRead}, kept ${data.records.length}, malformed ${data.malformed.count}`,
    ...[...data.malformed.reasons].map(([r, n]) => `  malformed: ${r}: ${n}`),
    'Status Desc:',
    ...[...counts].sort((a, b) => b[1] - a[1]).map(([s, n]) => `  ${s.padEnd(14)} ${String(n).padStart(7)}  ${((100 * n) / data.records.length).toFixed(2)}%`),
    `feature columns: ${Object.keys(rows[0] ?? {}).length} (${mocodes.length} Mocode indicators)`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof DownloadError) process.stderr.write(`lapd: ${e.message}\n`);
    else process.stderr.write(`lapd: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
