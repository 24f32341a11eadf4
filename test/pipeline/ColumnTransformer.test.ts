import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Matrix } from 'ml-matrix';
import { InvalidParameterError, NotFittedError, SerializationError } from '../../src/core/errors.js';
import { isRowSource, type RowSource } from '../../src/core/rowSource.js';
import { ColumnTransformer, Pipeline } from '../../src/pipeline/index.js';
import { Encoder, Scaler, TargetEncoder } from '../../src/preprocessing/index.js';
import { jsonTamperChecks, transformerChecks } from '../../src/testing/index.js';

const rows = [
  { district: 'a', premise: 'x', age: 30 },
  { district: 'a', premise: 'y', age: 41 },
  { district: 'b', premise: 'x', age: 25 },
  { district: 'b', premise: 'y', age: 52 },
  { district: 'c', premise: 'x', age: 33 },
  { district: 'c', premise: 'y', age: 47 },
  { district: 'a', premise: 'x', age: 38 },
  { district: 'b', premise: 'y', age: 29 },
];
const y = ['p', 'q', 'p', 'r', 'q', 'r', 'p', 'q'];
const classes = { ColumnTransformer, Encoder, TargetEncoder, Scaler };

const onehot = () => new Encoder({ categorical: ['premise'], numeric: ['age'] });
const target = () => new TargetEncoder({ columns: ['district'], cv: 2, seed: 0 });
const mixed = () =>
  new ColumnTransformer({
    transformers: [
      ['onehot', onehot()],
      ['target', target()],
    ],
  });

/** The rows of a Matrix or RowSource as arrays (float32 for a RowSource). */
function rowsOf(X: Matrix | RowSource): number[][] {
  if (!isRowSource(X)) return X.to2DArray();
  const out = new Float32Array(X.rows * X.columns);
  X.gatherRows(
    Array.from({ length: X.rows }, (_, i) => i),
    out,
  );
  return Array.from({ length: X.rows }, (_, i) => Array.from(out.subarray(i * X.columns, (i + 1) * X.columns)));
}

describe('ColumnTransformer: the parts side by side', () => {
  it("fitTransform is each part's fitTransform (the TargetEncoder cross-fitted), side by side", () => {
    const ct = mixed();
    const X = ct.fitTransform(rows, y) as Matrix;
    const a = onehot().fitTransform(rows).to2DArray();
    const b = target().fitTransform(rows, y).to2DArray();
    expect(X.to2DArray()).toEqual(a.map((r, i) => [...r, ...(b[i] as number[])]));
    expect(ct.fitted.widths).toEqual([3, 3]);
    expect(ct.fitted.nFeaturesOut).toBe(6);
  });

  it('transform uses the full fits of the parts', () => {
    const ct = mixed().fit(rows, y);
    const test = [
      { district: 'b', premise: 'y', age: 60 },
      { district: 'zz', premise: 'x', age: 20 },
    ];
    const a = onehot().fit(rows).transform(test).to2DArray();
    const b = target().fit(rows, y).transform(test).to2DArray();
    expect((ct.transform(test) as Matrix).to2DArray()).toEqual(a.map((r, i) => [...r, ...(b[i] as number[])]));
  });

  it("a compact Encoder part gives a RowSource with the dense output's values", () => {
    const compact = new ColumnTransformer({
      transformers: [
        ['onehot', new Encoder({ categorical: ['premise'], numeric: ['age'], output: 'compact' })],
        ['target', target()],
      ],
    });
    const X = compact.fitTransform(rows, y);
    expect(isRowSource(X)).toBe(true);
    const dense = rowsOf(mixed().fitTransform(rows, y));
    rowsOf(X).forEach((r, i) => r.forEach((v, j) => expect(v).toBeCloseTo(dense[i]?.[j] as number, 5)));
    // Scaled lazily, as the example's pipeline does.
    const scaled = new Scaler().fitTransform(X as RowSource);
    expect(scaled.columns).toBe(6);
  });

  it('is one step of a Pipeline that saves and loads with the classes of its parts', async () => {
    const pipe = new Pipeline([
      ['columns', mixed()],
      ['scale', new Scaler()],
    ]);
    await pipe.fit(rows as never, y);
    const again = Pipeline.fromJSON(JSON.parse(JSON.stringify(pipe.toJSON())), classes);
    expect(again.transform(rows as never)).toEqual(pipe.transform(rows as never));
    expect(() => Pipeline.fromJSON(pipe.toJSON(), { ColumnTransformer, Scaler, Encoder })).toThrow(
      /transformer "target" was saved by TargetEncoder, but no TargetEncoder was passed/,
    );
  });
});

