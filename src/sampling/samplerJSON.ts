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
import { SerializationError, describe } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
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
 * @throws {@link SerializationError} for another format or version, or malformed params.
 */
export function samplerOptionsFromJSON(json: unknown, name: string): Record<string, unknown> {
  const params = openEnvelope(json, name, JSON_VERSION).params;
  if (params === null || typeof params !== 'object' || Array.isArray(params)) {
    throw new SerializationError(`${name}.fromJSON: params should be an object, received ${describe(params)}.`);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params as Record<string, unknown>)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const entries = (v as { $map?: unknown }).$map;
      const record = (v as { $record?: unknown }).$record;
      if (k === 'samplingStrategy' && isPlainObject(record)) out[k] = record;
      else if (!Array.isArray(entries))
        throw new SerializationError(`${name}.fromJSON: params.${k} is an object without "$map" entries.`);
      else out[k] = new Map(entries as Array<[Label, number]>);
    } else out[k] = v;
  }
  return out;
}
