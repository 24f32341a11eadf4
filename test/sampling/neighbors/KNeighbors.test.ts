import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataValidationError, InvalidParameterError, NotFittedError } from '../../../src/core/errors.js';
import { KNeighbors, type KNeighborsParams } from '../../../src/sampling/neighbors/index.js';
import { bruteKNeighbors as naive } from '../../support/bruteNeighbors.js';
import { xorshift } from '../../support/seededRandom.js';

interface Case {
  n: number;
  d: number;
  k: number;
  self: boolean;
  X: number[];
  Q: number[] | null;
  indices: number[];
  distances: number[];
}
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/neighbors/knn.json'), 'utf8')) as {
  versions: Record<string, string>;
  cases: Case[];
};

const KERNELS: [string, KNeighborsParams][] = [
  ['wasm-i16', { algorithm: 'brute', kernel: 'wasm-i16', threads: 1 }],
  ['wasm-f32', { algorithm: 'brute', kernel: 'wasm-f32', threads: 1 }],
  ['js', { algorithm: 'brute', kernel: 'js', threads: 1 }],
  ['kd-tree', { algorithm: 'kd-tree' }],
];

function expectClose(a: Float64Array, b: ArrayLike<number>, rel: number): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    const tol = rel * Math.max(1, Math.abs(b[i]!));
    if (!(Math.abs(a[i]! - b[i]!) <= tol)) expect(a[i]).toBe(b[i]);
  }
}

describe('KNeighbors vs scikit-learn NearestNeighbors fixtures', () => {
  it('records the versions that produced the fixtures', () => {
    expect(fixture.versions.sklearn).toMatch(/^\d+\.\d+/);
    expect(fixture.cases.length).toBeGreaterThan(5);
  });
  for (const c of fixture.cases) {
    const what = c.self ? 'excludeSelf' : `${(c.Q?.length ?? 0) / c.d} queries`;
    for (const [name, params] of KERNELS) {
      it(`${name}: n=${c.n} d=${c.d} k=${c.k} ${what}`, () => {
        const X = Float64Array.from(c.X);
        const Q = c.Q === null ? X : Float64Array.from(c.Q);
        const m = Q.length / c.d;
        const r = new KNeighbors(params).fit(X, c.n, c.d).kneighbors(Q, m, c.k, { excludeSelf: c.self });
        expect(r.k).toBe(c.k);
        expect(Array.from(r.indices)).toEqual(c.indices);
        // scikit-learn's distances use the |a|²+|b|²−2ab form; ours are direct differences.
        expectClose(r.distances, c.distances, 1e-7);
        const ref = naive(X, c.n, c.d, Q, m, c.k, c.self);
        expectClose(r.distances, ref.distances, 1e-12);
      });
    }
  }
});

