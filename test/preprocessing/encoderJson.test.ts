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
      /^Encoder.fromJSON: params.encoding must be one of 'onehot', 'ordinal', received "dummy"/,
    );
    expect(() => Encoder.fromJSON({ ...env, params: { ...env.params, categories: null } })).toThrow(SerializationError);
    expect(() =>
      Encoder.fromJSON({ ...env, params: { ...env.params, categories: { a: { type: 'date', values: [] } } } }),
    ).toThrow("Encoder.fromJSON: params.categories.a.type must be one of 'string', 'number', received \"date\".");
    const st = structuredClone(env);
    st.state.categorical[0].counts = [1];
    expect(() => Encoder.fromJSON(st)).toThrow(
      'Encoder.fromJSON: state.categorical[0].counts must be an array of length 3, received an array of length 1.',
    );
  });
});

describe('Encoder JSON with the output option', () => {
  const table = {
    columns: ['a', 'x'],
    rows: [
      ['p', 1],
      ['q', 2],
      ['p', null],
    ],
  };
  it("writes output only when it is 'compact', and fromJSON restores it (or sets it when asked)", () => {
    const dense = new Encoder({ categorical: ['a'], numeric: ['x'] }).fit(table);
    expect('output' in (dense.toJSON().params as object)).toBe(false);
    const compact = new Encoder({ categorical: ['a'], numeric: ['x'], output: 'compact' }).fit(table);
    expect((compact.toJSON().params as { output?: string }).output).toBe('compact');
    const again = Encoder.fromJSON(JSON.stringify(compact.toJSON()), { output: 'compact' });
    expect(again.params.output).toBe('compact');
    expect(again.transform(table).toMatrix().to2DArray()).toEqual(dense.transform(table).to2DArray());
    expect(Encoder.fromJSON(compact.toJSON()).params.output).toBe('compact');
    const asDense = Encoder.fromJSON(compact.toJSON(), { output: 'matrix' });
    expect(asDense.transform(table).to2DArray()).toEqual(dense.transform(table).to2DArray());
    expect(() =>
      Encoder.fromJSON({ ...compact.toJSON(), params: { ...(compact.toJSON().params as object), output: 'sparse' } }),
    ).toThrow(/Encoder.fromJSON: params.output must be one of 'matrix', 'compact'/);
  });
  it('rejects a misspelt output option, suggesting the name', () => {
    expect(() => new Encoder({ outputs: 'compact' } as never)).toThrow(
      /unknown option "outputs" — did you mean 'output'\?/,
    );
    expect(() => new Encoder({ output: 'dense' as never })).toThrow(
      "Encoder: output must be one of 'matrix', 'compact', received \"dense\".",
    );
  });
});

describe('Encoder.fromJSON: every field checked against the others', () => {
  const table = {
    columns: ['a', 'n'],
    rows: [
      ['x', 1],
      ['y', 2],
      ['x', 3],
      ['z', 4],
    ],
  };
  const saved = (o: ConstructorParameters<typeof Encoder>[0]) =>
    JSON.parse(JSON.stringify(new Encoder(o).fit(table as never).toJSON()));
  it('dropIndex must be what params.drop gives (7 or 0.5 never shift columns)', () => {
    for (const bad of [7, 0.5, 1]) {
      const d = saved({ categorical: ['a'], numeric: ['n'], drop: 'first' });
      d.state.categorical[0].dropIndex = bad;
      expect(() => Encoder.fromJSON(d)).toThrow(/state\.categorical\[0\]\.dropIndex must be 0 \(params\.drop "first"/);
    }
  });
  it('a deleted encoding is refused, not read as one-hot', () => {
    const d = saved({ categorical: ['a'], numeric: ['n'], encoding: 'ordinal' });
    delete d.params.encoding;
    expect(() => Encoder.fromJSON(d)).toThrow(/params\.encoding is missing/);
  });
  it('duplicate categories, counts beyond the rows, a foreign column name are refused', () => {
    const d = saved({ categorical: ['a'], numeric: ['n'] });
    d.state.categorical[0].categories.values[1] = 'x';
    expect(() => Encoder.fromJSON(d)).toThrow(/categories\.values\[1\] must be a category not already/);
    const c = saved({ categorical: ['a'], numeric: ['n'] });
    c.state.categorical[0].counts[0] = 99;
    expect(() => Encoder.fromJSON(c)).toThrow(/counts\[0\] must be an integer/);
    const n = saved({ categorical: ['a'], numeric: ['n'] });
    n.state.numeric[0].name = 'm';
    expect(() => Encoder.fromJSON(n)).toThrow(/state\.numeric\[0\]\.name must be "n"/);
  });
});

describe('Encoder imputation on finite data near ±1.8e308', () => {
  it('the mean and the median of such a column are finite', () => {
    const rows = [{ n: 1.7e308 }, { n: 1.6e308 }, { n: null }, { n: 1.5e308 }, { n: 1.7e308 }];
    for (const impute of ['mean', 'median'] as const) {
      const out = new Encoder({ numeric: ['n'], impute }).fitTransform(rows as never).to2DArray();
      expect(out.flat().every(Number.isFinite)).toBe(true);
    }
    const mean = new Encoder({ numeric: ['n'], impute: 'mean' }).fitTransform(rows as never).get(2, 0);
    expect(mean / 1e308).toBeCloseTo(1.625, 12);
  });
});
