/**
 * The shape of a whole JSON document, checked before any loader reads a field: its nesting depth
 * (so no loader, and no recursive consumer after it, can overflow the stack), no cycle (a JS
 * object passed instead of parsed text), and — when the document is text — no key given twice in
 * one object (`JSON.parse` silently keeps the last).
 *
 * @internal
 * @module
 */
import { SerializationError } from './errors.js';
import { fieldPath } from './jsonFields.js';

/**
 * The deepest nesting a document may have (objects and arrays inside each other). The library's
 * own documents stay below 20 (an MLP's weights are 5 deep, each pipeline nesting adds 5); 256
 * leaves room for 50 nested pipelines while keeping every recursive reader far from the stack
 * limit (about 10 000 frames in Node). @internal
 */
export const MAX_JSON_DEPTH = 256;

interface Frame {
  /** The object or array. */
  node: object;
  /** Its keys (objects) or undefined (arrays). */
  keys: string[] | undefined;
  /** Next child to visit. */
  next: number;
  /** Path of the node, for messages. */
  path: string;
}

function tooDeep(who: string, path: string, maxDepth: number): never {
  throw new SerializationError(
    `${who}: the document nests objects and arrays more than ${maxDepth} levels deep (at ${path || 'the root'}); ` +
      'no document written by toJSON does. It was corrupted or built by hand.',
    { path },
  );
}

/**
 * Checks, without recursion, that a parsed document nests at most `maxDepth` levels and holds no
 * cycle (a JSON text cannot; an object built in code can). Each object is visited once, so shared
 * sub-objects cost nothing extra. @internal
 */
export function checkJsonDepth(who: string, doc: unknown, maxDepth: number = MAX_JSON_DEPTH): void {
  if (doc === null || typeof doc !== 'object') return;
  const done = new Set<object>();
  const onPath = new Set<object>();
  const stack: Frame[] = [];
  const enter = (node: object, path: string): void => {
    if (stack.length >= maxDepth) tooDeep(who, path, maxDepth);
    onPath.add(node);
    stack.push({ node, keys: Array.isArray(node) ? undefined : Object.keys(node), next: 0, path });
  };
  enter(doc, '');
  while (stack.length > 0) {
    const f = stack[stack.length - 1] as Frame;
    const size = f.keys === undefined ? (f.node as unknown[]).length : f.keys.length;
    if (f.next >= size) {
      stack.pop();
      onPath.delete(f.node);
      done.add(f.node);
      continue;
    }
    const key: string | number = f.keys === undefined ? f.next : (f.keys[f.next] as string);
    f.next++;
    const child = (f.node as Record<string | number, unknown>)[key];
    if (child === null || typeof child !== 'object' || done.has(child)) continue;
    const path = fieldPath(f.path, key);
    if (onPath.has(child)) {
      throw new SerializationError(
        `${who}: ${path} refers back to an enclosing object (a cycle); a JSON document cannot hold one.`,
        { path },
      );
    }
    enter(child, path);
  }
}

/**
 * Parses JSON text strictly: a leading byte-order mark is skipped (RFC 8259 allows ignoring it),
 * and text that `JSON.parse` refuses, that nests deeper than `maxDepth`, or that gives one key
 * twice in an object (which `JSON.parse` would silently resolve to the last) throws a
 * {@link SerializationError} naming `what` and the path. @internal
 */
export function parseJsonText(
  who: string,
  text: string,
  what = 'the text',
  maxDepth: number = MAX_JSON_DEPTH,
): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (e) {
    throw new SerializationError(`${who}: ${what} is not valid JSON (${(e as Error).message}).`, { cause: e });
  }
  scanText(who, body, what, maxDepth);
  return doc;
}

interface TextFrame {
  /** Keys seen so far (objects only). */
  keys: Set<string> | undefined;
  /** Whether the next string is a key (objects only). */
  expectKey: boolean;
  /** The current key or index, for paths. */
  at: string | number;
}

/** Walks text that `JSON.parse` accepted: depth and duplicate keys, with the path of a problem. */
function scanText(who: string, text: string, what: string, maxDepth: number): void {
  const stack: TextFrame[] = [];
  const pathOf = (): string => {
    let p = '';
    for (const f of stack) p = fieldPath(p, f.at);
    return p;
  };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= maxDepth) tooDeep(who, pathOf(), maxDepth);
      const obj = c === 0x7b;
      stack.push({ keys: obj ? new Set() : undefined, expectKey: obj, at: obj ? '' : 0 });
      i++;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      i++;
    } else if (c === 0x2c /* , */) {
      const f = stack[stack.length - 1] as TextFrame;
      if (f.keys) f.expectKey = true;
      else f.at = (f.at as number) + 1;
      i++;
    } else if (c === 0x3a /* : */) {
      (stack[stack.length - 1] as TextFrame).expectKey = false;
      i++;
    } else if (c === 0x22 /* " */) {
      let j = i + 1;
      let escaped = false;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 0x5c /* \ */) {
          escaped = true;
          j += 2;
        } else if (d === 0x22) break;
        else j++;
      }
      const f = stack[stack.length - 1];
      if (f?.keys && f.expectKey) {
        const key = escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : text.slice(i + 1, j);
        f.at = key;
        if (f.keys.has(key)) {
          const path = pathOf();
          throw new SerializationError(
            `${who}: ${what} gives the key ${JSON.stringify(key)} twice in one object (at ${path}); ` +
              'JSON.parse would silently keep the last. Remove the duplicate.',
            { path },
          );
        }
        f.keys.add(key);
      }
      i = j + 1;
    } else i++;
  }
}
