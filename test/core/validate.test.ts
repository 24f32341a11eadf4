import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../src/core/errors.js';
import {
  checkAppliesTo,
  checkBoolean,
  checkDistinctList,
  checkInteger,
  checkLabelList,
  checkNumber,
  checkOneOf,
  checkOptions,
  checkPair,
  closestName,
  formatInterval,
} from '../../src/core/validate.js';
import { thrownBy } from '../support/thrown.js';

const thrown = (f: () => unknown): InvalidParameterError => thrownBy(InvalidParameterError, f);

describe('checkOptions', () => {
  const known = ['kNeighbors', 'samplingStrategy', 'seed'] as const;
  it('accepts undefined, {} and known keys; returns the object', () => {
    expect(checkOptions('SMOTE', undefined, known)).toEqual({});
    const o = { kNeighbors: 3 };
    expect(checkOptions('SMOTE', o, known)).toBe(o);
    expect(checkOptions('SMOTE', Object.assign(Object.create(null), { seed: 1 }), known)).toEqual({ seed: 1 });
  });
  it('rejects an unknown key with the closest name', () => {
    const e = thrown(() => checkOptions('SMOTE', { k_neighbors: 3 } as never, known));
    expect(e.param).toBe('k_neighbors');
    expect(e.message).toBe(
      'SMOTE: unknown option "k_neighbors" — did you mean \'kNeighbors\'? ' +
        'Known options: kNeighbors, samplingStrategy, seed.',
    );
    expect(thrown(() => checkOptions('SMOTE', { sampling_strategy: 'auto' } as never, known)).message).toMatch(
      /did you mean 'samplingStrategy'/,
    );
    expect(thrown(() => checkOptions('SMOTE', { zzzzzz: 1 } as never, known)).message).not.toMatch(/did you mean/);
  });
  it('rejects what is not a plain object', () => {
    for (const bad of [null, 3, 'x', [], new Map(), new (class A {})()])
      expect(thrown(() => checkOptions('X', bad as never, known)).param).toBe('options');
  });
  it('closestName: case, underscores and transpositions', () => {
    expect(closestName('lr', ['learningRate', 'l2'])).toBe('learningRate');
    expect(closestName('l1', ['learningRate', 'l2'])).toBe('l2');
    expect(closestName('categoricals', ['categorical', 'numeric'])).toBe('categorical');
    expect(closestName('sede', ['seed'])).toBe('seed');
    expect(closestName('HIDDENLAYERS', ['hiddenLayers'])).toBe('hiddenLayers');
  });
});

describe('value checks', () => {
  it('checkOneOf', () => {
    expect(checkOneOf('S', 'method', undefined, ['a', 'b'] as const, 'a')).toBe('a');
    expect(checkOneOf('S', 'method', 'b', ['a', 'b'] as const)).toBe('b');
    expect(thrown(() => checkOneOf('S', 'method', 'c', ['a', 'b'])).message).toBe(
      "S: method must be one of 'a', 'b', received \"c\".",
    );
  });
  it('checkInteger', () => {
    expect(checkInteger('S', 'k', undefined, { min: 1 }, 5)).toBe(5);
    expect(checkInteger('S', 'k', 3, { min: 1, max: 3 })).toBe(3);
    for (const bad of [0, 1.5, Number.NaN, Infinity, '3', 2 ** 60, undefined])
      expect(thrown(() => checkInteger('S', 'k', bad, { min: 1 })).param).toBe('k');
    expect(thrown(() => checkInteger('S', 'k', 0, { min: 1 }, undefined, 'Use 5.')).message).toBe(
      'S: k must be an integer ≥ 1, received 0. Use 5.',
    );
  });
  it('checkNumber with open and closed ends', () => {
    expect(checkNumber('S', 'p', 0, { ge: 0, lt: 1 })).toBe(0);
    expect(thrown(() => checkNumber('S', 'p', 1, { ge: 0, lt: 1 })).message).toBe(
      'S: p must be a number in [0, 1), received 1.',
    );
    expect(thrown(() => checkNumber('S', 'p', Number.NaN)).message).toMatch(/a finite number/);
    expect(formatInterval({ gt: 0 })).toBe('(0, ∞)');
  });
  it('checkBoolean, checkPair, checkLabelList', () => {
    expect(checkBoolean('S', 'b', undefined, true)).toBe(true);
    expect(thrown(() => checkBoolean('S', 'b', 1)).message).toBe('S: b must be true or false, received 1.');
    expect(checkPair('S', 'r', [0, 1], (a, b) => a < b, 'with a < b')).toEqual([0, 1]);
    expect(thrown(() => checkPair('S', 'r', [1, 0], (a, b) => a < b, 'with a < b')).message).toMatch(/with a < b/);
    expect(checkLabelList('S', 'labels', ['a', 2])).toEqual(['a', 2]);
    expect(thrown(() => checkLabelList('S', 'labels', ['a', 'a'])).param).toBe('labels[1]');
    expect(thrown(() => checkLabelList('S', 'labels', [{}])).param).toBe('labels[0]');
    expect(thrown(() => checkLabelList('S', 'labels', [])).param).toBe('labels');
  });
});

