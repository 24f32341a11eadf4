import { describe, expect, it } from 'vitest';
import { KNeighbors, Random, SMOTE } from '../../src/index.js';
import { gatherRows } from '../../src/sampling/gatherRows.js';
import { drawPairs, drawSteps, interpolateRow, interpolateRows } from '../../src/sampling/interpolate.js';

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
