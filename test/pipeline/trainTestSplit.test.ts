import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { DataValidationError, ImbalancedTabularError, InvalidParameterError } from '../../src/core/errors.js';
import type { Label } from '../../src/core/matrix.js';
import { trainTestSplit } from '../../src/pipeline/index.js';
import { countsOf, expectPartition, fx, opt } from './splitFixtures.js';

describe('trainTestSplit vs scikit-learn', () => {
  it('resolves testSize / trainSize into the same row counts (or fails where scikit-learn fails)', () => {
    for (const c of fx.tts_sizes) {
      const rows = Array.from({ length: c.n }, (_, i) => [i]);
      const y = rows.map((_, i) => i % 2);
      const run = () =>
        trainTestSplit(rows, y, { testSize: opt(c.testSize), trainSize: opt(c.trainSize), shuffle: false } as never);
      const what = `n=${c.n} testSize=${c.testSize} trainSize=${c.trainSize}`;
      if (c.error !== undefined) {
        expect(run, what).toThrow(ImbalancedTabularError);
      } else {
        const s = run();
        expect([s.train.indices.length, s.test.indices.length], what).toEqual([c.nTrain, c.nTest]);
      }
    }
  });

  it('shuffle: false gives scikit-learn indices', () => {
    for (const c of fx.tts_noshuffle) {
      const rows = Array.from({ length: c.n }, (_, i) => ({ id: i }));
      const s = trainTestSplit(
        rows,
        rows.map((r) => r.id % 2),
        { testSize: opt(c.testSize), trainSize: opt(c.trainSize), shuffle: false } as never,
      );
      expect(Array.from(s.train.indices)).toEqual(c.train);
      expect(Array.from(s.test.indices)).toEqual(c.test);
    }
  });

  it('stratified class counts are one of the outcomes scikit-learn produces (exactly it when there is no tie)', () => {
    let exact = 0;
    for (const c of fx.tts_strat) {
      const y = fx.datasets[c.data] as Label[];
      const rows = y.map((_, i) => [i]);
      const what = `data=${c.data} testSize=${c.testSize} trainSize=${c.trainSize}`;
      for (const seed of [0, 1, 2]) {
        const run = () =>
          trainTestSplit(rows, y, {
            testSize: opt(c.testSize),
            trainSize: opt(c.trainSize),
            stratify: true,
            seed,
          } as never);
        if (c.error !== undefined) {
          expect(run, what).toThrow(DataValidationError);
          continue;
        }
        const s = run();
        const got = [countsOf(y, s.train.indices, c.classes), countsOf(y, s.test.indices, c.classes)];
        expect(c.outcomes, what).toContainEqual(got);
        if (c.outcomes!.length === 1) exact++;
      }
    }
    expect(exact).toBeGreaterThan(300);
  });

  it("reproduces scikit-learn's stratification errors", () => {
    for (const c of fx.tts_errors) {
      const run = () =>
        trainTestSplit(
          c.y.map((v) => [v as number]),
          c.y,
          { testSize: c.testSize, stratify: true, seed: 0 },
        );
      expect(run).toThrow(DataValidationError);
      if (c.error.includes('least populated')) expect(run).toThrow(/only 1 member/);
      else expect(run).toThrow(/fewer than the number of classes/);
    }
  });
});

describe('trainTestSplit', () => {
  it('keeps the row form: the same row objects for arrays, a new Matrix for a Matrix', () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ AREA: i % 3 ? 'x' : 'y', age: i }));
    const y = rows.map((r) => (r.age % 4 === 0 ? 'pos' : 'neg'));
    const s = trainTestSplit(rows, y, { testSize: 0.25, stratify: true, seed: 5 });
    s.train.indices.forEach((ix, j) => expect(s.train.X[j]).toBe(rows[ix]));
    s.test.indices.forEach((ix, j) => {
      expect(s.test.X[j]).toBe(rows[ix]);
      expect(s.test.y[j]).toBe(y[ix]);
    });
    const m = new Matrix(rows.map((r) => [r.age, r.age * 2]));
    const sm = trainTestSplit(m, y, { testSize: 5, seed: 5 });
    expect(sm.test.X).toBeInstanceOf(Matrix);
    expect(sm.test.X.to2DArray()).toEqual(Array.from(sm.test.indices, (i) => [i, 2 * i]));
    sm.test.X.set(0, 0, -1);
    expect(m.get(sm.test.indices[0] as number, 0)).not.toBe(-1);
  });

  it('is seeded: same seed same split, the drawn seed replays', () => {
    const rows = Array.from({ length: 50 }, (_, i) => [i]);
    const y = rows.map((r) => ((r[0] as number) < 10 ? 1 : 0));
    const a = trainTestSplit(rows, y, { stratify: true, seed: 9 });
    expect(trainTestSplit(rows, y, { stratify: true, seed: 9 })).toEqual(a);
    expect(trainTestSplit(rows, y, { stratify: true, seed: 10 }).test.indices).not.toEqual(a.test.indices);
    const drawn = trainTestSplit(rows, y, { stratify: true });
    expect(trainTestSplit(rows, y, { stratify: true, seed: drawn.seed })).toEqual(drawn);
  });

  it('rejects bad options and data', () => {
    const rows = [[1], [2], [3], [4]];
    const y = [0, 0, 1, 1];
    expect(() => trainTestSplit(rows, y, { testSize: 0 })).toThrow(InvalidParameterError);
    expect(() => trainTestSplit(rows, y, { testSize: 1.5 })).toThrow(InvalidParameterError);
    expect(() => trainTestSplit(rows, y, { stratify: true, shuffle: false })).toThrow(InvalidParameterError);
    expect(() => trainTestSplit(rows, y, { seed: -1 })).toThrow(InvalidParameterError);
    expect(() => trainTestSplit(rows, y, { shuffle: 'no' as never })).toThrow(InvalidParameterError);
    expect(() => trainTestSplit(rows, y, { stratify: 'y' as never })).toThrow(InvalidParameterError);
    expect(() => trainTestSplit(rows, y, { test_size: 0.5 } as never)).toThrow(
      /^trainTestSplit: unknown option "test_size" — did you mean 'testSize'\? Known options: testSize, /,
    );
    expect(() => trainTestSplit(rows, y, null as never)).toThrow(InvalidParameterError);
    expect(() => trainTestSplit(rows, [0, 1], {})).toThrow(DataValidationError);
    expect(() => trainTestSplit(rows, y, { stratify: [0, 0, 1] })).toThrow(DataValidationError);
  });

  it('property: disjoint, covering (when sizes fill n), and each class share in the test set within one row', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 8, maxLength: 120 }),
        fc.double({ min: 0.05, max: 0.6, noNaN: true }),
        fc.nat(1000),
        (y, testSize, seed) => {
          const counts = new Map<number, number>();
          for (const v of y) counts.set(v, (counts.get(v) ?? 0) + 1);
          const n = y.length;
          const nTest = Math.ceil(testSize * n);
          fc.pre([...counts.values()].every((c) => c >= 2) && nTest >= counts.size && n - nTest >= counts.size);
          const s = trainTestSplit(
            y.map((v) => [v]),
            y,
            { testSize, stratify: true, seed },
          );
          expect(s.test.indices.length).toBe(nTest);
          expect(s.train.indices.length).toBe(n - nTest);
          expectPartition(n, [s.train.indices, s.test.indices]);
          for (const [cls, c] of counts) {
            const inTest = countsOf(y, s.test.indices, [cls])[0] as number;
            expect(Math.abs(inTest - (c * nTest) / n)).toBeLessThan(1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