describe('KNeighbors ties and self-exclusion', () => {
  it('excludeSelf removes exactly the query row, even with duplicate rows', () => {
    // rows 0, 1, 2 identical; rows 3 and 4 identical
    const X = Float64Array.from([1, 1, 1, 1, 1, 1, 5, 5, 5, 5, 9, 0]);
    const nn = new KNeighbors({ algorithm: 'brute', kernel: 'wasm-i16' }).fit(X, 6, 2);
    const r = nn.kneighbors(X, 6, 2, { excludeSelf: true });
    expect(Array.from(r.indices)).toEqual([1, 2, 0, 2, 0, 1, 4, 0, 3, 0, 3, 4]);
    expect(Array.from(r.distances.subarray(0, 2))).toEqual([0, 0]);
    for (const [, params] of KERNELS) {
      const s = new KNeighbors(params).fit(X, 6, 2).kneighbors(X, 6, 5, { excludeSelf: true });
      for (let i = 0; i < 6; i++) expect(Array.from(s.indices.subarray(i * 5, i * 5 + 5))).not.toContain(i);
      expect(s.indices).toEqual(naive(X, 6, 2, X, 6, 5, true).indices);
    }
  });

  it('without excludeSelf a duplicate row is its own first neighbour, ties by smaller index', () => {
    const X = Float64Array.from([3, 3, 0, 0, 3, 3]);
    for (const [, params] of KERNELS) {
      const r = new KNeighbors(params).fit(X, 3, 2).kneighbors(X, 3, 2);
      expect(Array.from(r.indices)).toEqual([0, 2, 1, 0, 0, 2]);
    }
  });

  it('breaks ties by the smaller index on an integer grid (every kernel, exact distances)', () => {
    const side = 12;
    const X = new Float64Array(side * side * 2);
    for (let i = 0; i < side * side; i++) {
      X[2 * i] = i % side;
      X[2 * i + 1] = Math.floor(i / side);
    }
    const n = side * side;
    const ref = naive(X, n, 2, X, n, 8, true);
    for (const [, params] of KERNELS) {
      const nn = new KNeighbors(params).fit(X, n, 2);
      const r = nn.kneighbors(X, n, 8, { excludeSelf: true });
      expect(r.indices).toEqual(ref.indices);
      expect(r.distances).toEqual(ref.distances);
    }
    // an interior point: 4 neighbours at distance 1 in index order, then 4 at √2
    const i = 5 * side + 5;
    const ref5 = Array.from(ref.indices.subarray(i * 8, i * 8 + 8));
    expect(ref5).toEqual([i - side, i - 1, i + 1, i + side, i - side - 1, i - side + 1, i + side - 1, i + side + 1]);
  });

  it('handles heavily duplicated data (certificate fails, falls back, still exact)', () => {
    const n = 600;
    const d = 3;
    const X = new Float64Array(n * d);
    for (let i = 0; i < X.length; i++) X[i] = (i * 7919) % 3;
    const ref = naive(X, n, d, X, n, 6, true);
    for (const [name, params] of KERNELS) {
      const nn = new KNeighbors(params).fit(X, n, d);
      const r = nn.kneighbors(X, n, 6, { excludeSelf: true });
      expect(r.indices).toEqual(ref.indices);
      expect(r.distances).toEqual(ref.distances);
      if (name !== 'kd-tree') expect(nn.lastRun.rescanned).toBeGreaterThan(0);
    }
  });
});

