/**
 * `npm run lapd` — predicts the status of LAPD crime cases with imbalanced-tabular.
 * See examples/lapd/README.md and `npm run lapd -- --help`.
 *
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { accuracyScore, balancedAccuracyScore, DataValidationError } from 'imbalanced-tabular';
import { configOf, HELP, parseCli, type CliOptions } from './cli.js';
import { loadDataset, type Dataset } from './data.js';
import { DownloadError } from './download.js';
import { DataFileError, reportLines } from './load.js';
import { availableMemory, checkFits, MemoryError, memoryPlan } from './memory.js';
import { type ModelConfig, type PreparedData, prepare, runConfig, targetOnlyOf } from './experiment.js';
import { f3, formatReport, writeOutputs } from './output.js';
import { PhaseLog } from './phases.js';
import { predictMain } from './predict.js';
import { PhaseProgress, stdoutSink, type ProgressSink } from './progress.js';

/** The configurations `--compare` runs on the same split. */
export function compareConfigs(o: CliOptions): Array<[string, ModelConfig]> {
  const base: ModelConfig = { ...configOf(o), sampler: 'none', classWeight: 'none', priorAlpha: 0 };
  return [
    ['none', base],
    ['class weights (balanced)', { ...base, classWeight: 'balanced' }],
    ['SMOTE', { ...base, sampler: 'smote' }],
    ['ADASYN', { ...base, sampler: 'adasyn' }],
    ['SMOTENC', { ...base, sampler: 'smotenc' }],
    ['BorderlineSMOTE', { ...base, sampler: 'borderline' }],
    ['SMOTETomek', { ...base, sampler: 'smotetomek' }],
    ['SMOTEENN', { ...base, sampler: 'smoteenn' }],
    ['EditedNearestNeighbours', { ...base, sampler: 'enn' }],
    [`recommended: ${describeConfig(configOf(o))}`, configOf(o)],
  ];
}

function describeConfig(c: ModelConfig): string {
  const parts = [
    c.sampler === 'none' ? 'no sampler' : c.sampler,
    c.classWeight === 'balanced' ? 'balanced class weights' : 'no class weights',
  ];
  const n = c.crossFit !== undefined && (c.ensemble ?? 1) === 1 ? c.crossFit : (c.ensemble ?? 1);
  if (c.crossFit !== undefined) parts.push(`${n} networks cross-fitted on ${c.crossFit} folds`);
  else if (n > 1) parts.push(`${n} networks`);
  if (c.tuneMetric !== undefined)
    parts.push(
      `rule (${c.ruleSearch ?? 'alpha'}) tuned for ${c.tuneMetric} on ${c.crossFit ? 'out-of-fold' : 'held-out'} rows`,
    );
  else if (c.priorAlpha > 0) parts.push(`prior-corrected argmax α=${c.priorAlpha}`);
  return parts.join(', ');
}

function majorityBaseline(data: PreparedData): { label: string; accuracy: number; balancedAccuracy: number } {
  const counts = new Map<string, number>();
  for (const y of data.yTrain) counts.set(y, (counts.get(y) ?? 0) + 1);
  const label = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  const pred = data.yTest.map(() => label);
  return {
    label,
    accuracy: accuracyScore(data.yTest, pred),
    balancedAccuracy: balancedAccuracyScore(data.yTest, pred),
  };
}

function describeData(data: Dataset, prepared: PreparedData, sink: ProgressSink): void {
  if (!sink.enabled) return;
  const status = data.cases.categorical.status;
  const perCode = new Int32Array(status.values.length);
  for (const c of status.codes) perCode[c]!++;
  const counts = new Map(status.values.map((s, c) => [s, perCode[c]!] as const));
  const kept = data.cases.rows;
  for (const line of reportLines(data, kept)) sink.line(line);
  sink.line('Status Desc:');
  for (const [s, n] of [...counts].sort((a, b) => b[1] - a[1]))
    sink.line(`  ${s.padEnd(14)} ${String(n).padStart(8)}  ${((100 * n) / kept).toFixed(2)}%`);
  for (const [s, n] of prepared.dropped)
    sink.line(`  (class '${s}' has ${n} row: too few for a stratified split, left out)`);
  sink.line(
    `Stratified split: train ${prepared.yTrain.length}, test ${prepared.yTest.length}; ` +
      `${prepared.mocodes.length} Mocode indicators chosen on the training rows.`,
  );
}

/** The dataset's description without its cases (which are released once the features exist). */
type DatasetInfo = Omit<Dataset, 'cases'>;

/**
 * Steps 1–2: checks the memory (before and after reading), loads the data, splits it and builds
 * the feature tables. Returns the exit code 2 (with the one-line message printed) for an unusable
 * `--data` file or a run that cannot fit in memory. The loaded cases are not returned: from here on
 * only the feature tables are needed, and a million cases' columns are worth giving back.
 */
