/**
 * A fitted Scaler's transform and inverseTransform of finite values give finite values or a
 * DataValidationError naming the row and column — never ±Infinity. A column fitted on a small
 * spread scales a value far outside it beyond doubles (standard: (1e308 − 0.15) / 0.11), a
 * min-max inverse multiplies by the range, and a float32 Scaler read finite inputs beyond
 * float32 (1e39) as ±Infinity: all three came out as Infinity silently.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataValidationError } from '../../src/core/errors.js';
import { Matrix, Scaler } from '../../src/index.js';

const finite = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(1e308, -1.7e308, 3.5e38, -1e39, 1e300, 5e-324, -0),
);
const fitRows = fc.array(
  fc.tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1e3, max: 1e3, noNaN: true })),
  {
    minLength: 2,
    maxLength: 8,
  },
);
const queryRows = fc.array(fc.tuple(finite, finite), { minLength: 1, maxLength: 6 });

describe('Scaler: finite in, finite out (or the typed refusal)', () => {
  for (const method of ['standard', 'minmax', 'robust'] as const) {
    for (const dtype of ['float64', 'float32'] as const) {
      it(`${method}, ${dtype}`, () => {
        fc.assert(
          fc.property(fitRows, queryRows, fc.boolean(), (fit, query, inverse) => {
            const s = new Scaler({ method, dtype });
            try {
              s.fit(fit);
            } catch (e) {
              expect(e).toBeInstanceOf(DataValidationError);
              return;
            }
            try {
              const out = inverse ? s.inverseTransform(query) : s.transform(query);
              const values = out instanceof Matrix ? out.to2DArray().flat() : Array.from(out.data);
              expect(values.every(Number.isFinite)).toBe(true);
            } catch (e) {
              expect(e).toBeInstanceOf(DataValidationError);
              const d = e as DataValidationError;
              expect(d.param).toBe('X');
              expect(d.row).toBeGreaterThanOrEqual(0);
              expect(d.row).toBeLessThan(query.length);
              expect([0, 1]).toContain(d.column);
            }
          }),
          { numRuns: 300 },
        );
      });
    }
  }

  it('the regressions, literally', () => {
    const s = new Scaler();
    s.fit([[0], [0.1], [0.2], [0.3]]);
    expect(() => s.transform([[1], [1e308]])).toThrow(
      expect.objectContaining({
        row: 1,
        column: 0,
        message: expect.stringMatching(/X\[1\]\[0\] = 1e\+308 scales to Infinity/),
      }),
    );
    const m = new Scaler({ method: 'minmax' });
    m.fit([[0], [5]]);
    expect(() => m.inverseTransform([[1e308]])).toThrow(/unscales to Infinity/);
    const f = new Scaler({ dtype: 'float32' });
    expect(() => f.fit([[0], [1e39]])).toThrow(/X\[1\]\[0\] = 1e\+39 is beyond the float32 range/);
  });
});
