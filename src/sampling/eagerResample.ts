/**
 * The eager resampling behind {@link Sampler.fitResample}: the hook's context over a dense copy of
 * X (`allocate` for over-samplers, `keep` for under-samplers), and the assembly of the output —
 * originals first and untouched, new rows after them grouped by class in sorted order (over), or
 * the kept rows class by class (under). The lazy form's fallback runs the same hook once per epoch.
 *
 * @internal
 * @module
 */
import { DataValidationError, describe } from '../core/errors.js';
import type { ResampleResult } from '../core/contracts.js';
import { fromDense, type Label } from '../core/matrix.js';
import type { Random } from '../core/Random.js';
import type { SamplerContext } from './Sampler.js';
import { permuteRows } from './cleaningOutput.js';

/** What the hook runs on: the validated data (with room for new rows), labels, plan and stream. @internal */
export interface HookInput {
  /** `ClassName.fitResample`, for messages. */
  readonly who: string;
  /** Whether the sampler adds rows. */
  readonly over: boolean;
  /** Validated copy of X, row-major. */
  readonly data: Float64Array;
  /** Rows of X. */
  readonly rows: number;
  /** Columns of X. */
  readonly cols: number;
  /** The allocation `data` is the prefix of, with room for new rows (over-samplers), if any. */
  readonly room: Float64Array | undefined;
  /**
   * Under-samplers: nothing reads `data` after this call (the sampler's own copy of X, or a lent
   * buffer its lender discards, see lentDense.ts), so when they are at least half its rows the kept
   * rows are moved within it instead of copied to a new output buffer (a smaller output gets its own,
   * so as not to hold the whole copy).
   */
  readonly consume?: boolean;
  /** Validated labels. */
  readonly labels: ReadonlyArray<Label>;
  /** Class counts, sorted. */
  readonly counts: ReadonlyMap<Label, number>;
  /** The resolved plan. */
  readonly plan: ReadonlyMap<Label, number>;
  /** The seeded stream of this run. */
  readonly rng: Random;
}

/** What one run of the hook produced. @internal */
export interface HookOutput<Extra> {
  /** The hook's extra `fitted` fields. */
  readonly extra: Extra;
  /** Over-samplers: the output, `total × cols` (originals first, then the new rows by class). */
  readonly outData: Float64Array | undefined;
  /** Over-samplers: the source row of every output row (`-1` for a synthetic row). */
  readonly outSources: Int32Array | undefined;
  /** Over-samplers: new rows per class, in output order. */
  readonly added: ReadonlyMap<Label, number>;
  /** Under-samplers: the rows kept per class passed to `keep`. */
  readonly kept: ReadonlyMap<Label, Int32Array>;
  /** Row indices of a class, in input order. */
  indicesOf(label: Label): Int32Array;
}

