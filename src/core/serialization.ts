import { SerializationError, describe } from './errors.js';
import { MAX_JSON_DEPTH, checkJsonDepth, parseJsonText } from './jsonDocument.js';
import { readNumber, readNumbers, readObject } from './jsonFields.js';

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
 * Checks an envelope and returns it typed. Accepts the object or its JSON text (parsed strictly:
 * a key given twice is refused).
 *
 * @remarks
 * Refused with a {@link SerializationError}: text that is not JSON; a document nested deeper than
 * {@link MAX_JSON_DEPTH} or holding a cycle; anything but a plain object with exactly the fields
 * `format`, `version`, `params`, `state`; another `format` or `version`; `params` that is not an
 * object; `state` that is neither `null` nor an object. What `params` and `state` hold is the
 * loader's to check (with the readers of `jsonFields`). @internal
 */
export function openEnvelope<P = unknown, S = unknown>(
  json: unknown,
  className: string,
  version: number,
): Envelope<P, S> {
  const who = `${className}.fromJSON`;
  const doc = typeof json === 'string' ? parseJsonText(who, json) : json;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new SerializationError(
      `${who}: expected an object produced by ${className}.toJSON(), received ${describe(doc)}.`,
    );
  }
  checkJsonDepth(who, doc);
  const env = readObject(who, '', doc);
  const expected = FORMAT_PREFIX + className;
  if (env.format !== expected) {
    throw new SerializationError(
      `${who}: format is ${describe(env.format)}, expected "${expected}". Load it with the class that saved it.`,
      { path: 'format' },
    );
  }
  if (env.version !== version) {
    throw new SerializationError(
      `${who}: version ${describe(env.version)} is not supported (this build reads version ${version}).`,
      { path: 'version' },
    );
  }
  if (!Object.hasOwn(env, 'params') || !Object.hasOwn(env, 'state')) {
    throw new SerializationError(`${who}: the envelope lacks "params" or "state".`);
  }
  readObject(who, '', env, { required: ENVELOPE_FIELDS });
  const { params, state } = env;
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new SerializationError(`${who}: params should be an object, received ${describe(params)}.`, {
      path: 'params',
    });
  }
  readObject(who, 'params', params);
  if (state !== null) readObject(who, 'state', state);
  return { format: expected, version, params: params as P, state: state as S };
}

/** The fields of an envelope, in the order toJSON writes them. */
const ENVELOPE_FIELDS = ['format', 'version', 'params', 'state'] as const;

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
 * Decodes one number written by {@link encodeNumber}: a finite JSON number, or one of the strings
 * `"NaN"`, `"Infinity"`, `"-Infinity"`, `"-0"`. A raw NaN or ±Infinity (which no JSON text holds)
 * is refused.
 *
 * @param v - The stored value.
 * @param where - Its path in the document, e.g. `state.center[3]`.
 * @param who - The loader, e.g. `Scaler.fromJSON`, for the message. @defaultValue 'fromJSON'
 * @internal
 */
export function decodeNumber(v: unknown, where: string, who = 'fromJSON'): number {
  return readNumber(who, where, v, { special: true });
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
 * Decodes an array written by {@link encodeNumbers} into a Float64Array (each entry as
 * {@link decodeNumber}).
 *
 * @param a - The stored array.
 * @param where - Its path in the document, e.g. `state.center`.
 * @param who - The loader, for the message. @defaultValue 'fromJSON'
 * @internal
 */
export function decodeNumbers(a: unknown, where: string, who = 'fromJSON'): Float64Array {
  return readNumbers(who, where, a, { special: true });
}
