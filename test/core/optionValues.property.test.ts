/**
 * Any value of any option, given to any public constructor, gives the constructed object or the
 * library's InvalidParameterError naming that option — never a TypeError from reading the raw
 * value before its check (an MLP `validationFraction` that is a Symbol was compared with `>`), and
 * never a RangeError from sizing an array by it (an ensemble of 1e15 members). The options of each
 * class are the ones its "unknown option" message lists, so a new option is covered unasked.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ImbalancedTabularError, InvalidParameterError } from '../../src/core/errors.js';
import * as core from '../../src/index.js';
import { MLPClassifier } from '../../src/mlp.js';

type Ctor = new (options?: Record<string, unknown>) => unknown;
const member = () => new MLPClassifier({ hiddenLayers: [2], epochs: 1 });
/** Each class, with the options it needs besides the one under test. */
const classes: Array<[string, Ctor, Record<string, unknown>]> = [
  ...(
    [
      'SMOTE',
      'ADASYN',
      'BorderlineSMOTE',
      'SMOTEN',
      'SMOTENC',
      'KMeansSMOTE',
      'RandomOverSampler',
      'RandomUnderSampler',
      'EditedNearestNeighbours',
      'RepeatedEditedNearestNeighbours',
      'AllKNN',
      'TomekLinks',
      'NeighbourhoodCleaningRule',
      'CondensedNearestNeighbour',
      'OneSidedSelection',
      'ClusterCentroids',
      'SMOTEENN',
      'SMOTETomek',
      'FunctionSampler',
      'KMeans',
      'MiniBatchKMeans',
      'KNeighbors',
      'Scaler',
      'Encoder',
      'TargetEncoder',
      'StratifiedKFold',
    ] as const
  ).map((n): [string, Ctor, Record<string, unknown>] => [
    n,
    (core as unknown as Record<string, Ctor>)[n] as Ctor,
    n === 'SMOTENC' ? { categoricalFeatures: [1] } : {},
  ]),
  ['MLPClassifier', MLPClassifier as unknown as Ctor, {}],
  ['EnsembleClassifier', core.EnsembleClassifier as unknown as Ctor, { estimator: member }],
];

function knownOptions(name: string, C: Ctor, base: Record<string, unknown>): string[] {
  try {
    new C({ ...base, zzzNotAnOption: 1 });
  } catch (e) {
    const m = /Known options: (.*)\.$/.exec((e as Error).message);
    if (m?.[1]) return m[1].split(', ');
  }
  throw new Error(`${name} did not list its options`);
}

const hostile = fc.oneof(
  fc.anything({ withBigInt: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true }),
  fc.constantFrom<unknown>(
    Symbol('s'),
    () => 1,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    -0,
    5e-324,
    1e15,
    1e308,
    2 ** 53,
    -1,
    0.5,
    new Date(0),
    new Map(),
  ),
);

describe('every value of every option gives the object or an InvalidParameterError naming it', () => {
  for (const [name, C, base] of classes) {
    it(name, () => {
      const keys = knownOptions(name, C, base);
      fc.assert(
        fc.property(fc.constantFrom(...keys), hostile, (key, value) => {
          try {
            new C({ ...base, [key]: value });
          } catch (e) {
            expect(e, `${name} { ${key}: ${fc.stringify(value)} }: ${(e as Error).message}`).toBeInstanceOf(
              ImbalancedTabularError,
            );
            if (e instanceof InvalidParameterError && e.param !== 'options') {
              // the option itself, a nested field of it (`earlyStopping.patience`), or one it conflicts with
              expect(
                keys.some((k) => e.param === k || e.param.startsWith(`${k}.`) || e.param.startsWith(`${k}[`)),
              ).toBe(true);
            }
          }
        }),
        { numRuns: 300 },
      );
    });
  }

  it('the regressions, literally', () => {
    expect(() => new MLPClassifier({ validationFraction: Symbol('v') as never })).toThrow(InvalidParameterError);
    for (const n of [1e7, 1e15]) {
      expect(() => new core.EnsembleClassifier({ estimator: member, nEstimators: n })).toThrow(
        expect.objectContaining({ param: 'nEstimators', message: expect.stringMatching(/from 1 to 1000000/) }),
      );
    }
  });
});
