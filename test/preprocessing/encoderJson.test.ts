import { describe, expect, it } from 'vitest';
import { SerializationError } from '../../src/core/errors.js';
import { Encoder } from '../../src/preprocessing/index.js';

describe('Encoder JSON format (version 1)', () => {
  const table = {
    columns: ['a', 'n', 'x'],
    rows: [
      ['p', 1, 0.5],
      ['q', 2, null],
      ['p', 1, 3],
      [null, 1, -1],
    ],
  };
  it('is byte-identical to the format written before the split into modules', () => {
    const e = new Encoder({
      categorical: ['a', 'n'],
      numeric: ['x'],
      handleUnknown: 'infrequent',
      minFrequency: 2,
      impute: 'median',
    }).fit(table);
    expect(JSON.stringify(e.toJSON())).toBe(
      '{"format":"imbalanced-tabular/Encoder","version":1,"params":{"categorical":["a","n"],"numeric":["x"],' +
        '"encoding":"onehot","categories":"auto","handleUnknown":"infrequent","unknownValue":-1,"minFrequency":2,' +
        '"maxCategories":null,"drop":null,"missing":"category","impute":"median"},"state":{"nRowsSeen":4,' +
        '"categorical":[{"name":"a","valueType":"string","categories":{"type":"string","values":["p","q",null]},' +
        '"counts":[2,1,1],"infrequent":{"type":"string","values":["q",null]},"dropIndex":null},{"name":"n",' +
        '"valueType":"number","categories":{"type":"number","values":[1,2]},"counts":[3,1],"infrequent":' +
        '{"type":"number","values":[2]},"dropIndex":null}],"numeric":[{"name":"x","imputeValue":0.5}]}}',
    );
    const o = new Encoder({
      encoding: 'ordinal',
      unknownValue: Number.NaN,
      categories: { a: ['q', 'p', null] },
      handleUnknown: 'ignore',
    });
    expect(JSON.stringify(o.toJSON())).toBe(
      '{"format":"imbalanced-tabular/Encoder","version":1,"params":{"categorical":null,"numeric":null,' +
        '"encoding":"ordinal","categories":{"a":{"type":"string","values":["q","p",null]}},"handleUnknown":"ignore",' +
        '"unknownValue":"NaN","minFrequency":null,"maxCategories":null,"drop":null,"missing":"category",' +
        '"impute":null},"state":null}',
    );
  });
  it('fromJSON rebuilds the same state and the same params', () => {
    const e = new Encoder({ categorical: ['a', 'n'], numeric: ['x'], drop: 'ifBinary', impute: { constant: 2 } });
    e.fit(table);
    const again = Encoder.fromJSON(JSON.stringify(e.toJSON()));
    expect(again.fitted).toEqual(e.fitted);
    expect(again.params).toEqual(e.params);
  });
  it('fromJSON rejects malformed params and state with a SerializationError', () => {
    const env = JSON.parse(JSON.stringify(new Encoder({ categorical: ['a'] }).fit(table).toJSON()));
    expect(() => Encoder.fromJSON({ ...env, params: { ...env.params, encoding: 'dummy' } })).toThrow(
      /^Encoder.fromJSON: invalid params \(Encoder: encoding must be one of/,
    );
    expect(() => Encoder.fromJSON({ ...env, params: { ...env.params, categories: null } })).toThrow(SerializationError);
    expect(() =>
      Encoder.fromJSON({ ...env, params: { ...env.params, categories: { a: { type: 'date', values: [] } } } }),
    ).toThrow("Encoder.fromJSON: params.categories.a.type must be 'string' or 'number', received \"date\".");
    const st = structuredClone(env);
    st.state.categorical[0].counts = [1];
    expect(() => Encoder.fromJSON(st)).toThrow('Encoder.fromJSON: state.categorical[0].counts must have one count per');
  });
});
