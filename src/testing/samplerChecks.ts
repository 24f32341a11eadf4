import { Matrix } from 'ml-matrix';
import type { SamplerLike, Serializable } from '../core/contracts.js';
import { DataValidationError } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import { expectSame, expectThrows, roundTripJSON } from './check.js';
import type { Check } from './check.js';
import { builtinLabels, continuousTarget, expectFiniteOrLocated, overflowInput } from './adversarialInputs.js';
import { deepFreeze, firstDifference } from './compare.js';
import { fail } from './ConformanceError.js';
import { type JsonTamperOption, SAMPLER_TAMPER, jsonTamperChecks, tamperSpec } from './jsonTamper.js';

/** What {@link samplerChecks} needs to know about a sampler. */
export interface SamplerSpec<S> {
  /** Class name used in check names. */
  name: string;
  /** A fresh instance with the given seed. */
  create: (seed: number) => S;
  /** Rebuilds an instance from its JSON form, when the sampler serializes. */
  fromJSON?: (json: unknown) => S;
  /** A valid imbalanced dataset (numeric labels). */
  X: number[][];
  /** Labels of `X`. */
  y: Label[];
  /** Whether the sampler's output depends on the seed. @defaultValue true */
  random?: boolean;
  /**
   * Whether the sampler keeps all original rows as an untouched prefix (over-samplers).
   * @defaultValue true
   */
  keepsOriginals?: boolean;
  /**
   * Add the JSON-tampering check ({@link jsonTamperChecks}) of `fromJSON` on the document of
   * `create(11)`. On by default;
   * `false` opts out.
   * @defaultValue true
   */
  jsonTamper?: JsonTamperOption;
  /**
   * Add the overflow check: `X` mapped onto [−1.7e308, 1.7e308] per column (finite, but
   * differences overflow) must give finite rows or a DataValidationError naming the row or column.
   * On by default; `false` opts out.
   * @defaultValue true
   */
  overflow?: boolean;
}

/**
 * The conformance suite every sampler passes (users run it on their own samplers too): single class
 * and length mismatch rejected, no mutation, same seed → same output, string and number labels,
 * labels named like Object.prototype members, a continuous target refused, typed-array rows and
 * Matrix input, originals untouched, JSON round trip, JSON tampering and overflow (both on by default).
 *
 * @typeParam S - The sampler: any {@link SamplerLike}; the JSON check runs when `spec.fromJSON` is given.
 * @example
 * ```ts
 * const spec = { name: 'SMOTE', create: (seed: number) => new SMOTE({ seed }), fromJSON: SMOTE.fromJSON, X, y };
 * for (const c of samplerChecks(spec)) it(c.name, c.run);
 * ```
 */
