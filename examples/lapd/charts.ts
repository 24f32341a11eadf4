/**
 * The example's pictures: vega-lite specs compiled by vega-lite and rendered to SVG by vega in Node
 * (`renderer: 'none'`, no browser, no hand-written SVG).
 *
 * @module
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Renders a vega-lite spec to an SVG string. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const FONT = { font: 'DejaVu Sans, Helvetica, Arial, sans-serif' };
const CONFIG = {
  ...FONT,
  axis: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14, subtitleFontSize: 11 },
  view: { stroke: '#ddd' },
};

/** One epoch of training history. */
export interface EpochPoint {
  /** 1-based epoch. */
  epoch: number;
  /** Training loss. */
  loss: number;
  /** Training accuracy. */
  accuracy: number;
  /** Validation loss, when a validation set was used. */
  valLoss?: number;
  /** Validation accuracy. */
  valAccuracy?: number;
}

/** Where early stopping acted, as 1-based epochs of the history (absent when it did not). */
export interface StoppingMarks {
  /** The last epoch trained, when early stopping ended training before the maximum. */
  stopped?: number;
  /** The epoch whose weights were restored (the best one of the monitor). */
  restored?: number;
}

/**
 * Training curve: train vs validation loss and accuracy per epoch, two panels side by side.
 * `note` (e.g. that the training loss includes the L2 penalty) becomes a second subtitle line.
 * `marks` draws a vertical rule, labelled, at the epoch early stopping stopped on and at the one
 * whose weights were restored.
 */
export function trainingCurveSpec(
  history: ReadonlyArray<EpochPoint>,
  title: string,
  note?: string,
  marks: StoppingMarks = {},
): TopLevelSpec {
  const values: Array<{ epoch: number; metric: string; set: string; value: number }> = [];
  for (const h of history) {
    values.push({ epoch: h.epoch, metric: 'loss', set: 'train', value: h.loss });
    values.push({ epoch: h.epoch, metric: 'accuracy', set: 'train', value: h.accuracy });
    if (h.valLoss !== undefined) values.push({ epoch: h.epoch, metric: 'loss', set: 'validation', value: h.valLoss });
    if (h.valAccuracy !== undefined)
      values.push({ epoch: h.epoch, metric: 'accuracy', set: 'validation', value: h.valAccuracy });
  }
  const rules = [
    ...(marks.stopped !== undefined ? [{ epoch: marks.stopped, what: `stopped (epoch ${marks.stopped})` }] : []),
    ...(marks.restored !== undefined
      ? [{ epoch: marks.restored, what: `weights restored (epoch ${marks.restored})` }]
      : []),
  ];
  const x = { field: 'epoch', type: 'quantitative' as const, title: 'epoch', axis: { tickMinStep: 1 } };
  const markLayers =
    rules.length === 0
      ? []
      : [
          {
            data: { values: rules },
            mark: { type: 'rule' as const, strokeDash: [4, 3], color: '#555' },
            encoding: { x },
          },
          {
            data: { values: rules.map((r, i) => ({ ...r, row: i })) },
            // Right of the rule would leave the plot at the last epoch: the labels sit left of it.
            mark: { type: 'text' as const, align: 'right' as const, dx: -3, fontSize: 10, color: '#333' },
            encoding: {
              x,
              y: { value: 0 },
              yOffset: { field: 'row', type: 'quantitative' as const, scale: { range: [8, 22] }, legend: null },
              text: { field: 'what' },
            },
          },
        ];
  const panel = (metric: string, label: string) => ({
    width: 320,
    height: 220,
    title: label,
    layer: [
      {
        transform: [{ filter: `datum.metric === '${metric}'` }],
        mark: { type: 'line' as const, point: true },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative' as const, title: label, scale: { zero: false } },
          color: {
            field: 'set',
            type: 'nominal' as const,
            title: null,
            scale: { domain: ['train', 'validation'], range: ['#1f77b4', '#ff7f0e'] },
          },
        },
      },
      ...markLayers,
    ],
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: 'Training curve', subtitle: note ? [title, note] : title },
    data: { values },
    hconcat: [panel('loss', note ? 'loss' : 'loss (cross-entropy)'), panel('accuracy', 'accuracy')],
    config: CONFIG,
  } as TopLevelSpec;
}

