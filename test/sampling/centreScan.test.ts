import { describe, expect, it } from 'vitest';
import { Random } from '../../src/core/Random.js';
import { halfGaps, scanCentres } from '../../src/sampling/centreScan.js';

function values(n: number, seed: number, ties: boolean): Float64Array {
  const rng = Random.from(seed);
  return Float64Array.from({ length: n }, () => (ties ? rng.int(3) : rng.normal()));
}

function scan(
  mode: 'rows' | 'engine' | 'auto',
  data: Float64Array,
  rows: number,
  cols: number,
  centers: Float64Array,
  list: Int32Array | null,
) {
  const k = centers.length / cols;
  const labels = new Int32Array(rows).fill(-1);
  const upper = new Float64Array(rows).fill(-1);
  const lower = new Float64Array(rows).fill(-1);
  scanCentres(data, cols, centers, k, list, list === null ? rows : list.length, { labels, upper, lower }, mode);
  return { labels, upper, lower };
}

describe('scanCentres: the k-NN engine gives the row-by-row answer', () => {
  it('ties to the smaller centre index (integer data, duplicate centres), all rows and a list', () => {
    const rows = 2000;
    const cols = 6;
    const data = values(rows * cols, 1, true);
    const centers = values(40 * cols, 2, true);
    centers.set(centers.subarray(0, cols), 7 * cols); // centre 7 duplicates centre 0
    const list = Int32Array.from({ length: 500 }, (_, r) => (r * 7) % rows);
    for (const l of [null, list]) {
      const a = scan('rows', data, rows, cols, centers, l);
      const b = scan('engine', data, rows, cols, centers, l);
      expect(b.labels).toEqual(a.labels);
      expect(b.upper).toEqual(a.upper);
      expect(b.lower).toEqual(a.lower);
    }
    // no row picks centre 7: its twin 0 comes first
    expect(scan('engine', data, rows, cols, centers, null).labels.includes(7)).toBe(false);
  });

  it('Gaussian data, 32 columns, many centres; unlisted rows are left alone', () => {
    const rows = 3000;
    const cols = 32;
    const data = values(rows * cols, 3, false);
    const centers = data.slice(0, 64 * cols);
    const list = Int32Array.from([5, 0, 2999, 17]);
    const a = scan('rows', data, rows, cols, centers, list);
    const b = scan('engine', data, rows, cols, centers, list);
    expect(b.labels).toEqual(a.labels);
    expect(b.upper).toEqual(a.upper);
    expect(b.lower).toEqual(a.lower);
    expect(b.labels[1]).toBe(-1);
    expect(b.labels[0]).toBe(0); // row 0 is centre 0
    const c = scan('auto', data, rows, cols, centers, null);
    expect(c.labels).toEqual(scan('rows', data, rows, cols, centers, null).labels);
  });

  it('one centre: the second distance is Infinity', () => {
    const data = values(50 * 3, 4, false);
    const b = scan('engine', data, 50, 3, data.slice(0, 3), null);
    expect(b.labels.every((v) => v === 0)).toBe(true);
    expect(b.lower.every((v) => v === Infinity)).toBe(true);
  });

  it('values whose squared distances exceed doubles: the row-by-row answer (the engine refuses them)', () => {
    const data = Float64Array.from([-1.7e308, 1.7e308, 0, 1]);
    const centers = Float64Array.from([-1.7e308, 1.7e308]);
    const a = scan('rows', data, 4, 1, centers, null);
    const b = scan('engine', data, 4, 1, centers, null);
    expect(b).toEqual(a);
  });
});

describe("halfGaps: the engine gives the pairwise loop's half distances", () => {
  it('Gaussian centres and integer centres with twins', () => {
    for (const [k, cols, ties] of [
      [300, 32, false],
      [200, 4, true],
    ] as const) {
      const centers = values(k * cols, k, ties);
      centers.set(centers.subarray(0, cols), 5 * cols); // centre 5 is a twin of centre 0
      const a = new Float64Array(k);
      const b = new Float64Array(k);
      halfGaps(centers, k, cols, a, 'rows');
      halfGaps(centers, k, cols, b, 'engine');
      expect(b).toEqual(a);
      expect(a[0]).toBe(0);
      expect(a[5]).toBe(0);
    }
  });

  it('one centre: Infinity', () => {
    const h = new Float64Array(1);
    halfGaps(Float64Array.from([1, 2]), 1, 2, h, 'engine');
    expect(h[0]).toBe(Infinity);
  });
});