async function loadAndPrepare(
  o: CliOptions,
  sink: ProgressSink,
  configs: ReadonlyArray<[string, ModelConfig]>,
  phases: PhaseLog,
): Promise<{ dataset: DatasetInfo; data: PreparedData } | number> {
  const samplers = configs.map(([, c]) => c.sampler);
  const memory = availableMemory(o.maxMemory);
  let dataset: Dataset;
  phases.start('read');
  try {
    dataset = await loadDataset(o, sink, (expected, basis) => {
      const when = `(before reading; ${expected.toLocaleString('en-US')} ${basis})`;
      const message = checkFits(memoryPlan(o, samplers, expected), memory, when, o);
      if (message !== undefined) throw new MemoryError(message);
    });
    const message = checkFits(memoryPlan(o, samplers, dataset.cases.rows, dataset.cases), memory, '', o);
    if (message !== undefined) throw new MemoryError(message);
  } catch (e) {
    // A --data file that is missing, a folder, unreadable, empty or not the table, or a run that
    // cannot fit in memory: the user's input is wrong, like a bad flag — one line and exit code 2,
    // no stack trace.
    if (!(e instanceof DataFileError || e instanceof DataValidationError || e instanceof MemoryError)) throw e;
    process.stderr.write(`lapd: ${e.message}\n`);
    return 2;
  }
  if (dataset.synthetic && sink.enabled) {
    sink.line(
      '*** SYNTHETIC DATA: generated by examples/lapd/synthetic.ts with the real schema and codes — ' +
        'not real LAPD cases.',
    );
    sink.line('*** For the real table: npm run lapd -- --download   (or --data <Crime_Data_from_2020_to_Present.csv>)');
  }
  phases.start('split + features');
  const features = new PhaseProgress(sink, 'features', 2);
  const data = prepare(dataset.cases, {
    testSize: o.testSize,
    seed: o.seed,
    mocodes: o.mocodes,
    targetOnly: targetOnlyOf(o.targetEncode),
    onProgress: (done, total) => features.update(done, `${done} of ${total} splits`, total),
  });
  features.stop();
  describeData(dataset, data, sink);
  const { cases: _released, ...info } = dataset;
  return { dataset: info, data };
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'predict') return predictMain(argv.slice(1));
  const parsed = parseCli(argv);
  if (!parsed.ok) {
    process.stderr.write(`lapd: ${parsed.message}\nRun 'npm run lapd -- --help' for the flags.\n`);
    return 2;
  }
  const o = parsed.options;
  if (o.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const sink = stdoutSink(o.quiet);
  const t0 = performance.now();
  const configs: Array<[string, ModelConfig]> = o.compare ? compareConfigs(o) : [['run', configOf(o)]];
  const phases = new PhaseLog();
  const loaded = await loadAndPrepare(o, sink, configs, phases);
  if (typeof loaded === 'number') return loaded;
  const { dataset, data } = loaded;
  const majority = majorityBaseline(data);
  const meta = {
    synthetic: dataset.synthetic,
    source: dataset.source,
    rowsRead: dataset.rowsRead,
    malformedRows: dataset.malformed.count,
    malformedReasons: Object.fromEntries(dataset.malformed.reasons),
    unreadableValues: Object.fromEntries(dataset.unreadable.columns),
    majorityBaseline: majority,
  };

  const rows: string[] = [];
  const compareJson: Array<Record<string, unknown>> = [];
  for (const [name, config] of configs) {
    const label = o.compare ? name.replace(/^recommended.*/, 'recommended') : 'train';
    phases.prefix = o.compare ? `${label}: ` : '';
    const run = await runConfig(data, config, sink, label.padEnd(o.compare ? 12 : 5).slice(0, 12), phases);
    const r = run.report;
    rows.push(
      `| ${name} | ${f3(r.accuracy)} | ${f3(r.balancedAccuracy)} | ${f3(r.macroF1)} | ${f3(r.rocAucOvrMacro)} | ` +
        `${f3(r.rocAucOvrWeighted)} | ${f3(r.rocAucOvoMacro)} | ${r.nTrainResampled} | ${run.seconds.toFixed(1)} |`,
    );
    compareJson.push({ name, config, ...r, seconds: run.seconds });
    const isMain = !o.compare || name.startsWith('recommended');
    if (isMain) {
      const source = dataset.synthetic ? 'SYNTHETIC DATA (not real cases)' : dataset.source;
      const title = `LAPD case status — ${source} — ${describeConfig(config)}`;
      process.stdout.write(`\n${formatReport(r, title, run.seconds, majority)}\n`);
      phases.start('outputs');
      const timing = { phases: [...phases.phases], peakRssMiB: phases.peakMiB(), epochs: run.history.length };
      const paths = await writeOutputs(o.out, run, data.yTest, { ...meta, config, seconds: run.seconds, ...timing });
      if (sink.enabled) sink.line(`\nWrote ${paths.join(', ')}`);
    }
    run.mlp.dispose();
  }
  if (o.compare) {
    const header = [
      `Comparison on the same stratified split (${dataset.synthetic ? 'SYNTHETIC DATA' : dataset.source}; ` +
        `train ${data.yTrain.length}, test ${data.yTest.length}; majority class: accuracy ${f3(majority.accuracy)}, ` +
        `balanced accuracy ${f3(majority.balancedAccuracy)})`,
      '',
      '| configuration | accuracy | balanced acc | macro F1 | ROC-AUC ovr macro | ovr weighted | ovo macro | ' +
        'train rows | seconds |',
      '|---|---|---|---|---|---|---|---|---|',
    ];
    const table = [...header, ...rows].join('\n');
    process.stdout.write(`\n${table}\n`);
    await mkdir(o.out, { recursive: true });
    await writeFile(join(o.out, 'compare.md'), `${table}\n`);
    await writeFile(join(o.out, 'compare.json'), `${JSON.stringify({ ...meta, rows: compareJson }, null, 2)}\n`);
  }
  phases.end();
  if (sink.enabled) {
    sink.line(`Phases: ${phases.summary()}.`);
    sink.line(
      `Done in ${((performance.now() - t0) / 1000).toFixed(1)}s; ` +
        `peak resident memory ${phases.peakMiB().toFixed(0)} MiB.`,
    );
  }
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