/**
 * Confusion matrix heatmaps (counts, and row-normalised = recall per class), annotated. `rule`
 * names the decision rule that made the predictions (a second subtitle line).
 */
export function confusionSpec(
  classes: ReadonlyArray<string>,
  matrix: ReadonlyArray<ReadonlyArray<number>>,
  title: string,
  rule?: string,
): TopLevelSpec {
  const values: Array<{ truth: string; predicted: string; count: number; share: number }> = [];
  matrix.forEach((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    row.forEach((c, j) =>
      values.push({ truth: classes[i]!, predicted: classes[j]!, count: c, share: total === 0 ? 0 : c / total }),
    );
  });
  const maxCount = Math.max(0, ...values.map((v) => v.count));
  const heat = (field: 'count' | 'share', label: string, fmt: string, scheme: string) => ({
    width: 300,
    height: 300,
    title: label,
    encoding: {
      x: {
        field: 'predicted',
        type: 'nominal' as const,
        sort: [...classes],
        title: 'predicted',
        axis: { labelAngle: -40 },
      },
      y: { field: 'truth', type: 'nominal' as const, sort: [...classes], title: 'true' },
    },
    layer: [
      {
        mark: 'rect' as const,
        encoding: {
          color: {
            field: field,
            type: 'quantitative' as const,
            title: field === 'count' ? 'count' : 'row share',
            scale: field === 'count' ? { type: 'symlog' as const, scheme } : { domain: [0, 1], scheme },
            legend: { orient: 'bottom' as const, gradientLength: 200 },
          },
        },
      },
      {
        mark: { type: 'text' as const, fontSize: 12 },
        encoding: {
          text: { field, type: 'quantitative' as const, format: fmt },
          // White text on the dark cells: the colour scale is log-like for counts, linear for shares.
          color: {
            condition: {
              test: field === 'count' ? `datum.count > ${Math.sqrt(Math.max(1, maxCount))}` : 'datum.share > 0.55',
              value: 'white',
            },
            value: 'black',
          },
        },
      },
    ],
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: 'Confusion matrix (test set)', subtitle: rule ? [title, `decision rule: ${rule}`] : title },
    data: { values },
    hconcat: [heat('count', 'counts', 'd', 'blues'), heat('share', 'row-normalised (recall)', '.2f', 'oranges')],
    resolve: { scale: { color: 'independent' } },
    config: CONFIG,
  } as TopLevelSpec;
}

/** One ROC curve. */
export interface RocSeries {
  /** Class label (one-vs-rest). */
  label: string;
  /** Area under the curve. */
  auc: number;
  /** False positive rates. */
  fpr: ReadonlyArray<number>;
  /** True positive rates. */
  tpr: ReadonlyArray<number>;
}

/**
 * One-vs-rest ROC curves, one line per class, with the chance diagonal. Both axes run exactly
 * from 0 to 1 (no padding, no nice rounding), and the legend sits below the plot, off the curves.
 */
export function rocSpec(series: ReadonlyArray<RocSeries>, title: string): TopLevelSpec {
  const values: Array<{ cls: string; fpr: number; tpr: number; order: number }> = [];
  for (const s of series) {
    const name = `${s.label} (AUC ${s.auc.toFixed(3)})`;
    // Thin very long curves for the picture (keep every k-th point and the ends).
    const step = Math.max(1, Math.ceil(s.fpr.length / 600));
    for (let i = 0; i < s.fpr.length; i += step) values.push({ cls: name, fpr: s.fpr[i]!, tpr: s.tpr[i]!, order: i });
    const last = s.fpr.length - 1;
    if (last % step !== 0) values.push({ cls: name, fpr: s.fpr[last]!, tpr: s.tpr[last]!, order: last });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: 'One-vs-rest ROC curves (test set)', subtitle: title },
    width: 380,
    height: 380,
    layer: [
      {
        data: {
          values: [
            { x: 0, y: 0 },
            { x: 1, y: 1 },
          ],
        },
        mark: { type: 'line', strokeDash: [4, 4], color: '#999' },
        encoding: {
          x: { field: 'x', type: 'quantitative', scale: UNIT },
          y: { field: 'y', type: 'quantitative', scale: UNIT },
        },
      },
      {
        data: { values },
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x: { field: 'fpr', type: 'quantitative', title: 'false positive rate', scale: UNIT },
          y: { field: 'tpr', type: 'quantitative', title: 'true positive rate', scale: UNIT },
          color: {
            field: 'cls',
            type: 'nominal',
            title: 'class',
            legend: { orient: 'bottom', direction: 'vertical', columns: 2, labelLimit: 300 },
          },
          order: { field: 'order', type: 'quantitative' },
        },
      },
    ],
    config: CONFIG,
  } as TopLevelSpec;
}

