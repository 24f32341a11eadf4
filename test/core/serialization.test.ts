import { describe, expect, it } from 'vitest';
import { type ImbalancedTabularError, SerializationError } from '../../src/core/errors.js';
import {
  decodeNumber,
  decodeNumbers,
  encodeNumbers,
  makeEnvelope,
  openEnvelope,
} from '../../src/core/serialization.js';
import { firstDifference } from '../../src/testing/index.js';

describe('serialization', () => {
  it('round-trips special numbers exactly', () => {
    const a = [1.1, -0, NaN, Infinity, -Infinity, 5e-324, Number.MAX_VALUE];
    const back = decodeNumbers(JSON.parse(JSON.stringify(encodeNumbers(a))), 'a');
    expect(firstDifference(Array.from(back), a)).toBeUndefined();
  });
  it('checks format and version', () => {
    const env = makeEnvelope('Thing', 1, { a: 1 }, { b: 2 });
    expect(openEnvelope(JSON.stringify(env), 'Thing', 1).params).toEqual({ a: 1 });
    expect(() => openEnvelope(env, 'Other', 1)).toThrow(SerializationError);
    expect(() => openEnvelope(env, 'Thing', 2)).toThrow(/version 1 is not supported/);
    expect(() => openEnvelope('{', 'Thing', 1)).toThrow(/not valid JSON/);
    try {
      openEnvelope(null, 'Thing', 1);
    } catch (e) {
      expect((e as ImbalancedTabularError).code).toBe('SERIALIZATION');
    }
  });

  it('openEnvelope refuses anything but the four envelope fields, non-object params and state, deep docs', () => {
    const env = makeEnvelope('Thing', 1, { a: 1 }, null);
    const bad: Array<[unknown, RegExp, string | undefined]> = [
      [{ ...env, extra: 1 }, /extra is not a known field/, 'extra'],
      [{ ...env, params: [] }, /params should be an object, received an array/, 'params'],
      [{ ...env, params: null }, /params should be an object/, 'params'],
      [{ ...env, state: 3 }, /state must be an object, received 3/, 'state'],
      [{ ...env, state: [] }, /state must be an object/, 'state'],
      [{ format: env.format, version: 1, params: {} }, /lacks "params" or "state"/, undefined],
      [
        Object.assign(Object.create({ params: {}, state: null }), { format: env.format, version: 1 }),
        /plain JSON object/,
        undefined,
      ],
      [{ ...env, format: 'imbalanced-tabular/Other' }, /format is "imbalanced-tabular\/Other"/, 'format'],
      [{ ...env, params: { deep: JSON.parse('['.repeat(300) + ']'.repeat(300)) } }, /levels deep/, undefined],
      ['{"format":"imbalanced-tabular/Thing","format":"x","version":1,"params":{},"state":null}', /twice/, 'format'],
    ];
    for (const [doc, message, path] of bad) {
      let err: unknown;
      try {
        openEnvelope(doc, 'Thing', 1);
      } catch (e) {
        err = e;
      }
      expect(err, String(message)).toBeInstanceOf(SerializationError);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message.startsWith('Thing.fromJSON: ')).toBe(true);
      if (path !== undefined) expect((err as SerializationError).path).toBe(path);
    }
    expect(openEnvelope({ ...env, state: { b: 2 } }, 'Thing', 1).state).toEqual({ b: 2 });
  });

  it('decodeNumber refuses raw NaN / Infinity (no JSON text holds them) and names the loader', () => {
    expect(() => decodeNumber(Number.NaN, 'state.x')).toThrow(/fromJSON: state\.x must be a finite number, or "NaN"/);
    expect(() => decodeNumbers([1, Infinity], 'state.c', 'Scaler.fromJSON')).toThrow(
      /^Scaler\.fromJSON: state\.c\[1\]/,
    );
    expect(() => decodeNumbers({ length: 1, 0: 1 }, 'state.c')).toThrow(SerializationError);
    expect(decodeNumber('-Infinity', 'x')).toBe(-Infinity);
    // JSON.parse turns an overflowing literal into Infinity: refused too.
    expect(() => decodeNumber(JSON.parse('1e400'), 'x')).toThrow(SerializationError);
  });

  it('SerializationError carries the path and the cause', () => {
    const cause = new TypeError('boom');
    const e = new SerializationError('m', { path: 'state.a', cause });
    expect(e.path).toBe('state.a');
    expect(e.cause).toBe(cause);
    expect(new SerializationError('m').path).toBeUndefined();
    expect('cause' in new SerializationError('m')).toBe(false);
  });
});