/** Runs `hook` once on `input` through a {@link SamplerContext}. @internal */
export function runHook<Extra extends object>(
  input: HookInput,
  hook: (ctx: SamplerContext) => Extra,
): HookOutput<Extra> {
  const { who, over, data, rows, cols, room, labels, counts, plan, rng } = input;
  const byClass = new Map<Label, Int32Array>();
  const indicesOf = (label: Label): Int32Array => {
    let idx = byClass.get(label);
    if (idx) return idx;
    const n = counts.get(label);
    if (n === undefined) throw new Error(`${who}: class ${describe(label)} is not in y.`);
    idx = new Int32Array(n);
    let t = 0;
    for (let i = 0; i < rows; i++) if (labels[i] === label) idx[t++] = i;
    byClass.set(label, idx);
    return idx;
  };

  let outData: Float64Array | undefined;
  let outSources: Int32Array | undefined;
  const added = new Map<Label, number>();
  const kept = new Map<Label, Int32Array>();
  const ctx: SamplerContext = {
    who,
    data,
    rows,
    cols,
    y: labels,
    counts,
    plan,
    rng,
    indicesOf,
    allocate: (want = plan) => {
      if (!over) throw new Error(`${who}: allocate() is for over-samplers; under-samplers call keep().`);
      if (outData) throw new Error(`${who}: allocate() may be called only once per fitResample.`);
      const ordered = [...counts.keys()].filter((c) => (want.get(c) ?? 0) > 0);
      for (const c of want.keys()) {
        if (!counts.has(c)) throw new Error(`${who}: allocate() got class ${describe(c)} which is not in y.`);
      }
      let total = rows;
      const offsets = new Map<Label, number>();
      for (const c of ordered) {
        const n = want.get(c) as number;
        if (!Number.isSafeInteger(n) || n < 0)
          throw new Error(`${who}: allocate() got ${String(n)} rows for class ${describe(c)}.`);
        offsets.set(c, total);
        added.set(c, n);
        total += n;
      }
      let buf: Float64Array;
      if (room && total * cols <= room.length) {
        buf = room.subarray(0, total * cols); // the originals are already its prefix
      } else {
        buf = outputBuffer(who, rows, total - rows, cols, () => new Float64Array(total * cols));
        buf.set(data);
      }
      outData = buf;
      const src = new Int32Array(total);
      for (let i = 0; i < rows; i++) src[i] = i;
      src.fill(-1, rows);
      outSources = src;
      const offsetOf = (label: Label): number => {
        const o = offsets.get(label);
        if (o === undefined) throw new Error(`${who}: no rows were allocated for class ${describe(label)}.`);
        return o;
      };
      return {
        rows: (label: Label) => {
          const o = offsetOf(label);
          return buf.subarray(o * cols, (o + added.get(label)!) * cols);
        },
        sources: (label: Label) => {
          const o = offsetOf(label);
          return src.subarray(o, o + added.get(label)!);
        },
      };
    },
    keep: (label, indices) => {
      if (over) throw new Error(`${who}: keep() is for under-samplers; over-samplers call allocate().`);
      if (!counts.has(label)) throw new Error(`${who}: keep() got class ${describe(label)} which is not in y.`);
      kept.set(label, indices);
    },
  };

  const extra = hook(ctx);
  if (over && !outData) {
    let planned = 0;
    for (const n of plan.values()) planned += n;
    if (planned > 0)
      throw new Error(
        `${who}: the resample hook did not call ctx.allocate() although the plan asks for ${planned} new rows.`,
      );
    ctx.allocate(new Map());
  }
  return { extra, outData, outSources, added, kept, indicesOf };
}

/**
 * The rows of class `c` an under-sampler's run keeps, in output order (a class never passed to
 * `keep` whole, in input order), each checked to be a row of that class. @internal
 */
export function keptRows(input: HookInput, out: HookOutput<object>, c: Label): Int32Array {
  const idx = out.kept.get(c) ?? out.indicesOf(c);
  for (let t = 0; t < idx.length; t++) {
    const i = idx[t] as number;
    if (!(i >= 0 && i < input.rows) || input.labels[i] !== c)
      throw new Error(`${input.who}: keep() for class ${describe(c)} got row ${i}, which is not a row of that class.`);
  }
  return idx;
}

