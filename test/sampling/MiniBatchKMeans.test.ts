import { describe, expect, it } from 'vitest';
import {
  DataValidationError,
  InvalidParameterError,
  KMeans,
  MiniBatchKMeans,
  NotFittedError,
  Random,
  SerializationError,
} from '../../src/index.js';

/** `perBlob` rows around each of `centres` (standard deviation `sd`), in blob order. */
function blobs(centres: number[][], perBlob: number, sd: number, seed: number): number[][] {
  const rng = new Random(seed);
  return centres.flatMap((c) => Array.from({ length: perBlob }, () => c.map((v) => v + sd * rng.normal())));
}

function nearest(row: number[], centres: number[][]): number {
  let best = 0;
  let bestD = Infinity;
  centres.forEach((c, j) => {
    const d = c.reduce((s, v, t) => s + (v - row[t]!) ** 2, 0);
    if (d < bestD) {
      bestD = d;
      best = j;
    }
  });
  return best;
}

const CENTRES = [
  [0, 0, 0],
  [10, 0, 0],
  [0, 10, 0],
  [0, 0, 10],
  [10, 10, 10],
];
const X = blobs(CENTRES, 400, 1, 7);

describe('MiniBatchKMeans', () => {
  it('on well-separated blobs: inertia within 1% of full KMeans, one cluster per blob', () => {
    const mbk = new MiniBatchKMeans({ nClusters: 5, batchSize: 256, seed: 1 });
    const labels = mbk.fitPredict(X);
    const full = new KMeans({ nClusters: 5, nInit: 3, seed: 1 }).fit(X).fitted.inertia;
    expect(mbk.fitted.inertia).toBeLessThanOrEqual(full * 1.01);
    expect(mbk.fitted.inertia).toBeGreaterThanOrEqual(full * (1 - 1e-12));
    for (let b = 0; b < CENTRES.length; b++) {
      expect(new Set(labels.subarray(b * 400, (b + 1) * 400)).size).toBe(1);
    }
    expect(new Set(labels).size).toBe(5);
  });

  it('labels are the nearest final centre, as predict gives them; inertia is their sum of squares', () => {
    const mbk = new MiniBatchKMeans({ nClusters: 4, batchSize: 100, seed: 3 });
    const labels = mbk.fitPredict(X);
    const centres = mbk.fitted.clusterCenters.to2DArray();
    expect([...labels]).toEqual(X.map((r) => nearest(r, centres)));
    expect([...mbk.predict(X)]).toEqual([...labels]);
    const ss = X.reduce((s, r, i) => s + centres[labels[i]!]!.reduce((a, v, t) => a + (v - r[t]!) ** 2, 0), 0);
    expect(mbk.fitted.inertia).toBeCloseTo(ss, 6);
  });

  it('same seed, same result; without a seed one is drawn and recorded, so the run replays', () => {
    const a = new MiniBatchKMeans({ nClusters: 5, batchSize: 64, seed: 9 }).fit(X);
    const b = new MiniBatchKMeans({ nClusters: 5, batchSize: 64, seed: 9 }).fit(X);
    expect(b.fitted).toEqual(a.fitted);
    expect(a.fitted.seed).toBe(9);
    const c = new MiniBatchKMeans({ nClusters: 5, batchSize: 64 }).fit(X);
    const again = new MiniBatchKMeans({ nClusters: 5, batchSize: 64, seed: c.fitted.seed }).fit(X);
    expect(again.fitted.clusterCenters.to2DArray()).toEqual(c.fitted.clusterCenters.to2DArray());
  });

  it('stops early on the smoothed inertia; maxNoImprovement null runs every step', () => {
    const early = new MiniBatchKMeans({ nClusters: 5, batchSize: 50, maxIter: 20, seed: 2 }).fit(X).fitted;
    const all = new MiniBatchKMeans({ nClusters: 5, batchSize: 50, maxIter: 20, maxNoImprovement: null, seed: 2 });
    all.fit(X);
    const maxSteps = Math.floor((20 * X.length) / 50);
    expect(early.nSteps).toBeLessThan(maxSteps);
    expect(all.fitted.nSteps).toBe(maxSteps);
    expect(all.fitted.nIter).toBe(20);
    expect(early.nIter).toBe(Math.ceil((early.nSteps * 50) / X.length));
  });

  it('a centre far from every row is moved onto the data by the low-count reassignment (not with ratio 0)', () => {
    const init = [...CENTRES.slice(0, 4), [1e4, 1e4, 1e4]];
    const moved = new MiniBatchKMeans({ nClusters: 5, init, batchSize: 100, seed: 4 });
    const labels = moved.fitPredict(X);
    expect(new Set(labels).size).toBe(5);
    expect(Math.max(...moved.fitted.clusterCenters.getRow(4))).toBeLessThan(20);
    const stuck = new MiniBatchKMeans({ nClusters: 5, init, batchSize: 100, reassignmentRatio: 0, seed: 4 });
    expect(new Set(stuck.fitPredict(X)).has(4)).toBe(false);
    expect(stuck.fitted.clusterCenters.getRow(4)).toEqual([1e4, 1e4, 1e4]);
  });

  it("init 'random', a batch larger than X, and an initSize below nClusters", () => {
    const small = X.slice(0, 30);
    const r = new MiniBatchKMeans({ nClusters: 3, init: 'random', batchSize: 5000, seed: 0 }).fit(small);
    expect(r.fitted.nIter).toBe(r.fitted.nSteps);
    const s = new MiniBatchKMeans({ nClusters: 6, initSize: 2, seed: 0 });
    expect(new Set(s.fitPredict(X)).size).toBeGreaterThan(1);
  });

  it('refuses unknown and invalid options, too few rows, centres of another width; fitted before fit throws', () => {
    expect(() => new MiniBatchKMeans({ batch_size: 10 } as never)).toThrow(
      'MiniBatchKMeans: unknown option "batch_size" — did you mean \'batchSize\'? Known options: nClusters, init, ' +
        'batchSize, nInit, maxIter, initSize, reassignmentRatio, maxNoImprovement, seed.',
    );
    const bad: Array<Record<string, unknown>> = [
      { nClusters: 0 },
      { batchSize: 1.5 },
      { nInit: 0 },
      { maxIter: -1 },
      { initSize: 0 },
      { reassignmentRatio: -0.1 },
      { reassignmentRatio: 2 },
      { maxNoImprovement: 0 },
      { init: 'kmeans' },
      { nClusters: 2, init: [[0, 0]] },
      { nClusters: 1, init: [[0, 0]], nInit: 3 },
      { seed: -1 },
    ];
    for (const o of bad)
      expect(() => new MiniBatchKMeans(o as never), JSON.stringify(o)).toThrow(InvalidParameterError);
    expect(new MiniBatchKMeans({ nClusters: 1, init: [[0, 0]] }).params.nInit).toBe(1);
    expect(new MiniBatchKMeans().params).toMatchObject({ nClusters: 8, batchSize: 1024, nInit: 3, maxIter: 100 });
    expect(() => new MiniBatchKMeans({ nClusters: 5 }).fit([[0], [1]])).toThrow(
      'MiniBatchKMeans.fit: X has 2 rows, fewer than nClusters = 5. Lower nClusters.',
    );
    expect(() => new MiniBatchKMeans({ nClusters: 1, init: [[0, 0]] }).fit([[0], [1]])).toThrow(DataValidationError);
    expect(() => new MiniBatchKMeans().fitted).toThrow(NotFittedError);
    expect(() => new MiniBatchKMeans().predict([[0]])).toThrow(NotFittedError);
    const fitted = new MiniBatchKMeans({ nClusters: 2, seed: 0 }).fit(X);
    expect(() => fitted.predict([[0, 0]])).toThrow(/X has 2 columns, the centres 3/);
  });

  it('squared distances beyond doubles: a DataValidationError naming the row and column', () => {
    const big = [[-1.7e308], [1.7e308], [-1e308], [1.5e308], [0], [1]];
    let err: unknown;
    try {
      new MiniBatchKMeans({ nClusters: 2, seed: 0 }).fit(big);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataValidationError);
    expect((err as DataValidationError).row).toBe(0);
    expect((err as DataValidationError).column).toBe(0);
  });

  it('does not modify its input', () => {
    const input = X.map((r) => [...r]);
    new MiniBatchKMeans({ nClusters: 3, seed: 1 }).fit(input);
    expect(input).toEqual(X);
  });
});

