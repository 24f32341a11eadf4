import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SerializationError } from '../../src/core/errors.js';
import { MAX_JSON_DEPTH, checkJsonDepth, parseJsonText } from '../../src/core/jsonDocument.js';

const W = 'Thing.fromJSON';

function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

describe('jsonDocument', () => {
  it('checkJsonDepth: accepts up to MAX_JSON_DEPTH levels, refuses deeper ones without recursing', () => {
    expect(() => checkJsonDepth(W, nested(MAX_JSON_DEPTH))).not.toThrow();
    expect(() => checkJsonDepth(W, nested(MAX_JSON_DEPTH + 1))).toThrow(/more than 256 levels deep/);
    // 20 000 levels: an error, not a stack overflow.
    expect(() => checkJsonDepth(W, nested(20_000))).toThrow(SerializationError);
    expect(() => checkJsonDepth(W, 3)).not.toThrow();
  });

  it('checkJsonDepth: refuses a cycle, naming its path; shared sub-objects are fine', () => {
    const a: Record<string, unknown> = { b: [1] };
    (a.b as unknown[]).push(a);
    let err: unknown;
    try {
      checkJsonDepth(W, { params: a });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SerializationError);
    expect((err as SerializationError).path).toBe('params.b[1]');
    // A diamond 40 levels deep (2^40 paths) is visited once per object.
    let shared: unknown = [1];
    for (let i = 0; i < 40; i++) shared = [shared, shared];
    expect(() => checkJsonDepth(W, shared)).not.toThrow();
  });

  it('parseJsonText: invalid JSON, duplicate keys (with their path), too deep; a BOM is skipped', () => {
    expect(() => parseJsonText(W, '{')).toThrow(/Thing\.fromJSON: the text is not valid JSON/);
    let err: unknown;
    try {
      parseJsonText(W, '{"params":{"steps":[1,{"a":1,"b":2,"\\u0061":3}]}}', 'model.json');
    } catch (e) {
      err = e;
    }
    expect((err as Error).message).toMatch(
      /model\.json gives the key "a" twice in one object \(at params\.steps\[1\]\.a\)/,
    );
    expect((err as SerializationError).path).toBe('params.steps[1].a');
    expect(parseJsonText(W, '\ufeff{"a":[1,{"a":2}],"b":{"a":3}}')).toEqual({ a: [1, { a: 2 }], b: { a: 3 } });
    expect(parseJsonText(W, '{"a":"x\\"y","b":"\\\\"}')).toEqual({ a: 'x"y', b: '\\' });
    expect(() => parseJsonText(W, '['.repeat(20_000) + ']'.repeat(20_000))).toThrow(/more than 256 levels deep/);
    expect(() => parseJsonText(W, '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).not.toThrow();
  });

  it('property: any JSON.stringify output parses to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        const text = JSON.stringify(v);
        expect(parseJsonText(W, text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('property: a key repeated in any object of any document is found', () => {
    const obj = fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1 });
    fc.assert(
      fc.property(obj, fc.jsonValue({ maxDepth: 2 }), (o, extra) => {
        const key = Object.keys(o)[0] as string;
        const inner = JSON.stringify(o).slice(0, -1);
        const text = `{"wrap":[${inner},${JSON.stringify(key)}:${JSON.stringify(extra) ?? 'null'}}]}`;
        expect(() => parseJsonText(W, text)).toThrow(/twice in one object/);
      }),
      { numRuns: 300 },
    );
  });
});
