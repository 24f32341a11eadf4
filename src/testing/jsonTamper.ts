/**
 * The JSON-tampering check: every field of an estimator's saved document is deleted, given the
 * wrong type, NaN or ±Infinity, made negative, non-integral or out of range, duplicated, or its
 * array shortened or lengthened — and `fromJSON` must either throw a serialization error or load
 * an object whose `toJSON` is bit-identical to the untampered document. Never a silently
 * different object.
 *
 * @module
 */
import type { Serializable } from '../core/contracts.js';
import { fieldPath } from '../core/jsonFields.js';
import type { Check } from './check.js';
import { firstDifference } from './compare.js';
import { fail } from './ConformanceError.js';

/**
 * The `jsonTamper` option of the conformance suites: `true` (the default) runs the check with the
 * suite's defaults (every `params` value and every `state` value free, an unfitted `state` of
 * `null` allowed, so only shape tampering must be refused: deletions, wrong types, raw NaN, unknown
 * fields, changed lengths); an object gives the paths and sampling of {@link JsonTamperSpec}
 * instead (tighter: leave out what is not free); `false` opts out.
 */
export type JsonTamperOption =
  | boolean
  | Pick<JsonTamperSpec<unknown>, 'freeValues' | 'optional' | 'distinct' | 'maxElements'>;

/** The free paths `jsonTamper: true` gives. @internal */
export const DEFAULT_TAMPER = Object.freeze({
  freeValues: Object.freeze(['params.**', 'state.**']),
  optional: Object.freeze(['state']),
});

/**
 * What `jsonTamper: true` gives a sampler: its params free, and the two that may legitimately
 * change form — `seed` absent (unseeded) and `samplingStrategy` a name, a ratio, a Map or a list.
 * @internal
 */
export const SAMPLER_TAMPER = Object.freeze({
  freeValues: Object.freeze(['params.**']),
  optional: Object.freeze(['state', 'params.seed', 'params.samplingStrategy', 'params.samplingStrategy.**']),
});

/** The tamper spec of a suite's `jsonTamper` option (not `false`), `true` giving `defaults`. @internal */
export function tamperSpec<T extends Serializable>(
  option: Exclude<JsonTamperOption, false>,
  base: Pick<JsonTamperSpec<T>, 'name' | 'create' | 'fromJSON' | 'dispose'>,
  defaults: Pick<JsonTamperSpec<T>, 'freeValues' | 'optional'> = DEFAULT_TAMPER,
): JsonTamperSpec<T> {
  return option === true ? { ...base, ...defaults } : { ...base, ...option };
}

/**
 * What {@link jsonTamperChecks} needs to know about an estimator. Paths are globs where `*` stands
 * for one key or index and `**` for any number of them: `'state.center[*]'`, `'params.*'`,
 * `'params.steps[*][1].**'`.
 */
export interface JsonTamperSpec<T> {
  /** Class name used in the check's name. */
  name: string;
  /** Builds the object whose document is tampered with (fitted, so that `state` is checked too). */
  create: () => T | Promise<T>;
  /** Rebuilds an object from a document (`Class.fromJSON`). */
  fromJSON: (json: unknown) => T;
  /**
   * Paths of free values — data such as a scaler's centers, or options such as `params.clip` —
   * where a *value edit* (a number changed to another finite number, a string to another string,
   * a boolean flipped, an array element replaced by its neighbour) may load back as exactly the
   * edited document: a legitimate edit, faithfully loaded. Other tamperings there (wrong types,
   * raw NaN, deletions) must still be refused or ignored.
   * @defaultValue none
   */
  freeValues?: ReadonlyArray<string>;
  /**
   * Paths whose presence, type or length may legitimately vary — an optional field
   * (`params.seed`), `state` (`null` is the unfitted form), a list of any length — where any
   * tampering may load back as exactly the edited document.
   * @defaultValue none
   */
  optional?: ReadonlyArray<string>;
  /**
   * Paths of arrays whose elements must stay distinct (classes, categories, column names): an
   * element replaced by its neighbour there must be refused even under `freeValues`.
   * @defaultValue none
   */
  distinct?: ReadonlyArray<string>;
  /**
   * Elements tampered with per array (the first ones and the last); the array itself is always
   * shortened, lengthened and emptied. @defaultValue 3
   */
  maxElements?: number;
  /** Releases an object built by `create` or `fromJSON` (e.g. `(m) => m.dispose()`). */
  dispose?: (obj: T) => void;
}

