import { describe, expect, it } from 'vitest';
import {
  DataValidationError,
  InstanceHardnessThreshold,
  InvalidParameterError,
  type Label,
  Matrix,
  type MatrixInput,
  SerializationError,
} from '../../src/index.js';
import { percentileOf } from '../../src/sampling/InstanceHardnessThreshold.js';
import { percentileSorted } from '../../src/core/stats/percentileSorted.js';
import { dataset, readFixture } from './samplerFixtures.js';
import { describeConformance, expectUnknownOption, X, y } from './samplerTestData.js';

/** A classifier whose probabilities come from a table keyed by the row (the fixture's fixed cross_val_predict). */
class Lookup {
  classes: Label[] = [];
  fitCalls = 0;
  constructor(
    private readonly table: Map<string, number[]>,
    private readonly all: Label[],
    private readonly async = false,
  ) {}
  clone(): Lookup {
    return new Lookup(this.table, this.all, this.async);
  }
  fit(_X: MatrixInput, _y: ReadonlyArray<Label>): unknown {
    this.classes = this.all;
    this.fitCalls++;
    return this.async ? Promise.resolve(this) : this;
  }
  predict(): Label[] {
    return [];
  }
  predictProba(Xq: Matrix): Matrix {
    return new Matrix(Xq.to2DArray().map((r) => this.table.get(JSON.stringify(r)) as number[]));
  }
}