export function samplerChecks<S extends SamplerLike>(spec: SamplerSpec<S>): Check[] {
  const { name, X, y } = spec;
  const random = spec.random ?? true;
  const checks: Check[] = [
    {
      name: `${name}: a single class is rejected with DataValidationError`,
      run: async () => {
        await expectThrows(
          () =>
            spec.create(1).fitResample(
              X,
              y.map(() => y[0] as Label),
            ),
          DataValidationError,
          `${name} with one class`,
        );
      },
    },
    {
      name: `${name}: X and y of different lengths are rejected`,
      run: async () => {
        await expectThrows(
          () => spec.create(1).fitResample(X, y.slice(1)),
          DataValidationError,
          `${name} length mismatch`,
        );
      },
    },
    {
      name: `${name}: ragged rows are rejected`,
      run: async () => {
        const ragged = X.map((r, i) => (i === 1 ? r.slice(1) : r));
        await expectThrows(() => spec.create(1).fitResample(ragged, y), DataValidationError, `${name} ragged X`);
      },
    },
    {
      name: `${name}: NaN in X is rejected`,
      run: async () => {
        const bad = X.map((r, i) => (i === 2 ? r.map((v, j) => (j === 0 ? NaN : v)) : r));
        await expectThrows(() => spec.create(1).fitResample(bad, y), DataValidationError, `${name} NaN in X`);
      },
    },
    {
      name: `${name}: does not mutate frozen input`,
      run: () => {
        const fx = deepFreeze(X.map((r) => [...r]));
        const fy = deepFreeze([...y]);
        spec.create(1).fitResample(fx, fy);
        expectSame(fx, X, `${name}: X changed`);
        expectSame(fy, y, `${name}: y changed`);
      },
    },
    {
      name: `${name}: same seed gives identical output`,
      run: () => {
        expectSame(spec.create(7).fitResample(X, y), spec.create(7).fitResample(X, y), `${name} seed 7 twice`);
      },
    },
    {
      name: `${name}: typed-array rows and Matrix input give the same output as number[][]`,
      run: () => {
        const ref = spec.create(3).fitResample(X, y);
        expectSame(
          spec.create(3).fitResample(
            X.map((r) => Float64Array.from(r)),
            y,
          ),
          ref,
          `${name}(Float64Array rows)`,
        );
        expectSame(spec.create(3).fitResample(new Matrix(X), y), ref, `${name}(Matrix)`);
      },
    },
    {
      name: `${name}: string labels give the same rows as number labels`,
      run: () => {
        const ref = spec.create(3).fitResample(X, y);
        const ys = y.map((v) => `c${String(v).padStart(6, '0')}`);
        const out = spec.create(3).fitResample(X, ys);
        expectSame(out.X, ref.X, `${name}(string labels) X`);
        expectSame(
          out.y,
          ref.y.map((v) => `c${String(v).padStart(6, '0')}`),
          `${name}(string labels) y`,
        );
      },
    },
    {
      name: `${name}: output rows and labels have matching lengths`,
      run: () => {
        const out = spec.create(3).fitResample(X, y);
        if (out.X.rows !== out.y.length) fail(`${name}: X has ${out.X.rows} rows but y has ${out.y.length}`);
        if (out.X.columns !== (X[0] as number[]).length)
          fail(`${name}: X has ${out.X.columns} columns, expected ${(X[0] as number[]).length}`);
        if (out.sampleIndices && out.sampleIndices.length !== out.y.length)
          fail(`${name}: sampleIndices length ${out.sampleIndices.length} !== ${out.y.length}`);
      },
    },
  ];
  if (random) {
    checks.push({
      name: `${name}: another seed gives another output`,
      run: () => {
        const a = spec.create(1).fitResample(X, y);
        const b = spec.create(2).fitResample(X, y);
        if (!firstDifference(a.X, b.X) && !firstDifference(a.y, b.y))
          fail(`${name}: seeds 1 and 2 gave identical outputs`);
      },
    });
  }
  if (spec.keepsOriginals ?? true) {
    checks.push({
      name: `${name}: original rows are an untouched prefix`,
      run: () => {
        const out = spec.create(5).fitResample(X, y);
        expectSame(out.X.to2DArray().slice(0, X.length), X, `${name}: prefix of X`);
        expectSame(out.y.slice(0, y.length), y, `${name}: prefix of y`);
      },
    });
  }
  checks.push(
    {
      name: `${name}: a continuous target is refused ("Unknown label type: 'continuous'")`,
      run: async () => {
        const err = await expectThrows(
          () => spec.create(1).fitResample(X, continuousTarget(y.length)),
          DataValidationError,
          `${name} with y = linspace(0, 1, n)`,
        );
        if (!/Unknown label type: 'continuous'/.test(err.message))
          fail(`${name}: the error does not say "Unknown label type: 'continuous'": ${err.message}`);
      },
    },
    {
      name: `${name}: labels named like Object.prototype members (__proto__, constructor, …) are plain labels`,
      run: () => {
        const ref = spec.create(3).fitResample(X, y);
        const named = builtinLabels(y);
        const rename = new Map(y.map((v, i) => [v, named[i] as Label]));
        const out = spec.create(3).fitResample(X, named);
        expectSame(out.X, ref.X, `${name}(builtin-named labels) X`);
        expectSame(
          out.y,
          ref.y.map((v) => rename.get(v) as Label),
          `${name}(builtin-named labels) y`,
        );
      },
    },
  );
  if (spec.overflow ?? true) {
    checks.push({
      name: `${name}: finite inputs near ±1.7e308 give finite rows or a DataValidationError naming the row/column`,
      run: () => expectFiniteOrLocated(`${name}.fitResample`, () => spec.create(1).fitResample(overflowInput(X), y)),
    });
  }
  const tamper = spec.jsonTamper ?? true;
  if (tamper !== false && spec.fromJSON) {
    const fromJSON = spec.fromJSON;
    checks.push(
      ...jsonTamperChecks(
        tamperSpec(
          tamper,
          {
            name,
            create: () => spec.create(11) as S & Serializable,
            fromJSON: fromJSON as (j: unknown) => S & Serializable,
          },
          SAMPLER_TAMPER,
        ),
      ),
    );
  }
  if (spec.fromJSON) {
    const fromJSON = spec.fromJSON;
    checks.push({
      name: `${name}: JSON round trip gives identical output`,
      run: () => {
        const s = spec.create(11);
        if (!s.toJSON) fail(`${name}: fromJSON given but no toJSON`);
        const again = fromJSON(roundTripJSON(s.toJSON()));
        expectSame(again.fitResample(X, y), spec.create(11).fitResample(X, y), `${name} after fromJSON`);
      },
    });
  }
  return checks;
}
