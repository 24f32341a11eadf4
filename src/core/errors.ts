/**
 * Stable machine-readable codes carried by every error the library throws.
 *
 * @remarks
 * Match on `error.code` (or `instanceof`) rather than on message text: codes are part of the
 * public API and do not change between minor versions; messages may be improved.
 */
export type ErrorCode = 'INVALID_PARAMETER' | 'DATA_VALIDATION' | 'NOT_FITTED' | 'SERIALIZATION';

/**
 * Base class of every error thrown by imbalanced-tabular.
 *
 * @example
 * ```ts
 * try { new Scaler({ method: 'zscore' as never }); }
 * catch (e) { if (e instanceof ImbalancedTabularError) console.log(e.code); }
 * ```
 */
export class ImbalancedTabularError extends Error {
  /** Stable code identifying the kind of failure. */
  readonly code: ErrorCode;

  /**
   * @param code - The stable error code.
   * @param message - A message saying who failed, where, what was expected, what was received and how to
   *   fix it.
   * @param options - `cause`: the underlying error, when this one wraps it.
   */
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/**
 * An option passed to a constructor or function is invalid (thrown without looking at data).
 */
export class InvalidParameterError extends ImbalancedTabularError {
  /** Name of the offending option, e.g. `kNeighbors`. */
  readonly param: string;

  /**
   * @param param - The option name.
   * @param message - The full message.
   */
  constructor(param: string, message: string) {
    super('INVALID_PARAMETER', message);
    this.param = param;
  }
}

/** Where in the data a {@link DataValidationError} was found. */
export interface DataLocation {
  /** Argument name, e.g. `X`, `y`, `yScore`. */
  param?: string;
  /** Zero-based row index. */
  row?: number;
  /** Zero-based column index or column name. */
  column?: number | string;
}

/**
 * Data given to `fit`, `transform`, `fitResample`, a metric… is invalid: ragged rows, NaN,
 * length mismatch, unknown category, too few samples in a class, a single class.
 */
export class DataValidationError extends ImbalancedTabularError {
  /** Argument name, when known. */
  readonly param: string | undefined;
  /** Zero-based row index, when known. */
  readonly row: number | undefined;
  /** Column index or name, when known. */
  readonly column: number | string | undefined;

  /**
   * @param message - The full message.
   * @param where - The argument, row and column concerned.
   */
  constructor(message: string, where: DataLocation = {}) {
    super('DATA_VALIDATION', message);
    this.param = where.param;
    this.row = where.row;
    this.column = where.column;
  }
}

/** A method that needs learned state was called before `fit`. */
export class NotFittedError extends ImbalancedTabularError {
  /**
   * @param who - The class name, e.g. `Scaler`.
   * @param method - The method that was called, e.g. `transform`.
   */
  constructor(who: string, method = 'this method') {
    super(
      'NOT_FITTED',
      `${who}: ${method} needs a fitted ${who}, but fit has not been called. Call fit (or fitTransform) first.`,
    );
  }
}

/** Where in a JSON document a {@link SerializationError} was found, and what caused it. */
export interface SerializationLocation {
  /** Path of the offending field from the document's root, e.g. `state.nSamplesIn` or `params.steps[1][1]`. */
  path?: string;
  /** The underlying error, when this one wraps it (e.g. what a pipeline step's `fromJSON` threw). */
  cause?: unknown;
}

/**
 * A JSON document could not be turned back into an object: not JSON, another format or version,
 * or a field of the wrong type, range, length or consistency.
 */
export class SerializationError extends ImbalancedTabularError {
  /** Path of the offending field from the document's root (`state.nSamplesIn`), when known. */
  readonly path: string | undefined;

  /**
   * @param message - The full message.
   * @param where - The field path and the underlying error, when known.
   */
  constructor(message: string, where: SerializationLocation = {}) {
    super('SERIALIZATION', message, where.cause === undefined ? undefined : { cause: where.cause });
    this.path = where.path;
  }
}

/** Formats a value for an error message, briefly. @internal */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) {
    return isDetached(value) ? `a ${value.constructor.name} whose buffer is detached` : `a ${value.constructor.name}`;
  }
  if (value instanceof Map) return `a Map of size ${value.size}`;
  if (typeof value === 'function') return 'a function';
  return `an object (${Object.prototype.toString.call(value)})`;
}

/**
 * Whether `view`'s buffer is detached (transferred by `structuredClone(buf, { transfer })`,
 * `postMessage` or `ArrayBuffer.prototype.transfer`): its length then reads 0, so without this check
 * it would pass for an empty array. Uses `ArrayBuffer.prototype.detached` where the runtime has it
 * (Node ≥ 22); elsewhere a zero-length view over a zero-length buffer is probed with a view
 * constructor, which throws only on a detached buffer. @internal
 */
export function isDetached(view: ArrayBufferView): boolean {
  if (view.byteLength !== 0) return false;
  const buffer = view.buffer as ArrayBufferLike & { detached?: unknown };
  if (typeof buffer.detached === 'boolean') return buffer.detached;
  if (buffer.byteLength !== 0) return false;
  try {
    new Uint8Array(buffer, 0, 0);
    return false;
  } catch {
    return true;
  }
}

/**
 * Throws a {@link DataValidationError} when `value` is a typed array whose buffer is detached
 * (see {@link isDetached}), naming `where` (`X[3]`, `y`) and the row when given; any other value
 * passes. The one check behind every list, row and matrix reader. @internal
 */
export function refuseDetached(who: string, param: string, value: unknown, where = param, row?: number): void {
  if (!ArrayBuffer.isView(value) || !isDetached(value)) return;
  throw new DataValidationError(
    `${who}: ${where} is a ${value.constructor.name} whose buffer is detached (transferred, e.g. by ` +
      'structuredClone with transfer, postMessage or ArrayBuffer.prototype.transfer), so its values are ' +
      'gone. Pass a copy made before the transfer, or the transferred-to array.',
    row === undefined ? { param } : { param, row },
  );
}
