/**
 * The decision rules of a {@link PriorCorrectedClassifier}: applying `argmax W·log p − α·log prior
 * + offset`, and tuning α, the offsets or the linear rule on validation probabilities.
 *
 * @internal
 * @module
 */
import type { Matrix } from 'ml-matrix';
import type { Label } from '../core/matrix.js';
import { balancedAccuracyScore } from '../metrics/balancedAccuracyScore.js';
import { geometricMeanScore } from '../metrics/geometricMeanScore.js';
import { f1Score } from '../metrics/precisionRecallFscoreSupport.js';
import { LOG_FLOOR, fitLinearRule } from './linearRule.js';
import type { DecisionMetric, DecisionTuning } from './PriorCorrectedClassifier.js';

const ALPHAS = Array.from({ length: 41 }, (_, i) => i / 20);
const OFFSETS = Array.from({ length: 25 }, (_, i) => -3 + i / 4);
const ROUNDS = 3;
/** The smallest prior used in the rule (a class absent from training would divide by zero). */
const MIN_PRIOR = 1e-12;

/** `log p` of every cell, row-major. */
export function logProba(proba: Matrix): Float64Array {
  const k = proba.columns;
  const out = new Float64Array(proba.rows * k);
  for (let i = 0; i < proba.rows; i++) for (let j = 0; j < k; j++) out[i * k + j] = Math.log(proba.get(i, j));
  return out;
}

/**
 * The scores `W·log p` of every row (row-major), log-probabilities clipped at {@link LOG_FLOOR};
 * `logp` itself when `weights` is `null` (the identity).
 */
export function linearScores(
  logp: Float64Array,
  rows: number,
  weights: ReadonlyArray<ReadonlyArray<number>> | null,
): Float64Array {
  if (weights === null) return logp;
  const k = weights.length;
  const out = new Float64Array(rows * k);
  const x = new Float64Array(k);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < k; j++) x[j] = Math.max(logp[i * k + j] as number, LOG_FLOOR);
    for (let c = 0; c < k; c++) {
      const w = weights[c] as ReadonlyArray<number>;
      let s = 0;
      for (let j = 0; j < k; j++) s += (w[j] as number) * (x[j] as number);
      out[i * k + c] = s;
    }
  }
  return out;
}

/** The per-class term added to `log p`: `−α·log prior + offset`. */
export function ruleShift(priors: ReadonlyArray<number>, alpha: number, offsets: ReadonlyArray<number>): Float64Array {
  return Float64Array.from(
    priors,
    (p, j) => (alpha === 0 ? 0 : -alpha * Math.log(Math.max(p, MIN_PRIOR))) + (offsets[j] as number),
  );
}

/** The index of the largest `logp + shift` of every row (ties to the first). */
export function argmaxRows(logp: Float64Array, rows: number, shift: Float64Array): Int32Array {
  const k = shift.length;
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    let bestV = -Infinity;
    for (let j = 0; j < k; j++) {
      const v = (logp[i * k + j] as number) + (shift[j] as number);
      if (v > bestV) {
        bestV = v;
        best = j;
      }
    }
    out[i] = best;
  }
  return out;
}

function score(metric: DecisionMetric, yTrue: Label[], yPred: Label[]): number {
  switch (metric) {
    case 'balancedAccuracy':
      return balancedAccuracyScore(yTrue, yPred);
    case 'macroF1':
      return f1Score(yTrue, yPred, { average: 'macro' });
    case 'geometricMean':
      return geometricMeanScore(yTrue, yPred);
  }
}

/** A rule chosen by {@link tuneRule} (or the untuned one: `score` null). */
export interface TunedRule {
  alpha: number;
  offsets: number[];
  weights: number[][] | null;
  score: number | null;
}

/**
 * The α (and offsets) that maximise `tune.metric` on the validation rows: α over {@link ALPHAS};
 * with `'offsets'`, coordinate ascent over {@link OFFSETS} per class, a change kept only when it
 * strictly improves the score; with `'linear'`, the balanced logistic fit of {@link fitLinearRule}
 * (α = 0, the intercepts as offsets), `tune.metric` only scored.
 */
export function tuneRule(
  proba: Matrix,
  yVal: Label[],
  classes: Label[],
  priors: number[],
  tune: DecisionTuning,
): TunedRule {
  const logp = logProba(proba);
  if (tune.search === 'linear') {
    const index = new Map(classes.map((c, j) => [c, j]));
    const yIdx = Int32Array.from(yVal, (v) => index.get(v) as number);
    const clipped = logp.map((v) => Math.max(v, LOG_FLOOR));
    const { weights, bias } = fitLinearRule(clipped, yIdx, classes.length);
    const idx = argmaxRows(linearScores(logp, proba.rows, weights), proba.rows, Float64Array.from(bias));
    const s = score(
      tune.metric,
      yVal,
      Array.from(idx, (j) => classes[j] as Label),
    );
    return { alpha: 0, offsets: bias, weights, score: s };
  }
  const evaluate = (alpha: number, offsets: number[]): number => {
    const idx = argmaxRows(logp, proba.rows, ruleShift(priors, alpha, offsets));
    return score(
      tune.metric,
      yVal,
      Array.from(idx, (j) => classes[j] as Label),
    );
  };
  const offsets = classes.map(() => 0);
  let alpha = 0;
  let best = -Infinity;
  for (const a of ALPHAS) {
    const v = evaluate(a, offsets);
    if (v > best) {
      best = v;
      alpha = a;
    }
  }
  if (tune.search === 'offsets') {
    for (let round = 0; round < ROUNDS; round++) {
      let changed = false;
      for (let j = 0; j < classes.length; j++) {
        const keep = offsets[j] as number;
        let bestOffset = keep;
        for (const d of [...OFFSETS].sort((a, b) => Math.abs(a) - Math.abs(b))) {
          offsets[j] = d;
          const v = evaluate(alpha, offsets);
          if (v > best) {
            best = v;
            bestOffset = d;
          }
        }
        offsets[j] = bestOffset;
        if (bestOffset !== keep) changed = true;
      }
      if (!changed) break;
    }
  }
  return { alpha, offsets, weights: null, score: best };
}
