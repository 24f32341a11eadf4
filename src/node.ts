/**
 * imbalanced-tabular/node — Node-only helpers (files on disk). Never imported by the core entry,
 * so browser bundles stay free of Node built-ins.
 *
 * @packageDocumentation
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SerializationError } from './core/errors.js';

export { SerializationError };

/** Anything with a `toJSON()` (every fitted estimator, Pipeline, MLPClassifier). */
export interface HasToJSON {
  /** The JSON form. */
  toJSON(): unknown;
}

/**
 * Writes an object's JSON form (`obj.toJSON()`, or the value itself) to `path`, creating parent
 * directories.
 *
 * @remarks
 * The one way to put an estimator on disk: the estimators themselves (MLPClassifier included) do
 * no file I/O, so the core and mlp entries stay free of Node built-ins. Read the file back with
 * {@link loadJSON} and the class's `fromJSON`.
 *
 * @param path - Target file, e.g. `models/scaler.json`.
 * @param obj - An estimator (anything with `toJSON`) or a plain JSON value.
 * @returns The path written.
 * @example
 * ```ts
 * import { saveJSON, loadJSON } from 'imbalanced-tabular/node';
 * await saveJSON('models/scaler.json', scaler);
 * const again = Scaler.fromJSON(await loadJSON('models/scaler.json'));
 * ```
 * @see {@link loadJSON}
 */
export async function saveJSON(path: string, obj: HasToJSON | unknown): Promise<string> {
  const doc =
    obj !== null && typeof obj === 'object' && typeof (obj as HasToJSON).toJSON === 'function'
      ? (obj as HasToJSON).toJSON()
      : obj;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(doc));
  return path;
}

/**
 * Reads and parses a JSON file written by {@link saveJSON}; pass the result to `Class.fromJSON`.
 *
 * @param path - The file.
 * @returns The parsed document.
 * @throws {@link SerializationError} when the file cannot be read or is not JSON.
 * @example
 * ```ts
 * import { loadJSON } from 'imbalanced-tabular/node';
 * import { MLPClassifier } from 'imbalanced-tabular/mlp';
 * const clf = MLPClassifier.fromJSON(await loadJSON('models/mlp.json'));
 * ```
 */
export async function loadJSON(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new SerializationError(`loadJSON: cannot read ${path} (${(e as Error).message}).`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new SerializationError(`loadJSON: ${path} is not valid JSON (${(e as Error).message}).`);
  }
}