/** An axis scale of exactly [0, 1]: no padding, no nice rounding, no zero-extension surprises. */
const UNIT = { domain: [0, 1], nice: false, zero: true, padding: 0 };

/** One layer of the model-architecture figure. */
export interface ArchitectureLayer {
  /** Layer name, e.g. "dense_1". */
  name: string;
  /** Layer kind, e.g. "Dense". */
  kind: string;
  /** Units / output width. */
  units: number;
  /** Trainable parameters. */
  params: number;
  /** Free text detail (activation, rate). */
  detail: string;
}

/**
 * Model-architecture figure: one box per layer, top to bottom, its width proportional to the log
 * of its units, labelled with kind, output width and parameter count.
 */
export function architectureSpec(layers: ReadonlyArray<ArchitectureLayer>, title: string): TopLevelSpec {
  const maxLog = Math.max(...layers.map((l) => Math.log2(l.units + 1)));
  const values = layers.map((l, i) => {
    const half = 0.08 + (0.42 * Math.log2(l.units + 1)) / maxLog;
    return {
      i,
      x0: 0.5 - half,
      x1: 0.5 + half,
      label: `${l.kind} · ${l.units} units`,
      sub: `${l.params.toLocaleString('en-US')} parameters${l.detail ? ` · ${l.detail}` : ''}`,
      name: l.name,
    };
  });
  const n = layers.length;
  const arrows = values.slice(0, -1).map((v) => ({ i: v.i, j: v.i + 1 }));
  const h = 62;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: 'Model architecture (MLPClassifier.summary())', subtitle: title },
    width: 420,
    height: n * h,
    layer: [
      {
        data: { values: arrows },
        mark: { type: 'rule', color: '#888', strokeWidth: 2 },
        encoding: {
          x: { datum: 0.5, type: 'quantitative', scale: { domain: [0, 1] }, axis: null },
          y: { field: 'i', type: 'quantitative', scale: { domain: [-0.5, n - 0.5], reverse: true }, axis: null },
          y2: { field: 'j' },
        },
      },
      {
        data: { values },
        layer: [
          {
            mark: { type: 'rect', cornerRadius: 6, stroke: '#335', strokeWidth: 1, height: h * 0.62 },
            encoding: {
              x: { field: 'x0', type: 'quantitative', scale: { domain: [0, 1] }, axis: null },
              x2: { field: 'x1' },
              y: { field: 'i', type: 'quantitative', scale: { domain: [-0.5, n - 0.5], reverse: true }, axis: null },
              color: {
                field: 'i',
                type: 'quantitative',
                scale: { scheme: 'tealblues', domain: [-1, n + 1] },
                legend: null,
              },
            },
          },
          {
            mark: { type: 'text', dy: -7, fontSize: 12, fontWeight: 'bold' },
            encoding: {
              x: { datum: 0.5, type: 'quantitative', scale: { domain: [0, 1] } },
              y: { field: 'i', type: 'quantitative', scale: { domain: [-0.5, n - 0.5], reverse: true } },
              text: { field: 'label' },
              color: { value: '#111' },
            },
          },
          {
            mark: { type: 'text', dy: 8, fontSize: 10 },
            encoding: {
              x: { datum: 0.5, type: 'quantitative', scale: { domain: [0, 1] } },
              y: { field: 'i', type: 'quantitative', scale: { domain: [-0.5, n - 0.5], reverse: true } },
              text: { field: 'sub' },
              color: { value: '#222' },
            },
          },
        ],
      },
    ],
    config: { ...CONFIG, view: { stroke: null } },
  } as TopLevelSpec;
}
