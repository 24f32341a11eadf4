/**
 * `npm run lapd -- predict`: a run's saved pipeline scores raw rows of the export, streamed, with
 * the loader's malformed-row report, on the synthetic default and on rows of the real sample.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { Pipeline } from 'imbalanced-tabular';
import { CaseFeatures } from '../../../examples/lapd/CaseFeatures.js';
import { PIPELINE_CLASSES } from '../../../examples/lapd/predict.js';
import { generateRows } from '../../../examples/lapd/synthetic.js';
import { describeWithSharedFile, lapdSamplePath, projectRoot } from '../../support/sharedData.js';
import { csv, keptRawRows } from './csvRows.js';

const main = join(projectRoot, 'examples', 'lapd', 'main.ts');
const lapd = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', main, ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 110_000,
  });

/** Trains a run into a fresh folder; returns the folder. */
function train(...args: string[]): string {
  const out = mkdtempSync(join(tmpdir(), 'lapd-predict-'));
  const r = lapd(...args, '--epochs', '2', '--out', out, '--quiet');
  expect(r.status, r.stderr).toBe(0);
  return out;
}

/** Runs predict on `rows` (written as a CSV); checks the output against the pipeline in-process. */
function predictAndCheck(out: string, rows: ReadonlyArray<Record<string, string>>, malformed: number): string[][] {
  const data = join(out, 'new.csv');
  writeFileSync(data, csv(rows));
  const target = join(out, 'predictions.csv');
  const r = lapd('predict', '--model', join(out, 'pipeline.json'), '--data', data, '--out', target);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toContain(`Rows read ${rows.length}, kept ${rows.length - malformed}, malformed ${malformed}.`);
  const lines = parseCsv(readFileSync(target, 'utf8')) as string[][];
  const pipe = Pipeline.fromJSON(JSON.parse(readFileSync(join(out, 'pipeline.json'), 'utf8')), PIPELINE_CLASSES);
  expect(lines[0]).toEqual(['DR_NO', 'Predicted Status', ...pipe.classes.map((c) => `P(${c})`)]);
  const body = lines.slice(1);
  expect(body).toHaveLength(rows.length - malformed);
  const features = pipe.steps[0]![1] as unknown as CaseFeatures;
  expect(features).toBeInstanceOf(CaseFeatures);
  // The kept rows, in order, predicted in-process by the loaded pipeline: the same labels.
  const ids = new Set(body.map((b) => b[0]));
  const kept = rows.filter((row) => ids.has(row.DR_NO));
  expect(body.map((b) => b[1])).toEqual(pipe.predict(kept));
  for (const b of body) {
    const p = b.slice(2).map(Number);
    expect(p.reduce((a, c) => a + c, 0)).toBeCloseTo(1, 5);
  }
  pipe.dispose();
  return body;
}

describe('npm run lapd -- predict on the synthetic default', () => {
  let trained: string | undefined;
  const synthetic = (): string => {
    trained ??= train('--rows', '3000');
    return trained;
  };
  it('scores raw rows of new cases, reporting and leaving out the malformed ones', () => {
    const out = synthetic();
    const rows: Array<Record<string, string>> = [...generateRows({ n: 60, seed: 99 })];
    rows[3] = { ...rows[3]!, 'DATE OCC': 'someday' }; // malformed: unreadable DATE OCC
    rows[7] = { ...rows[7]!, 'Status Desc': '' }; // a new case: no status yet, still scored
    rows[9] = { ...rows[9]!, 'Vict Age': 'forty' }; // unreadable, kept as missing and counted
    const body = predictAndCheck(out, rows, 1);
    expect(body.map((b) => b[0])).not.toContain(rows[3]!.DR_NO);
    expect(body.map((b) => b[0])).toContain(rows[7]!.DR_NO);
  }, 120_000);

  it('refuses unusable inputs with one line and exit code 2', () => {
    const out = synthetic();
    const model = join(out, 'pipeline.json');
    const cases: Array<[string[], RegExp]> = [
      [['--data', 'x.csv', '--out', 'y.csv'], /missing --model <path>/],
      [['--model', join(out, 'nope.json'), '--data', model, '--out', join(out, 'p.csv')], /no such file/],
      [['--model', join(out, 'metrics.json'), '--data', model, '--out', join(out, 'p.csv')], /not a saved pipeline/],
      [['--model', model, '--data', join(out, 'nope.csv'), '--out', join(out, 'p.csv')], /--data .*no such file/],
      [['--model', model, '--data', model, '--out', join(out, 'p.csv')], /lacks the column/],
      [['--model', model, '--sed', '1'], /Unknown option '--sed'/],
    ];
    for (const [args, message] of cases) {
      const r = lapd('predict', ...args);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  }, 120_000);
});

describe('npm run lapd -- predict with target encoding and an ensemble', () => {
  it('a --target-encode --ensemble run saves one ColumnTransformer step and an ensemble that score raw rows', () => {
    const out = train('--rows', '3000', '--target-encode', 'rptDist,premiseCode', '--ensemble', '2');
    const json = JSON.parse(readFileSync(join(out, 'pipeline.json'), 'utf8'));
    const encode = json.params.steps[1][1];
    expect(encode.format).toBe('imbalanced-tabular/ColumnTransformer');
    expect(encode.params.transformers.map((t: [string, { format: string }]) => [t[0], t[1].format])).toEqual([
      ['encoder', 'imbalanced-tabular/Encoder'],
      ['target', 'imbalanced-tabular/TargetEncoder'],
    ]);
    predictAndCheck(out, [...generateRows({ n: 40, seed: 7 })], 0);
  }, 120_000);
});

describe('npm run lapd -- predict with cross-fitted networks and a linear rule', () => {
  it('a --cross-fit --rule-search linear run saves the out-of-fold rule, and the loaded pipeline applies it', () => {
    const out = train(
      '--rows',
      '3000',
      '--cross-fit',
      '2',
      '--tune-rule',
      'balancedAccuracy',
      '--rule-search',
      'linear',
    );
    const json = JSON.parse(readFileSync(join(out, 'pipeline.json'), 'utf8'));
    const rule = json.params.steps.at(-1)[1];
    expect(rule.params.tune).toMatchObject({ search: 'linear', validation: 'outOfFold' });
    expect(rule.params.classifier.params.crossFit).toBe(2);
    expect(rule.state.weights).toHaveLength(rule.state.classes.length);
    const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8'));
    expect(metrics.decisionRule.description).toMatch(/class-balanced logistic rule fitted on \d+ out-of-fold rows/);
    predictAndCheck(out, [...generateRows({ n: 40, seed: 7 })], 0);
  }, 180_000);
});

describeWithSharedFile('npm run lapd -- predict on rows of the real sample', lapdSamplePath, () => {
  it('scores 500 rows of the sample with a model trained on it', () => {
    const out = train('--data', lapdSamplePath);
    const rows = keptRawRows(readFileSync(lapdSamplePath, 'utf8')).slice(0, 500);
    const broken = { ...rows[0]!, 'Crm Cd': '', DR_NO: 'broken' }; // malformed: missing Crm Cd
    predictAndCheck(out, [broken, ...rows.map((r) => ({ ...r, 'Status Desc': '' }))], 1);
  }, 120_000);
});
