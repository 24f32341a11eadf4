import { describe, expect, it } from 'vitest';
import { ADASYN, InvalidParameterError, type NeighborSearch } from '../../src/index.js';
import { BruteNeighbors } from '../../src/sampling/_bruteNeighbors.js';
import { describeConformance, expectUnknownOption, X, y } from './samplerTestData.js';

describeConformance({ name: 'ADASYN', create: (seed: number) => new ADASYN({ seed }), fromJSON: ADASYN.fromJSON });

describe('ADASYN', () => {
  it('fails like imbalanced-learn when no row has an other-class neighbour, and says to use SMOTE', () => {
    // two far-apart groups: 12 rows of class 0, 8 of class 1; every neighbour is of the own class
    const Xs = [...Array(20).keys()].map((i) => [i < 12 ? i : 1000 + i, 0]);
    const ys = Xs.map((_, i) => (i < 12 ? 0 : 1));
    expect(() => new ADASYN({ seed: 1, nNeighbors: 3 }).fitResample(Xs, ys)).toThrow(
      /Not any neigbours belong to the majority class.*Use SMOTE/,
    );
  });

  it('searches the class neighbours of generating rows only (k + 1, self dropped); output unchanged', () => {
    const calls: Array<{ rows: number; nQuery: number; k: number; excludeSelf: boolean | undefined }> = [];
    const inner = new BruteNeighbors();
    const spy: NeighborSearch = {
      fit(d, rows, cols) {
        calls.push({ rows, nQuery: -1, k: -1, excludeSelf: undefined });
        inner.fit(d, rows, cols);
        return this;
      },
      kneighbors(q, n, k, o) {
        const last = calls[calls.length - 1] as (typeof calls)[number];
        if (last.nQuery >= 0) calls.push({ ...last });
        Object.assign(calls[calls.length - 1] as object, { nQuery: n, k, excludeSelf: o?.excludeSelf });
        return inner.kneighbors(q, n, k, o);
      },
    };
    const a = new ADASYN({ seed: 3, neighbors: spy, samplingStrategy: 'minority' });
    const out = a.fitResample(X, y);
    const g = a.fitted.rowCounts.get(2) as Int32Array;
    const generating = g.filter((v) => v > 0).length;
    expect(generating).toBeLessThan(g.length); // some rows add nothing: their neighbours are not needed
    // phase 1: all 9 rows of class 2 against all 63 rows; phase 2: the generating rows against class 2
    expect(calls).toEqual([
      { rows: 63, nQuery: 9, k: 6, excludeSelf: undefined },
      { rows: 9, nQuery: generating, k: 6, excludeSelf: undefined },
    ]);
    // the default engine gives the same output
    expect(new ADASYN({ seed: 3, samplingStrategy: 'minority' }).fitResample(X, y).X.to2DArray()).toEqual(
      out.X.to2DArray(),
    );
  });

  it('realized counts can differ from the plan (rounding), and fitted reports both', () => {
    const a = new ADASYN({ seed: 1 });
    const out = a.fitResample(X, y);
    const added = out.y.length - y.length;
    expect([...a.fitted.realized.values()].reduce((s, v) => s + v, 0)).toBe(added);
    for (const [c, n] of a.fitted.counts) expect(out.y.filter((v) => v === c).length).toBe(n);
  });

  it('rejects invalid and unknown options at construction', () => {
    expect(() => new ADASYN({ nNeighbors: 'five' as never })).toThrow(InvalidParameterError);
    expect(() => new ADASYN({ nNeighbors: 0 })).toThrow(
      'ADASYN: nNeighbors must be an integer ≥ 1, received 0. The usual value is 5.',
    );
    expectUnknownOption(() => new ADASYN({ n_neighbors: 3 } as never), 'ADASYN', 'n_neighbors', 'nNeighbors');
    expectUnknownOption(() => new ADASYN({ kNeighbors: 3 } as never), 'ADASYN', 'kNeighbors', 'nNeighbors');
  });
});
