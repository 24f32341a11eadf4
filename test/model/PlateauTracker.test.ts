import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlateauTracker } from '../../src/model/PlateauTracker.js';

describe('PlateauTracker', () => {
  it('counts epochs without improvement and reports a plateau after `patience` of them', () => {
    const t = new PlateauTracker({ mode: 'min', minDelta: 0, patience: 2 });
    expect(t.best).toBe(Infinity);
    expect([5, 4, 4, 6, 3, 3, 3, 3, 3].map((v) => t.update(v))).toEqual([
      'improved',
      'improved',
      'waiting',
      'plateau',
      'improved',
      'waiting',
      'plateau',
      'waiting',
      'plateau',
    ]);
    expect(t.best).toBe(3);
  });

  it('maximizes in max mode, needs more than minDelta, and never improves on NaN', () => {
    const t = new PlateauTracker({ mode: 'max', minDelta: 0.1, patience: 1 });
    expect(t.best).toBe(-Infinity);
    expect(t.update(Number.NaN)).toBe('plateau');
    expect(t.update(0.5)).toBe('improved');
    expect(t.update(0.6)).toBe('plateau'); // 0.6 - 0.1 is not above 0.5
    expect(t.update(0.61)).toBe('improved');
    expect(t.best).toBe(0.61);
  });

  it('patience 0 makes every epoch that does not improve a plateau', () => {
    const t = new PlateauTracker({ mode: 'min', minDelta: 0, patience: 0 });
    expect([3, 3, 2, 2].map((v) => t.update(v))).toEqual(['improved', 'plateau', 'improved', 'plateau']);
  });

  it('after coolDown(), `cooldown` epochs do not count (but may still improve)', () => {
    const t = new PlateauTracker({ mode: 'min', minDelta: 0, patience: 1, cooldown: 2 });
    expect(t.update(1)).toBe('improved');
    expect(t.update(1)).toBe('plateau');
    t.coolDown();
    expect(t.update(1)).toBe('waiting');
    expect(t.update(1)).toBe('plateau'); // the second cooldown epoch is used up on entry, so it counts
    t.coolDown();
    expect(t.update(0.5)).toBe('improved');
    expect(t.update(0.5)).toBe('plateau');
  });

  // The two state machines the tracker replaced, as they were written in the training loop, run
  // side by side with it on random monitored sequences.
  function legacyEarlyStopping(values: number[], minimize: boolean, patience: number, minDelta: number) {
    let best = minimize ? Infinity : -Infinity;
    let wait = 0;
    const bestEpochs: number[] = [];
    let stopped: number | undefined;
    for (let epoch = 0; epoch < values.length; epoch++) {
      const cur = values[epoch] as number;
      if (improved(cur, best, minDelta, minimize)) {
        best = cur;
        wait = 0;
        bestEpochs.push(epoch);
      } else {
        wait++;
        if (wait >= patience && epoch > 0) {
          stopped = epoch;
          break;
        }
      }
    }
    return { bestEpochs, stopped };
  }

  function legacyReduceLr(
    values: number[],
    minimize: boolean,
    o: { patience: number; minDelta: number; cooldown: number; factor: number; minLr: number },
    lr0: number,
  ): number[] {
    let lr = lr0;
    let best = minimize ? Infinity : -Infinity;
    let wait = 0;
    let cooldown = 0;
    const rates: number[] = [];
    for (const cur of values) {
      rates.push(lr);
      if (cooldown > 0) {
        cooldown--;
        wait = 0;
      }
      if (improved(cur, best, o.minDelta, minimize)) {
        best = cur;
        wait = 0;
      } else if (cooldown === 0) {
        wait++;
        if (wait >= o.patience) {
          if (lr > o.minLr) {
            lr = Math.max(lr * o.factor, o.minLr);
            cooldown = o.cooldown;
          }
          wait = 0;
        }
      }
    }
    return rates;
  }

  function improved(cur: number, best: number, minDelta: number, minimize: boolean): boolean {
    if (Number.isNaN(cur)) return false;
    return minimize ? cur + minDelta < best : cur - minDelta > best;
  }

  // Small integers (and NaN) so that ties, plateaus and non-improvements are frequent.
  const sequence = fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(Number.NaN)), { maxLength: 30 });

  it('makes the same early-stopping decisions as the hand-written loop it replaced', () => {
    fc.assert(
      fc.property(
        sequence,
        fc.boolean(),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom(0, 0.5, 1),
        (values, minimize, patience, minDelta) => {
          const t = new PlateauTracker({ mode: minimize ? 'min' : 'max', minDelta, patience });
          const bestEpochs: number[] = [];
          let stopped: number | undefined;
          for (let epoch = 0; epoch < values.length; epoch++) {
            const step = t.update(values[epoch] as number);
            if (step === 'improved') bestEpochs.push(epoch);
            else if (step === 'plateau' && epoch > 0) {
              stopped = epoch;
              break;
            }
          }
          expect({ bestEpochs, stopped }).toEqual(legacyEarlyStopping(values, minimize, patience, minDelta));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('makes the same learning-rate decisions as the hand-written loop it replaced', () => {
    fc.assert(
      fc.property(
        sequence,
        fc.boolean(),
        fc.record({
          patience: fc.integer({ min: 0, max: 4 }),
          minDelta: fc.constantFrom(0, 0.5, 1),
          cooldown: fc.integer({ min: 0, max: 3 }),
          factor: fc.constantFrom(0.1, 0.5),
          minLr: fc.constantFrom(0, 0.01, 0.05),
        }),
        (values, minimize, o) => {
          const t = new PlateauTracker({ mode: minimize ? 'min' : 'max', ...o });
          let lr = 0.1;
          const rates: number[] = [];
          for (const v of values) {
            rates.push(lr);
            if (t.update(v) === 'plateau' && lr > o.minLr) {
              lr = Math.max(lr * o.factor, o.minLr);
              t.coolDown();
            }
          }
          expect(rates).toEqual(legacyReduceLr(values, minimize, o, 0.1));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
