/**
 * No metric returns NaN or ±Infinity that nobody asked for: on any input — single classes,
 * all-zero or partly zero weights, labels absent from the data, degenerate scores — every metric
 * either returns finite numbers or throws one of the library's typed errors. NaN appears only
 * with `zeroDivision: 'nan'` or `replaceUndefinedBy: 'nan'` (not generated here).
 */
import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { ImbalancedTabularError } from '../../src/core/errors.js';
import type { Label } from '../../src/core/matrix.js';
import * as m from '../../src/metrics/index.js';

/** Every number in `v` (arrays, Maps, matrices, objects), with its path. */
function numbers(v: unknown, path = '$', out: Array<[string, number]> = []): Array<[string, number]> {
  if (typeof v === 'number') out.push([path, v]);
  else if (v instanceof Matrix) numbers(v.to2DArray(), path, out);
  else if (v instanceof Map) for (const [k, x] of v) numbers(x, `${path}.get(${String(k)})`, out);
  else if (Array.isArray(v)) v.forEach((x, i) => numbers(x, `${path}[${i}]`, out));
  else if (v !== null && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) if (k !== 'text' && k !== 'report') numbers(x, `${path}.${k}`, out);
  return out;
}

/** Runs `f`; a typed error is fine, any other throw or a non-finite number in the result fails. */
function finiteOrTyped(name: string, f: () => unknown, allowInfinity: (path: string) => boolean = () => false): void {
  let r: unknown;
  try {
    r = f();
  } catch (e) {
    if (e instanceof ImbalancedTabularError) return;
    throw new Error(`${name} threw ${(e as Error).name}: ${(e as Error).message}`);
  }
  for (const [path, v] of numbers(r)) {
    if (Number.isFinite(v) || (allowInfinity(path) && Math.abs(v) === Infinity)) continue;
    throw new Error(`${name} returned ${v} at ${path}`);
  }
}

const problem = fc
  .record({
    n: fc.integer({ min: 1, max: 9 }),
    k: fc.integer({ min: 1, max: 4 }),
    strings: fc.boolean(),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
    weights: fc.constantFrom('none', 'random', 'zeros', 'some zeros', 'huge', 'tiny', 'giant'),
    extraLabel: fc.boolean(),
    average: fc.constantFrom('binary', 'micro', 'macro', 'weighted', null),
    zeroDivision: fc.constantFrom(0, 1),
  })
  .map((p) => {
    let s = p.seed;
    const rnd = (): number => {
      s = (s * 48271) % 2147483647;
      return s / 2147483647;
    };
    const name = (i: number): Label => (p.strings ? `c${i}` : i);
    const yTrue = Array.from({ length: p.n }, () => name(Math.floor(rnd() * p.k)));
    const yPred = Array.from({ length: p.n }, () => name(Math.floor(rnd() * p.k)));
    const w =
      p.weights === 'none'
        ? undefined
        : Array.from({ length: p.n }, (_, i) => {
            if (p.weights === 'zeros' || (p.weights === 'some zeros' && i % 2 === 0)) return 0;
            const scale = { huge: 1e73, tiny: 1e-74, giant: 1e300 }[p.weights as string] ?? 1;
            return Math.floor(rnd() * 3) * scale;
          });
    const present = [...new Set([...yTrue])].sort((a, b) => (String(a) < String(b) ? -1 : 1));
    const known = p.strings ? present : (present as number[]).sort((a, b) => a - b);
    const labels = p.extraLabel ? [...known, name(9)] : known;
    const c = Math.max(2, labels.length);
    const proba = Array.from({ length: p.n }, () => {
      const row = Array.from({ length: c }, () => Math.floor(rnd() * 3) + (rnd() < 0.2 ? 0 : 0.5));
      const sum = row.reduce((a, b) => a + b, 0) || 1;
      return sum === 1 && row.every((v) => v === 0) ? row.map(() => 1 / c) : row.map((v) => v / sum);
    });
    const score = proba.map((r) => r[1] as number);
    return { ...p, yTrue, yPred, w, labels, proba, score, rnd };
  });

