/**
 * No generic crash: whatever a metric is given — wrong types, NaN, ragged matrices, Maps,
 * functions, symbols, BigInts, in the arguments or in any option — it either returns or throws
 * one of the library's typed errors, never a TypeError or RangeError from inside.
 */
import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { ImbalancedTabularError } from '../../src/core/errors.js';
import * as m from '../../src/metrics/index.js';

const odd = fc.constantFrom<unknown>(
  undefined,
  Number.NaN,
  Infinity,
  -0,
  null,
  [],
  {},
  [[1, 2], [3]],
  [0, 1],
  [0, 1, 2],
  ['a', 'b'],
  [
    [0.5, 0.5],
    [0.2, 0.8],
  ],
  new Matrix([[0.5, 0.5]]),
  Float64Array.of(0.1, 0.9),
  [1, 'a'],
  [[]],
  [null, 1],
  new Map([[0, 1]]),
  'nan',
  'binary',
  'macro',
  'ovr',
  'ovo',
  'linear',
  0,
  1,
  0.5,
  true,
  () => 1,
  Symbol('s'),
  10n,
);
const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), odd);
const targets = fc.constantFrom([0, 1, 1, 0], ['a', 'b', 'b', 'a'], [0, 1, 2, 2], [1, 1, 1, 1]);
const second = fc.oneof(
  targets,
  value,
  fc.constantFrom(
    [0.2, 0.9, 0.4, 0.1],
    [
      [0.5, 0.5],
      [0.1, 0.9],
      [0.3, 0.7],
      [1, 0],
    ],
    [
      [0.2, 0.3, 0.5],
      [0.1, 0.8, 0.1],
      [0.3, 0.3, 0.4],
      [1, 0, 0],
    ],
  ),
);
const keys = [
  'labels',
  'sampleWeight',
  'average',
  'posLabel',
  'k',
  'zeroDivision',
  'multiClass',
  'normalize',
  'digits',
  'targetNames',
  'weights',
  'replaceUndefinedBy',
  'beta',
  'adjusted',
  'dropIntermediate',
  'correction',
  'alpha',
];
const options = fc.oneof(fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 3 }), value);

describe('metrics on any input', () => {
  const fns = Object.entries(m).filter(([, f]) => typeof f === 'function') as Array<
    [string, (...a: unknown[]) => unknown]
  >;
  it.each(fns.map(([name, f]) => [name, f] as const))('%s returns or throws a typed error', (name, f) => {
    fc.assert(
      fc.property(targets, second, options, second, (a, b, o, d) => {
        try {
          if (name === 'evaluate') f(a, b, d, o);
          else f(a, b, o);
        } catch (e) {
          if (!(e instanceof ImbalancedTabularError)) throw e;
          expect(['INVALID_PARAMETER', 'DATA_VALIDATION']).toContain(e.code);
        }
      }),
      { numRuns: 300 },
    );
  });
});
