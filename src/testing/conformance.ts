import { Matrix } from 'ml-matrix';
import { DataValidationError, ImbalancedTabularError, NotFittedError } from '../core/errors.js';
import type { Label, MatrixInput } from '../core/matrix.js';
import type { ResampleResult } from '../core/estimator.js';
import type { Envelope } from '../core/serialization.js';

/**
 * One named check of a conformance suite: run it with any test framework
 * (`for (const c of checks) it(c.name, c.run)`).
 */
export interface Check {
  /** What is checked, e.g. `Scaler: transform before fit throws NotFittedError`. */
  name: string;
  /** Throws an Error when the check fails. */
  run: () => void | Promise<void>;
}

/** Thrown by a failing {@link Check}. */
export class ConformanceError extends Error {
  /** Always `ConformanceError`. */
  override name = 'ConformanceError';
}

function fail(msg: string): never {
  throw new ConformanceError(msg);
}

async function expectThrows(
  fn: () => unknown,
  kind: abstract new (...args: never[]) => Error,
  what: string,
): Promise<Error> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof kind) return e;
    fail(
      `${what}: expected ${kind.name}, got ${(e as Error)?.constructor?.name ?? typeof e}: ${(e as Error)?.message ?? String(e)}`,
    );
  }
  return fail(`${what}: expected ${kind.name}, nothing was thrown`);
}

/** Deep copy of plain data (arrays, typed arrays, objects, Maps). */
function snapshot(v: unknown): unknown {
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  if (v instanceof Matrix) return v.to2DArray();
  if (Array.isArray(v)) return v.map(snapshot);
  if (v instanceof Map) return [...v.entries()].map(([k, x]) => [k, snapshot(x)]);
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, snapshot(x)]));
  return v;
}