/** The {@link ResampleResult} of a run, with the counts `fitted` records. @internal */
export function assembleResult(
  input: HookInput,
  out: HookOutput<object>,
  withIndices: boolean,
): { result: ResampleResult; realized: Map<Label, number>; outCounts: Map<Label, number> } {
  const { over, data, rows, cols, labels, counts, plan } = input;
  let result: ResampleResult;
  const realized = new Map<Label, number>();
  const outCounts = new Map<Label, number>();
  if (over) {
    const a = out.added;
    for (const c of plan.keys()) realized.set(c, a.get(c) ?? 0);
    const total = (out.outSources as Int32Array).length;
    const yOut: Label[] = labels.slice();
    yOut.length = total;
    let p = rows;
    for (const [c, n] of a) for (let i = 0; i < n; i++) yOut[p++] = c;
    for (const [c, n] of counts) outCounts.set(c, n + (a.get(c) ?? 0));
    result = { X: fromDense(out.outData as Float64Array, total, cols), y: yOut };
    if (withIndices) result.sampleIndices = out.outSources as Int32Array;
  } else {
    let total = 0;
    for (const c of counts.keys()) {
      const n = out.kept.get(c)?.length ?? (counts.get(c) as number);
      outCounts.set(c, n);
      if (plan.has(c)) realized.set(c, n);
      total += n;
    }
    const inPlace = input.consume === true && total * 2 >= rows;
    const buf = inPlace ? data : outputBuffer(input.who, total, 0, cols, () => new Float64Array(total * cols));
    const yOut: Label[] = new Array(total);
    const idxOut = new Int32Array(total);
    let p = 0;
    for (const c of counts.keys()) {
      const idx = keptRows(input, out, c);
      for (let t = 0; t < idx.length; t++) {
        const i = idx[t] as number;
        if (!inPlace) buf.set(data.subarray(i * cols, (i + 1) * cols), p * cols);
        yOut[p] = c;
        idxOut[p++] = i;
      }
    }
    if (inPlace) moveKeptRows(data, rows, cols, idxOut);
    result = { X: fromDense(buf, total, cols), y: yOut };
    if (withIndices) result.sampleIndices = idxOut;
  }
  return { result, realized, outCounts };
}

/**
 * Moves the rows `kept` (distinct rows of the `rows × cols` buffer `data`) to its first
 * `kept.length` rows, in that order, in place: the rows not kept fill the positions after them, so
 * the moves are one permutation of the rows.
 */
function moveKeptRows(data: Float64Array, rows: number, cols: number, kept: Int32Array): void {
  const from = new Int32Array(rows);
  from.set(kept);
  const isKept = new Uint8Array(rows);
  for (let t = 0; t < kept.length; t++) isKept[kept[t] as number] = 1;
  let q = kept.length;
  for (let i = 0; i < rows; i++) if (!isKept[i]) from[q++] = i;
  permuteRows(data, cols, from);
}

/** The most rows a resampled output can hold: its row indices are 32-bit integers. @internal */
export const MAX_OUTPUT_ROWS = 2 ** 31 - 1;

/**
 * Refuses, before anything is allocated, a plan whose output cannot exist — more rows than
 * {@link MAX_OUTPUT_ROWS} (a sampling target of 1e15 rows) or `rows × cols` values beyond exact
 * doubles — stating the size and the option to change, instead of a bare `RangeError`. @internal
 */
export function checkOutputSize(who: string, rows: number, added: number, cols: number): void {
  const total = rows + added;
  if (total <= MAX_OUTPUT_ROWS && Number.isSafeInteger(total * Math.max(cols, 1) * 8)) return;
  throw outputTooLarge(who, rows, added, cols, `beyond the ${MAX_OUTPUT_ROWS} rows an output can hold`);
}

/**
 * `make()` — the output's float64 buffer of `(rows + added) × cols` values — or, where the runtime cannot
 * allocate one that large (its typed-array limit, 2³² values in Node 20, or the memory), a
 * DataValidationError stating the size and the option to change. Every eager sampler's output
 * and its copy of X with room for the new rows are allocated through it. @internal
 */
export function outputBuffer<T>(who: string, rows: number, added: number, cols: number, make: () => T): T {
  try {
    return make();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw outputTooLarge(who, rows, added, cols, 'more than this runtime can allocate');
  }
}

/** The error for an output of `rows + added` rows of `cols` float64 values that cannot be made. */
function outputTooLarge(who: string, rows: number, added: number, cols: number, why: string): DataValidationError {
  const total = rows + added;
  const gib = (total * cols * 8) / 2 ** 30;
  const size = `${total} rows × ${cols} columns (${total * cols} values, ${gib.toPrecision(3)} GiB of float64)`;
  const asked = added > 0 ? `samplingStrategy asks for ${added} new rows — ` : '';
  return new DataValidationError(
    `${who}: ${asked}the resampled output would be ${size}, ${why}. Lower the target counts of ` +
      'samplingStrategy, or stream the resampled data in mini-batches with fitStream.',
    { param: 'samplingStrategy' },
  );
}
