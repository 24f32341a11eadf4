/**
 * No generic crash in the pipeline part: splitters, the pipeline constructor and loader, class
 * weights and cloning either work or throw one of the library's typed errors, whatever they get.
 */
import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { describe, it } from 'vitest';
import { ImbalancedTabularError } from '../../src/core/errors.js';
import { computeClassWeight, typeOfTarget } from '../../src/index.js';
import { Pipeline, StratifiedKFold, cloneEstimator, trainTestSplit } from '../../src/pipeline/index.js';
import { Center, Centroid } from './standins.js';

const value = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom<unknown>(
    undefined,
    Number.NaN,
    null,
    [],
    {},
    [[1, 2], [3]],
    [
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
    ],
    [0, 1, 0, 1],
    ['a', 'b', 'a', 'b'],
    new Matrix([[0.5, 0.5]]),
    new Map([[0, 1]]),
    2,
    0.5,
    { columns: ['a'], rows: [[1], [2]] },
    { format: 'imbalanced-tabular/Pipeline', version: 1, params: { steps: [['c', null]] }, state: null },
  ),
);

function typed(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof ImbalancedTabularError)) throw e;
  }
}

describe('pipeline functions on any input', () => {
  const calls: Array<[string, (a: unknown, b: unknown, c: unknown) => unknown]> = [
    ['trainTestSplit', (a, b, c) => trainTestSplit(a as never, b as never, c as never)],
    ['StratifiedKFold', (a, b, c) => new StratifiedKFold(a as never).split(b as never, c as never)],
    ['Pipeline.fromJSON', (a, b) => Pipeline.fromJSON(a, (b ?? { Center, Centroid }) as never)],
    ['Pipeline.fromJSON (text)', (a) => Pipeline.fromJSON(JSON.stringify(a) ?? '', { Center, Centroid })],
    ['new Pipeline', (a) => new Pipeline(a as never)],
    ['computeClassWeight', (a, b, c) => computeClassWeight(a as never, b as never, c as never)],
    ['typeOfTarget', (a) => typeOfTarget(a as never)],
    ['cloneEstimator', (a) => cloneEstimator(a)],
  ];
  it.each(calls)('%s returns or throws a typed error', (_name, f) => {
    fc.assert(
      fc.property(value, value, value, (a, b, c) => typed(() => f(a, b, c))),
      { numRuns: 500 },
    );
  });
});
