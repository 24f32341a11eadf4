import { SerializationError, describe } from './errors.js';

/**
 * The JSON form of every fitted object: a tagged, versioned envelope.
 *
 * @remarks
 * `format` names the class (`imbalanced-tabular/Scaler`), `version` the layout of `params` and
 * `state`. `fromJSON` checks both and refuses anything else with a {@link SerializationError}.
 * Finite doubles survive `JSON.stringify` / `JSON.parse` exactly; NaN, ±Infinity and -0 are written
 * as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`, `"-0"`.
 */
export interface Envelope<P = unknown, S = unknown> {
  /** `imbalanced-tabular/<ClassName>`. */
  format: string;
  /** Layout version of `params` and `state`. */
  version: number;
  /** The constructor options (JSON form). */
  params: P;
  /** The learned state (JSON form), or `null` when not fitted. */
  state: S;
}

/** Prefix of every envelope `format`. */
export const FORMAT_PREFIX = 'imbalanced-tabular/';

/**
 * Builds an envelope. @internal
 */
export function makeEnvelope<P, S>(className: string, version: number, params: P, state: S): Envelope<P, S> {
  return { format: FORMAT_PREFIX + className, version, params, state };
}

/**
 * Checks an envelope's tag and version and returns it typed. Accepts the object or its JSON text.
 * @internal
 */
export function openEnvelope<P = unknown, S = unknown>(
  json: unknown,
  className: string,
  version: number,
): Envelope<P, S> {
  let doc = json;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch (e) {
      throw new SerializationError(`${className}.fromJSON: the text is not valid JSON (${(e as Error).message}).`);
    }
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new SerializationError(
      `${className}.fromJSON: expected an object produced by ${className}.toJSON(), received ${describe(doc)}.`,
    );
  }
  const env = doc as Partial<Envelope>;
  const expected = FORMAT_PREFIX + className;
  if (env.format !== expected) {
    throw new SerializationError(
      `${className}.fromJSON: format is ${describe(env.format)}, expected "${expected}". ` +
        'Load it with the class that saved it.',
    );
  }
  if (env.version !== version) {
    throw new SerializationError(
      `${className}.fromJSON: version ${describe(env.version)} is not supported (this build reads version ${version}).`,
    );
  }
  if (!('params' in env) || !('state' in env)) {
    throw new SerializationError(`${className}.fromJSON: the envelope lacks "params" or "state".`);
  }
  return env as Envelope<P, S>;
}

/** A number as stored in JSON: finite numbers as themselves, special values as strings. */
export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity' | '-0';

/**
 * Encodes one number for JSON without loss. @internal
 */
export function encodeNumber(v: number): JsonNumber {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (Object.is(v, -0)) return '-0';
  return v;
}

/**
 * Decodes one number written by {@link encodeNumber}. @internal
 */
export function decodeNumber(v: unknown, where: string): number {
  if (typeof v === 'number') return v;
  switch (v) {
    case 'NaN':
      return NaN;
    case 'Infinity':
      return Infinity;
    case '-Infinity':
      return -Infinity;
    case '-0':
      return -0;
    default:
      throw new SerializationError(`fromJSON: ${where} holds ${describe(v)}, expected a number.`);
  }
}

/**
 * Encodes an array of numbers for JSON without loss (NaN, ±Infinity, -0 included). @internal
 */
export function encodeNumbers(a: ArrayLike<number>): JsonNumber[] {
  const out: JsonNumber[] = new Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = encodeNumber(a[i] as number);
  return out;
}

/**
 * Decodes an array written by {@link encodeNumbers} into a Float64Array. @internal
 */
export function decodeNumbers(a: unknown, where: string): Float64Array {
  if (!Array.isArray(a))
    throw new SerializationError(`fromJSON: ${where} should be an array of numbers, received ${describe(a)}.`);
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = decodeNumber(a[i], `${where}[${i}]`);
  return out;
}
