import { describe, expect, it } from 'vitest';
import { Random } from '../../src/core/Random.js';
import {
  averagePrecisionScore,
  logLoss,
  precisionRecallCurve,
  rocAucScore,
  rocCurve,
} from '../../src/metrics/index.js';
import { binaryAuc, binaryClfCurve } from '../../src/metrics/thresholdSweep.js';
import { throwsData, throwsParam } from './support.js';

describe('ranking kernels', () => {
  it('the threshold sweep (weighted and unweighted) matches a brute-force count per distinct score', () => {
    const r = new Random(7);
    for (let trial = 0; trial < 20; trial++) {
      const n = 1 + r.int(200);
      const pos = new Uint8Array(n);
      const s = new Float64Array(n);
      const w = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        pos[i] = r.int(2);
        const pick = r.int(5);
        s[i] =
          pick === 0
            ? -0
            : pick === 1
              ? 0
              : pick === 2
                ? Math.round(r.normal() * 3)
                : pick === 3
                  ? r.normal() * 1e300
                  : r.normal() * 1e-300;
        w[i] = r.int(3);
      }
      for (const weighted of [false, true]) {
        const c = binaryClfCurve(pos, s, weighted ? w : undefined);
        const keep = (i: number): boolean => !weighted || w[i] !== 0;
        const distinct = [
          ...new Set(
            Array.from(s)
              .filter((_, i) => keep(i))
              .map((v) => (v === 0 ? 0 : v)),
          ),
        ].sort((a, b) => b - a);
        expect(Array.from(c.thresholds, (v) => v + 0)).toEqual(distinct); // -0 and 0 are one threshold
        distinct.forEach((t, g) => {
          let tp = 0;
          let fp = 0;
          for (let i = 0; i < n; i++) {
            if (!keep(i) || (s[i] as number) < t) continue;
            const wi = weighted ? (w[i] as number) : 1;
            if (pos[i]) tp += wi;
            else fp += wi;
          }
          expect(c.tps[g]).toBe(tp);
          expect(c.fps[g]).toBe(fp);
        });
      }
    }
  });
  it('binary AUC equals the Mann–Whitney statistic with ½ credit for ties', () => {
    const r = new Random(11);
    for (let trial = 0; trial < 30; trial++) {
      const n = 2 + r.int(60);
      const pos = new Uint8Array(n);
      const s = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        pos[i] = r.float() < 0.3 ? 1 : 0;
        s[i] = Math.floor(r.float() * 5) / 5 + (pos[i] ? 0.1 : 0);
      }
      pos[0] = 1;
      pos[1] = 0;
      let num = 0;
      let pairs = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          if (!pos[i] || pos[j]) continue;
          pairs++;
          num += (s[i] as number) > (s[j] as number) ? 1 : s[i] === s[j] ? 0.5 : 0;
        }
      }
      expect(binaryAuc(pos, s)).toBeCloseTo(num / pairs, 12);
    }
  });
  it('ROC AUC is invariant to strictly increasing transforms of the score', () => {
    const r = new Random(3);
    const y = Array.from({ length: 200 }, (_, i) => (i < 2 ? i : r.int(2)));
    const s = y.map((v) => r.normal() + v);
    expect(
      rocAucScore(
        y,
        s.map((v) => Math.exp(3 * v) - 7),
      ),
    ).toBeCloseTo(rocAucScore(y, s), 14);
  });
  it('rocCurve starts at (0, 0) with an infinite threshold and ends at (1, 1)', () => {
    const c = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(c.thresholds[0]).toBe(Number.POSITIVE_INFINITY);
    expect([c.fpr[0], c.tpr[0]]).toEqual([0, 0]);
    expect([c.fpr.at(-1), c.tpr.at(-1)]).toEqual([1, 1]);
    const pr = precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(pr.precision.length).toBe(pr.thresholds.length + 1);
  });
});

describe('ranking metrics: bad input', () => {
  it('a single class where ROC AUC needs two', () => {
    throwsData(() => rocAucScore([1, 1, 1], [0.2, 0.4, 0.9]), 'yTrue');
    throwsData(
      () =>
        rocAucScore(
          ['a', 'a', 'c'],
          [
            [0.2, 0.4, 0.4],
            [0.1, 0.1, 0.8],
            [0.3, 0.3, 0.4],
          ],
          { multiClass: 'ovr', labels: ['a', 'b', 'c'] },
        ),
      'yTrue',
    );
    throwsData(
      () =>
        rocAucScore(
          [0, 0],
          [
            [0.2, 0.4, 0.4],
            [0.1, 0.1, 0.8],
          ],
          { multiClass: 'ovo', labels: [0, 1, 2] },
        ),
      'yTrue',
    );
    throwsData(() => logLoss([1, 1], [0.3, 0.4]), 'labels');
  });
  it('rows not summing to 1 for multiclass ROC AUC; multiClass required', () => {
    const p = [
      [0.2, 0.2, 0.2],
      [0.1, 0.1, 0.8],
      [0.3, 0.3, 0.4],
    ];
    throwsData(() => rocAucScore([0, 1, 2], p, { multiClass: 'ovr' }), 'yScore');
    throwsParam(
      () =>
        rocAucScore(
          [0, 1, 2],
          [
            [0.2, 0.4, 0.4],
            [0.1, 0.1, 0.8],
            [0.3, 0.3, 0.4],
          ],
        ),
      'multiClass',
    );
    throwsParam(
      () =>
        rocAucScore(
          [0, 1, 2],
          [
            [0.2, 0.4, 0.4],
            [0.1, 0.1, 0.8],
            [0.3, 0.3, 0.4],
          ],
          { multiClass: 'ovo', sampleWeight: [1, 1, 1] },
        ),
      'sampleWeight',
    );
    throwsParam(
      () =>
        rocAucScore(
          [0, 1, 2],
          [
            [0.2, 0.4, 0.4],
            [0.1, 0.1, 0.8],
            [0.3, 0.3, 0.4],
          ],
          { multiClass: 'ovo', average: 'micro' },
        ),
      'average',
    );
  });
  it('a binary curve needs posLabel when the labels are not {0, 1} or {-1, 1}', () => {
    throwsParam(() => rocCurve(['a', 'b'], [0.1, 0.2]), 'posLabel');
    throwsParam(() => averagePrecisionScore(['a', 'b'], [0.1, 0.2]), 'posLabel');
    throwsParam(() => precisionRecallCurve(['a', 'b'], [0.1, 0.2]), 'posLabel');
  });
});
