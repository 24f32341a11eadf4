import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SerializationError } from '../../src/core/errors.js';
import {
  badField,
  fieldPath,
  readArray,
  readBoolean,
  readEntries,
  readInteger,
  readLabel,
  readLabels,
  readMap,
  readNumber,
  readNumbers,
  readObject,
  readOneOf,
  readString,
} from '../../src/core/jsonFields.js';
import { thrownBy } from '../support/thrown.js';

const W = 'Thing.fromJSON';

/** The SerializationError `f` throws. */
const caught = (f: () => unknown): SerializationError => thrownBy(SerializationError, f);

describe('jsonFields', () => {
  it('names the loader and the field path in the message and in error.path', () => {
    const e = caught(() => readInteger('Pipeline.fromJSON', 'state.nSamplesIn', -5, { min: 0 }));
    expect(e.message).toBe('Pipeline.fromJSON: state.nSamplesIn must be an integer ≥ 0, received -5.');
    expect(e.path).toBe('state.nSamplesIn');
    expect(e.code).toBe('SERIALIZATION');
    expect(caught(() => badField(W, 'a', 'b', 1, 'Fix it.')).message).toBe(
      'Thing.fromJSON: a must be b, received 1. Fix it.',
    );
  });

  it('builds paths: identifiers with dots, indices in brackets, other keys quoted', () => {
    expect(fieldPath('', 'state')).toBe('state');
    expect(fieldPath('state', 'center')).toBe('state.center');
    expect(fieldPath('steps', 1)).toBe('steps[1]');
    expect(fieldPath('classes', 'a b')).toBe('classes["a b"]');
    expect(fieldPath('', '__proto__')).toBe('__proto__');
  });

  it('readObject: plain objects only, own properties only, required and known keys', () => {
    const o = readObject(W, 'state', JSON.parse('{"a":1,"__proto__":{"x":2}}'));
    expect(Object.getPrototypeOf(o)).toBeNull();
    expect(o.a).toBe(1);
    expect(Object.getOwnPropertyDescriptor(o, '__proto__')?.value).toEqual({ x: 2 });
    expect(o.constructor).toBeUndefined();
    expect(o.toString).toBeUndefined();
    for (const bad of [null, [], 'x', 3, new Map(), new (class A {})()]) {
      expect(() => readObject(W, 'state', bad)).toThrow(SerializationError);
    }
    expect(caught(() => readObject(W, 'state', {}, { required: ['n'] })).message).toBe(
      'Thing.fromJSON: state.n is missing.',
    );
    const extra = caught(() => readObject(W, 'state', { n: 1, m: 2 }, { required: ['n'] }));
    expect(extra.message).toBe('Thing.fromJSON: state.m is not a known field of state (known: n).');
    expect(extra.path).toBe('state.m');
    expect(readObject(W, 's', { n: 1 }, { required: ['n'], optional: ['m'] })).toEqual({ n: 1 });
    // An inherited name is not a present field.
    expect(() => readObject(W, 's', {}, { required: ['constructor'] })).toThrow(/s\.constructor is missing/);
  });

  it('readArray, readInteger, readString, readBoolean, readOneOf', () => {
    expect(readArray(W, 'a', [1, 2], { length: 2 })).toEqual([1, 2]);
    expect(() => readArray(W, 'a', [1], { length: 2 })).toThrow(/a must be an array of length 2, received an array/);
    expect(() => readArray(W, 'a', [], { min: 1 })).toThrow(/an array \(non-empty\)/);
    expect(() => readArray(W, 'a', { length: 0 })).toThrow(SerializationError);
    expect(readInteger(W, 'n', 3, { min: 0, max: 3 })).toBe(3);
    for (const bad of [3.5, '3', Number.NaN, Infinity, 2 ** 53, -1, 4, null, true]) {
      expect(() => readInteger(W, 'n', bad, { min: 0, max: 3 })).toThrow(SerializationError);
    }
    expect(readString(W, 's', '')).toBe('');
    expect(() => readString(W, 's', '', { nonEmpty: true })).toThrow(/a non-empty string/);
    expect(() => readString(W, 's', 1)).toThrow(SerializationError);
    expect(readBoolean(W, 'b', false)).toBe(false);
    expect(() => readBoolean(W, 'b', 0)).toThrow(/true or false/);
    expect(readOneOf(W, 'm', 'x', ['x', 'y'])).toBe('x');
    expect(() => readOneOf(W, 'm', 'toString', ['x', 'y'])).toThrow(/m must be one of 'x', 'y', received "toString"/);
    expect(() => readOneOf(W, 'm', undefined, ['x'])).toThrow(SerializationError);
  });

  it('readNumber: finite JSON numbers; tagged strings only with special; raw NaN/Infinity never', () => {
    expect(readNumber(W, 'v', 1.5, { interval: { ge: 0 } })).toBe(1.5);
    expect(Object.is(readNumber(W, 'v', '-0'), -0)).toBe(true);
    expect(() => readNumber(W, 'v', 'NaN')).toThrow(/v must be a finite number, received "NaN"/);
    expect(readNumber(W, 'v', 'NaN', { special: true })).toBeNaN();
    expect(readNumber(W, 'v', 'Infinity', { special: true, interval: { ge: 0 } })).toBe(Infinity);
    expect(readNumber(W, 'v', '-Infinity', { special: true })).toBe(-Infinity);
    const raw = caught(() => readNumber(W, 'v', Number.NaN, { special: true }));
    expect(raw.message).toMatch(/JSON holds no NaN or Infinity/);
    expect(() => readNumber(W, 'v', Infinity, { special: true })).toThrow(SerializationError);
    expect(() => readNumber(W, 'v', -1, { interval: { ge: 0 } })).toThrow(/a number in \[0, ∞\)/);
    for (const bad of ['1', 'nan', 'toString', null, [], {}, true]) {
      expect(() => readNumber(W, 'v', bad, { special: true })).toThrow(SerializationError);
    }
  });

  it('readNumbers: arrays of numbers of an exact length, each checked with its index', () => {
    expect(Array.from(readNumbers(W, 'c', [1, '-Infinity'], { special: true, length: 2 }))).toEqual([1, -Infinity]);
    expect(() => readNumbers(W, 'c', [1], { length: 2 })).toThrow(/c must be an array of numbers of length 2/);
    expect(caught(() => readNumbers(W, 'c', [1, 'x'])).path).toBe('c[1]');
  });

  it('readLabel / readLabels: strings or whole numbers, one type, distinct, optionally sorted', () => {
    expect(readLabel(W, 'l', 3)).toBe(3);
    expect(() => readLabel(W, 'l', 0.5)).toThrow(/Unknown label type: 'continuous'/);
    expect(() => readLabel(W, 'l', Number.NaN)).toThrow(SerializationError);
    expect(() => readLabel(W, 'l', null)).toThrow(SerializationError);
    expect(readLabels(W, 'c', ['a', 'b'], { sorted: true, min: 1 })).toEqual(['a', 'b']);
    expect(caught(() => readLabels(W, 'c', ['a', 'a'])).path).toBe('c[1]');
    expect(() => readLabels(W, 'c', ['a', 1])).toThrow(/c\[1\] must be a string like c\[0\]/);
    expect(() => readLabels(W, 'c', ['b', 'a'], { sorted: true })).toThrow(/sorted after "b"/);
    expect(() => readLabels(W, 'c', [], { min: 1 })).toThrow(SerializationError);
  });

  it('readEntries / readMap: pairs with distinct keys; the $map tagged form', () => {
    const key = (v: unknown, p: string) => readLabel(W, p, v);
    const count = (v: unknown, p: string) => readInteger(W, p, v, { min: 1 });
    expect(readEntries(W, 'c', [['a', 1]], key, count)).toEqual([['a', 1]]);
    expect(
      caught(() =>
        readEntries(
          W,
          'c',
          [
            ['a', 1],
            ['a', 2],
          ],
          key,
          count,
        ),
      ).path,
    ).toBe('c[1][0]');
    expect(caught(() => readEntries(W, 'c', [['a', 1, 2]], key, count)).path).toBe('c[0]');
    expect(caught(() => readEntries(W, 'c', [['a', 0]], key, count)).path).toBe('c[0][1]');
    expect([...readMap(W, 'p.s', { $map: [[2, 30]] }, key, count)]).toEqual([[2, 30]]);
    for (const bad of [{ $map: [1, 2] }, { $map: 'x' }, {}, { $map: [], extra: 1 }, [[2, 30]]]) {
      expect(() => readMap(W, 'p.s', bad, key, count)).toThrow(SerializationError);
    }
  });

  it('property: every reader either returns or throws SerializationError, whatever JSON value it gets', () => {
    const readers: Array<(v: unknown) => unknown> = [
      (v) => readObject(W, 'x', v, { required: ['a'], optional: ['b'] }),
      (v) => readArray(W, 'x', v, { min: 1, max: 3 }),
      (v) => readInteger(W, 'x', v, { min: 0 }),
      (v) => readNumber(W, 'x', v, { special: true, interval: { gt: 0 } }),
      (v) => readNumbers(W, 'x', v, { special: true }),
      (v) => readString(W, 'x', v, { nonEmpty: true }),
      (v) => readBoolean(W, 'x', v),
      (v) => readOneOf(W, 'x', v, ['a', 'b']),
      (v) => readLabels(W, 'x', v, { sorted: true }),
      (v) =>
        readMap(
          W,
          'x',
          v,
          (k, p) => readLabel(W, p, k),
          (c, p) => readInteger(W, p, c),
        ),
    ];
    const value = fc.oneof(fc.jsonValue(), fc.constantFrom(Number.NaN, Infinity, -0, undefined, 'NaN', '-0'));
    fc.assert(
      fc.property(value, fc.nat(readers.length - 1), (v, r) => {
        try {
          (readers[r] as (v: unknown) => unknown)(v);
        } catch (e) {
          expect(e).toBeInstanceOf(SerializationError);
          expect((e as SerializationError).path?.startsWith('x')).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("readNumber special: 'NaN' — the missing statistic only, never ±Infinity", () => {
  it('accepts "NaN" and finite numbers, refuses "Infinity" and "-Infinity" naming the path', () => {
    expect(Number.isNaN(readNumber(W, 'state.mean[0]', 'NaN', { special: 'NaN' }))).toBe(true);
    expect(readNumber(W, 'state.mean[0]', 2.5, { special: 'NaN' })).toBe(2.5);
    for (const bad of ['Infinity', '-Infinity', Number.NaN]) {
      const e = caught(() => readNumber(W, 'state.mean[0]', bad, { special: 'NaN' }));
      expect(e.path).toBe('state.mean[0]');
    }
    expect(caught(() => readNumber(W, 'x', 'Infinity', { special: 'NaN' })).message).toMatch(
      /x must be a finite number, or "NaN", received "Infinity"/,
    );
    expect(readNumber(W, 'x', 'Infinity', { special: true })).toBe(Number.POSITIVE_INFINITY);
  });
});