describe('no unasked-for NaN or Infinity from any metric', () => {
  it('property: finite numbers or a typed error, for every metric and option', () => {
    fc.assert(
      fc.property(problem, (q) => {
        const { yTrue: t, yPred: p, proba, score, labels, average, zeroDivision } = q;
        const sw = q.w === undefined ? {} : { sampleWeight: q.w };
        const pos = { posLabel: t[0] as Label };
        const cases: Array<[string, () => unknown]> = [
          ['accuracyScore', () => m.accuracyScore(t, p, sw)],
          ['balancedAccuracyScore', () => m.balancedAccuracyScore(t, p, sw)],
          ['balancedAccuracyScore adjusted', () => m.balancedAccuracyScore(t, p, { ...sw, adjusted: true })],
          ['confusionMatrix', () => m.confusionMatrix(t, p, { ...sw, labels, normalize: 'true' })],
          ['prfs', () => m.precisionRecallFscoreSupport(t, p, { ...sw, labels, average, zeroDivision, ...pos })],
          ['f1Score', () => m.f1Score(t, p, { ...sw, average: average ?? 'macro', zeroDivision, ...pos })],
          ['matthewsCorrcoef', () => m.matthewsCorrcoef(t, p, sw)],
          ['cohenKappaScore', () => m.cohenKappaScore(t, p, { ...sw, labels })],
          ['cohenKappaScore quadratic', () => m.cohenKappaScore(t, p, { ...sw, weights: 'quadratic' })],
          [
            'logLoss',
            () =>
              m.logLoss(
                t,
                proba.map((r) => r.slice(0, labels.length)),
                { ...sw, labels },
              ),
          ],
          ['logLoss 1-D', () => m.logLoss(t, score, sw)],
          ['topKAccuracyScore', () => m.topKAccuracyScore(t, proba, { ...sw, labels, k: 1 })],
          ['rocAucScore', () => m.rocAucScore(t, score, { ...sw, ...pos })],
          ['rocAucScore ovr', () => m.rocAucScore(t, proba, { ...sw, labels, multiClass: 'ovr' })],
          ['rocAucScore ovo', () => m.rocAucScore(t, proba, { labels, multiClass: 'ovo', average: 'weighted' })],
          ['rocCurve', () => m.rocCurve(t, score, { ...sw, ...pos })],
          ['precisionRecallCurve', () => m.precisionRecallCurve(t, score, { ...sw, ...pos })],
          ['averagePrecisionScore', () => m.averagePrecisionScore(t, score, { ...sw, ...pos })],
          [
            'averagePrecisionScore ovr',
            () =>
              m.averagePrecisionScore(t, proba, { ...sw, labels, average: average === 'binary' ? 'micro' : average }),
          ],
          ['sss', () => m.sensitivitySpecificitySupport(t, p, { ...sw, labels, average, ...pos })],
          ['geometricMeanScore', () => m.geometricMeanScore(t, p, { ...sw, labels })],
          ['geometricMeanScore avg', () => m.geometricMeanScore(t, p, { ...sw, average, ...pos })],
          ['classificationReport', () => m.classificationReport(t, p, { ...sw, labels, zeroDivision })],
          ['classificationReportImbalanced', () => m.classificationReportImbalanced(t, p, { ...sw, labels })],
          ['evaluate', () => m.evaluate(t, p, undefined, { labels, zeroDivision })],
          [
            'evaluate with scores',
            () =>
              m.evaluate(
                t,
                p,
                proba.map((r) => r.slice(0, labels.length)),
                { labels },
              ),
          ],
        ];
        for (const [name, f] of cases) {
          finiteOrTyped(name, f, (path) => name === 'rocCurve' && path === '$.thresholds[0]');
        }
      }),
      { numRuns: 400 },
    );
  });

  it('all-zero sampleWeight is refused like empty input by every metric that takes weights', () => {
    const yt = [0, 1, 1, 0];
    const yp = [0, 1, 0, 0];
    const s = [0.2, 0.9, 0.4, 0.1];
    const sampleWeight = [0, 0, 0, 0];
    const calls: Array<() => unknown> = [
      () => m.accuracyScore(yt, yp, { sampleWeight }),
      () => m.balancedAccuracyScore(yt, yp, { sampleWeight }),
      () => m.cohenKappaScore(yt, yp, { sampleWeight }),
      () => m.logLoss(yt, s, { sampleWeight }),
      () => m.topKAccuracyScore(yt, s, { sampleWeight, k: 1 }),
      () => m.rocAucScore(yt, s, { sampleWeight }),
      () => m.rocCurve(yt, s, { sampleWeight }),
      () => m.precisionRecallCurve(yt, s, { sampleWeight }),
      () => m.averagePrecisionScore(yt, s, { sampleWeight }),
      () => m.classificationReportImbalanced(yt, yp, { sampleWeight }),
      () => m.classificationReport(yt, yp, { sampleWeight }),
      () => m.confusionMatrix(yt, yp, { sampleWeight }),
      () => m.matthewsCorrcoef(yt, yp, { sampleWeight }),
      () => m.f1Score(yt, yp, { sampleWeight }),
      () => m.sensitivitySpecificitySupport(yt, yp, { sampleWeight }),
      () => m.geometricMeanScore(yt, yp, { sampleWeight }),
    ];
    for (const f of calls) {
      expect(f).toThrow(/sampleWeight sums to 0, so no sample counts — the same as empty input/);
    }
  });

  it('evaluate on a single class: null (with notes) where a metric is undefined, never NaN or −Infinity', () => {
    const ev = m.evaluate([0, 0, 0], [0, 1, 1]);
    expect(ev.balancedAccuracyAdjusted).toBeNull();
    expect(ev.kappa).toBe(0);
    expect(ev.notes.join(' ')).toMatch(/adjusted balanced accuracy is undefined/);
    const same = m.evaluate(['a', 'a'], ['a', 'a']);
    expect(same.kappa).toBeNull();
    expect(same.notes.join(' ')).toMatch(/Cohen's kappa is undefined/);
    expect(numbers(same).every(([, v]) => Number.isFinite(v))).toBe(true);
    expect(JSON.stringify(same)).not.toMatch(/NaN|Infinity/);
  });
});

describe('undefined scores are typed errors, naming the cause', () => {
  it('adjusted balanced accuracy on one class (scikit-learn: NaN or −Infinity)', () => {
    expect(() => m.balancedAccuracyScore([2, 2, 2], [2, 1, 0], { adjusted: true })).toThrow(
      /adjusted needs at least two classes in yTrue, but only 2 occurs/,
    );
    expect(() => m.balancedAccuracyScore([0, 1, 1], [0, 1, 0], { adjusted: true, sampleWeight: [0, 1, 1] })).toThrow(
      /only 1 occurs with positive weight/,
    );
    expect(m.balancedAccuracyScore([0, 0, 1], [0, 1, 1], { adjusted: true })).toBeCloseTo(0.5, 15);
  });
  it('binary ROC AUC whose positives (or negatives) all weigh 0', () => {
    expect(() => m.rocAucScore([0, 1, 1, 0], [0.2, 0.9, 0.4, 0.1], { sampleWeight: [1, 0, 0, 1] })).toThrow(
      /every positive sample of yTrue has sampleWeight 0/,
    );
  });
  it('the imbalanced report when no listed class occurs in yTrue (imbalanced-learn: "Weights sum to zero")', () => {
    expect(() => m.classificationReportImbalanced([0, 1], [0, 1], { labels: [2] })).toThrow(
      /none of labels \[2\] occurs in yTrue/,
    );
  });
});

describe('weights whose sums would overflow', () => {
  it('are refused with a fix (rescale), instead of NaN from overflowing products', () => {
    const big = [1.7e308, 1.7e308, 1e308, 1];
    for (const f of [
      () => m.matthewsCorrcoef([0, 1, 1, 0], [0, 1, 0, 0], { sampleWeight: big }),
      () => m.cohenKappaScore([0, 1, 1, 0], [0, 1, 0, 0], { sampleWeight: [1e200, 1e200, 1, 1] }),
      () => m.accuracyScore([0, 1, 1, 0], [0, 1, 0, 0], { sampleWeight: big }),
      () => m.matthewsCorrcoef([0, 1, 1, 0], [0, 1, 0, 0], { sampleWeight: [1e-80, 1e-80, 1e-80, 0] }),
    ]) {
      expect(f).toThrow(/sampleWeight sums to .*, outside \[1e-75, 1e\+75\], .* Rescale the weights/);
    }
    const w = [3, 1, 2, 5];
    for (const scale of [1e70, 1e-70]) {
      const scaled = w.map((v) => v * scale);
      expect(m.matthewsCorrcoef([0, 1, 1, 0], [0, 1, 0, 0], { sampleWeight: scaled })).toBeCloseTo(
        m.matthewsCorrcoef([0, 1, 1, 0], [0, 1, 0, 0], { sampleWeight: w }),
        12,
      );
      expect(m.cohenKappaScore([0, 1, 1, 0], [0, 1, 0, 0], { sampleWeight: scaled })).toBeCloseTo(
        m.cohenKappaScore([0, 1, 1, 0], [0, 1, 0, 0], { sampleWeight: w }),
        12,
      );
    }
  });
});
