import type { ProbabilisticClassifier, Serializable } from '../core/contracts.js';
import { DataValidationError, NotFittedError } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import { expectSame, expectThrows, roundTripJSON } from './check.js';
import type { Check } from './check.js';
import { deepFreeze } from './compare.js';

/** What {@link classifierChecks} needs to know about a classifier. */
export interface ClassifierSpec<C> {
  /** Class name used in check names. */
  name: string;
  /** A fresh, unfitted, seeded instance. */
  create: () => C;
  /** Rebuilds a fitted instance from its JSON form. */
  fromJSON: (json: unknown) => C;
  /** Training rows. */
  X: number[][];
  /** Training labels. */
  y: Label[];
}

/**
 * The conformance suite every classifier passes: not fitted, single class, length mismatch, no
 * mutation, JSON round trip with identical probabilities, wrong feature count at predict.
 *
 * @typeParam C - The classifier: a {@link ProbabilisticClassifier} that serializes (`dispose` is
 *   called after each check when it has one).
 * @example
 * ```ts
 * const spec = { name: 'MLP', create: () => new MLPClassifier({ seed: 1 }), fromJSON: MLPClassifier.fromJSON, X, y };
 * for (const c of classifierChecks(spec)) it(c.name, c.run);
 * ```
 */
export function classifierChecks<C extends ProbabilisticClassifier & Serializable>(spec: ClassifierSpec<C>): Check[] {
  const { name, X, y } = spec;
  const withModel = async (f: (c: C) => Promise<void> | void): Promise<void> => {
    const c = spec.create();
    try {
      await f(c);
    } finally {
      c.dispose?.();
    }
  };
  return [
    {
      name: `${name}: predict before fit throws NotFittedError`,
      run: () =>
        withModel(
          async (c) => void (await expectThrows(() => c.predict(X), NotFittedError, `${name}.predict before fit`)),
        ),
    },
    {
      name: `${name}: a single class is rejected`,
      run: () =>
        withModel(
          async (c) =>
            void (await expectThrows(
              () =>
                c.fit(
                  X,
                  y.map(() => y[0] as Label),
                ),
              DataValidationError,
              `${name}.fit one class`,
            )),
        ),
    },
    {
      name: `${name}: X and y of different lengths are rejected`,
      run: () =>
        withModel(
          async (c) =>
            void (await expectThrows(() => c.fit(X, y.slice(1)), DataValidationError, `${name}.fit length mismatch`)),
        ),
    },
    {
      name: `${name}: fit and predict do not mutate frozen input; JSON round trip is identical`,
      run: () =>
        withModel(async (c) => {
          const fx = deepFreeze(X.map((r) => [...r]));
          const fy = deepFreeze([...y]);
          await c.fit(fx, fy);
          const p = c.predictProba(fx);
          expectSame(fx, X, `${name}: X changed`);
          expectSame(fy, y, `${name}: y changed`);
          const again = spec.fromJSON(roundTripJSON(c.toJSON()));
          try {
            expectSame(again.predictProba(X), p, `${name}.predictProba after fromJSON`);
            await expectThrows(
              () => again.predict(X.map((r) => [...r, 0])),
              DataValidationError,
              `${name}.predict with an extra column`,
            );
          } finally {
            again.dispose?.();
          }
        }),
    },
  ];
}
