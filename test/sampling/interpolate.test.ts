import { describe, expect, it } from 'vitest';
import { ADASYN, BorderlineSMOTE, KNeighbors, Random, SMOTE, SMOTENC } from '../../src/index.js';
import { gatherRows } from '../../src/sampling/gatherRows.js';
import {
  drawPairs,
  drawSteps,
  interpolateRow,
  interpolateRow32,
  interpolateRows,
  lerp,
} from '../../src/sampling/interpolate.js';

// 3 rows of 2 columns and a 3 × 2 neighbour table.
const rows = Float64Array.of(0, 0, 10, 20, -4, 8);
const nn = Int32Array.of(1, 2, 0, 2, 1, 0);

describe('drawPairs / drawSteps: the draws, and nothing else', () => {
  it('one rng.int(nBase · k) per pair: base ⌊p / k⌋, neighbour nn[p]', () => {
    const pairs = drawPairs(new Random(4), nn, 2, 50);
    const ref = new Random(4);
    for (let t = 0; t < 50; t++) {
      const p = ref.int(6);
      expect([pairs.base[t], pairs.neighbor[t]]).toEqual([Math.floor(p / 2), nn[p]]);
    }
    const rng = new Random(4);
    drawPairs(rng, nn, 2, 50);
    expect(rng.uint32()).toBe(ref.uint32()); // the stream advanced by exactly 50 draws
  });

  it('one rng.float() per step, in row order', () => {
    const ref = new Random(9);
    expect(Array.from(drawSteps(new Random(9), 5))).toEqual([0, 1, 2, 3, 4].map(() => ref.float()));
  });
});

describe('interpolateRow / interpolateRows: the writing, drawing nothing', () => {
  it('x_base + u · (x_neighbour − x_base), all columns or only the given ones', () => {
    const out = new Float64Array(4).fill(7);
    interpolateRow(rows, 1, rows, 2, 2, 0.25, out, 1);
    expect(Array.from(out)).toEqual([7, 7, 10 + 0.25 * (-4 - 10), 20 + 0.25 * (8 - 20)]);
    interpolateRow(rows, 0, rows, 1, 2, 0.5, out, 0, [1]);
    expect(Array.from(out.subarray(0, 2))).toEqual([7, 10]); // column 0 left as it was
  });

  it('base and neighbour rows from different matrices, into a float32 buffer', () => {
    const to = Float64Array.of(1, 1);
    const out = new Float32Array(2);
    interpolateRow(rows, 2, to, 0, 2, 0.1, out, 0);
    expect(Array.from(out)).toEqual([Math.fround(-4 + 0.1 * 5), Math.fround(8 + 0.1 * -7)]);
  });

  it('a batch equals the same rows written one by one, at any offset (a lazy generator)', () => {
    const pairs = drawPairs(new Random(1), nn, 2, 8);
    const steps = drawSteps(new Random(2), 8);
    const whole = new Float64Array(16);
    interpolateRows(rows, rows, 2, pairs, steps, whole);
    const byRow = new Float64Array(20);
    for (let t = 0; t < 8; t++) {
      interpolateRow(rows, pairs.base[t]!, rows, pairs.neighbor[t]!, 2, steps[t]!, byRow, t + 2);
    }
    expect(Array.from(byRow.subarray(4))).toEqual(Array.from(whole));
  });
});

it("SMOTE is these parts: a class's neighbours, all pairs, then all steps, from the one stream", () => {
  const X = Array.from({ length: 30 }, (_, i) => [Math.sin(i) * 3, (i * 7) % 5, i % 4]);
  const y = X.map((_, i) => (i % 3 === 0 ? 'b' : 'a'));
  const out = new SMOTE({ seed: 8, kNeighbors: 3 }).fitResample(X, y);
  const idx = Int32Array.from(y.flatMap((c, i) => (c === 'b' ? [i] : [])));
  const Xc = gatherRows(Float64Array.from(X.flat()), 3, idx);
  const table = new KNeighbors().fit(Xc, 10, 3).kneighbors(Xc, 10, 3, { excludeSelf: true }).indices;
  const rng = new Random(8);
  const pairs = drawPairs(rng, table, 3, 10);
  const expected = new Float64Array(30);
  interpolateRows(Xc, Xc, 3, pairs, drawSteps(rng, 10), expected);
  expect(out.X.to2DArray().slice(30).flat()).toEqual(Array.from(expected));
});

