/**
 * Benchmark suite `lapd`: the LAPD example's real-data path at full-table scale — a 1,000,000-row
 * SYNTHETIC CSV with the real schema (~250 MB, like the full export) is streamed and cleaned
 * (csv-parse), turned into feature rows, encoded (Encoder one-hot, minFrequency 10, maxCategories
 * 60) and scaled, then an MLP with the reference architecture (256, 128) trains one epoch
 * (the example's default network, 64 units, needs ~5× fewer multiply-adds per row). Time and peak RSS growth of
 * each phase.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Encoder, Scaler } from 'imbalanced-tabular';
import { MLPClassifier } from 'imbalanced-tabular/mlp';
import { CATEGORICAL_FEATURES, featureRows, numericColumns, topMocodes } from '../examples/lapd/features.js';
import { loadCsv } from '../examples/lapd/load.js';
import { writeSyntheticCsv } from '../examples/lapd/synthetic.js';
import type { BenchContext } from './suites.js';
import { measure } from './util.js';

export default async function lapd(ctx: BenchContext): Promise<string> {
  const n = ctx.quick ? 100_000 : 1_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'lapd-bench-'));
  const path = join(dir, 'synthetic.csv');
  try {
    ctx.log(`lapd: writing ${n} SYNTHETIC rows to ${path}`);
    const gen = await measure(() => writeSyntheticCsv(path, { n, seed: 1 }));
    const mib = statSync(path).size / 2 ** 20;
    ctx.log(`lapd: ${mib.toFixed(0)} MiB written in ${gen.seconds.toFixed(1)}s; loading`);
    const load = await measure(() => loadCsv(path));
    const records = load.result.records;
    ctx.log(`lapd: loaded ${records.length} rows in ${load.seconds.toFixed(1)}s; features`);
    const feat = await measure(() => {
      const mocodes = topMocodes(records, 40);
      return { rows: featureRows(records, mocodes), mocodes };
    });
    const y = records.map((r) => r.status);
    load.result.records.length = 0; // the feature rows are all that is needed from here on
    const enc = await measure(() => {
      const encoder = new Encoder({
        categorical: [...CATEGORICAL_FEATURES],
        numeric: numericColumns(feat.result.mocodes),
        handleUnknown: 'infrequent',
        minFrequency: 10,
        maxCategories: 60,
        impute: 'median',
      });
      const X = encoder.fitTransform(feat.result.rows);
      return new Scaler({ method: 'standard' }).fitTransform(X);
    });
    const X = enc.result;
    feat.result.rows.length = 0;
    ctx.log(`lapd: encoded to ${X.rows} × ${X.columns} in ${enc.seconds.toFixed(1)}s; one epoch`);
    const mlp = new MLPClassifier({ hiddenLayers: [256, 128], dropout: 0.2, epochs: 1, batchSize: 1024, seed: 0 });
    const epoch = await measure(() => mlp.fit(X, y));
    const backend = mlp.fitted.backend;
    mlp.dispose();
    const row = (phase: string, m: { seconds: number; peakMiB: number }, rate: string) =>
      `| ${phase} | ${m.seconds.toFixed(1)} | ${m.peakMiB.toFixed(0)} | ${rate} |`;
    return [
      `${n.toLocaleString('en-US')} SYNTHETIC rows with the real 28-column schema ` +
        `(${mib.toFixed(0)} MiB CSV, like the full ~250 MB export); ${ctx.machine}; ${ctx.date}.`,
      'Peak MiB = RSS growth during the phase (sampled every 5 ms).',
      '',
      '| phase | seconds | peak MiB | rate |',
      '|---|---|---|---|',
      row(
        'generate the CSV (not part of the pipeline)',
        gen,
        `${Math.round(n / gen.seconds).toLocaleString('en-US')} rows/s`,
      ),
      row(
        'stream + clean (csv-parse, loadCsv)',
        load,
        `${Math.round(n / load.seconds).toLocaleString('en-US')} rows/s, ${(mib / load.seconds).toFixed(1)} MiB/s`,
      ),
      row('feature rows', feat, `${Math.round(n / feat.seconds).toLocaleString('en-US')} rows/s`),
      row(
        `Encoder + Scaler → ${X.rows} × ${X.columns}`,
        enc,
        `${Math.round(n / enc.seconds).toLocaleString('en-US')} rows/s`,
      ),
      row(
        `MLP (256, 128) one epoch, batch 1024, ${backend}`,
        epoch,
        `${Math.round(n / epoch.seconds).toLocaleString('en-US')} rows/s`,
      ),
      row(
        'total (without generation)',
        {
          seconds: load.seconds + feat.seconds + enc.seconds + epoch.seconds,
          peakMiB: Math.max(load.peakMiB, feat.peakMiB, enc.peakMiB, epoch.peakMiB),
        },
        '',
      ),
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
