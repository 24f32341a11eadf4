/**
 * CI integration test on the real shared sample (../shared/data/lapd/lapd-sample.csv, read by path,
 * never copied): the whole example runs through its command line and writes a report that beats
 * the majority-class baseline.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Encoder, Pipeline, confusionMatrix } from 'imbalanced-tabular';
import { loadRowsColumns } from '../../../examples/lapd/caseColumns.js';
import { DEFAULTS } from '../../../examples/lapd/cli.js';
import { cleanRow } from '../../../examples/lapd/load.js';
import { keptRawRows } from './csvRows.js';
import { PIPELINE_CLASSES } from '../../../examples/lapd/predict.js';
import { splitCases } from '../../../examples/lapd/split.js';
import { generateRows } from '../../../examples/lapd/synthetic.js';
import { describeWithSharedFile, lapdSamplePath, projectRoot } from '../../support/sharedData.js';

/**
 * Loads `<out>/pipeline.json`, predicts the RAW rows of the run's test split (rebuilt with the
 * default seed and test size from `raw`, the rows the loader kept) and checks that the confusion
 * matrix is metrics.json's, cell for cell: the features step and the decision rule are saved with
 * the pipeline.
 */
function expectSavedPredictionsReproduced(out: string, raw: ReadonlyArray<Record<string, string>>): void {
  const m = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as {
    classes: string[];
    confusionMatrix: number[][];
  };
  const pipe = Pipeline.fromJSON(JSON.parse(readFileSync(join(out, 'pipeline.json'), 'utf8')), PIPELINE_CLASSES);
  const cases = loadRowsColumns(raw).cases;
  expect(cases.rows).toBe(raw.length);
  const split = splitCases(cases, { testSize: DEFAULTS.testSize, seed: DEFAULTS.seed });
  const yPred = pipe.predict(Array.from(split.test, (i) => raw[i]!));
  expect(confusionMatrix(split.yTest, yPred, { labels: m.classes }).to2DArray()).toEqual(m.confusionMatrix);
  pipe.dispose();
}

describeWithSharedFile('npm run lapd on the real sample', lapdSamplePath, () => {
  const sample = lapdSamplePath;
  it('completes, beats the majority baseline on balanced accuracy, macro ROC-AUC >= 0.70', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lapd-it-'));
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(projectRoot, 'examples', 'lapd', 'main.ts'),
        '--data',
        sample,
        '--epochs',
        '4',
        '--out',
        out,
        '--quiet',
      ],
      {
        cwd: projectRoot,
        encoding: 'utf8',
        timeout: 110_000,
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const m = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as Record<string, unknown> & {
      majorityBaseline: { balancedAccuracy: number };
    };
    expect(m.synthetic).toBe(false);
    for (const k of [
      'accuracy',
      'balancedAccuracy',
      'macroF1',
      'rocAucOvrMacro',
      'rocAucOvrWeighted',
      'rocAucOvoMacro',
      'nTrain',
      'nTest',
      'classes',
      'confusionMatrix',
    ])
      expect(m).toHaveProperty(k);
    expect(m.classes).toEqual(['Adult Arrest', 'Adult Other', 'Invest Cont', 'Juv Arrest', 'Juv Other']);
    expect((m.nTrain as number) + (m.nTest as number)).toBe(22_926);
    expect(m.nTest).toBe(Math.ceil(0.25 * 22_926));
    const cm = m.confusionMatrix as number[][];
    expect(cm.flat().reduce((a, b) => a + b, 0)).toBe(m.nTest);
    expect(m.majorityBaseline.balancedAccuracy).toBeCloseTo(0.2, 10);
    expect(m.balancedAccuracy as number).toBeGreaterThan(m.majorityBaseline.balancedAccuracy);
    expect(m.rocAucOvrMacro as number).toBeGreaterThanOrEqual(0.7);
    const files = readdirSync(out);
    for (const f of [
      'metrics.json',
      'pipeline.json',
      'training-curve.svg',
      'confusion-matrix.svg',
      'roc-curves.svg',
      'model-architecture.svg',
    ])
      expect(files).toContain(f);
    for (const f of files.filter((x) => x.endsWith('.svg'))) {
      const svg = readFileSync(join(out, f), 'utf8');
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain('lapd-sample.csv');
    }
    const json = JSON.parse(readFileSync(join(out, 'pipeline.json'), 'utf8')) as { format: string };
    expect(json).toHaveProperty('format');
    // The fitted steps load as a Pipeline and predict on a raw row of the export (a new case has no
    // Status Desc: the features step does not need it).
    const pipe = Pipeline.fromJSON(json, PIPELINE_CLASSES);
    expect(pipe.fitted.nSamplesIn).toBe(m.nTrain);
    const raw = keptRawRows(readFileSync(sample, 'utf8'));
    const p = pipe.predictProba([{ ...raw[0]!, 'Status Desc': '' }]).to2DArray()[0]!;
    expect(p).toHaveLength(5);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect((pipe.steps[1]![1] as Encoder).params.numeric).toContain('hourSin');
    pipe.dispose();
    expectSavedPredictionsReproduced(out, raw);
    // Time and peak memory of every phase.
    const phases = m.phases as Array<{ name: string; seconds: number; peakRssMiB: number }>;
    expect(phases.map((x) => x.name)).toEqual([
      'read',
      'split + features',
      'encode + scale',
      'train',
      'predict + evaluate',
    ]);
    for (const x of phases) expect(x.peakRssMiB).toBeGreaterThan(0);
    expect(m.peakRssMiB as number).toBeLessThan(2048);
  }, 120_000);
});

