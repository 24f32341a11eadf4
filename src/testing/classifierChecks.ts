import type { ProbabilisticClassifier, Serializable } from '../core/contracts.js';
import { DataValidationError, NotFittedError } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import { builtinLabels, continuousTarget, expectFiniteOrLocated, overflowInput } from './adversarialInputs.js';
import { expectSame, expectThrows, roundTripJSON } from './check.js';
import type { Check } from './check.js';
import { deepFreeze } from './compare.js';
import { fail } from './ConformanceError.js';
import { type JsonTamperOption, jsonTamperChecks, tamperSpec } from './jsonTamper.js';

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
  /**
   * Add the JSON-tampering check ({@link jsonTamperChecks}) of `fromJSON` on the document of a
   * fitted instance. On by default;
   * `false` opts out.
   * @defaultValue true
   */
  jsonTamper?: JsonTamperOption;
  /**
   * Add the overflow check: `X` mapped onto [−1.7e308, 1.7e308] per column (finite, but
   * differences overflow) must give finite probabilities or a DataValidationError naming the row
   * or column, in `fit` or `predictProba`. On by default;
   * `false` opts out.
   * @defaultValue true
   */
  overflow?: boolean;
}

/**
 * The conformance suite every classifier passes: not fitted, single class, a continuous target,
 * length mismatch, no mutation, JSON round trip with identical probabilities, wrong feature count
 * at predict, labels named like Object.prototype members, JSON tampering and overflow (both on by default).
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
  const checks: Check[] = [
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
    {
      name: `${name}: a continuous target is refused ("Unknown label type: 'continuous'")`,
      run: () =>
        withModel(async (c) => {
          const err = await expectThrows(
            () => c.fit(X, continuousTarget(y.length)),
            DataValidationError,
            `${name}.fit with y = linspace(0, 1, n)`,
          );
          if (!/Unknown label type: 'continuous'/.test(err.message))
            fail(`${name}: the error does not say "Unknown label type: 'continuous'": ${err.message}`);
        }),
    },
    {
      name: `${name}: labels named like Object.prototype members (__proto__, constructor, …) are plain labels`,
      run: () =>
        withModel(async (ref) => {
          await ref.fit(X, y);
          const named = builtinLabels(y);
          const rename = new Map(y.map((v, i) => [v, named[i] as Label]));
          await withModel(async (c) => {
            await c.fit(X, named);
            expectSame(c.predictProba(X), ref.predictProba(X), `${name}(builtin-named labels).predictProba`);
            expectSame(
              c.predict(X),
              ref.predict(X).map((v) => rename.get(v) as Label),
              `${name}(builtin-named labels).predict`,
            );
            const again = spec.fromJSON(roundTripJSON(c.toJSON()));
            try {
              expectSame(again.predict(X), c.predict(X), `${name}(builtin-named labels) after fromJSON`);
            } finally {
              again.dispose?.();
            }
          });
        }),
    },
  ];
  if (spec.overflow ?? true) {
    checks.push({
      name:
        `${name}: finite inputs near ±1.7e308 give finite probabilities or a DataValidationError ` +
        'naming the row/column',
      run: () =>
        withModel((c) =>
          expectFiniteOrLocated(`${name}.fit + predictProba`, async () => {
            const big = overflowInput(X);
            await c.fit(big, y);
            return c.predictProba(big);
          }),
        ),
    });
  }
  const tamper = spec.jsonTamper ?? true;
  if (tamper !== false) {
    checks.push(
      ...jsonTamperChecks(
        tamperSpec(tamper, {
          name,
          create: async () => {
            const c = spec.create();
            await c.fit(X, y);
            return c;
          },
          fromJSON: spec.fromJSON,
          dispose: (c) => c.dispose?.(),
        }),
      ),
    );
  }
  return checks;
}
