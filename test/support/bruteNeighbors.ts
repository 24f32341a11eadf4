/**
 * The tests' independent neighbour oracle: every squared distance computed directly, all rows
 * sorted by (distance, index). Quadratic and simple on purpose — it shares no code with the
 * library's engine (src/sampling/neighbors), whose fast paths it checks. Not a second engine: the
 * library has one brute-force search (the exhaustive path of KNeighbors); this one lives in tests.
 */
import type { KNeighborsOptions, KNeighborsResult, NeighborSearch } from '../../src/sampling/neighbors/types.js';

/**
 * The `k` nearest of the `n × d` rows `X` for each of the `m` query rows `Q`, by squared
 * Euclidean distance `Σ(q − x)²` (float64, coordinate order), ties by the smaller index; with
 * `excludeSelf`, query row `i` skips row `i`.
 */
export function bruteKNeighbors(
  X: Float64Array,
  n: number,
  d: number,
  Q: Float64Array,
  m: number,
  k: number,
  excludeSelf: boolean,
): { indices: Int32Array; distances: Float64Array } {
  const indices = new Int32Array(m * k);
  const distances = new Float64Array(m * k);
  for (let i = 0; i < m; i++) {
    const all: [number, number][] = [];
    for (let j = 0; j < n; j++) {
      if (excludeSelf && i === j) continue;
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = Q[i * d + t]! - X[j * d + t]!;
        s += diff * diff;
      }
      all.push([s, j]);
    }
    all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (let a = 0; a < k; a++) {
      indices[i * k + a] = all[a]![1];
      distances[i * k + a] = Math.sqrt(all[a]![0]);
    }
  }
  return { indices, distances };
}

/** {@link bruteKNeighbors} as a {@link NeighborSearch}, for samplers under test. */
export class BruteNeighbors implements NeighborSearch {
  #data: Float64Array = new Float64Array(0);
  #rows = 0;
  #cols = 0;

  fit(data: Float64Array, rows: number, cols: number): this {
    this.#data = data;
    this.#rows = rows;
    this.#cols = cols;
    return this;
  }

  kneighbors(query: Float64Array, nQuery: number, k: number, options: KNeighborsOptions = {}): KNeighborsResult {
    const excludeSelf = options.excludeSelf ?? false;
    const available = this.#rows - (excludeSelf ? 1 : 0);
    if (!Number.isInteger(k) || k < 1 || k > available) {
      throw new RangeError(`BruteNeighbors.kneighbors: k = ${k} but only ${available} candidate rows are available.`);
    }
    const r = bruteKNeighbors(this.#data, this.#rows, this.#cols, query, nQuery, k, excludeSelf);
    return { ...r, k };
  }
}