describe('ColumnTransformer documents whose widths disagree', () => {
  type Doc = { params: { steps: [string, { params: { transformers: [string, unknown][] } }][] } };
  const fittedPipe = async () => {
    const pipe = new Pipeline([
      ['columns', mixed()],
      ['scale', new Scaler()],
    ]);
    await pipe.fit(rows as never, y);
    return JSON.parse(JSON.stringify(pipe.toJSON())) as Doc;
  };

  it('refuses a pipeline step fitted on another width than the step before it writes', async () => {
    const doc = await fittedPipe();
    // the ColumnTransformer step (1 one-hot premise pair + age + 3 target columns = 6) replaced by
    // its own TargetEncoder part (3 columns): the Scaler after it was fitted on 6
    const part = doc.params.steps[0][1].params.transformers[1] as [string, never];
    doc.params.steps[0] = part;
    expect(() => Pipeline.fromJSON(doc, classes)).toThrow(SerializationError);
    expect(() => Pipeline.fromJSON(doc, classes)).toThrow(
      /params\.steps\[1\]\[1\] must be fitted on the 3 columns that step "target" writes, received 6/,
    );
  });

  it('refuses a part whose reported width is not the saved one, a nested ColumnTransformer too', async () => {
    const doc = await fittedPipe();
    const ct = doc.params.steps[0][1];
    const nested = JSON.parse(JSON.stringify(ct)) as unknown;
    (ct.params.transformers[1] as unknown[])[1] = nested;
    expect(() => Pipeline.fromJSON(doc, classes)).toThrow(/state\.widths\[1\] must be 6, the output width/);
  });
});

describe('ColumnTransformer types', () => {
  it('is a Matrix transformer when every part returns a Matrix, else a RowSource one', () => {
    expectTypeOf(mixed().transform).returns.toEqualTypeOf<Matrix>();
    const compact = new ColumnTransformer({
      transformers: [
        ['onehot', new Encoder({ categorical: ['premise'], output: 'compact' })],
        ['target', target()],
      ],
    });
    expectTypeOf(compact.transform).returns.toEqualTypeOf<RowSource>();
  });
});

describe('ColumnTransformer options and errors', () => {
  it('refuses unknown options with the closest name', () => {
    expect(() => new ColumnTransformer({ transformer: [['a', onehot()]] } as never)).toThrow(
      /ColumnTransformer: unknown option "transformer" — did you mean 'transformers'\?/,
    );
  });

  it('checks the transformers', () => {
    const e = onehot();
    const bad: unknown[] = [
      [],
      [['a']],
      [['', e]],
      [
        ['a', e],
        ['a', target()],
      ],
      [
        ['a', e],
        ['b', e],
      ],
      [['a', { fit() {} }]],
    ];
    for (const transformers of bad)
      expect(() => new ColumnTransformer({ transformers } as never)).toThrow(InvalidParameterError);
    expect(() => new ColumnTransformer({ transformers: [['a', { fit() {} }]] } as never)).toThrow(
      /transformers\[0\]\[1\] must be a transformer \(fit \+ transform\)/,
    );
  });

  it('throws NotFittedError before fit, and names a part without toJSON', () => {
    expect(() => mixed().transform(rows)).toThrow(NotFittedError);
    expect(() => mixed().fitted).toThrow(NotFittedError);
    const plain = { fit: () => undefined, transform: () => onehot().fit(rows).transform(rows) };
    const ct = new ColumnTransformer({ transformers: [['plain', plain as never]] });
    expect(() => ct.toJSON()).toThrow(/transformer "plain" has no toJSON method/);
  });

  it('fromJSON refuses a state that disagrees with its parts', () => {
    const fitted = JSON.parse(JSON.stringify(mixed().fit(rows, y).toJSON()));
    const unfitted = JSON.parse(JSON.stringify(mixed().toJSON()));
    expect(() => ColumnTransformer.fromJSON({ ...unfitted, state: fitted.state }, classes)).toThrow(
      /params\.transformers\[0\]\[1\] must be a fitted transformer/,
    );
    expect(() => ColumnTransformer.fromJSON({ ...fitted, state: null }, classes)).toThrow(SerializationError);
    expect(() => ColumnTransformer.fromJSON({ ...fitted, state: { widths: [3, 4] } }, classes)).toThrow(
      /state\.widths\[1\] must be 3, the output width of "target"/,
    );
    expect(() => ColumnTransformer.fromJSON(fitted, undefined as never)).toThrow(/second argument/);
    expect(ColumnTransformer.fromJSON(unfitted, classes).toJSON()).toEqual(unfitted);
  });
});

describe('ColumnTransformer conformance', () => {
  // Two unsupervised parts: one-hot for one column, ordinal for another.
  const create = () =>
    new ColumnTransformer({
      transformers: [
        ['onehot', new Encoder({ categorical: ['premise'], numeric: ['age'] })],
        ['ordinal', new Encoder({ categorical: ['district'], numeric: [], encoding: 'ordinal' })],
      ],
    });
  for (const c of transformerChecks({
    name: 'ColumnTransformer',
    create: create as () => never,
    fromJSON: (json) => ColumnTransformer.fromJSON(json, classes) as never,
    X: rows as never,
    equivalentInputs: [
      {
        name: '{ columns, rows } table',
        X: { columns: ['district', 'premise', 'age'], rows: rows.map((r) => [r.district, r.premise, r.age]) } as never,
      },
    ],
    // The parts' own documents are tampered with by their own suites (Encoder.test, TargetEncoder.test),
    // which know what their loaders may accept; here the ColumnTransformer's own fields are strict.
    // A part's name may be renamed (a free value).
    jsonTamper: { freeValues: ['params.transformers[*][0]'], optional: ['state', 'params.transformers[*][1].**'] },
  }))
    it(c.name, c.run);

  for (const c of jsonTamperChecks({
    name: 'ColumnTransformer(TargetEncoder)',
    create: () => mixed().fit(rows, y),
    fromJSON: (json) => ColumnTransformer.fromJSON(json, classes),
    freeValues: ['params.transformers[*][0]'],
    optional: ['state', 'params.transformers[*][1].**'],
  }))
    it(c.name, c.run);
});
