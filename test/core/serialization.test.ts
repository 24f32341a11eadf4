import { describe, expect, it } from 'vitest';
import { type ImbalancedTabularError, SerializationError } from '../../src/core/errors.js';
import { decodeNumbers, encodeNumbers, makeEnvelope, openEnvelope } from '../../src/core/serialization.js';
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
});
