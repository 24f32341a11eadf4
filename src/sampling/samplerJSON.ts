/**
 * The JSON form of a sampler: its params in the library's tagged, versioned envelope, with `state`
 * `null` (samplers learn nothing that a later call reuses). Params are written under the option
 * names, so that the params read back are the constructor's options: every sampler's `fromJSON` is
 * `new Class(options)`. Maps are written as `{ "$map": [[key, value], …] }`, a plain-object
 * `samplingStrategy` as `{ "$record": { … } }`.
 *
 * @internal
 * @module
 */
import { InvalidParameterError, SerializationError, describe } from '../core/errors.js';
import {
  badField,
  checkFaithful,
  fieldPath,
  optionsError,
  readLabel,
  readMap,
  readNumber,
  readObject,
} from '../core/jsonFields.js';
import { type Envelope, makeEnvelope, openEnvelope } from '../core/serialization.js';
import { isPlainObject } from '../core/validate.js';

/** Version of the JSON layout written by samplers. */
const JSON_VERSION = 1;

/**
 * The envelope of the sampler class `name` with these params. @internal
 *
 * @throws {@link SerializationError} when a param is a function or an object other than a Map (a
 * custom `samplingStrategy` function, a `neighbors` search), which JSON cannot hold.
 */
export function samplerToJSON(name: string, params: Readonly<Record<string, unknown>>): Envelope {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    if (v instanceof Map) out[k] = { $map: [...v.entries()] };
    else if (k === 'samplingStrategy' && isPlainObject(v)) out[k] = { $record: { ...v } };
    else if (typeof v === 'function' || (v !== null && typeof v === 'object' && !Array.isArray(v))) {
      throw new SerializationError(
        `${name}.toJSON: option ${k} is ${describe(v)}, which cannot be written to JSON. Serialize samplers ` +
          'built from plain options only.',
      );
    } else out[k] = v;
  }
  return makeEnvelope(name, JSON_VERSION, out, null);
}

/**
 * The constructor options held by an envelope that {@link samplerToJSON} wrote for the sampler
 * class `name` (the object or its JSON text), Maps restored. @internal
 *
 * @throws {@link SerializationError} for another format or version, or malformed params: an
 * object value that is not a well-formed `{ "$map": [[label, number], …] }` (distinct labels,
 * finite numbers) is refused naming its path.
 */
export function samplerOptionsFromJSON(json: unknown, name: string): Record<string, unknown> {
  return openSampler(json, name).options;
}

/** The envelope of a sampler opened: the params as read, and as constructor options. */
function openSampler(json: unknown, name: string): { env: Envelope; options: Record<string, unknown> } {
  const who = `${name}.fromJSON`;
  const env = openEnvelope(json, name, JSON_VERSION);
  if (env.state !== null) badField(who, 'state', 'null (a sampler saves no state)', env.state);
  const params = readObject(who, 'params', env.params);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(params)) {
    const v = params[k];
    const path = fieldPath('params', k);
    const value =
      k === 'samplingStrategy' && isPlainObject(v) && Object.hasOwn(v, '$record')
        ? readRecord(who, path, v.$record)
        : v !== null && typeof v === 'object' && !Array.isArray(v)
          ? readMap(
              who,
              path,
              v,
              (key, p) => readLabel(who, p, key),
              (n, p) => readNumber(who, p, n),
            )
          : v;
    Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
  }
  return { env, options: out };
}

/**
 * Rebuilds the sampler class `name` from its JSON form: `build` is its constructor called on the
 * options read. An option the constructor refuses, a missing option it would fill with its
 * default, a field it ignores — any document that is not exactly what `toJSON` writes for the
 * sampler built — throws a {@link SerializationError} naming the field. @internal
 */
export function samplerFromJSON<S extends { toJSON(): Envelope }>(
  json: unknown,
  name: string,
  build: (options: Record<string, unknown>) => S,
): S {
  const who = `${name}.fromJSON`;
  const { env, options } = openSampler(json, name);
  let sampler: S;
  try {
    sampler = build(options);
  } catch (e) {
    if (!(e instanceof InvalidParameterError)) throw e;
    throw optionsError(who, e);
  }
  checkFaithful(who, env, sampler.toJSON());
  return sampler;
}

/** A plain-object `samplingStrategy` as saved (`{ "$record": { label: count, … } }`), values read as numbers. */
function readRecord(who: string, path: string, v: unknown): Record<string, number> {
  const rec = readObject(who, `${path}.$record`, v);
  const out: Record<string, number> = Object.create(null);
  for (const key of Object.keys(rec)) {
    const n = readNumber(who, fieldPath(`${path}.$record`, key), rec[key]);
    Object.defineProperty(out, key, { value: n, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
