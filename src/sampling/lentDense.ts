/**
 * Dense data the library lends to a sampler's `fitResample` instead of letting it copy its input:
 * a combination's own intermediate copy (over-sampled rows it hands to its cleaning step, its copy
 * of X with room it hands to its over-sampling step). Nobody else holds those buffers, so the
 * sampler may read them in place — X is then copied once per combination instead of once per step.
 *
 * @internal
 * @module
 */
import type { Matrix } from 'ml-matrix';
import { fromDense } from '../core/matrix.js';

/** A lent buffer: `rows × cols` values at the start of `data`, inside `room` when there is spare room. @internal */
export interface LentDense {
  /** The rows, row-major. */
  readonly data: Float64Array;
  /** Rows. */
  readonly rows: number;
  /** Columns. */
  readonly cols: number;
  /** The allocation `data` is the prefix of, with room for new rows, if any. */
  readonly room?: Float64Array | undefined;
  /**
   * Whether the lender discards the buffer after the call: a sampler that may reuse its copy of X
   * for its output (`reusesInputCopy`, the cleaning samplers) may then do so with this one.
   */
  readonly consume?: boolean;
}

const lent = new WeakMap<object, LentDense>();

/**
 * Registers `X` (a Matrix over `dense.data`, or the one made here when omitted) as lent: the next
 * {@link borrowDense} of it returns `dense` instead of a copy. Returns the Matrix to pass. @internal
 */
export function lendDense(dense: LentDense, X?: Matrix): Matrix {
  const m = X ?? fromDense(dense.data, dense.rows, dense.cols);
  lent.set(m, dense);
  return m;
}

/**
 * The lent buffer behind `X` (once: the loan ends here), or undefined when `X` was not lent or
 * holds a non-finite value (the caller then copies and validates it as any input, with the usual
 * error). @internal
 */
export function borrowDense(X: unknown): LentDense | undefined {
  if (typeof X !== 'object' || X === null) return undefined;
  const dense = lent.get(X);
  if (dense === undefined) return undefined;
  lent.delete(X);
  const { data } = dense;
  // v · 0 is 0 exactly when v is finite
  let zero = 0;
  for (let t = 0; t < dense.rows * dense.cols; t++) zero += (data[t] as number) * 0;
  return zero === 0 ? dense : undefined;
}
