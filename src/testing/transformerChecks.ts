import type { Matrix } from 'ml-matrix';
import type { Serializable, Transformer } from '../core/contracts.js';
import { DataValidationError, ImbalancedTabularError, NotFittedError } from '../core/errors.js';
import { copyInput, expectSame, expectThrows, roundTripJSON } from './check.js';
import type { Check, NamedInput } from './check.js';
import {
  builtinColumnNames,
  columnNames,
  expectFiniteOrLocated,
  overflowInput,
  renameColumns,
} from './adversarialInputs.js';
import { deepFreeze, snapshot } from './compare.js';
import { fail } from './ConformanceError.js';
import { type JsonTamperOption, jsonTamperChecks, tamperSpec } from './jsonTamper.js';

/** What {@link transformerChecks} needs to know about a transformer. */
export interface TransformerSpec<T, In> {
  /** Class name used in check names. */
  name: string;
  /** A fresh, unfitted instance. */
  create: () => T;
  /** Rebuilds an instance from its JSON form (`Class.fromJSON`). */
  fromJSON: (json: unknown) => T;
  /** Valid training input (at least 5 rows). */
  X: In;
  /** Inputs that must be rejected with a DataValidationError by `fit` (ragged, empty, …). */
  badFitInputs?: ReadonlyArray<NamedInput<unknown>>;
  /** Inputs that must be rejected with a DataValidationError by `transform` after fitting on `X`. */
  badTransformInputs?: ReadonlyArray<NamedInput<unknown>>;
  /**
   * Equivalent inputs in other accepted forms (typed-array rows, Matrix) that must give identical
   * output.
   */
  equivalentInputs?: ReadonlyArray<NamedInput<In>>;
  /**
   * For transformers of named columns (`{ columns, rows }` tables, row objects): builds the same
   * transformer for columns renamed by `rename`. The suite then renames `X`'s columns to
   * Object.prototype members (`__proto__`, `constructor`, `hasOwnProperty`, `toString`,
   * `valueOf`) and requires the same output and an identical JSON round trip.
   * @example `(rename) => new Encoder({ categorical: ['a', 'b'].map(rename), numeric: ['n'].map(rename) })`
   */
  createRenamed?: (rename: (column: string) => string) => T;
  /**
   * Add the JSON-tampering check ({@link jsonTamperChecks}) of `fromJSON` on the document of an
   * instance fitted on `X`. On by default;
   * `false` opts out.
   * @defaultValue true
   */
  jsonTamper?: JsonTamperOption;
  /**
   * Add the overflow check: the numeric cells of `X` mapped onto [−1.7e308, 1.7e308] per column
   * (finite, but sums and differences overflow) must give finite output or a DataValidationError
   * naming the row or column. On by default;
   * `false` opts out.
   * @defaultValue true
   */
  overflow?: boolean;
}

/** `fitTransform` when the transformer has one, else `fit` then `transform`. */
function fitTransform<In>(t: Transformer<In>, X: In): Matrix {
  return typeof t.fitTransform === 'function' ? t.fitTransform(X) : fitThenTransform(t, X);
}

function fitThenTransform<In>(t: Transformer<In>, X: In): Matrix {
  t.fit(X);
  return t.transform(X);
}

/**
 * The conformance suite every transformer passes: not-fitted error, no input mutation, JSON round
 * trip with identical output, bad shapes rejected, equivalent input forms agree, and — when the
 * transformer has `fitTransform` — `fitTransform` equals `fit` then `transform`; with
 * `createRenamed`, columns named like Object.prototype members, JSON tampering and
 * overflow (both on by default).
 *
 * @typeParam T - The transformer: a {@link Transformer} that serializes.
 * @typeParam In - The rows it accepts.
 * @example
 * ```ts
 * const spec = { name: 'Scaler', create: () => new Scaler(), fromJSON: Scaler.fromJSON, X };
 * for (const c of transformerChecks(spec)) it(c.name, c.run);
 * ```
 */
