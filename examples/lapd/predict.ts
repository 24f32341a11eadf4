/**
 * `npm run lapd -- predict --model <dir>/pipeline.json --data new.csv --out predictions.csv`:
 * scores new cases with a pipeline a run saved. The CSV is streamed (bounded memory) and cleaned
 * by the training rules — the same malformed-row report — and each kept row goes, raw, into the
 * saved pipeline (its first step builds the features). Writes `DR_NO`, the predicted status and
 * one probability column per class.
 *
 * @module
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import {
  ADASYN,
  ColumnTransformer,
  DataValidationError,
  Encoder,
  EnsembleClassifier,
  Pipeline,
  PriorCorrectedClassifier,
  RandomOverSampler,
  Scaler,
  SMOTE,
  SMOTENC,
  TargetEncoder,
  type Label,
  type Matrix,
} from 'imbalanced-tabular';
import { MLPClassifier } from 'imbalanced-tabular/mlp';
import { CaseFeatures, type RawCaseRow } from './CaseFeatures.js';
import { parseFlags } from './cli.js';
import { CodesToOneHot } from './codesToOneHot.js';
import { checkDataFile } from './data.js';
import { DataFileError, REQUIRED_COLUMNS, reportLines, streamNewCases } from './load.js';
import { stdoutSink } from './progress.js';

/** The classes a saved pipeline of the example may hold. */
export const PIPELINE_CLASSES = {
  CaseFeatures,
  Encoder,
  ColumnTransformer,
  TargetEncoder,
  Scaler,
  SMOTE,
  ADASYN,
  SMOTENC,
  RandomOverSampler,
  CodesToOneHot,
  MLPClassifier,
  EnsembleClassifier,
  PriorCorrectedClassifier,
};

/** The `predict --help` text. */
export const PREDICT_HELP = `npm run lapd -- predict --model <dir>/pipeline.json --data <csv> --out <csv> [--quiet]

Scores new cases with a pipeline saved by a run of the example. The CSV has the columns of the
export (Status Desc may be empty or absent); rows the cleaning rejects are reported and left out.
Writes DR_NO, the predicted status and one probability column per class.

Exit codes: 0 success, 1 failure while running, 2 bad flags, an unusable --model or --data file.`;

/** Rows scored at once (bounded memory: the rows of a batch and their probabilities). */
const BATCH = 4096;

/** A user error of the predict command: one line on stderr and exit code 2. */
class PredictInputError extends Error {}

/** Reads and loads `--model`, or throws a {@link PredictInputError} saying what is wrong. */
export function loadModel(path: string): Pipeline {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    throw new PredictInputError(`--model ${path}: ${why}. Pass the pipeline.json a run wrote to its --out folder.`);
  }
  let pipe: Pipeline;
  try {
    pipe = Pipeline.fromJSON(JSON.parse(text), PIPELINE_CLASSES);
  } catch (e) {
    const why = e instanceof SyntaxError ? `not JSON (${e.message})` : (e as Error).message;
    throw new PredictInputError(`--model ${path} is not a saved pipeline of the example: ${why}`);
  }
  if (!(pipe.steps[0]?.[1] instanceof CaseFeatures)) {
    pipe.dispose();
    throw new PredictInputError(
      `--model ${path} has no 'features' step (saved by an older version of the example, it expects ` +
        'feature rows, not raw CSV rows). Train again with npm run lapd to get one that scores raw rows.',
    );
  }
  return pipe;
}

/** One CSV field, quoted when it needs to be. */
function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The predicted labels of `proba` (the saved decision rule when the final step has one). */
function labelsOf(pipe: Pipeline, proba: Matrix): Label[] {
  const last = pipe.steps[pipe.steps.length - 1]?.[1];
  return last instanceof PriorCorrectedClassifier
    ? last.decide(proba)
    : proba.to2DArray().map((r) => pipe.classes[r.indexOf(Math.max(...r))]!);
}

/** What {@link predictFile} did. */
export interface PredictSummary {
  /** Rows scored (written). */
  predicted: number;
  /** The report of the read: rows read, malformed rows, unreadable values. */
  lines: string[];
}

/**
 * Streams `data` through `pipe` into the CSV `out`, in batches of {@link BATCH} rows.
 * @throws DataFileError / DataValidationError for an unusable `data` file.
 */
export async function predictFile(pipe: Pipeline, data: string, out: string): Promise<PredictSummary> {
  checkDataFile(data, ' (the new cases to score)');
  const classes = pipe.classes.map(String);
  const sink = createWriteStream(out);
  const write = async (text: string): Promise<void> => {
    if (!sink.write(text)) await once(sink, 'drain');
  };
  const columns = [...REQUIRED_COLUMNS.filter((c) => c !== 'Status Desc'), 'DR_NO'];
  let rows: RawCaseRow[] = [];
  let ids: string[] = [];
  let predicted = 0;
  const flush = async (): Promise<void> => {
    if (rows.length === 0) return;
    const proba = pipe.predictProba(rows as never);
    const labels = labelsOf(pipe, proba);
    const lines: string[] = [];
    for (let i = 0; i < rows.length; i++) {
      const p = proba.getRow(i).map((v) => String(v));
      lines.push([csvField(ids[i]!), csvField(String(labels[i])), ...p].join(','));
    }
    predicted += rows.length;
    rows = [];
    ids = [];
    await write(`${lines.join('\n')}\n`);
  };
  try {
    await write(`${['DR_NO', 'Predicted Status', ...classes.map((c) => `P(${c})`)].map(csvField).join(',')}\n`);
    const report = await streamNewCases(data, {}, async (get) => {
      const row: Record<string, string | undefined> = {};
      for (const c of columns) row[c] = get(c);
      rows.push(row);
      ids.push((get('DR_NO') ?? '').trim());
      if (rows.length >= BATCH) await flush();
    });
    await flush();
    return { predicted, lines: reportLines(report, predicted) };
  } finally {
    sink.end();
    await once(sink, 'close');
  }
}

/** Runs `predict` with its flags; returns the exit code. */
export async function predictMain(argv: ReadonlyArray<string>): Promise<number> {
  const values = parseFlags(argv, {
    model: { type: 'string' },
    data: { type: 'string' },
    out: { type: 'string' },
    quiet: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  const fail = (message: string): number => {
    process.stderr.write(`lapd predict: ${message}\nRun 'npm run lapd -- predict --help' for the flags.\n`);
    return 2;
  };
  if (typeof values === 'string') return fail(values);
  if (values.help === true) {
    process.stdout.write(`${PREDICT_HELP}\n`);
    return 0;
  }
  const missing = ['model', 'data', 'out'].filter((k) => typeof values[k] !== 'string' || values[k] === '');
  if (missing.length > 0) return fail(`missing ${missing.map((m) => `--${m} <path>`).join(', ')}.`);
  const sink = stdoutSink(values.quiet === true);
  let pipe: Pipeline | undefined;
  try {
    pipe = loadModel(values.model as string);
    const summary = await predictFile(pipe, values.data as string, values.out as string);
    if (sink.enabled) {
      for (const line of summary.lines) sink.line(line);
      sink.line(`Wrote ${summary.predicted.toLocaleString('en-US')} predictions to ${values.out as string}.`);
    }
    return 0;
  } catch (e) {
    if (!(e instanceof PredictInputError || e instanceof DataFileError || e instanceof DataValidationError)) throw e;
    process.stderr.write(`lapd predict: ${e.message}\n`);
    return 2;
  } finally {
    pipe?.dispose();
  }
}
