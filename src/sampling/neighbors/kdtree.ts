/**
 * An exact k-d tree for low dimensions: median splits on the widest coordinate, bounding boxes
 * per node, leaves of up to {@link LEAF} rows stored contiguously. Distances are computed directly
 * (`Σ(qᵢ − xᵢ)²` in float64, in coordinate order) and nodes are pruned only when their box
 * distance is strictly larger than the current k-th best, so results — including ties broken by
 * the smaller index — are identical to an exhaustive search. (The box distance never exceeds a
 * contained row's computed distance: rounding is monotone, and both sums run in the same order.)
 *
 * @internal
 * @packageDocumentation
 */

const LEAF = 24;

/** A built tree. @internal */
export interface KdTree {
  n: number;
  d: number;
  /** Rows in tree order, `n × d`. */
  data: Float64Array;
  /** Original index of each row in tree order. */
  perm: Int32Array;
  /** Node `i` covers tree rows `[start[i], end[i])`; children `2i+1`, `2i+2`; leaf when `end − start ≤ LEAF`. */
  start: Int32Array;
  end: Int32Array;
  /** Bounding boxes, `nodes × d`. */
  lo: Float64Array;
  hi: Float64Array;
}

/** Builds a k-d tree over `n × d` row-major data. @internal */
export function buildKdTree(src: Float64Array, n: number, d: number): KdTree {
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  // number of nodes of the implicit tree: split until ranges are ≤ LEAF
  let levels = 1;
  while (Math.ceil(n / 2 ** (levels - 1)) > LEAF) levels++;
  const nNodes = 2 ** levels - 1;
  const start = new Int32Array(nNodes).fill(-1);
  const end = new Int32Array(nNodes).fill(-1);
  const lo = new Float64Array(nNodes * d);
  const hi = new Float64Array(nNodes * d);
  const stack: number[] = [0, 0, n];
  while (stack.length > 0) {
    const e = stack.pop()!;
    const s = stack.pop()!;
    const node = stack.pop()!;
    start[node] = s;
    end[node] = e;
    let widest = 0;
    let spread = -1;
    for (let t = 0; t < d; t++) {
      let a = Infinity;
      let b = -Infinity;
      for (let i = s; i < e; i++) {
        const v = src[perm[i]! * d + t]!;
        if (v < a) a = v;
        if (v > b) b = v;
      }
      lo[node * d + t] = a;
      hi[node * d + t] = b;
      if (b - a > spread) {
        spread = b - a;
        widest = t;
      }
    }
    if (e - s <= LEAF || 2 * node + 2 >= nNodes) continue;
    // quickselect the median on the widest coordinate
    const mid = (s + e) >> 1;
    let l = s;
    let r = e - 1;
    while (l < r) {
      const pivot = src[perm[(l + r) >> 1]! * d + widest]!;
      let i = l;
      let j = r;
      while (i <= j) {
        while (src[perm[i]! * d + widest]! < pivot) i++;
        while (src[perm[j]! * d + widest]! > pivot) j--;
        if (i <= j) {
          const tmp = perm[i]!;
          perm[i] = perm[j]!;
          perm[j] = tmp;
          i++;
          j--;
        }
      }
      if (mid <= j) r = j;
      else if (mid >= i) l = i;
      else break;
    }
    stack.push(2 * node + 1, s, mid, 2 * node + 2, mid, e);
  }
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) data.set(src.subarray(perm[i]! * d, perm[i]! * d + d), i * d);
  return { n, d, data, perm, start, end, lo, hi };
}

/**
 * The k nearest rows of each query (by (distance, index)); writes `indices` / `distances`
 * (`m × k`). `self[i]` (when given) is the original index excluded for query `i`.
 * @internal
 */
export function queryKdTree(
  tree: KdTree,
  query: Float64Array,
  m: number,
  k: number,
  self: boolean,
  indices: Int32Array,
  distances: Float64Array,
): void {
  const { d, data, perm, start, end, lo, hi } = tree;
  const nNodes = start.length;
  const bestD = new Float64Array(k);
  const bestI = new Int32Array(k);
  const stackNode = new Int32Array(128);
  const stackDist = new Float64Array(128);
  for (let q = 0; q < m; q++) {
    const qo = q * d;
    const skip = self ? q : -1;
    let filled = 0;
    let worstD = Infinity;
    let worstI = 2147483647;
    let sp = 0;
    stackNode[sp] = 0;
    stackDist[sp++] = 0;
    while (sp > 0) {
      const node = stackNode[--sp]!;
      const nd = stackDist[sp]!;
      if (filled === k && nd > worstD) continue;
      const c1 = 2 * node + 1;
      if (c1 >= nNodes || start[c1]! < 0) {
        for (let i = start[node]!; i < end[node]!; i++) {
          const j = perm[i]!;
          if (j === skip) continue;
          const xo = i * d;
          let acc = 0;
          for (let t = 0; t < d; t++) {
            const diff = query[qo + t]! - data[xo + t]!;
            acc += diff * diff;
          }
          if (filled < k || acc < worstD || (acc === worstD && j < worstI)) {
            let p = filled < k ? filled++ : k - 1;
            while (p > 0 && (bestD[p - 1]! > acc || (bestD[p - 1] === acc && bestI[p - 1]! > j))) {
              bestD[p] = bestD[p - 1]!;
              bestI[p] = bestI[p - 1]!;
              p--;
            }
            bestD[p] = acc;
            bestI[p] = j;
            if (filled === k) {
              worstD = bestD[k - 1]!;
              worstI = bestI[k - 1]!;
            }
          }
        }
        continue;
      }
      // children: box distances, push the farther first so the nearer is visited first
      let dl = 0;
      let dr = 0;
      const ol = c1 * d;
      const or = ol + d;
      for (let t = 0; t < d; t++) {
        const v = query[qo + t]!;
        let a = lo[ol + t]!;
        let b = hi[ol + t]!;
        let g = v < a ? a - v : v > b ? v - b : 0;
        dl += g * g;
        a = lo[or + t]!;
        b = hi[or + t]!;
        g = v < a ? a - v : v > b ? v - b : 0;
        dr += g * g;
      }
      if (dl <= dr) {
        stackNode[sp] = c1 + 1;
        stackDist[sp++] = dr;
        stackNode[sp] = c1;
        stackDist[sp++] = dl;
      } else {
        stackNode[sp] = c1;
        stackDist[sp++] = dl;
        stackNode[sp] = c1 + 1;
        stackDist[sp++] = dr;
      }
    }
    const o = q * k;
    for (let a = 0; a < k; a++) {
      indices[o + a] = bestI[a]!;
      distances[o + a] = Math.sqrt(bestD[a]!);
    }
  }
}
