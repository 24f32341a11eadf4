/**
 * Small test-local estimators for the pipeline tests: a centering transformer, a random
 * over-sampler that duplicates rows, a memorizing 1-nearest-neighbour classifier and a
 * nearest-centroid classifier. They follow the house contract (params, fitted, toJSON/fromJSON)
 * and are deliberately simple, so the tests exercise the pipeline, not them.
 */
import { Matrix } from 'ml-matrix';
import { NotFittedError } from '../../src/core/errors.js';
import type { Label, MatrixInput } from '../../src/core/matrix.js';
import { Random } from '../../src/core/Random.js';
import { makeEnvelope, openEnvelope } from '../../src/core/serialization.js';
import type { Envelope } from '../../src/core/serialization.js';

const rowsOf = (X: MatrixInput): number[][] => (X instanceof Matrix ? X.to2DArray() : X.map((r) => Array.from(r)));
const sortLabels = (y: ReadonlyArray<Label>): Label[] =>
  [...new Set(y)].sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0,
  );

/** Subtracts the column means learned in fit. Records every fit input (for the tests). */
export class Center {
  readonly params: Readonly<Record<string, never>> = Object.freeze({});
  private mean: number[] | undefined;
  /** Rows seen by each fit call. */
  fitRows: number[] = [];
  /** Rows seen by each transform call. */
  transformRows: number[] = [];
  get fitted(): { mean: number[] } {
    if (!this.mean) throw new NotFittedError('Center', 'fitted');
    return { mean: this.mean };
  }
  fit(X: MatrixInput): this {
    const r = rowsOf(X);
    this.fitRows.push(r.length);
    const d = (r[0] as number[]).length;
    const m = new Array(d).fill(0);
    for (const row of r) row.forEach((v, j) => (m[j] += v));
    this.mean = m.map((s) => s / r.length);
    return this;
  }
  transform(X: MatrixInput): Matrix {
    const mean = this.fitted.mean;
    const r = rowsOf(X);
    this.transformRows.push(r.length);
    return new Matrix(r.map((row) => row.map((v, j) => v - (mean[j] as number))));
  }
  fitTransform(X: MatrixInput): Matrix {
    return this.fit(X).transform(X);
  }
  toJSON(): Envelope {
    return makeEnvelope('Center', 1, {}, this.mean ? { mean: this.mean } : null);
  }
  static fromJSON(json: unknown): Center {
    const env = openEnvelope<Record<string, never>, { mean: number[] } | null>(json, 'Center', 1);
    const c = new Center();
    if (env.state) c.mean = env.state.mean;
    return c;
  }
}

/** Duplicates randomly chosen rows of the smaller classes until every class has as many rows as the largest. */
export class Duplicate {
  readonly params: Readonly<{ seed: number }>;
  calls = 0;
  constructor(options: { seed: number }) {
    this.params = Object.freeze({ seed: options.seed });
  }
  fitResample(X: MatrixInput, y: ReadonlyArray<Label>): { X: Matrix; y: Label[]; sampleIndices: Int32Array } {
    this.calls++;
    const rows = rowsOf(X);
    const rng = new Random(this.params.seed);
    const byClass = new Map<Label, number[]>();
    y.forEach((l, i) => byClass.set(l, [...(byClass.get(l) ?? []), i]));
    const most = Math.max(...[...byClass.values()].map((v) => v.length));
    const idx = rows.map((_, i) => i);
    for (const c of sortLabels(y)) {
      const members = byClass.get(c) as number[];
      for (let k = members.length; k < most; k++) idx.push(members[rng.int(members.length)] as number);
    }
    return {
      X: new Matrix(idx.map((i) => [...(rows[i] as number[])])),
      y: idx.map((i) => y[i] as Label),
      sampleIndices: Int32Array.from(idx),
    };
  }
  toJSON(): Envelope {
    return makeEnvelope('Duplicate', 1, { seed: this.params.seed }, null);
  }
  static fromJSON(json: unknown): Duplicate {
    return new Duplicate(openEnvelope<{ seed: number }>(json, 'Duplicate', 1).params);
  }
}

interface MemoState {
  X: number[][];
  y: Label[];
  classes: Label[];
}