describe('checkAppliesTo', () => {
  const clip = (value: unknown, method: string, fix?: string) =>
    checkAppliesTo('Scaler', 'clip', value, 'method', ['minmax'], method, fix);
  it('passes when the option is not given or the other option has an allowed value', () => {
    expect(clip(undefined, 'robust')).toBeUndefined();
    expect(clip(true, 'minmax')).toBeUndefined();
    expect(clip(false, 'minmax')).toBeUndefined();
    expect(checkAppliesTo('S', 'p', 1, 'mode', ['a', 'b'], 'b')).toBeUndefined();
  });
  it('rejects a given option (even false or null) when the other option has another value', () => {
    const e = thrown(() => clip(true, 'robust'));
    expect(e.param).toBe('clip');
    expect(e.message).toBe(
      "Scaler: clip applies to method 'minmax' only, but method is 'robust'. Remove clip or change method.",
    );
    expect(thrown(() => clip(false, 'robust')).param).toBe('clip');
    expect(thrown(() => clip(null, 'robust')).param).toBe('clip');
  });
  it('lists several allowed values with "or" and uses the fix given', () => {
    expect(thrown(() => checkAppliesTo('S', 'p', 1, 'mode', ['a', 'b'], 'c', 'Drop p.')).message).toBe(
      "S: p applies to mode 'a' or 'b' only, but mode is 'c'. Drop p.",
    );
  });
});

describe('checkDistinctList', () => {
  const name = (x: unknown, i: number): string => {
    if (typeof x !== 'string') throw new InvalidParameterError(`columns[${i}]`, `bad item ${i}`);
    return x;
  };
  it('returns a frozen copy of the checked items, in order', () => {
    const input = ['b', 'a'];
    const out = checkDistinctList('Encoder', 'columns', input, 'column names (strings)', name);
    expect(out).toEqual(['b', 'a']);
    expect(out).not.toBe(input);
    expect(Object.isFrozen(out)).toBe(true);
    expect(Object.isFrozen(input)).toBe(false);
    expect(checkDistinctList('E', 'columns', [], 'column names (strings)', name)).toEqual([]);
  });
  it('keeps what the item check returns and checks distinctness on it', () => {
    const trim = (x: unknown) => String(x).trim();
    expect(checkDistinctList('E', 'c', [' a', 'b '], 'names', trim)).toEqual(['a', 'b']);
    expect(thrown(() => checkDistinctList('E', 'c', ['a', ' a'], 'names', trim)).message).toBe(
      'E: c must be an array of distinct names, received an array of length 2. "a" is listed twice.',
    );
  });
  it('rejects what is not an array', () => {
    for (const bad of [undefined, 'a', 3, new Set(['a']), { 0: 'a', length: 1 }]) {
      const e = thrown(() => checkDistinctList('Encoder', 'columns', bad, 'column names (strings)', name));
      expect(e.param).toBe('columns');
    }
    expect(thrown(() => checkDistinctList('Encoder', 'columns', 'a', 'column names (strings)', name)).message).toBe(
      'Encoder: columns must be an array of column names (strings), received "a".',
    );
  });
  it('rejects a repeated item, naming it', () => {
    const e = thrown(() => checkDistinctList('Scaler', 'columns', [0, 2, 0], 'column indices', (x) => x as number));
    expect(e.param).toBe('columns');
    expect(e.message).toBe(
      'Scaler: columns must be an array of distinct column indices, received an array of length 3. 0 is listed twice.',
    );
  });
  it('lets the item check throw first, with its own message', () => {
    const e = thrown(() => checkDistinctList('E', 'columns', ['a', 3, 'a'], 'column names (strings)', name));
    expect(e.param).toBe('columns[1]');
    expect(e.message).toBe('bad item 1');
  });
});
