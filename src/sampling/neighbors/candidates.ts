/**
 * What a candidate scan hands to the exact re-ranking, and the centering every kernel applies to
 * the rows first (distances are translation invariant; centered rows keep the norms in
 * `‖q‖² + ‖x‖² − 2q·x` small, which is what makes float32 and int16 approximations usable).
 *
 * @internal
 * @packageDocumentation
 */

/**
 * What one candidate scan found: per query, `fill` candidates (at most `K`) in ascending order of
 * the kernel's approximate squared distance.
 * @internal
 */
export interface Candidates {
  /** Candidate row indices, `m × K`. */
  cand: Int32Array;
  /** Their approximate squared distances, `m × K`. */
  candVal: Float32Array | Float64Array;
  /** Per query: how many candidates were filled. */
  fill: Int32Array;
  /** Per query: squared norm of the centered query row. */
  qn: Float64Array;
  /** int16 kernel, per query: the quantisation residual `‖v − v̂‖` of the centered query row. */
  qRes: Float64Array | null;
}

/** The fitted rows' count, width and mean: what every scan needs to know about them. @internal */
export interface Centering {
  n: number;
  d: number;
  /** Per column mean of the fitted rows (the centre of every kernel's centered rows). */
  mean: Float64Array;
}

/**
 * Writes row `src[o … o + d)` minus `mean` to `dst` from `at`; returns its squared norm (float64).
 * @internal
 */
export function centerInto(
  src: Float64Array,
  o: number,
  mean: Float64Array,
  d: number,
  dst: Float64Array | Float32Array,
  at: number,
): number {
  let acc = 0;
  for (let t = 0; t < d; t++) {
    const v = src[o + t]! - mean[t]!;
    dst[at + t] = v;
    acc += v * v;
  }
  return acc;
}
