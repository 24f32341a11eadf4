/**
 * What every sampler's {@link Sampler.fitStream} does around its `streamPlan` hook: validate the
 * row source, labels and options, resolve the plan on the selected rows (the same resolution as
 * `fitResample`), read the selected rows once to check them finite, build the hook's
 * {@link StreamContext}, and turn the hook's plan into a {@link LazyBatchSource}.
 *
 * @internal
 * @module
 */
import type { BatchSource, ProgressCallback } from '../../core/batchSource.js';
import { DataValidationError, describe } from '../../core/errors.js';
import { checkLabels, classCounts } from '../../core/labels.js';
import type { Label } from '../../core/matrix.js';
import { drawSeed } from '../../core/Random.js';
import { isRowSource, type RowSource } from '../../core/rowSource.js';
import { checkFunction, checkInteger, checkOptions } from '../../core/validate.js';
import { checkRowSource, chunkBuffer, forEachChunk, readInto } from '../readRows.js';
import type { SamplingType } from '../samplingStrategy.js';
import { LazyBatchSource } from './LazyBatchSource.js';
import type { SamplerStreamOptions, StreamClass, StreamContext, StreamPlan } from './streamPlan.js';

/** The option names of {@link SamplerStreamOptions}. */
const STREAM_OPTIONS: ReadonlyArray<keyof SamplerStreamOptions> = ['rows', 'onProgress', 'epochRows', 'blockRows'];

/** What {@link runFitStream} needs from the sampler. @internal */
export interface FitStreamInput<Extra extends object> {
  /** The sampler's class name. */
  readonly name: string;
  /** Over- or under-sampling. */
  readonly samplingType: SamplingType;
  /** The `seed` option (undefined: draw one). */
  readonly seed: number | undefined;
  /** Resolves the plan for the selected rows' labels and counts (throws for one class). */
  readonly resolve: (who: string, y: ReadonlyArray<Label>, counts: ReadonlyMap<Label, number>) => Map<Label, number>;
  /** The sampler's `streamPlan` hook. */
  readonly hook: (ctx: StreamContext) => StreamPlan<Extra>;
}

/** The selected rows: the `rows` option checked against X, or every row. */
function selectionOf(who: string, n: number, rows: unknown): Int32Array {
  if (rows === undefined) {
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    return all;
  }
  if (!(rows instanceof Int32Array) && !Array.isArray(rows)) {
    throw new DataValidationError(
      `${who}: rows must be an Int32Array of row indices of X, received ${describe(rows)}.`,
      { param: 'rows' },
    );
  }
  const sel = Int32Array.from(rows as ArrayLike<number>);
  for (let t = 0; t < sel.length; t++) {
    const v = (rows as ArrayLike<number>)[t];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= n) {
      throw new DataValidationError(`${who}: rows[${t}] = ${describe(v)} is not a row index of X in [0, ${n}).`, {
        param: 'rows',
        row: t,
      });
    }
  }
  if (sel.length === 0) {
    throw new DataValidationError(`${who}: rows is empty; select at least one row of each class.`, {
      param: 'rows',
    });
  }
  return sel;
}

/**
 * Runs a sampler's lazy fit on `X`, `y` and the options; returns the batch source and what the
 * sampler records in `fitted`. @internal
 */