/** One path segment: an object key or an array index. @internal */
export type Segment = string | number;

/** One tampered copy of the document. @internal */
export interface Tampering {
  /** Where, as segments. */
  at: Segment[];
  /** What was done, e.g. `set to -1` or `deleted`. */
  what: string;
  /**
   * `'value'`: the same JSON type, a finite number, the same length — a legitimate edit at a free
   * value; `'duplicate'`: an array element replaced by its neighbour (a value edit, unless the
   * array's elements must be distinct); `'shape'`: anything else.
   */
  kind: 'value' | 'duplicate' | 'shape';
  /** The tampered document. */
  doc: unknown;
}

const MARK = 'tampered';

function pathText(at: ReadonlyArray<Segment>): string {
  return at.reduce<string>((p, s) => fieldPath(p, s), '') || '(root)';
}

/** Parses a glob such as `state.center[*]` or `params.steps[*][1].**` into segments. */
function parseGlob(glob: string): Segment[] {
  const out: Segment[] = [];
  const re = /\[(\*|\d+|"(?:[^"\\]|\\.)*")\]|\.?([^.[\]]+)/g;
  for (const m of glob.matchAll(re)) {
    if (m[1] !== undefined) out.push(m[1] === '*' ? '*' : m[1].startsWith('"') ? (JSON.parse(m[1]) as string) : +m[1]);
    else out.push(m[2] as string);
  }
  return out;
}

/** Whether the path `at` matches the glob (`*` one segment, `**` any number of segments). */
function matches(glob: ReadonlyArray<Segment>, at: ReadonlyArray<Segment>, g = 0, a = 0): boolean {
  if (g === glob.length) return a === at.length;
  if (glob[g] === '**') {
    for (let k = a; k <= at.length; k++) if (matches(glob, at, g + 1, k)) return true;
    return false;
  }
  return a < at.length && (glob[g] === '*' || glob[g] === at[a]) && matches(glob, at, g + 1, a + 1);
}