describe('interpolateRow32: the float32 loop of the lazy batches', () => {
  it('writes the bits interpolateRow writes, for every float32 value (±0, NaN, ±Infinity, ±3.4e38)', () => {
    const rng = new Random(5);
    const specials = [0, -0, Number.NaN, Infinity, -Infinity, 3.4e38, -3.4e38, 1e-45, -1e-45, 1, -1];
    const cols = 64;
    const rows = Float32Array.from({ length: 40 * cols }, (_, i) =>
      i % 3 === 0 ? (specials[rng.int(specials.length)] as number) : rng.normal() * 10 ** (rng.int(70) - 35),
    );
    const a = new Float32Array(cols);
    const b = new Float32Array(cols);
    for (let t = 0; t < 500; t++) {
      const base = rng.int(40);
      const nb = rng.int(40);
      const u = t % 50 === 0 ? 0 : rng.float();
      interpolateRow(rows, base, rows, nb, cols, u, a, 0);
      interpolateRow32(rows, base, nb, cols, u, b, 0);
      expect(Buffer.from(b.buffer).equals(Buffer.from(a.buffer))).toBe(true);
    }
  });
});

describe('interpolation near ±1.8e308: finite and on the segment', () => {
  it('lerp is xb + u · (xn − xb) bit for bit where the difference is finite', () => {
    const rng = new Random(3);
    for (let t = 0; t < 200; t++) {
      const a = (rng.float() - 0.5) * 10 ** (rng.int(40) - 20);
      const b = (rng.float() - 0.5) * 10 ** (rng.int(40) - 20);
      const u = rng.float();
      expect(Object.is(lerp(a, b, u), a + u * (b - a))).toBe(true);
    }
  });
  it('where xn − xb overflows, the weighted mean stays finite and within [min, max]', () => {
    for (const u of [0, 1e-300, 0.25, 0.5, 0.999999, 1 - 2 ** -53]) {
      for (const [a, b] of [
        [-1.7e308, 1.7e308],
        [1.7976931348623157e308, -1.7976931348623157e308],
        [-1e308, 1.5e308],
      ] as const) {
        const v = lerp(a, b, u);
        expect(Number.isFinite(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(Math.min(a, b));
        expect(v).toBeLessThanOrEqual(Math.max(a, b));
      }
    }
    expect(lerp(-1.7e308, 1.7e308, 0.5)).toBe(0);
  });

  // A neighbour search that pairs each row with the next ones by index, whatever the distances: the
  // default search refuses distances beyond doubles, a custom one need not.
  const byIndex = {
    n: 0,
    fit(_d: Float64Array, rows: number) {
      this.n = rows;
      return this;
    },
    kneighbors(_q: Float64Array, nq: number, k: number) {
      const indices = new Int32Array(nq * k);
      for (let i = 0; i < nq; i++) for (let t = 0; t < k; t++) indices[i * k + t] = (i + 1 + t) % this.n;
      return { indices, distances: new Float64Array(nq * k), k };
    },
  };
  const X = [
    [-1.7e308, 1],
    [1.7e308, 2],
    [-1e308, 3],
    [1.5e308, 4],
    ...Array.from({ length: 12 }, (_, i) => [i, i % 3]),
  ];
  const y = X.map((_, i) => (i < 4 ? 1 : 0));
  const samplers = {
    SMOTE: () => new SMOTE({ kNeighbors: 2, seed: 1, neighbors: byIndex }),
    ADASYN: () => new ADASYN({ nNeighbors: 2, seed: 1, neighbors: byIndex }),
    BorderlineSMOTE: () => new BorderlineSMOTE({ kNeighbors: 2, mNeighbors: 3, seed: 1, neighbors: byIndex }),
    SMOTENC: () => new SMOTENC({ categoricalFeatures: [1], kNeighbors: 2, seed: 1, neighbors: byIndex }),
  };
  for (const [name, make] of Object.entries(samplers)) {
    it(`${name}: synthetic rows between ±1.7e308 are finite and within the class's range`, () => {
      const synthetic = make().fitResample(X, y).X.to2DArray().slice(X.length);
      expect(synthetic.length).toBeGreaterThan(0);
      for (const row of synthetic) {
        expect(Number.isFinite(row[0])).toBe(true);
        expect(Math.abs(row[0] as number)).toBeLessThanOrEqual(1.7e308);
      }
    });
  }
});