describe('KNeighbors properties vs a naive O(n²) reference', () => {
  const dataset = fc
    .record({
      n: fc.integer({ min: 2, max: 70 }),
      d: fc.integer({ min: 1, max: 9 }),
      seed: fc.integer(),
      excludeSelf: fc.boolean(),
      kFrac: fc.double({ min: 0, max: 1, noNaN: true }),
      ints: fc.boolean(),
    })
    .map(({ n, d, seed, excludeSelf, kFrac, ints }) => {
      const next = xorshift(seed);
      const X = Float64Array.from({ length: n * d }, () =>
        ints ? Math.floor(next() * 4) : (next() - 0.5) * 10 ** Math.floor(next() * 6 - 2),
      );
      const available = excludeSelf ? n - 1 : n;
      const k = 1 + Math.floor(kFrac * (available - 1));
      return { X, n, d, k, excludeSelf };
    });

  for (const [name, params] of KERNELS) {
    it(`${name}: indices equal (ties by index), distances within 1e-12`, () => {
      fc.assert(
        fc.property(dataset, ({ X, n, d, k, excludeSelf }) => {
          const r = new KNeighbors(params).fit(X, n, d).kneighbors(X, n, k, { excludeSelf });
          const ref = naive(X, n, d, X, n, k, excludeSelf);
          expect(r.indices).toEqual(ref.indices);
          expectClose(r.distances, ref.distances, 1e-12);
        }),
        { numRuns: 150 },
      );
    });
  }

  it('separate query sets (rows not in the data) agree with the reference', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer(),
        (n, d, m, seed) => {
          let s = seed >>> 0 || 7;
          const next = (): number => {
            s = (Math.imul(s, 1103515245) + 12345) >>> 0;
            return s / 2 ** 32;
          };
          const X = Float64Array.from({ length: n * d }, next);
          const Q = Float64Array.from({ length: m * d }, next);
          const k = 1 + ((seed >>> 3) % n);
          const ref = naive(X, n, d, Q, m, k, false);
          for (const [, params] of KERNELS) {
            const r = new KNeighbors(params).fit(X, n, d).kneighbors(Q, m, k);
            expect(r.indices).toEqual(ref.indices);
            expectClose(r.distances, ref.distances, 1e-12);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('KNeighbors int16 kernel (quantised rows, certified)', () => {
  /** Gaussian-ish values from a seeded LCG (no dependence on the library's RNG). */
  function lcg(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
  }

  it('answers exactly on continuous data with the int16 fast path doing the work (1 and 2 threads)', () => {
    for (const [n, d] of [
      [2500, 37],
      [1500, 128],
      [800, 301],
    ] as const) {
      const u = lcg(n + d);
      const X = Float64Array.from({ length: n * d }, () => (u() + u() + u() - 1.5) * 3);
      const ref = naive(X, n, d, X, n, 5, true);
      for (const threads of [1, 2]) {
        const nn = new KNeighbors({ algorithm: 'brute', threads }).fit(X, n, d);
        const r = nn.kneighbors(X, n, 5, { excludeSelf: true });
        expect(r.indices).toEqual(ref.indices);
        expectClose(r.distances, ref.distances, 1e-12);
        expect(nn.fitted.kernel).toBe('wasm-i16');
        expect(nn.lastRun.rescanned).toBeLessThan(n * 0.02);
      }
    }
  });

  it('on data whose neighbour gaps it cannot certify, auto switches to float32; forced int16 stays exact', () => {
    // quarter steps (exact ties) and every 7th value offset by 100: squared distances to the
    // nearest rows ~40 against norms² ~45,000, finer than 16 bits can certify
    const n = 3000;
    const d = 37;
    const u = lcg(11);
    const X = Float64Array.from(
      { length: n * d },
      (_, i) => Math.round((u() + u() + u() - 1.5) * 8) / 4 + (i % 7 === 0 ? 100 : 0),
    );
    const ref = naive(X, n, d, X, n, 5, true);
    const auto = new KNeighbors({ algorithm: 'brute', threads: 1 }).fit(X, n, d);
    expect(auto.fitted.kernel).toBe('wasm-i16');
    expect(auto.kneighbors(X, n, 5, { excludeSelf: true }).indices).toEqual(ref.indices);
    expect(auto.fitted.kernel).toBe('wasm-f32');
    expect(auto.lastRun.rescanned).toBeLessThan(n * 0.02);
    const forced = new KNeighbors({ algorithm: 'brute', kernel: 'wasm-i16', threads: 1 }).fit(X, n, d);
    const r = forced.kneighbors(X, n, 5, { excludeSelf: true });
    expect(r.indices).toEqual(ref.indices);
    expectClose(r.distances, ref.distances, 1e-12);
    expect(forced.fitted.kernel).toBe('wasm-i16');
    expect(forced.lastRun.rescanned).toBeGreaterThan(n / 2); // re-searched by the float32 kernel
    expect(forced.lastRun.exhaustive).toBe(0);
  });

  it('stays exact when neighbours differ far below the quantisation step (the error bound is needed)', () => {
    // clusters of 40 near-copies: inside a cluster the distances differ by ~1e-6 of the rows'
    // scale, thousands of times finer than a 16-bit step, so the kernel cannot order them; rows of
    // 1000× the norm widen the scales' spread
    const d = 24;
    const clusters = 30;
    const copies = 40;
    const n = clusters * copies;
    const u = lcg(7);
    const X = new Float64Array(n * d);
    for (let c = 0; c < clusters; c++) {
      const big = c % 10 === 0 ? 1000 : 1;
      const centre = Array.from({ length: d }, () => (u() - 0.5) * 10 * big);
      for (let j = 0; j < copies; j++) {
        for (let t = 0; t < d; t++) X[(c * copies + j) * d + t] = centre[t]! + (u() - 0.5) * 1e-5;
      }
    }
    const ref = naive(X, n, d, X, n, 5, true);
    for (const kernel of ['wasm-i16', 'wasm-f32'] as const) {
      const nn = new KNeighbors({ algorithm: 'brute', kernel, threads: 1 }).fit(X, n, d);
      const r = nn.kneighbors(X, n, 5, { excludeSelf: true });
      expect(r.indices).toEqual(ref.indices);
      expectClose(r.distances, ref.distances, 1e-12);
      if (kernel === 'wasm-i16') expect(nn.lastRun.rescanned).toBeGreaterThan(0); // certificates had to fail
    }
  });

  it('handles zero rows, tiny rows and queries far outside the data', () => {
    const d = 5;
    const X = Float64Array.from([0, 0, 0, 0, 0, 1e-30, 0, 0, 0, 0, 0, 2e-30, 0, 0, 0, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3]);
    const Q = Float64Array.from([0, 0, 0, 0, 0, 1e14, 0, 0, 0, 0, -5e14, 5e14, 1, 1, 1, 1e-31, 0, 0, 0, 0]);
    const nn = new KNeighbors({ algorithm: 'brute', kernel: 'wasm-i16' }).fit(X, 5, d);
    const r = nn.kneighbors(Q, 4, 3);
    const ref = naive(X, 5, d, Q, 4, 3, false);
    expect(r.indices).toEqual(ref.indices);
    expectClose(r.distances, ref.distances, 1e-12);
  });
});

describe('KNeighbors parallel path', () => {
  it('2 threads give bit-for-bit the serial result, and a worker joins', () => {
    const n = 6000;
    const d = 24;
    let s = 12345;
    const X = Float64Array.from({ length: n * d }, () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 32;
    });
    const serial = new KNeighbors({ threads: 1 }).fit(X, n, d).kneighbors(X, n, 5, { excludeSelf: true });
    const par = new KNeighbors({ threads: 2 }).fit(X, n, d);
    par.kneighbors(X.subarray(0, 200 * d), 200, 5); // starts the worker
    // On a busy machine the calling thread may finish every block before the worker is scheduled
    // (a worker that has not started is cancelled): repeat until one joins; every result is exact.
    let joined = 0;
    for (let attempt = 0; attempt < 20 && joined === 0; attempt++) {
      const r = par.kneighbors(X, n, 5, { excludeSelf: true });
      expect(r.indices).toEqual(serial.indices);
      expect(r.distances).toEqual(serial.distances);
      expect(par.lastRun.threads).toBe(2);
      joined = par.lastRun.workersJoined;
    }
    expect(joined).toBeGreaterThanOrEqual(1);
  });

  it('overlapped queries (kneighborsLater, several started before the first is finished) answer as kneighbors', () => {
    const n = 3000;
    const d = 20;
    let s = 777;
    const rand = (): number => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
    // clustered rows with duplicates: near-ties make the int16 certificate fail, so rescans run
    // while the next query's scan is in flight
    const X = Float64Array.from({ length: n * d }, (_, i) => Math.floor(i / d / 40) + rand() * 1e-3);
    const blocks = [1200, 900, 1500, 7].map((m) => Float64Array.from({ length: m * d }, () => rand() * 75));
    blocks.push(X.subarray(0, 600 * d)); // exact duplicates of fitted rows
    const serial = new KNeighbors({ threads: 1 }).fit(X, n, d);
    const expected = blocks.map((q) => serial.kneighbors(q, q.length / d, 4));
    for (const threads of [2, 'auto'] as const) {
      const nn = new KNeighbors({ threads, extraCandidates: 1 }).fit(X, n, d);
      for (let round = 0; round < 2; round++) {
        // two in flight at a time, as forEachNeighbourBlock does, then all of them at once
        const finishers: Array<() => { indices: Int32Array; distances: Float64Array }> = [];
        const got: Array<{ indices: Int32Array; distances: Float64Array }> = [];
        for (const q of blocks) {
          finishers.push(nn.kneighborsLater(q, q.length / d, 4));
          if (round === 0 && finishers.length === 2) got.push((finishers.shift() as () => never)());
        }
        while (finishers.length > 0) got.push((finishers.shift() as () => never)());
        got.forEach((r, b) => {
          expect(r.indices).toEqual(expected[b]!.indices);
          expect(r.distances).toEqual(expected[b]!.distances);
        });
      }
      expect(nn.lastRun.rescanned).toBeGreaterThan(0);
    }
  });

  it('grows its memory for large queries and keeps answering', () => {
    const n = 300;
    const d = 64;
    const X = Float64Array.from({ length: n * d }, (_, i) => Math.sin(i * 0.37) * 3);
    const m = 5000;
    const Q = Float64Array.from({ length: m * d }, (_, i) => Math.cos(i * 0.11) * 3);
    const nn = new KNeighbors({ threads: 2 }).fit(X, n, d);
    const r = nn.kneighbors(Q, m, 3);
    const ref = naive(X, n, d, Q.subarray(0, 50 * d), 50, 3, false);
    expect(r.indices.subarray(0, 150)).toEqual(ref.indices);
    const again = nn.kneighbors(Q.subarray(0, 50 * d), 50, 3);
    expect(again.indices).toEqual(ref.indices);
  });
});

describe('KNeighbors input validation', () => {
  const X = Float64Array.from([0, 0, 1, 1, 2, 2]);
  it('rejects k larger than the rows available, naming k and the row count', () => {
    const nn = new KNeighbors().fit(X, 3, 2);
    expect(() => nn.kneighbors(X, 3, 4)).toThrow(DataValidationError);
    expect(() => nn.kneighbors(X, 3, 4)).toThrow(/k = 4.*only 3 rows/);
    expect(() => nn.kneighbors(X, 3, 3, { excludeSelf: true })).toThrow(
      /k = 3.*only 2 rows.*3 fitted rows, minus the query row itself/,
    );
    expect(nn.kneighbors(X, 3, 2, { excludeSelf: true }).indices.length).toBe(6);
  });
  it('rejects k < 1 or non-integer k as an invalid parameter', () => {
    const nn = new KNeighbors().fit(X, 3, 2);
    expect(() => nn.kneighbors(X, 3, 0)).toThrow(InvalidParameterError);
    expect(() => nn.kneighbors(X, 3, 1.5)).toThrow(InvalidParameterError);
    expect(() => nn.kneighbors(X, 3, Number.NaN)).toThrow(
      'KNeighbors.kneighbors: k must be an integer ≥ 1, received NaN.',
    );
  });
  it('rejects bad options at construction', () => {
    expect(() => new KNeighbors({ kernel: 'gpu' as never })).toThrow(InvalidParameterError);
    expect(() => new KNeighbors({ threads: 0 })).toThrow(InvalidParameterError);
    expect(() => new KNeighbors({ extraCandidates: -1 })).toThrow(InvalidParameterError);
    expect(Object.isFrozen(new KNeighbors().params)).toBe(true);
    expect(() => new KNeighbors({ kernel: 'gpu' as never })).toThrow(
      "KNeighbors: kernel must be one of 'auto', 'wasm-i16', 'wasm-f32', 'js', received \"gpu\".",
    );
    expect(() => new KNeighbors({ threads: 1.5 })).toThrow(/threads must be an integer ≥ 1, received 1.5. Pass 'auto'/);
    expect(new KNeighbors({ threads: 'auto', extraCandidates: 0 }).params).toEqual({
      algorithm: 'auto',
      kernel: 'auto',
      threads: 'auto',
      extraCandidates: 0,
    });
  });
  it('rejects unknown options, suggesting the closest known name', () => {
    let err: unknown;
    try {
      new KNeighbors({ kernal: 'js' } as never);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidParameterError);
    expect((err as InvalidParameterError).param).toBe('kernal');
    expect((err as Error).message).toBe(
      'KNeighbors: unknown option "kernal" — did you mean \'kernel\'? ' +
        'Known options: algorithm, kernel, threads, extraCandidates.',
    );
    expect(() => new KNeighbors({ extra_candidates: 4 } as never)).toThrow(/did you mean 'extraCandidates'/);
    expect(() => new KNeighbors(new Map() as never)).toThrow(InvalidParameterError);
    const nn = new KNeighbors().fit(X, 3, 2);
    expect(() => nn.kneighbors(X, 3, 1, { exclude_self: true } as never)).toThrow(
      /KNeighbors.kneighbors: unknown option "exclude_self" — did you mean 'excludeSelf'\?/,
    );
    expect(() => nn.kneighbors(X, 3, 1, { excludeSelf: 1 } as never)).toThrow(/excludeSelf must be true or false/);
  });
  it('rejects mis-sized or non-finite data and queries, and use before fit', () => {
    expect(() => new KNeighbors().fit(X, 4, 2)).toThrow(DataValidationError);
    expect(() => new KNeighbors().fit(Float64Array.from([0, Number.NaN]), 1, 2)).toThrow(/row 0, column 1 is NaN/);
    // the first non-finite value is named, whichever kind (the fit's one pass only detects it)
    const bad = Float64Array.from([1, 2, 3, 4, -Infinity, 6, 7, Infinity, Number.NaN, 0]);
    expect(() => new KNeighbors().fit(bad, 5, 2)).toThrow(/data row 2, column 0 is -Infinity/);
    expect(() => new KNeighbors({ algorithm: 'kd-tree' }).fit(bad.subarray(6), 2, 2)).toThrow(/row 0, column 1 is Inf/);
    const nn = new KNeighbors().fit(X, 3, 2);
    expect(() => nn.kneighbors(Float64Array.from([1, 2, 3]), 1, 1)).toThrow(DataValidationError);
    expect(() => nn.kneighbors(Float64Array.from([1, Infinity]), 1, 1)).toThrow(/query row 0, column 1/);
    expect(() => nn.kneighbors(X.subarray(0, 4), 2, 1, { excludeSelf: true })).toThrow(
      /excludeSelf needs the fitted rows/,
    );
    expect(() => new KNeighbors().kneighbors(X, 3, 1)).toThrow(NotFittedError);
    expect(() => new KNeighbors().fitted).toThrow(NotFittedError);
    expect(nn.fitted).toEqual({ nSamplesFit: 3, nFeaturesIn: 2, algorithm: 'kd-tree', kernel: 'js' });
    expect(new KNeighbors({ algorithm: 'brute' }).fit(X, 3, 2).fitted).toEqual({
      nSamplesFit: 3,
      nFeaturesIn: 2,
      algorithm: 'brute',
      kernel: 'wasm-i16',
    });
    expect(() => new KNeighbors({ algorithm: 'ball-tree' as never })).toThrow(InvalidParameterError);
  });
  it('does not modify its inputs and answers an empty query', () => {
    const copy = X.slice();
    const nn = new KNeighbors().fit(X, 3, 2);
    nn.kneighbors(X, 3, 2, { excludeSelf: true });
    expect(X).toEqual(copy);
    const r = nn.kneighbors(new Float64Array(0), 0, 2);
    expect(r.indices.length).toBe(0);
  });
  it('falls back to the float64 kernel for values beyond float32 range and stays exact', () => {
    const big = Float64Array.from([0, 1e150, 1, -1e150, 2, 5e149]);
    const nn = new KNeighbors({ algorithm: 'brute' }).fit(big, 3, 2);
    expect(nn.fitted.kernel).toBe('js');
    expect(Array.from(nn.kneighbors(big, 3, 1, { excludeSelf: true }).indices)).toEqual([2, 2, 0]);
  });
});
