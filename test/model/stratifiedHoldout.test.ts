import { describe, expect, it } from 'vitest';
import { DataValidationError } from '../../src/core/errors.js';
import { Random } from '../../src/core/random.js';
import { stratifiedHoldout } from '../../src/model/stratifiedHoldout.js';

describe('stratifiedHoldout', () => {
  it('stratified validation keeps every class on both sides, seeded', () => {
    const y = Int32Array.from([...Array(90).fill(0), ...Array(8).fill(1), ...Array(2).fill(2)]);
    const a = stratifiedHoldout(y, [0, 1, 2], 0.1, new Random(4), 'test');
    const b = stratifiedHoldout(y, [0, 1, 2], 0.1, new Random(4), 'test');
    expect(Array.from(a.val)).toEqual(Array.from(b.val));
    // ceil(0.1 · 100) = 10 shared 9 / 0.8 / 0.2 → 9, then at least one per class → 11.
    expect(a.val.length).toBe(11);
    expect(a.train.length + a.val.length).toBe(100);
    for (const c of [0, 1, 2]) {
      expect(Array.from(a.val).some((i) => y[i] === c)).toBe(true);
      expect(Array.from(a.train).some((i) => y[i] === c)).toBe(true);
    }
    expect(Array.from(a.val).filter((i) => y[i] === 0).length).toBe(9);
    expect(new Set([...a.val, ...a.train]).size).toBe(100);
    expect(() => stratifiedHoldout(Int32Array.from([0, 0, 0, 1]), [0, 1], 0.5, new Random(1), 'who')).toThrow(
      DataValidationError,
    );
  });
});
