/**
 * The first step of every preprocessing `fromJSON`: open the envelope, check that the params are
 * an object, and wrap the errors of rebuilding from them.
 *
 * @internal
 * @module
 */
import { SerializationError } from '../core/errors.js';
import { openEnvelope } from '../core/serialization.js';

/** An envelope opened by {@link openJSON}: params and state, still in their JSON form. @internal */
export interface OpenedJSON {
  /** The saved params. */
  readonly params: Record<string, unknown>;
  /** The saved state (`null` when not fitted). */
  readonly state: Record<string, unknown> | null;
}

/**
 * Checks the envelope (object or JSON text) of class `className` at `version`.
 * @throws {@link SerializationError} for a foreign document or params that are not an object.
 * @internal
 */
export function openJSON(json: unknown, className: string, version: number): OpenedJSON {
  const env = openEnvelope<Record<string, unknown>, Record<string, unknown> | null>(json, className, version);
  const params = env.params;
  if (params === null || typeof params !== 'object') {
    throw new SerializationError(`${className}.fromJSON: params must be an object.`);
  }
  return { params, state: env.state };
}

/**
 * The error for saved params that do not rebuild an instance: "Class.fromJSON: invalid params
 * (why)". A SerializationError passes as it is.
 * @internal
 */
export function invalidParams(className: string, e: unknown): SerializationError {
  if (e instanceof SerializationError) return e;
  return new SerializationError(`${className}.fromJSON: invalid params (${(e as Error).message}).`);
}
