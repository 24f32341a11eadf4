import { DataValidationError, describe } from './errors.js';
import type { Label } from './matrix.js';

/**
 * Compares two labels the way NumPy sorts them: numbers ascending, strings by UTF-16 code units.
 * @internal
 */
export function compareLabels(a: Label, b: Label): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * Validates a label vector (strings or finite numbers, not mixed) and returns it as a fresh array.
 * @internal
 */
export function checkLabels(y: ReadonlyArray<Label>, who: string, param = 'y', expectedLength?: number): Label[] {
  if (!Array.isArray(y) && !ArrayBuffer.isView(y)) {
    throw new DataValidationError(
      `${who}: ${param} must be an array of labels (strings or numbers), received ${describe(y)}.`,
      { param },
    );
  }
  const n = y.length;
  if (expectedLength !== undefined && n !== expectedLength) {
    throw new DataValidationError(
      `${who}: ${param} has ${n} labels but X has ${expectedLength} rows. Pass one label per row.`,
      { param },
    );
  }
  const out: Label[] = new Array(n);
  let kind: 'string' | 'number' | undefined;
  for (let i = 0; i < n; i++) {
    const v = y[i] as unknown;
    const t = typeof v;
    if (t === 'number') {
      if (!Number.isFinite(v as number)) {
        throw new DataValidationError(
          `${who}: ${param}[${i}] is ${String(v)}; labels must be finite numbers or strings.`,
          { param, row: i },
        );
      }
    } else if (t !== 'string') {
      throw new DataValidationError(`${who}: ${param}[${i}] is ${describe(v)}; labels must be strings or numbers.`, {
        param,
        row: i,
      });
    }
    if (kind === undefined) kind = t as 'string' | 'number';
    else if (kind !== t) {
      throw new DataValidationError(
        `${who}: ${param} mixes strings and numbers (row ${i} is ${describe(v)}, earlier rows are ${kind}s). ` +
          'Use one label type.',
        { param, row: i },
      );
    }
    out[i] = v as Label;
  }
  return out;
}

/**
 * Sorted distinct labels. @internal
 */
export function uniqueSorted(y: ReadonlyArray<Label>): Label[] {
  return Array.from(new Set(y)).sort(compareLabels);
}

/**
 * Maps labels to their index in `classes`; throws on a label not in `classes`. @internal
 */
export function encodeLabels(
  y: ReadonlyArray<Label>,
  classes: ReadonlyArray<Label>,
  who: string,
  param = 'y',
): Int32Array {
  const index = new Map<Label, number>();
  classes.forEach((c, i) => index.set(c, i));
  const out = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const k = index.get(y[i] as Label);
    if (k === undefined) {
      throw new DataValidationError(
        `${who}: ${param}[${i}] = ${describe(y[i])} is not one of the known classes ` +
          `[${classes.map((c) => describe(c)).join(', ')}].`,
        { param, row: i },
      );
    }
    out[i] = k;
  }
  return out;
}

/**
 * Counts per class, as a Map in sorted class order. @internal
 */
export function classCounts(y: ReadonlyArray<Label>): Map<Label, number> {
  const counts = new Map<Label, number>();
  for (const v of y) counts.set(v, (counts.get(v) ?? 0) + 1);
  return new Map([...counts.entries()].sort((a, b) => compareLabels(a[0], b[0])));
}