/** A small deterministic classifier: the probability of a class falls with the distance to its mean. */
class NearestMean {
  classes: Label[] = [];
  private means: number[][] = [];
  clone(): NearestMean {
    return new NearestMean();
  }
  fit(Xf: Matrix, yf: ReadonlyArray<Label>): this {
    const rows = Xf.to2DArray();
    this.classes = [...new Set(yf)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.means = this.classes.map((c) => {
      const m = rows.filter((_, i) => yf[i] === c);
      return m[0]!.map((_, t) => m.reduce((s, r) => s + r[t]!, 0) / m.length);
    });
    return this;
  }
  predict(): Label[] {
    return [];
  }
  predictProba(Xq: Matrix): Matrix {
    return new Matrix(
      Xq.to2DArray().map((r) => {
        const w = this.means.map((m) => Math.exp(-m.reduce((s, v, t) => s + (v - r[t]!) ** 2, 0)));
        const sum = w.reduce((a, b) => a + b, 0);
        return w.map((v) => v / sum);
      }),
    );
  }
}

describeConformance({
  name: 'InstanceHardnessThreshold',
  create: (seed: number) => new InstanceHardnessThreshold({ estimator: new NearestMean(), seed }),
  keepsOriginals: false,
});

interface Case {
  dataset: string;
  samplingStrategy: 'auto' | 'all' | 'majority';
  proba: number[][];
  indices: number[];
  y: Label[];
}
const fixture = readFixture<{ cases: Case[]; stringLabelsError: string }>('instanceHardness.json');

describe('InstanceHardnessThreshold on the imbalanced-learn 0.10 fixtures (fixed probabilities)', () => {
  for (const c of fixture.cases) {
    const ds = dataset(c.dataset);
    const table = new Map(ds.X.map((r, i) => [JSON.stringify(r), c.proba[i]!]));
    const classes = [...new Set(ds.y)].sort();
    it(`${c.dataset}, ${c.samplingStrategy}: the same rows, ties at the threshold kept`, () => {
      const s = new InstanceHardnessThreshold({
        estimator: new Lookup(table, classes),
        samplingStrategy: c.samplingStrategy,
        seed: 0,
      });
      const out = s.fitResample(ds.X, ds.y);
      expect([...(out.sampleIndices as Int32Array)]).toEqual(c.indices);
      expect(out.y).toEqual(c.y);
    });
    it(`${c.dataset}, ${c.samplingStrategy}: fitResampleAsync, asynchronous fit: the same rows`, async () => {
      const s = new InstanceHardnessThreshold({
        estimator: new Lookup(table, classes, true),
        samplingStrategy: c.samplingStrategy,
      });
      const out = await s.fitResampleAsync(ds.X, ds.y);
      expect([...(out.sampleIndices as Int32Array)]).toEqual(c.indices);
    });
  }

  it('imbalanced-learn 0.10 fails on string labels; the column is found by class here', () => {
    expect(fixture.stringLabelsError).toMatch(/^IndexError/);
    const ds = dataset('str4d');
    const out = new InstanceHardnessThreshold({ estimator: new NearestMean(), seed: 1 }).fitResample(ds.X, ds.y);
    expect(new Set(out.y)).toEqual(new Set(['pos', 'neg', 'Mid']));
  });
});

describe('InstanceHardnessThreshold', () => {
  const ds = dataset('quad5d');

  it('same seed: same folds and rows, with fitResample and fitResampleAsync; the drawn seed replays', async () => {
    const a = new InstanceHardnessThreshold({ estimator: new NearestMean(), seed: 3 }).fitResample(ds.X, ds.y);
    const b = await new InstanceHardnessThreshold({ estimator: new NearestMean(), seed: 3 }).fitResampleAsync(
      ds.X,
      ds.y,
    );
    expect(b.sampleIndices).toEqual(a.sampleIndices);
    const free = new InstanceHardnessThreshold({ estimator: new NearestMean() });
    const c = await free.fitResampleAsync(ds.X, ds.y);
    const again = new InstanceHardnessThreshold({ estimator: new NearestMean(), seed: free.fitted.seed });
    expect(again.fitResample(ds.X, ds.y).sampleIndices).toEqual(c.sampleIndices);
    expect(free.fitted.probability.length).toBe(ds.X.length);
  });

  it('keeps the rows with the highest probability of their own class', () => {
    const s = new InstanceHardnessThreshold({ estimator: new NearestMean(), seed: 2 });
    const out = s.fitResample(ds.X, ds.y);
    const p = s.fitted.probability;
    const kept = new Set(out.sampleIndices);
    for (const [label, n] of s.fitted.samplingStrategy) {
      const rows = ds.y.flatMap((v, i) => (v === label ? [i] : []));
      const worstKept = Math.min(...rows.filter((i) => kept.has(i)).map((i) => p[i]!));
      const bestDropped = Math.max(...rows.filter((i) => !kept.has(i)).map((i) => p[i]!));
      expect(worstKept).toBeGreaterThanOrEqual(bestDropped);
      expect(rows.filter((i) => kept.has(i)).length).toBeGreaterThanOrEqual(n);
    }
  });

  it('the estimator passed is cloned per fold, never fitted itself', () => {
    const table = new Map(X.map((r) => [JSON.stringify(r), [0.5, 0.3, 0.2]]));
    const est = new Lookup(table, [0, 1, 2]);
    new InstanceHardnessThreshold({ estimator: est, cv: 3, seed: 0 }).fitResample(X, y);
    expect(est.fitCalls).toBe(0);
  });

  it("each fold's estimator gets its training and test rows, which stay valid after the call", () => {
    const seen: Array<{ X: Matrix; rows: number[][] }> = [];
    class Recording extends NearestMean {
      override clone(): Recording {
        return new Recording();
      }
      override fit(Xf: Matrix, yf: ReadonlyArray<Label>): this {
        seen.push({ X: Xf, rows: Xf.to2DArray() });
        return super.fit(Xf, yf);
      }
      override predictProba(Xq: Matrix): Matrix {
        seen.push({ X: Xq, rows: Xq.to2DArray() });
        return super.predictProba(Xq);
      }
    }
    new InstanceHardnessThreshold({ estimator: new Recording(), cv: 3, seed: 1 }).fitResample(ds.X, ds.y);
    expect(seen.length).toBe(6);
    let tested = 0;
    for (const [f, { X: m, rows }] of seen.entries()) {
      expect(m.to2DArray()).toEqual(rows); // kept after the later folds ran: unchanged
      for (const r of rows) expect(ds.X.some((x) => x.every((v, j) => v === r[j]))).toBe(true);
      if (f % 2 === 1) tested += rows.length;
      else expect(rows.length + (seen[f + 1] as { rows: number[][] }).rows.length).toBe(ds.X.length);
    }
    expect(tested).toBe(ds.X.length);
  });

  it('the threshold by selection is the percentile of the sorted values', () => {
    let state = 7;
    const draw = () => {
      state = (state * 48271) % 2147483647;
      return state / 2147483647;
    };
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + (trial % 37);
      const values = Float64Array.from({ length: n }, () => {
        const u = draw();
        return u < 0.2 ? 0 : u < 0.3 ? -0 : u < 0.5 ? Math.round(u * 10) / 10 : u;
      });
      if (trial % 50 === 0) values[trial % n] = NaN;
      for (const q of [0, 12.5, 33.3, 50, 80, 99.9, 100, (1 - 3 / n) * 100]) {
        if (q < 0) continue;
        const want = percentileSorted(Float64Array.from(values).sort(), q);
        const got = percentileOf(Float64Array.from(values), q);
        // the same number (a zero's sign may differ: the selection does not order -0 before 0, and
        // the threshold is only compared with >=, which does not see it)
        expect(got === want || (Number.isNaN(got) && Number.isNaN(want))).toBe(true);
      }
    }
  });

  it('refusals', async () => {
    expectUnknownOption(
      () => new InstanceHardnessThreshold({ estimator: new NearestMean(), n_jobs: 2 } as never),
      'InstanceHardnessThreshold',
      'n_jobs',
    );
    expect(() => new InstanceHardnessThreshold()).toThrow(/estimator must be a classifier with fit and predictProba/);
    expect(() => new InstanceHardnessThreshold({ estimator: { fit() {} } as never })).toThrow(/It has no predictProba/);
    expect(() => new InstanceHardnessThreshold({ estimator: new NearestMean(), cv: 1 })).toThrow(InvalidParameterError);
    const table = new Map(X.map((r) => [JSON.stringify(r), [0.5, 0.3, 0.2]]));
    expect(() =>
      new InstanceHardnessThreshold({ estimator: new Lookup(table, [0, 1, 2], true) }).fitResample(X, y),
    ).toThrow(/fit returned a Promise .* fitResampleAsync/);
    expect(() => new InstanceHardnessThreshold({ estimator: new NearestMean(), cv: 41 }).fitResample(X, y)).toThrow(
      'InstanceHardnessThreshold.fitResample: cv = 41 folds need at least 41 rows in some class (largest class: ' +
        '36 rows). Lower cv.',
    );
    await expect(
      new InstanceHardnessThreshold({ estimator: new NearestMean() }).fitResampleAsync(X, y.slice(1)),
    ).rejects.toThrow(DataValidationError);
    const wrong: Record<string, unknown> = {
      clone: () => wrong,
      predict: () => [],
      fit: () => undefined,
      classes: [0, 1, 2],
      predictProba: () => new Matrix(1, 3),
    };
    expect(() => new InstanceHardnessThreshold({ estimator: wrong as never, seed: 0 }).fitResample(X, y)).toThrow(
      /predictProba returned .* expected a Matrix of 13 rows × 3 columns/,
    );
    expect(() => new InstanceHardnessThreshold({ estimator: new NearestMean() }).toJSON()).toThrow(SerializationError);
  });
});
