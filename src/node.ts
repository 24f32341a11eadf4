/**
 * imbalanced-tabular/node — Node-only helpers (files on disk). Never imported by the core entry,
 * so browser bundles stay free of Node built-ins.
 *
 * @packageDocumentation
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SerializationError, describe } from './core/errors.js';
import { parseJsonText } from './core/jsonDocument.js';

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
 * @throws {@link SerializationError} when the value has no JSON form (`undefined`, a function) or
 * cannot be written as JSON (a cycle, a BigInt); nothing is written then.
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
  let text: string | undefined;
  try {
    text = JSON.stringify(doc);
  } catch (e) {
    // A cycle, a BigInt, or nesting too deep for the serializer: say so instead of a bare TypeError.
    throw new SerializationError(`saveJSON: the value cannot be written as JSON (${(e as Error).message}).`, {
      cause: e,
    });
  }
  if (text === undefined) {
    throw new SerializationError(
      `saveJSON: ${describe(doc)} has no JSON form (JSON.stringify gives nothing); nothing was written to ${path}.`,
    );
  }
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  return path;
}

/**
 * Reads and parses a JSON file written by {@link saveJSON}; pass the result to `Class.fromJSON`.
 *
 * @remarks
 * The file is read strictly: its bytes must be valid UTF-8 (a leading byte-order mark is
 * skipped), the text must be JSON, no object may give a key twice (`JSON.parse` would silently
 * keep the last), and the document may nest at most 256 levels — more than any document written
 * by `toJSON`.
 *
 * @param path - The file.
 * @returns The parsed document.
 * @throws {@link SerializationError} when the file cannot be read, is not UTF-8, is not JSON,
 * repeats a key or nests too deep.
 * @example
 * ```ts
 * import { loadJSON } from 'imbalanced-tabular/node';
 * import { MLPClassifier } from 'imbalanced-tabular/mlp';
 * const clf = MLPClassifier.fromJSON(await loadJSON('models/mlp.json'));
 * ```
 */
export async function loadJSON(path: string): Promise<unknown> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new SerializationError(`loadJSON: cannot read ${path} (${(e as Error).message}).`, { cause: e });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    throw new SerializationError(
      `loadJSON: ${path} is not UTF-8 text (${(e as Error).message}); a file written by saveJSON is.`,
      { cause: e },
    );
  }
  return parseJsonText('loadJSON', text, path);
}
