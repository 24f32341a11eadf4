import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataValidationError } from '../../src/core/errors.js';
import {
  checkLabels,
  classCounts,
  compareLabels,
  encodeLabels,
  typeOfTarget,
  uniqueSorted,
} from '../../src/core/labels.js';

describe('labels', () => {
  it('sorts numbers numerically and strings by code unit', () => {
    expect(uniqueSorted([10, 2, 1, 2])).toEqual([1, 2, 10]);
    expect(uniqueSorted(['b', 'B', 'a'])).toEqual(['B', 'a', 'b']);
    expect(compareLabels(2, 10)).toBeLessThan(0);
  });
  it('validates and encodes', () => {
    expect(() => checkLabels(['a', 1], 'f')).toThrow(/mixes strings and numbers/);
    expect(() => checkLabels([1, NaN], 'f')).toThrow(DataValidationError);
    expect(() => checkLabels([1, 2], 'f', 'y', 3)).toThrow(/2 labels but X has 3 rows/);
    expect(Array.from(encodeLabels(['b', 'a'], ['a', 'b'], 'f'))).toEqual([1, 0]);
    expect(() => encodeLabels(['c'], ['a', 'b'], 'f')).toThrow(/not one of the known classes/);
    expect([...classCounts(['b', 'a', 'b'])]).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });
  it('counts numeric labels the same in its array fast path (0 … 255) and its Map (the rest)', () => {
    const reference = (y: number[]): Array<[number, number]> => {
      const m = new Map<number, number>();
      for (const v of y) m.set(v, (m.get(v) ?? 0) + 1);
      return [...m].sort((a, b) => a[0] - b[0]);
    };
    const y = [3, 255, 256, -1, 0.5, 3, 0, -0, 1e9, 255, 2 ** 31, -(2 ** 31)];
    expect([...classCounts(y)]).toEqual(reference(y));
    expect(Object.is([...classCounts([-0])][0]?.[0], 0)).toBe(true); // a Map key too is +0
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -3, max: 300 }), fc.double({ noNaN: true }))), (v) => {
        expect([...classCounts(v)]).toEqual(reference(v));
      }),
    );
  });
});

describe('typeOfTarget (scikit-learn type_of_target) and the continuous-target refusal', () => {
  it('names binary, multiclass, continuous and unknown label arrays as scikit-learn does', () => {
    expect(typeOfTarget([0, 1, 1])).toBe('binary');
    expect(typeOfTarget(['a'])).toBe('binary');
    expect(typeOfTarget([])).toBe('binary');
    expect(typeOfTarget([1, 2, 3])).toBe('multiclass');
    expect(typeOfTarget([1.0, 2.0, 3.0])).toBe('multiclass');
    expect(typeOfTarget(['x', 'y', 'z'])).toBe('multiclass');
    expect(typeOfTarget([0, 0.5])).toBe('continuous');
    expect(typeOfTarget(Array.from({ length: 30 }, (_, i) => i / 29))).toBe('continuous');
    // NumPy's cast to int64 does not keep 1e300 or 2^63: continuous there, so here too.
    expect(typeOfTarget([1e300, 0])).toBe('continuous');
    expect(typeOfTarget([2 ** 63])).toBe('continuous');
    expect(typeOfTarget([-(2 ** 63), 2 ** 62])).toBe('binary');
    expect(typeOfTarget([1, Number.NaN])).toBe('unknown');
    expect(typeOfTarget(['a', 1])).toBe('unknown');
    expect(typeOfTarget([true as never])).toBe('unknown');
    expect(typeOfTarget('ab' as never)).toBe('unknown');
    expect(typeOfTarget(Float64Array.of(0, 1, 2))).toBe('multiclass');
  });

  it('checkLabels refuses a continuous target with "Unknown label type: \'continuous\'" naming the row', () => {
    const y = Array.from({ length: 30 }, (_, i) => i / 29);
    let err: unknown;
    try {
      checkLabels(y, 'SMOTE.fitResample');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataValidationError);
    expect((err as DataValidationError).message).toMatch(
      /^SMOTE\.fitResample: y\[1\] is 0\.034482758620689655, not a whole number — Unknown label type: 'continuous'/,
    );
    expect((err as DataValidationError).row).toBe(1);
    expect((err as DataValidationError).param).toBe('y');
    expect(checkLabels([1.0, 2.0, 0], 'f')).toEqual([1, 2, 0]);
  });

  it('property: checkLabels accepts exactly the arrays typeOfTarget calls binary or multiclass', () => {
    const label = fc.oneof(
      fc.integer({ min: -5, max: 5 }),
      fc.double({ noNaN: true, min: -10, max: 10 }),
      fc.constantFrom(1e300, Number.NaN, Infinity, 2 ** 63),
    );
    fc.assert(
      fc.property(fc.array(label, { maxLength: 8 }), (y) => {
        const type = typeOfTarget(y);
        let ok = true;
        try {
          checkLabels(y, 'f');
        } catch (e) {
          expect(e).toBeInstanceOf(DataValidationError);
          ok = false;
        }
        expect(ok).toBe(type === 'binary' || type === 'multiclass');
        if (y.some((v) => Number.isFinite(v) && !Number.isInteger(v)) && y.every(Number.isFinite)) {
          expect(type).toBe('continuous');
        }
      }),
    );
  });
});