export function runFitStream<Extra extends object>(
  sampler: FitStreamInput<Extra>,
  X: RowSource,
  y: ReadonlyArray<Label>,
  options: SamplerStreamOptions | undefined,
): { source: BatchSource; plan: StreamPlan<Extra>; seed: number; ctx: StreamContext } {
  const who = `${sampler.name}.fitStream`;
  const o = checkOptions<SamplerStreamOptions>(who, options, STREAM_OPTIONS);
  const onProgress = checkFunction(who, 'onProgress', o.onProgress) as ProgressCallback | undefined;
  const epochRows =
    o.epochRows === undefined ? undefined : checkInteger(who, 'epochRows', o.epochRows, { min: 1, max: 2 ** 31 - 1 });
  if (!isRowSource(X)) {
    throw new DataValidationError(
      `${who}: X must be a RowSource (rows, columns, gatherRows), received ${describe(X)}. Wrap a dense ` +
        'matrix with denseRowSource(data, rows, columns).',
      { param: 'X' },
    );
  }
  checkRowSource(who, X);
  const cols = X.columns;
  const blockRows = checkInteger(who, 'blockRows', o.blockRows, { min: 1 }, Math.max(1024, Math.floor(2 ** 23 / cols)));
  const allLabels = checkLabels(y, who, 'y', X.rows);
  const selection = selectionOf(who, X.rows, o.rows);
  const labels: Label[] = new Array(selection.length);
  for (let p = 0; p < selection.length; p++) labels[p] = allLabels[selection[p] as number] as Label;
  const counts = classCounts(labels);
  const plan = sampler.resolve(who, labels, counts);
  const seed = sampler.seed ?? drawSeed();
  const progress = (phase: string, done: number, total: number | undefined, unit: string): void => {
    onProgress?.({ phase, done, total, unit });
  };
  const scratch = chunkBuffer(cols);
  progress('fit', 0, selection.length, 'rows');
  const read = (_chunk: Float32Array, start: number, count: number) =>
    progress('fit', start + count, selection.length, 'rows');
  forEachChunk(who, X, selection, read, scratch);
  let block = new Float64Array(0);

  const positions = new Map<Label, Int32Array>();
  const positionsOf = (label: Label): Int32Array => {
    let idx = positions.get(label);
    if (idx) return idx;
    const n = counts.get(label);
    if (n === undefined) throw new Error(`${who}: class ${describe(label)} is not in y.`);
    idx = new Int32Array(n);
    for (let p = 0, t = 0; p < labels.length; p++) if (labels[p] === label) idx[t++] = p;
    positions.set(label, idx);
    return idx;
  };
  const byClass = new Map<Label, Int32Array>();
  const rowsOf = (label: Label): Int32Array => {
    let rows = byClass.get(label);
    if (!rows) {
      rows = positionsOf(label).map((p) => selection[p] as number);
      byClass.set(label, rows);
    }
    return rows;
  };
  const over = sampler.samplingType === 'over-sampling';
  const ctx: StreamContext = {
    who,
    samplingType: sampler.samplingType,
    X,
    cols,
    selection,
    y: labels,
    counts,
    plan,
    seed,
    blockRows,
    positionsOf,
    rowsOf,
    dense: (rows) => readInto(who, X, rows, new Float64Array(rows.length * cols), scratch),
    denseBlock: (rows) => {
      if (block.length < rows.length * cols) block = new Float64Array(rows.length * cols);
      return readInto(who, X, rows, block, scratch);
    },
    classes: () =>
      [...counts].map(([label, n]): StreamClass => {
        const rows = rowsOf(label);
        if (over) return { label, rows, originals: n, synthetic: plan.get(label) ?? 0 };
        return plan.has(label)
          ? { label, rows, originals: plan.get(label) as number, synthetic: 0, draw: 'fresh' }
          : { label, rows, originals: n, synthetic: 0 };
      }),
    progress,
  };
  const streamPlan = sampler.hook(ctx);
  checkPlan(who, streamPlan, counts);
  const source = new LazyBatchSource(`${sampler.name} batch source`, X, streamPlan, seed, epochRows);
  return { source, plan: streamPlan, seed, ctx };
}

/** A hook's plan must have one entry per class, in sorted order, with sane counts. */
function checkPlan(who: string, plan: StreamPlan, counts: ReadonlyMap<Label, number>): void {
  const labels = [...counts.keys()];
  const got = plan.classes.map((c) => c.label);
  if (got.length !== labels.length || got.some((c, i) => c !== labels[i])) {
    throw new Error(
      `${who}: the streamPlan hook must return one class entry per class of y in sorted order ` +
        `(${labels.map((c) => describe(c)).join(', ')}), got ${got.map((c) => describe(c)).join(', ')}.`,
    );
  }
  for (const c of plan.classes) {
    if (!Number.isSafeInteger(c.originals) || c.originals < 0 || !Number.isSafeInteger(c.synthetic) || c.synthetic < 0)
      throw new Error(`${who}: the streamPlan hook gave class ${describe(c.label)} invalid row counts.`);
  }
}
