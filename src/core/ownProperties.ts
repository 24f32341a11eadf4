/**
 * Objects keyed by user data (scorer names, column names, labels as strings) read and written by
 * own property only: a key named `__proto__`, `constructor`, `toString`, `hasOwnProperty` or
 * `valueOf` is data like any other, never Object.prototype's member.
 *
 * @internal
 * @module
 */

/**
 * Sets `obj[key] = value` as an own, enumerable data property — also for `__proto__`, which plain
 * assignment would treat as the prototype setter (silently dropping the value). @internal
 */
export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `obj[key]` when it is an own property, else `undefined` (never an inherited member). @internal */
export function getOwn(obj: object, key: string): unknown {
  return Object.hasOwn(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
}