export function transformerChecks<T extends Transformer<In> & Serializable, In>(spec: TransformerSpec<T, In>): Check[] {
  const { name } = spec;
  const checks: Check[] = [
    {
      name: `${name}: transform before fit throws NotFittedError`,
      run: async () => {
        await expectThrows(() => spec.create().transform(spec.X), NotFittedError, `${name}.transform before fit`);
      },
    },
    {
      name: `${name}: does not mutate frozen input`,
      run: () => {
        const before = snapshot(spec.X);
        const frozen = deepFreeze(copyInput(spec.X));
        const t = spec.create();
        t.fit(frozen);
        t.transform(frozen);
        fitTransform(t, frozen);
        expectSame(snapshot(frozen), before, `${name}: input changed`);
      },
    },
    {
      name: `${name}: JSON round trip gives identical output`,
      run: () => {
        const t = spec.create();
        t.fit(spec.X);
        const json = roundTripJSON(t.toJSON());
        const again = spec.fromJSON(json);
        expectSame(again.transform(spec.X), t.transform(spec.X), `${name} after fromJSON`);
        expectSame(again.toJSON(), t.toJSON(), `${name}.toJSON after fromJSON`);
      },
    },
    {
      name: `${name}: fromJSON rejects a foreign document`,
      run: async () => {
        const err = await expectThrows(
          () => spec.fromJSON({ format: 'something-else', version: 1, params: {}, state: null }),
          ImbalancedTabularError,
          `${name}.fromJSON`,
        );
        if ((err as ImbalancedTabularError).code !== 'SERIALIZATION')
          fail(`${name}.fromJSON: expected code SERIALIZATION, got ${(err as ImbalancedTabularError).code}`);
      },
    },
  ];
  if (typeof spec.create().fitTransform === 'function') {
    checks.splice(2, 0, {
      name: `${name}: fitTransform equals fit then transform`,
      run: () => {
        expectSame(
          fitTransform(spec.create(), spec.X),
          fitThenTransform(spec.create(), spec.X),
          `${name}.fitTransform`,
        );
      },
    });
  }
  for (const bad of spec.badFitInputs ?? []) {
    checks.push({
      name: `${name}: fit rejects ${bad.name}`,
      run: async () => {
        await expectThrows(() => spec.create().fit(bad.X as In), DataValidationError, `${name}.fit(${bad.name})`);
      },
    });
  }
  for (const bad of spec.badTransformInputs ?? []) {
    checks.push({
      name: `${name}: transform rejects ${bad.name}`,
      run: async () => {
        const t = spec.create();
        t.fit(spec.X);
        await expectThrows(() => t.transform(bad.X as In), DataValidationError, `${name}.transform(${bad.name})`);
      },
    });
  }
  if (spec.createRenamed) {
    const createRenamed = spec.createRenamed;
    checks.push({
      name: `${name}: columns named like Object.prototype members (__proto__, constructor, …) are plain columns`,
      run: () => {
        const names = builtinColumnNames(columnNames(spec.X));
        if (names.size === 0) fail(`${name}: createRenamed is given but X has no column names`);
        const rename = (c: string): string => names.get(c) ?? c;
        const X = renameColumns(spec.X, rename);
        const t = createRenamed(rename);
        expectSame(fitTransform(t, X), fitTransform(spec.create(), spec.X), `${name}(builtin-named columns)`);
        const again = spec.fromJSON(roundTripJSON(t.toJSON()));
        expectSame(again.transform(X), t.transform(X), `${name}(builtin-named columns) after fromJSON`);
        expectSame(again.toJSON(), t.toJSON(), `${name}(builtin-named columns).toJSON after fromJSON`);
      },
    });
  }
  if (spec.overflow ?? true) {
    checks.push({
      name: `${name}: finite inputs near ±1.7e308 give finite output or a DataValidationError naming the row/column`,
      run: () =>
        expectFiniteOrLocated(`${name}.fitTransform`, () => fitTransform(spec.create(), overflowInput(spec.X))),
    });
  }
  const tamper = spec.jsonTamper ?? true;
  if (tamper !== false) {
    checks.push(
      ...jsonTamperChecks(
        tamperSpec(tamper, {
          name,
          create: () => {
            const t = spec.create();
            t.fit(spec.X);
            return t;
          },
          fromJSON: spec.fromJSON,
        }),
      ),
    );
  }
  for (const eq of spec.equivalentInputs ?? []) {
    checks.push({
      name: `${name}: ${eq.name} input gives the same output`,
      run: () => {
        expectSame(fitTransform(spec.create(), eq.X), fitTransform(spec.create(), spec.X), `${name}(${eq.name})`);
      },
    });
  }
  return checks;
}