/** A memorizing 1-nearest-neighbour classifier (async fit, like the MLP). */
export class OneNN {
  readonly params: Readonly<Record<string, never>> = Object.freeze({});
  private state: MemoState | undefined;
  /** Class counts seen by the last fit. */
  seen: Map<Label, number> | undefined;
  get classes(): Label[] {
    if (!this.state) throw new NotFittedError('OneNN', 'classes');
    return this.state.classes;
  }
  async fit(X: MatrixInput, y: ReadonlyArray<Label>): Promise<this> {
    const Xr = rowsOf(X);
    this.seen = new Map();
    for (const l of y) this.seen.set(l, (this.seen.get(l) ?? 0) + 1);
    this.state = { X: Xr, y: [...y], classes: sortLabels(y) };
    return this;
  }
  private nearest(row: number[]): Label {
    const s = this.state as MemoState;
    let best = Infinity;
    let label = s.y[0] as Label;
    s.X.forEach((r, i) => {
      let d = 0;
      for (let j = 0; j < r.length; j++) d += ((r[j] as number) - (row[j] as number)) ** 2;
      if (d < best) {
        best = d;
        label = s.y[i] as Label;
      }
    });
    return label;
  }
  predict(X: MatrixInput): Label[] {
    if (!this.state) throw new NotFittedError('OneNN', 'predict');
    return rowsOf(X).map((r) => this.nearest(r));
  }
  predictProba(X: MatrixInput): Matrix {
    const pred = this.predict(X);
    const cls = this.classes;
    return new Matrix(pred.map((p) => cls.map((c) => (c === p ? 1 : 0))));
  }
  toJSON(): Envelope {
    return makeEnvelope('OneNN', 1, {}, this.state ?? null);
  }
  static fromJSON(json: unknown): OneNN {
    const env = openEnvelope<Record<string, never>, MemoState | null>(json, 'OneNN', 1);
    const c = new OneNN();
    if (env.state) c.state = env.state;
    return c;
  }
}

/** Nearest centroid with soft-max-of-negative-distance probabilities. */
export class Centroid {
  readonly params: Readonly<{ temperature: number }>;
  private state: { classes: Label[]; centroids: number[][] } | undefined;
  constructor(options: { temperature?: number } = {}) {
    this.params = Object.freeze({ temperature: options.temperature ?? 1 });
  }
  get classes(): Label[] {
    if (!this.state) throw new NotFittedError('Centroid', 'classes');
    return this.state.classes;
  }
  async fit(X: MatrixInput, y: ReadonlyArray<Label>): Promise<this> {
    const r = rowsOf(X);
    const classes = sortLabels(y);
    const centroids = classes.map((c) => {
      const members = r.filter((_, i) => y[i] === c);
      return (members[0] as number[]).map((_, j) => members.reduce((s, m) => s + (m[j] as number), 0) / members.length);
    });
    this.state = { classes, centroids };
    return this;
  }
  predictProba(X: MatrixInput): Matrix {
    if (!this.state) throw new NotFittedError('Centroid', 'predictProba');
    const { centroids } = this.state;
    return new Matrix(
      rowsOf(X).map((row) => {
        const s = centroids.map((c) =>
          Math.exp(-Math.sqrt(c.reduce((a, v, j) => a + (v - (row[j] as number)) ** 2, 0)) / this.params.temperature),
        );
        const z = s.reduce((a, b) => a + b, 0);
        return s.map((v) => v / z);
      }),
    );
  }
  predict(X: MatrixInput): Label[] {
    const p = this.predictProba(X);
    return p.to2DArray().map((row) => this.classes[row.indexOf(Math.max(...row))] as Label);
  }
  toJSON(): Envelope {
    return makeEnvelope('Centroid', 1, { temperature: this.params.temperature }, this.state ?? null);
  }
  static fromJSON(json: unknown): Centroid {
    const env = openEnvelope<{ temperature: number }, { classes: Label[]; centroids: number[][] } | null>(
      json,
      'Centroid',
      1,
    );
    const c = new Centroid(env.params);
    if (env.state) c.state = env.state;
    return c;
  }
}

/** Balanced accuracy computed here (independently of the metrics module). */
export function balancedAccuracy(yTrue: ReadonlyArray<Label>, yPred: ReadonlyArray<Label>): number {
  const classes = [...new Set(yTrue)];
  let sum = 0;
  for (const c of classes) {
    let n = 0;
    let hit = 0;
    yTrue.forEach((t, i) => {
      if (t === c) {
        n++;
        if (yPred[i] === c) hit++;
      }
    });
    sum += hit / n;
  }
  return sum / classes.length;
}

/** Accuracy computed here. */
export function accuracy(yTrue: ReadonlyArray<Label>, yPred: ReadonlyArray<Label>): number {
  let hit = 0;
  yTrue.forEach((t, i) => (hit += t === yPred[i] ? 1 : 0));
  return hit / yTrue.length;
}

/** Gaussian blobs: `sizes[c]` rows of class `labels[c]` around `c · sep` on every axis. */
export function blobs(
  sizes: number[],
  labels: Label[],
  d: number,
  sep: number,
  seed: number,
): { X: number[][]; y: Label[] } {
  const rng = new Random(seed);
  const X: number[][] = [];
  const y: Label[] = [];
  sizes.forEach((n, c) => {
    for (let i = 0; i < n; i++) {
      X.push(Array.from({ length: d }, () => c * sep + rng.normal()));
      y.push(labels[c] as Label);
    }
  });
  return { X, y };
}
