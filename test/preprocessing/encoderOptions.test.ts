import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../src/core/errors.js';
import { Encoder } from '../../src/preprocessing/index.js';

describe('Encoder options', () => {
  it('rejects bad options at construction', () => {
    expect(() => new Encoder({ minFrequency: 1.5 })).toThrow(InvalidParameterError);
    expect(() => new Encoder({ minFrequency: 0 })).toThrow(InvalidParameterError);
    expect(() => new Encoder({ maxCategories: 0 })).toThrow(InvalidParameterError);
    expect(() => new Encoder({ encoding: 'ordinal', drop: 'first' })).toThrow(/one-hot/);
    expect(() => new Encoder({ unknownValue: -1 })).toThrow(/ordinal/);
    expect(() => new Encoder({ encoding: 'ordinal', unknownValue: 0 })).toThrow(/negative integer/);
    expect(() => new Encoder({ categorical: ['a'], numeric: ['a'] })).toThrow(/both/);
    expect(() => new Encoder({ handleUnknown: 'infrequent_if_exist' as never })).toThrow(InvalidParameterError);
  });

  it('rejects an unknown option, suggesting the closest known name', () => {
    let e: unknown;
    try {
      new Encoder({ categoricals: ['AREA'] } as never);
    } catch (err) {
      e = err;
    }
    if (!(e instanceof InvalidParameterError)) throw new Error('expected an InvalidParameterError');
    expect(e.message).toMatch(/^Encoder: unknown option "categoricals" — did you mean 'categorical'\?/);
    expect(e.param).toBe('categoricals');
    expect(() => new Encoder({ handle_unknown: 'ignore' } as never)).toThrow(/did you mean 'handleUnknown'/);
    expect(() => new Encoder({ min_frequency: 5 } as never)).toThrow(/did you mean 'minFrequency'/);
    expect(() => new Encoder(null as never)).toThrow(/options must be a plain options object/);
  });
  it('messages name the option, what was expected and what was received', () => {
    expect(() => new Encoder({ encoding: 'dummy' as never })).toThrow(
      "Encoder: encoding must be one of 'onehot', 'ordinal', received \"dummy\".",
    );
    expect(() => new Encoder({ handleUnknown: 'infrequent_if_exist' as never })).toThrow(
      "Encoder: handleUnknown must be one of 'error', 'ignore', 'infrequent', received \"infrequent_if_exist\".",
    );
    expect(() => new Encoder({ drop: 'last' as never })).toThrow(
      "Encoder: drop must be one of 'first', 'ifBinary', received \"last\".",
    );
    expect(() => new Encoder({ encoding: 'ordinal', drop: 'first' })).toThrow(
      "Encoder: drop applies to encoding 'onehot' only, but encoding is 'ordinal'. " +
        'Remove drop, or use one-hot encoding.',
    );
    expect(() => new Encoder({ unknownValue: -2 })).toThrow(
      "Encoder: unknownValue applies to encoding 'ordinal' only, but encoding is 'onehot'.",
    );
    expect(() => new Encoder({ categorical: ['a', 'a'] })).toThrow(
      'Encoder: categorical must be an array of distinct column names (strings), received an array of length 2. ' +
        '"a" is listed twice.',
    );
    expect(() => new Encoder({ numeric: ['a', 3 as never] })).toThrow(
      'Encoder: numeric[1] must be a column name (a string), received 3.',
    );
    expect(() => new Encoder({ maxCategories: 2.5 })).toThrow(
      'Encoder: maxCategories must be an integer ≥ 1, received 2.5.',
    );
    expect(() => new Encoder({ minFrequency: 1.5 })).toThrow(/minFrequency must be an integer ≥ 1, received 1\.5\. /);
    expect(() => new Encoder({ impute: 'mode' as never })).toThrow(
      "Encoder: impute must be 'mean', 'median' or { constant: <finite number> }, received \"mode\".",
    );
  });
  it('checks given categories: non-empty, distinct, one type, no empty strings or NaN', () => {
    expect(() => new Encoder({ categories: { a: [] } })).toThrow(/categories\["a"\] must be a non-empty array/);
    expect(() => new Encoder({ categories: { a: ['x', 'x'] } })).toThrow(/"x" is listed twice/);
    expect(() => new Encoder({ categories: { a: ['x', 1] } })).toThrow(/categories\["a"\] must be all strings or/);
    expect(() => new Encoder({ categories: { a: ['x', ''] } })).toThrow(/categories\["a"\]\[1\] must be a non-empty/);
    expect(() => new Encoder({ categories: { a: [Number.NaN] } })).toThrow(InvalidParameterError);
    expect(() => new Encoder({ categories: new Map() as never })).toThrow(/categories must be 'auto' or an object/);
    expect(new Encoder({ categories: { a: [2, 1, null] } }).params.categories).toEqual({ a: [2, 1, null] });
  });
  it('accepts the documented ranges', () => {
    expect(new Encoder({ minFrequency: 0.25 }).params.minFrequency).toBe(0.25);
    expect(new Encoder({ minFrequency: 3 }).params.minFrequency).toBe(3);
    expect(new Encoder({ encoding: 'ordinal', unknownValue: Number.NaN }).params.unknownValue).toBeNaN();
    expect(new Encoder({ encoding: 'ordinal', unknownValue: -5 }).params.unknownValue).toBe(-5);
    expect(new Encoder({ impute: { constant: 0 } }).params.impute).toEqual({ constant: 0 });
  });
  it('fills in the defaults (absent options are null) and freezes the result', () => {
    const p = new Encoder().params;
    expect(p).toEqual({
      categorical: null,
      numeric: null,
      encoding: 'onehot',
      categories: 'auto',
      handleUnknown: 'error',
      unknownValue: -1,
      minFrequency: null,
      maxCategories: null,
      drop: null,
      missing: 'category',
      impute: null,
    });
    expect(Object.isFrozen(p)).toBe(true);
    const q = new Encoder({ categorical: ['a'], categories: { a: ['x'] } }).params;
    expect(Object.isFrozen(q.categorical) && Object.isFrozen(q.categories)).toBe(true);
  });
  it('an explicit null reads as not given for the options that always read it so', () => {
    const p = new Encoder({
      encoding: null,
      handleUnknown: null,
      minFrequency: null,
      maxCategories: null,
      drop: null,
      missing: null,
    } as never).params;
    expect([p.encoding, p.handleUnknown, p.minFrequency, p.maxCategories, p.drop, p.missing]).toEqual([
      'onehot',
      'error',
      null,
      null,
      null,
      'category',
    ]);
  });
});
