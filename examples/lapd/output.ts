/**
 * Step 6: what a run writes to `--out` (metrics.json, pipeline.json, SVG pictures) and prints.
 *
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  architectureSpec,
  confusionSpec,
  renderSvg,
  rocSpec,
  trainingCurveSpec,
  type ArchitectureLayer,
} from './charts.js';
import type { MLPClassifier } from 'imbalanced-tabular/mlp';
import type { EvaluationReport, ExperimentResult } from './experiment.js';
import { rocSeries, ruleDescription } from './experiment.js';

/** The architecture figure's layers, from `MLPClassifier.summary()` (input first). */
export function architectureLayers(mlp: MLPClassifier): ArchitectureLayer[] {
  const s = mlp.summary();
  const first = s.layers[0];
  const layers: ArchitectureLayer[] = [
    {
      name: 'input',
      kind: 'Input',
      units: first ? first.inputShape[1] : 0,
      params: 0,
      detail: 'encoded + scaled features',
    },
  ];
  for (const l of s.layers) {
    const detail = l.type === 'Dropout' ? 'dropout' : l.activation && l.activation !== 'linear' ? l.activation : '';
    layers.push({ name: l.name, kind: l.type, units: l.outputShape[1], params: l.params, detail });
  }
  return layers;
}

/** Formats a metric (null → '–'). */
export const f3 = (v: number | null | undefined): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(3);

/** The metrics.json document: the report plus the run's description. */
export function metricsDocument(report: EvaluationReport, extra: Record<string, unknown>): Record<string, unknown> {
  return { ...extra, ...report };
}

/** Writes metrics.json, pipeline.json and the four SVG pictures; returns the written paths. */
export async function writeOutputs(
  out: string,
  run: ExperimentResult,
  yTest: ReadonlyArray<string>,
  meta: Record<string, unknown> & { synthetic: boolean; source: string },
): Promise<string[]> {
  await mkdir(out, { recursive: true });
  const tag = meta.synthetic
    ? `SYNTHETIC data — not real LAPD cases · ${meta.source.replace(/^SYNTHETIC data /, '')}`
    : meta.source;
  const files: Array<[string, string]> = [];
  const f = run.rule.fitted;
  const decisionRule = {
    description: ruleDescription(run.rule),
    alpha: f.alpha,
    priors: Object.fromEntries(f.classes.map((c, i) => [String(c), f.priors[i]])),
    offsets: Object.fromEntries(f.classes.map((c, i) => [String(c), f.offsets[i]])),
    // --rule-search linear: row c of W, the weights of the classes' log-probabilities in c's score
    weights:
      f.weights === null
        ? null
        : Object.fromEntries(
            f.classes.map((c, i) => [
              String(c),
              Object.fromEntries(f.classes.map((d, j) => [String(d), f.weights?.[i]?.[j]])),
            ]),
          ),
    validationScore: f.validationScore,
    nValidation: f.nValidation,
  };
  const earlyStopping = { stoppedEpoch: run.stopping.stopped ?? null, restoredEpoch: run.stopping.restored ?? null };
  const doc = metricsDocument(run.report, { ...meta, decisionRule, earlyStopping });
  files.push(['metrics.json', `${JSON.stringify(doc, null, 2)}\n`]);
  files.push(['pipeline.json', `${JSON.stringify(run.pipelineJson)}\n`]);
  const l2 = run.mlp.params.l2;
  const note =
    l2 > 0
      ? `training loss includes the L2 penalty (${l2} · Σw², as Keras reports it); ` +
        'validation loss is the cross-entropy alone'
      : undefined;
  files.push(['training-curve.svg', await renderSvg(trainingCurveSpec(run.history, tag, note, run.stopping))]);
  files.push([
    'confusion-matrix.svg',
    await renderSvg(confusionSpec(run.report.classes, run.report.confusionMatrix, tag, ruleDescription(run.rule))),
  ]);
  files.push(['roc-curves.svg', await renderSvg(rocSpec(rocSeries(yTest, run.proba, run.report), tag))]);
  files.push(['model-architecture.svg', await renderSvg(architectureSpec(architectureLayers(run.mlp), tag))]);
  const paths: string[] = [];
  for (const [name, text] of files) {
    const p = join(out, name);
    await writeFile(p, text);
    paths.push(p);
  }
  return paths;
}

/** The console report of one run. */
export function formatReport(
  r: EvaluationReport,
  title: string,
  seconds: number,
  majority: { accuracy: number; balancedAccuracy: number },
): string {
  return [
    `== ${title} ==`,
    `train ${r.nTrain} rows (${r.nTrainResampled} after resampling), test ${r.nTest} rows (untouched), ` +
      `trained in ${seconds.toFixed(1)}s`,
    '',
    `accuracy            ${f3(r.accuracy)}   (majority class: ${f3(majority.accuracy)})`,
    `balanced accuracy   ${f3(r.balancedAccuracy)}   (majority class: ${f3(majority.balancedAccuracy)})`,
    `macro F1            ${f3(r.macroF1)}`,
    `ROC-AUC ovr macro   ${f3(r.rocAucOvrMacro)}   (reference notebook: 0.726)`,
    `ROC-AUC ovr weighted ${f3(r.rocAucOvrWeighted)}`,
    `ROC-AUC ovo macro   ${f3(r.rocAucOvoMacro)}`,
    '',
    r.report,
    'confusion matrix (rows = true, columns = predicted):',
    confusionText(r.classes, r.confusionMatrix),
  ].join('\n');
}

/** The confusion matrix as an aligned text table. */
export function confusionText(classes: ReadonlyArray<string>, m: ReadonlyArray<ReadonlyArray<number>>): string {
  const w = Math.max(12, ...classes.map((c) => c.length)) + 1;
  const cw = Math.max(7, ...classes.map((c) => c.length + 1), ...m.flat().map((v) => String(v).length + 1));
  const head = ''.padEnd(w) + classes.map((c) => c.padStart(cw)).join('');
  return [head, ...m.map((row, i) => classes[i]!.padEnd(w) + row.map((v) => String(v).padStart(cw)).join(''))].join(
    '\n',
  );
}
