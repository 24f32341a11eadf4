import { describe, expect, it } from 'vitest';
import { DataValidationError, InvalidParameterError, type NeighborSearch, SMOTE, SMOTENC } from '../../src/index.js';
import { BruteNeighbors } from '../../src/sampling/_bruteNeighbors.js';
import { KNeighbors } from '../../src/sampling/neighbors/index.js';
import { describeConformance, expectUnknownOption, X, y } from './samplerTestData.js';

describeConformance({ name: 'SMOTE', create: (seed: number) => new SMOTE({ seed }), fromJSON: SMOTE.fromJSON });

describe('SMOTE', () => {
  it('a class smaller than kNeighbors + 1 fails up front, naming the class, its count and the fix', () => {
    const yy = y.map((v, i) => (v === 2 && i > 20 ? 0 : v)); // class 2 keeps 3 rows
    let err: unknown;
    try {
      new SMOTE({ seed: 1 }).fitResample(X, yy);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataValidationError);
    expect((err as Error).message).toBe(
      'SMOTE.fitResample: class 2 has 3 samples, fewer than kNeighbors + 1 = 6. Lower kNeighbors to at most 2, ' +
        'or use RandomOverSampler.',
    );
    // a class that is not resampled may be small
    expect(() =>
      new SMOTE({ seed: 1, samplingStrategy: new Map([[2, 36]]) }).fitResample(
        X,
        y.map((v, i) => (v === 1 && i > 9 ? 0 : v)),
      ),
    ).not.toThrow();
  });

  it("kNeighbors: 'auto' (opt-in) clamps k to the class size − 1 and records it; a 1-row class still fails", () => {
    const yy = y.map((v, i) => (v === 2 && i > 20 ? 0 : v)); // class 2 keeps 3 rows
    const s = new SMOTE({ seed: 1, kNeighbors: 'auto' });
    const out = s.fitResample(X, yy);
    expect(s.fitted.kNeighbors).toEqual(
      new Map([
        [1, 5],
        [2, 2],
      ]),
    );
    expect(out.y.filter((v) => v === 2).length).toBe(s.fitted.counts.get(0));
    const nc = new SMOTENC({ seed: 1, kNeighbors: 'auto', categoricalFeatures: [2] });
    nc.fitResample(X, yy);
    expect(nc.fitted.kNeighbors.get(2)).toBe(2);
    const y1 = y.map((v, i) => (v === 2 && i > 0 ? 0 : v)); // class 2 keeps 1 row
    expect(() => new SMOTE({ kNeighbors: 'auto' }).fitResample(X, y1)).toThrow(
      /class 2 has 1 sample.*RandomOverSampler/,
    );
    expect(() => new SMOTE({ kNeighbors: 'five' as never })).toThrow(/or 'auto'/);
  });

  it('uses a custom neighbour search, fitted on each resampled class and queried with excludeSelf', () => {
    const calls: Array<{ rows: number; excludeSelf: boolean | undefined }> = [];
    const inner = new BruteNeighbors();
    const spy: NeighborSearch = {
      fit(d, rows, cols) {
        calls.push({ rows, excludeSelf: undefined });
        inner.fit(d, rows, cols);
        return this;
      },
      kneighbors(q, n, k, o) {
        (calls[calls.length - 1] as { excludeSelf: boolean | undefined }).excludeSelf = o?.excludeSelf;
        return inner.kneighbors(q, n, k, o);
      },
    };
    const a = new SMOTE({ seed: 5, neighbors: spy }).fitResample(X, y);
    expect(calls).toEqual([
      { rows: 18, excludeSelf: true },
      { rows: 9, excludeSelf: true },
    ]);
    // the default engine gives the same output as the brute-force reference
    expect(new SMOTE({ seed: 5 }).fitResample(X, y).X.to2DArray()).toEqual(a.X.to2DArray());
    expect(new SMOTE({ seed: 5, neighbors: new KNeighbors({ kernel: 'js' }) }).fitResample(X, y).X.to2DArray()).toEqual(
      a.X.to2DArray(),
    );
  });

  it('a binary ratio adds trunc(N_maj · α − N_min) rows', () => {
    const yb = y.map((v) => (v === 0 ? 0 : 1));
    const out = new SMOTE({ samplingStrategy: 0.95, seed: 1 }).fitResample(X, yb);
    expect(out.y.length - yb.length).toBe(Math.trunc(36 * 0.95 - 27));
  });

  it('rejects invalid options at construction, with the option and the fix', () => {
    expect(() => new SMOTE({ kNeighbors: 0 })).toThrow(InvalidParameterError);
    expect(() => new SMOTE({ kNeighbors: 2.5 })).toThrow(/integer/);
    expect(() => new SMOTE({ kNeighbors: 2.5 })).toThrow(
      "SMOTE: kNeighbors must be an integer ≥ 1, received 2.5. The usual value is 5, or 'auto' (5, clamped per " +
        'class to the class size − 1).',
    );
    expect(() => new SMOTE({ seed: -1 })).toThrow(InvalidParameterError);
    expect(() => new SMOTE({ neighbors: {} as never })).toThrow(/NeighborSearch/);
  });

  it('rejects an unknown option, naming the closest known one', () => {
    expectUnknownOption(() => new SMOTE({ k_neighbors: 3 } as never), 'SMOTE', 'k_neighbors', 'kNeighbors');
    expectUnknownOption(() => new SMOTE({ randomState: 1 } as never), 'SMOTE', 'randomState');
    expect(() => new SMOTE({ k_neighbors: 3 } as never)).toThrow(
      'SMOTE: unknown option "k_neighbors" — did you mean \'kNeighbors\'? Known options: kNeighbors, neighbors, ' +
        'samplingStrategy, seed.',
    );
  });
});
