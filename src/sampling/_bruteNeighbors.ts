import type { KNeighborsOptions, KNeighborsResult, NeighborSearch } from './neighbors/types.js';

/**
 * Exact brute-force k-nearest-neighbour search (squared Euclidean distances, ties broken by the
 * smaller fitted index). Used as the test reference for the fast engine and as a fallback.
 *
 * @internal
 */
export class BruteNeighbors implements NeighborSearch {
  private data: Float64Array = new Float64Array(0);
  private rows = 0;
  private cols = 0;

  fit(data: Float64Array, rows: number, cols: number): this {
    this.data = data;
    this.rows = rows;
    this.cols = cols;
    return this;
  }

  kneighbors(query: Float64Array, nQuery: number, k: number, options: KNeighborsOptions = {}): KNeighborsResult {
    const { data, rows, cols } = this;
    const excludeSelf = options.excludeSelf ?? false;
    const available = rows - (excludeSelf ? 1 : 0);
    if (!Number.isInteger(k) || k < 1 || k > available) {
      throw new RangeError(`BruteNeighbors.kneighbors: k = ${k} but only ${available} candidate rows are available.`);
    }
    const indices = new Int32Array(nQuery * k);
    const distances = new Float64Array(nQuery * k);
    const bestD = new Float64Array(k);
    const bestI = new Int32Array(k);
    for (let q = 0; q < nQuery; q++) {
      let filled = 0;
      const qo = q * cols;
      for (let i = 0; i < rows; i++) {
        if (excludeSelf && i === q) continue;
        let d = 0;
        const io = i * cols;
        for (let j = 0; j < cols; j++) {
          const t = (query[qo + j] as number) - (data[io + j] as number);
          d += t * t;
        }
        // insertion into the sorted top-k list; equal distances keep the earlier (smaller) index first
        if (filled < k) {
          let p = filled++;
          while (p > 0 && (bestD[p - 1] as number) > d) {
            bestD[p] = bestD[p - 1] as number;
            bestI[p] = bestI[p - 1] as number;
            p--;
          }
          bestD[p] = d;
          bestI[p] = i;
        } else if (d < (bestD[k - 1] as number)) {
          let p = k - 1;
          while (p > 0 && (bestD[p - 1] as number) > d) {
            bestD[p] = bestD[p - 1] as number;
            bestI[p] = bestI[p - 1] as number;
            p--;
          }
          bestD[p] = d;
          bestI[p] = i;
        }
      }
      for (let t = 0; t < k; t++) {
        indices[q * k + t] = bestI[t] as number;
        distances[q * k + t] = Math.sqrt(bestD[t] as number);
      }
    }
    return { indices, distances, k };
  }
}