describe('MiniBatchKMeans JSON', () => {
  const saved = () =>
    JSON.parse(JSON.stringify(new MiniBatchKMeans({ nClusters: 2, seed: 1 }).fit([[0], [1], [9], [10]]).toJSON()));

  it('round trip keeps options and centres, fitted or not, explicit centres included', () => {
    const mbk = new MiniBatchKMeans({ nClusters: 3, batchSize: 64, maxNoImprovement: null, seed: 4 }).fit(X);
    const back = MiniBatchKMeans.fromJSON(JSON.parse(JSON.stringify(mbk.toJSON())));
    expect(back.params).toEqual(mbk.params);
    expect(back.fitted).toEqual(mbk.fitted);
    expect([...back.predict(X)]).toEqual([...mbk.predict(X)]);
    const init = [
      [0, 1],
      [2, 3],
    ];
    const explicit = MiniBatchKMeans.fromJSON(JSON.stringify(new MiniBatchKMeans({ nClusters: 2, init }).toJSON()));
    expect(explicit.params.init).toEqual(Float64Array.from([0, 1, 2, 3]));
    expect(MiniBatchKMeans.fromJSON(saved()).toJSON()).toEqual(saved());
  });

  const edits: Array<[string, unknown, RegExp]> = [
    ['inertia', -1, /state\.inertia/],
    ['nSteps', 0, /state\.nSteps/],
    ['nIter', 101, /state\.nIter/],
    ['seed', -3, /state\.seed/],
    ['clusterCenters', [0, '-Infinity'], /state\.clusterCenters\[1\]/],
    ['nFeaturesIn', 2, /state\.clusterCenters must be an array of numbers of length 4/],
  ];
  for (const [field, value, message] of edits) {
    it(`state.${field} = ${JSON.stringify(value)}: SerializationError naming the field`, () => {
      const doc = saved();
      doc.state[field] = value;
      expect(() => MiniBatchKMeans.fromJSON(doc)).toThrow(SerializationError);
      expect(() => MiniBatchKMeans.fromJSON(doc)).toThrow(message);
    });
  }

  it('a missing or unknown field, bad params and a foreign document are refused', () => {
    const missing = saved();
    delete missing.state.nSteps;
    expect(() => MiniBatchKMeans.fromJSON(missing)).toThrow(/nSteps is missing/);
    const extra = saved();
    extra.state.labels = [];
    expect(() => MiniBatchKMeans.fromJSON(extra)).toThrow(/state\.labels is not a known field/);
    const typo = saved();
    typo.params.batch_size = 10;
    expect(() => MiniBatchKMeans.fromJSON(typo)).toThrow(/params\.batch_size is not a known field/);
    const invalidParam = saved();
    invalidParam.params.batchSize = 0;
    expect(() => MiniBatchKMeans.fromJSON(invalidParam)).toThrow(/params\.batchSize is invalid: .*batchSize/);
    const ragged = JSON.parse(JSON.stringify(new MiniBatchKMeans({ nClusters: 2, init: [[0], [1]] }).toJSON()));
    ragged.params.init = [0, 1, 2];
    expect(() => MiniBatchKMeans.fromJSON(ragged)).toThrow(/params\.init holds 3 numbers, not 2 centres/);
    expect(() => MiniBatchKMeans.fromJSON(new KMeans().toJSON())).toThrow(SerializationError);
  });
});