/** Freezes plain arrays and objects recursively (typed arrays cannot be frozen; they are snapshotted). */
export function deepFreeze<T>(v: T): T {
  if (Array.isArray(v)) {
    for (const x of v) deepFreeze(x);
    Object.freeze(v);
  } else if (
    v !== null &&
    typeof v === 'object' &&
    !ArrayBuffer.isView(v) &&
    !(v instanceof Matrix) &&
    !(v instanceof Map)
  ) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

/**
 * Bit-for-bit equality of two outputs (numbers compared with `Object.is`, so NaN equals NaN and
 * 0 differs from -0). Returns a description of the first difference, or `undefined`.
 */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  const sa = snapshot(a);
  const sb = snapshot(b);
  if (typeof sa === 'number' && typeof sb === 'number')
    return Object.is(sa, sb) ? undefined : `${path}: ${sa} !== ${sb}`;
  if (Array.isArray(sa) && Array.isArray(sb)) {
    if (sa.length !== sb.length) return `${path}: length ${sa.length} !== ${sb.length}`;
    for (let i = 0; i < sa.length; i++) {
      const d = firstDifference(sa[i], sb[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (sa !== null && sb !== null && typeof sa === 'object' && typeof sb === 'object') {
    const ka = Object.keys(sa).sort();
    const kb = Object.keys(sb).sort();
    if (ka.join('\u0000') !== kb.join('\u0000')) return `${path}: keys [${ka}] !== [${kb}]`;
    for (const k of ka) {
      const d = firstDifference((sa as Record<string, unknown>)[k], (sb as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(sa, sb) ? undefined : `${path}: ${String(sa)} !== ${String(sb)}`;
}

function expectSame(a: unknown, b: unknown, what: string): void {
  const d = firstDifference(a, b);
  if (d) fail(`${what}: outputs differ at ${d}`);
}

function roundTripJSON(env: Envelope): unknown {
  return JSON.parse(JSON.stringify(env));
}

/** An input with a short description, for the checks' names. */
export interface NamedInput<In> {
  /** What the input is, e.g. `ragged rows` or `Float64Array rows`. */
  name: string;
  /** The input. */
  X: In;
}

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
  /** Equivalent inputs in other accepted forms (typed-array rows, Matrix) that must give identical output. */
  equivalentInputs?: ReadonlyArray<NamedInput<In>>;
}

/** The methods {@link transformerChecks} calls on a transformer. */
export interface TransformerShape<In> {
  /** Learns from `X`. */
  fit(X: In): unknown;
  /** Maps `X` with the learned state. */
  transform(X: In): unknown;
  /** `fit` then `transform`. */
  fitTransform(X: In): unknown;
  /** The JSON envelope. */
  toJSON(): Envelope;
}

/**
 * The conformance suite every transformer passes: not-fitted error, no input mutation, JSON round
 * trip with identical output, bad shapes rejected, equivalent input forms agree.
 *
 * @example
 * ```ts
 * for (const c of transformerChecks({ name: 'Scaler', create: () => new Scaler(), fromJSON: Scaler.fromJSON, X }))
 *   it(c.name, c.run);
 * ```
 */
export function transformerChecks<T extends TransformerShape<In>, In>(spec: TransformerSpec<T, In>): Check[] {
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
        const frozen = deepFreeze(structuredCloneInput(spec.X));
        const t = spec.create();
        t.fit(frozen);
        t.transform(frozen);
        t.fitTransform(frozen);
        expectSame(snapshot(frozen), before, `${name}: input changed`);
      },
    },
    {
      name: `${name}: fitTransform equals fit then transform`,
      run: () => {
        expectSame(spec.create().fitTransform(spec.X), fitThenTransform(spec.create(), spec.X), `${name}.fitTransform`);
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
  for (const eq of spec.equivalentInputs ?? []) {
    checks.push({
      name: `${name}: ${eq.name} input gives the same output`,
      run: () => {
        expectSame(spec.create().fitTransform(eq.X), spec.create().fitTransform(spec.X), `${name}(${eq.name})`);
      },
    });
  }
  return checks;
}

function fitThenTransform<In>(t: TransformerShape<In>, X: In): unknown {
  t.fit(X);
  return t.transform(X);
}

function structuredCloneInput<In>(X: In): In {
  if (X instanceof Matrix) return X.clone() as unknown as In;
  if (Array.isArray(X))
    return X.map((r) =>
      ArrayBuffer.isView(r)
        ? (r as unknown as { slice(): unknown }).slice()
        : Array.isArray(r)
          ? [...r]
          : r !== null && typeof r === 'object'
            ? { ...r }
            : r,
    ) as unknown as In;
  return X;
}

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
  /** Whether the sampler keeps all original rows as an untouched prefix (over-samplers). @defaultValue true */
  keepsOriginals?: boolean;
}

/** The methods {@link samplerChecks} calls on a sampler. */
export interface SamplerShape {
  /** Resamples `(X, y)`. */
  fitResample(X: MatrixInput, y: ReadonlyArray<Label>): ResampleResult;
  /** The JSON envelope, when the sampler serializes. */
  toJSON?: () => Envelope;
}

/**
 * The conformance suite every sampler passes (users run it on their own samplers too): single class
 * and length mismatch rejected, no mutation, same seed → same output, string and number labels,
 * typed-array rows and Matrix input, originals untouched, JSON round trip.
 */
export function samplerChecks<S extends SamplerShape>(spec: SamplerSpec<S>): Check[] {
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

/** The methods {@link classifierChecks} calls on a classifier. */
export interface ClassifierShape {
  /** Trains on `(X, y)`. */
  fit(X: MatrixInput, y: ReadonlyArray<Label>): Promise<unknown>;
  /** Most probable class per row. */
  predict(X: MatrixInput): Label[];
  /** Class probabilities per row. */
  predictProba(X: MatrixInput): Matrix;
  /** The JSON envelope. */
  toJSON(): Envelope;
  /** Frees resources (tensors), when the classifier holds any. */
  dispose?: () => void;
}

/**
 * The conformance suite every classifier passes: not fitted, single class, length mismatch, no
 * mutation, JSON round trip with identical probabilities, wrong feature count at predict.
 */
export function classifierChecks<C extends ClassifierShape>(spec: ClassifierSpec<C>): Check[] {
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