describe('npm run lapd on its default data', () => {
  it('runs with no data flags on SYNTHETIC data, labelled so in every output', () => {
    const out = mkdtempSync(join(tmpdir(), 'lapd-syn-'));
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(projectRoot, 'examples', 'lapd', 'main.ts'),
        '--rows',
        '3000',
        '--epochs',
        '2',
        '--out',
        out,
      ],
      {
        cwd: projectRoot,
        encoding: 'utf8',
        timeout: 110_000,
      },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/SYNTHETIC DATA/);
    expect(r.stdout).toMatch(/epoch 1\/2/); // plain progress lines when not on a TTY
    expect(r.stdout).toMatch(/balanced accuracy/);
    const m = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as Record<string, unknown>;
    expect(m.synthetic).toBe(true);
    expect(String(m.source)).toMatch(/^SYNTHETIC/);
    for (const f of readdirSync(out).filter((x) => x.endsWith('.svg')))
      expect(readFileSync(join(out, f), 'utf8')).toContain('SYNTHETIC');
    const generated: Array<Record<string, string>> = [...generateRows({ n: 3000, seed: DEFAULTS.seed })];
    const raw = generated.filter((r) => typeof cleanRow((c) => r[c]) !== 'string');
    expectSavedPredictionsReproduced(out, raw);
  }, 120_000);
  it('target-encodes location, mocodeSet and rptDist, one TargetEncoder per smoothing, saved and reproduced', () => {
    const out = mkdtempSync(join(tmpdir(), 'lapd-te-'));
    const flags = ['--rows', '3000', '--epochs', '2', '--quiet', '--out', out];
    const te = ['--target-encode', 'location,mocodeSet,rptDist', '--target-smooth', 'mocodeSet=10'];
    const main = join(projectRoot, 'examples', 'lapd', 'main.ts');
    const r = spawnSync(process.execPath, ['--import', 'tsx', main, ...flags, ...te], {
      cwd: projectRoot,
      encoding: 'utf8',
      timeout: 110_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(join(out, 'pipeline.json'), 'utf8')) as unknown;
    // the encode step: the Encoder, then TargetEncoders grouped by smoothing ('auto' first: location)
    const encoders = JSON.stringify(doc).match(/"format":"imbalanced-tabular\/TargetEncoder"[^}]*}/g) ?? [];
    expect(encoders).toHaveLength(2);
    expect(encoders[0]).toMatch(/"columns":\["location","rptDist"\].*"smooth":"auto"/);
    expect(encoders[1]).toMatch(/"columns":\["mocodeSet"\].*"smooth":10/);
    const generated: Array<Record<string, string>> = [...generateRows({ n: 3000, seed: DEFAULTS.seed })];
    const raw = generated.filter((r) => typeof cleanRow((c) => r[c]) !== 'string');
    expectSavedPredictionsReproduced(out, raw);
  }, 120_000);
});