/** A copy of `doc` with the node at `at` replaced by `edit(node)` (`undefined` deletes it). @internal */
export function withEdit(doc: unknown, at: ReadonlyArray<Segment>, edit: (node: unknown) => unknown): unknown {
  if (at.length === 0) return edit(doc);
  const [head, ...rest] = at as [Segment, ...Segment[]];
  if (Array.isArray(doc)) {
    const copy = [...doc];
    copy[head as number] = withEdit(copy[head as number], rest, edit);
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const k of Object.keys(doc as object)) {
    Object.defineProperty(copy, k, {
      value: (doc as Record<string, unknown>)[k],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  const v = withEdit(copy[head as string], rest, edit);
  if (v === undefined && rest.length === 0) delete copy[head as string];
  else Object.defineProperty(copy, head as string, { value: v, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** The replacement values tried for a node: description, value, and whether it is a value edit. */
function replacements(v: unknown): Array<[string, unknown, boolean]> {
  const out: Array<[string, unknown, boolean]> = [
    ['set to null', null, false],
    ['set to true', true, typeof v === 'boolean'],
    [`set to "${MARK}"`, MARK, typeof v === 'string'],
    ['set to []', [], false],
    ['set to {}', {}, false],
    ['set to NaN', Number.NaN, false],
    ['set to Infinity', Infinity, false],
    ['set to -Infinity', -Infinity, false],
  ];
  if (typeof v === 'number') {
    out.push(
      [`negated (${-Math.abs(v) - 1})`, -Math.abs(v) - 1, true],
      [`made non-integral (${v + 0.5})`, v + 0.5, true],
      ['set to 1e308', 1e308, true],
      ['set to 2^53 + 2', 2 ** 53 + 2, true],
      ['set to 0', 0, true],
    );
  } else if (typeof v === 'string')
    out.push(['set to ""', '', true], ['set to 0', 0, false], ['set to 1.5', 1.5, false]);
  else if (typeof v === 'boolean') out.push([`set to ${!v}`, !v, true], ['set to 0', 0, false]);
  else out.push(['set to 0', 0, false]);
  // Replacing a value by itself is no tampering.
  return out.filter(([, r]) => firstDifference(r, v) !== undefined);
}

/** Every tampered copy of `doc` (arrays sampled: their first elements and the last). */
function tamperings(doc: unknown, maxElements: number): Tampering[] {
  const out: Tampering[] = [];
  const visit = (node: unknown, at: Segment[]): void => {
    const add = (what: string, kind: Tampering['kind'], edit: (n: unknown) => unknown, where = at): void => {
      out.push({ at: where, what, kind, doc: withEdit(doc, where, edit) });
    };
    if (at.length > 0) {
      if (typeof at[at.length - 1] !== 'number') add('deleted', 'shape', () => undefined);
      for (const [what, r, value] of replacements(node)) add(what, value ? 'value' : 'shape', () => r);
    }
    if (Array.isArray(node)) {
      if (node.length > 0) {
        add('shortened by one element', 'shape', (n) => (n as unknown[]).slice(0, -1));
        add('given a copy of its last element', 'shape', (n) => [...(n as unknown[]), node[node.length - 1]]);
        add('emptied', 'shape', () => []);
      }
      if (node.length > 1 && firstDifference(node[0], node[1]) !== undefined) {
        add('set to element [0]', 'duplicate', () => node[0], [...at, 1]);
      }
      const idx = new Set<number>();
      for (let i = 0; i < Math.min(maxElements - 1, node.length); i++) idx.add(i);
      if (node.length > 0) idx.add(node.length - 1);
      for (const i of idx) visit(node[i], [...at, i]);
    } else if (node !== null && typeof node === 'object') {
      add(`given an unknown field "${MARK}"`, 'shape', (n) => ({ ...(n as object), [MARK]: 1 }));
      for (const k of Object.keys(node)) visit((node as Record<string, unknown>)[k], [...at, k]);
    }
  };
  visit(doc, []);
  return out;
}

function isSerializationError(e: unknown): boolean {
  return e instanceof Error && (e as { code?: unknown }).code === 'SERIALIZATION';
}

/** The document as stored: a trip through JSON text. */
function stored(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v));
}

/**
 * The JSON-tampering check of an estimator (exported so authors of estimators can run it too;
 * the conformance suites add it with their `jsonTamper` option).
 *
 * For every field of `create().toJSON()` (arrays sampled: their first elements and the last),
 * each tampering — deleted, set to null / true / a string / [] / {} / NaN / ±Infinity, a number
 * negated, made non-integral, set to 1e308 or 2^53 + 2 or 0, an array shortened, lengthened,
 * emptied or given a duplicate element, an object given an unknown field — must make `fromJSON`
 * throw an error whose `code` is `'SERIALIZATION'`, or load an object whose `toJSON` is
 * bit-identical to the untampered document. A faithful load of the edited document passes too
 * where the spec says the edit is legitimate (`freeValues`, `optional`, `distinct`). Anything
 * else — a TypeError, an InvalidParameterError, a different object — fails; the failure lists
 * every offending tampering.
 *
 * @typeParam T - The estimator (anything with `toJSON`).
 * @param spec - The estimator's name, factory, loader and free paths.
 * @returns One check.
 * @example
 * ```ts
 * const checks = jsonTamperChecks({
 *   name: 'Scaler',
 *   create: () => new Scaler().fit([[1, 2], [3, 5], [4, 4]]),
 *   fromJSON: Scaler.fromJSON,
 *   freeValues: ['params.*', 'state.*[*]'],
 *   optional: ['state'],
 * });
 * for (const c of checks) it(c.name, c.run);
 * ```
 */
export function jsonTamperChecks<T extends Serializable>(spec: JsonTamperSpec<T>): Check[] {
  const judge = tamperJudge(spec);
  return [
    {
      name: `${spec.name}: fromJSON refuses every tampered field or ignores it (never a silently different object)`,
      run: async () => {
        const base = await savedDocument(spec);
        const failures: string[] = [];
        const all = tamperings(base, spec.maxElements ?? 3);
        for (const t of all) {
          const failure = judge(base, t);
          if (failure !== undefined) failures.push(failure);
        }
        if (failures.length > 0) {
          const shown = failures.slice(0, 25).join('\n  ');
          const more = failures.length > 25 ? `\n  … and ${failures.length - 25} more` : '';
          fail(
            `${spec.name}.fromJSON accepted ${failures.length} of ${all.length} tampered documents:\n  ${shown}${more}`,
          );
        }
      },
    },
  ];
}

/** The untampered document of `spec.create()`, as stored (a trip through JSON text). @internal */
export async function savedDocument<T extends Serializable>(
  spec: Pick<JsonTamperSpec<T>, 'create' | 'dispose'>,
): Promise<unknown> {
  const obj = await spec.create();
  try {
    return stored(obj.toJSON());
  } finally {
    spec.dispose?.(obj);
  }
}

/**
 * The verdict on one tampered document of `base` (the untampered document): `undefined` when
 * `fromJSON` threw a serialization error, loaded an object whose `toJSON` is `base` bit for bit,
 * or — where the spec makes the edit legitimate — exactly the tampered document; otherwise what
 * went wrong, starting with the path and the tampering. Shared by {@link jsonTamperChecks} and
 * the generative (fast-check) form of the check. @internal
 */
export function tamperJudge<T extends Serializable>(
  spec: Pick<JsonTamperSpec<T>, 'fromJSON' | 'dispose' | 'freeValues' | 'optional' | 'distinct'>,
): (base: unknown, t: Tampering) => string | undefined {
  const globs = (list: ReadonlyArray<string> | undefined) => (list ?? []).map(parseGlob);
  const free = globs(spec.freeValues);
  const optional = globs(spec.optional);
  const distinct = globs(spec.distinct);
  const any = (gs: Segment[][], at: Segment[]): boolean => gs.some((g) => matches(g, at));
  /** Whether a faithful load of this tampering is a legitimate edit. */
  const mayDiffer = (t: Tampering): boolean =>
    any(optional, t.at) ||
    (t.kind === 'value' && any(free, t.at)) ||
    (t.kind === 'duplicate' && any(free, t.at) && !any(distinct, t.at.slice(0, -1)));
  return (base, t) => {
    const where = `${pathText(t.at)} ${t.what}`;
    let loaded: T;
    try {
      loaded = spec.fromJSON(t.doc);
    } catch (e) {
      if (isSerializationError(e)) return undefined;
      const err = e as Error;
      return `${where}: threw ${err?.name ?? typeof e} (not a serialization error): ${err?.message}`;
    }
    try {
      const again = stored(loaded.toJSON());
      const d = firstDifference(again, base);
      if (d === undefined) return undefined;
      if (mayDiffer(t) && firstDifference(again, t.doc) === undefined) return undefined;
      const edited = firstDifference(again, t.doc);
      const also = edited === undefined ? 'a faithful load of a shape tampering' : `from the edited one at ${edited}`;
      return `${where}: loaded a different object (its toJSON differs at ${d}; ${also})`;
    } catch (e) {
      return `${where}: loaded, but toJSON then threw ${(e as Error)?.message ?? String(e)}`;
    } finally {
      spec.dispose?.(loaded);
    }
  };
}
