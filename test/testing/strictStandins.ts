/**
 * Two tiny estimators whose loaders validate every field with the core JSON readers — the pattern
 * the library's own loaders follow — so that a pipeline of them passes the JSON-tampering check,
 * and a deliberately trusting one that fails it.
 */
import { Matrix } from 'ml-matrix';
import { NotFittedError } from '../../src/core/errors.js';
import { readInteger, readLabels, readNumber, readNumbers, readObject, readOneOf } from '../../src/core/jsonFields.js';
import type { Label, MatrixInput } from '../../src/core/matrix.js';
import { type Envelope, makeEnvelope, openEnvelope } from '../../src/core/serialization.js';

const rowsOf = (X: MatrixInput): number[][] => (X instanceof Matrix ? X.to2DArray() : X.map((r) => Array.from(r)));

/** Subtracts `scale` × the column means. */
export class Shift {
  readonly params: Readonly<{ scale: number; mode: 'mean' | 'first' }>;
  private offset: Float64Array | undefined;
  constructor(options: { scale?: number; mode?: 'mean' | 'first' } = {}) {
    this.params = Object.freeze({ scale: options.scale ?? 1, mode: options.mode ?? 'mean' });
  }
  fit(X: MatrixInput): this {
    const r = rowsOf(X);
    const d = (r[0] as number[]).length;
    const o = new Float64Array(d);
    for (const row of this.params.mode === 'mean' ? r : r.slice(0, 1)) row.forEach((v, j) => (o[j] += v));
    this.offset = o.map((s) => (this.params.scale * s) / (this.params.mode === 'mean' ? r.length : 1));
    return this;
  }
  transform(X: MatrixInput): Matrix {
    if (!this.offset) throw new NotFittedError('Shift', 'transform');
    const o = this.offset;
    return new Matrix(rowsOf(X).map((row) => row.map((v, j) => v - (o[j] as number))));
  }
  toJSON(): Envelope {
    const o = this.offset;
    return makeEnvelope('Shift', 1, { ...this.params }, o ? { nFeaturesIn: o.length, offset: Array.from(o) } : null);
  }
  static fromJSON(json: unknown): Shift {
    const who = 'Shift.fromJSON';
    const env = openEnvelope(json, 'Shift', 1);
    const p = readObject(who, 'params', env.params, { required: ['scale', 'mode'] });
    const s = new Shift({
      scale: readNumber(who, 'params.scale', p.scale, { interval: { gt: 0 } }),
      mode: readOneOf(who, 'params.mode', p.mode, ['mean', 'first']),
    });
    if (env.state !== null) {
      const st = readObject(who, 'state', env.state, { required: ['nFeaturesIn', 'offset'] });
      const length = readInteger(who, 'state.nFeaturesIn', st.nFeaturesIn, { min: 1 });
      s.offset = readNumbers(who, 'state.offset', st.offset, { length });
    }
    return s;
  }
}

/** Predicts the most frequent training class; probabilities are the class frequencies. */
export class Majority {
  readonly params: Readonly<Record<string, never>> = Object.freeze({});
  private state: { classes: Label[]; counts: number[] } | undefined;
  get classes(): Label[] {
    if (!this.state) throw new NotFittedError('Majority', 'classes');
    return [...this.state.classes];
  }
  fit(_X: MatrixInput, y: ReadonlyArray<Label>): Promise<this> {
    const counts = new Map<Label, number>();
    for (const v of y) counts.set(v, (counts.get(v) ?? 0) + 1);
    const classes = [...counts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.state = { classes, counts: classes.map((c) => counts.get(c) as number) };
    return Promise.resolve(this);
  }
  predict(X: MatrixInput): Label[] {
    const s = this.state;
    if (!s) throw new NotFittedError('Majority', 'predict');
    const best = s.counts.indexOf(Math.max(...s.counts));
    return rowsOf(X).map(() => s.classes[best] as Label);
  }
  predictProba(X: MatrixInput): Matrix {
    const s = this.state;
    if (!s) throw new NotFittedError('Majority', 'predictProba');
    const total = s.counts.reduce((a, b) => a + b, 0);
    return new Matrix(rowsOf(X).map(() => s.counts.map((c) => c / total)));
  }
  toJSON(): Envelope {
    return makeEnvelope('Majority', 1, {}, this.state ? { ...this.state } : null);
  }
  static fromJSON(json: unknown): Majority {
    const who = 'Majority.fromJSON';
    const env = openEnvelope(json, 'Majority', 1);
    readObject(who, 'params', env.params, { required: [] });
    const m = new Majority();
    if (env.state !== null) {
      const st = readObject(who, 'state', env.state, { required: ['classes', 'counts'] });
      const classes = readLabels(who, 'state.classes', st.classes, { min: 1, sorted: true });
      const counts = Array.from(readNumbers(who, 'state.counts', st.counts, { length: classes.length }), (c, i) =>
        readInteger(who, `state.counts[${i}]`, c, { min: 1 }),
      );
      m.state = { classes, counts };
    }
    return m;
  }
}

/** Like {@link Shift}, but its loader trusts what it reads (the defect the tamper check finds). */
export class TrustingShift extends Shift {
  static override fromJSON(json: unknown): TrustingShift {
    const env = openEnvelope<{ scale: number; mode: 'mean' | 'first' }, { offset: number[] } | null>(json, 'Shift', 1);
    const s = new TrustingShift(env.params);
    if (env.state) (s as unknown as { offset: Float64Array }).offset = Float64Array.from(env.state.offset);
    return s;
  }
}
