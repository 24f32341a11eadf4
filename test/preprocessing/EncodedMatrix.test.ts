import { describe, expect, it } from 'vitest';
import type { ColumnarTable } from '../../src/core/index.js';
import { DataValidationError } from '../../src/core/errors.js';
import { isRowSource } from '../../src/core/rowSource.js';
import { EncodedMatrix, Encoder, type EncoderOptions } from '../../src/preprocessing/index.js';
import { CATEGORICAL, NUMERIC, randomTable } from './randomTables.js';
import { thrownBy } from '../support/thrown.js';

const CONFIGS: EncoderOptions[] = [
  { categorical: CATEGORICAL, numeric: NUMERIC, impute: 'median', handleUnknown: 'infrequent', maxCategories: 4 },
  { categorical: CATEGORICAL, numeric: NUMERIC, drop: 'first', handleUnknown: 'ignore' },
  { categorical: CATEGORICAL, numeric: NUMERIC, encoding: 'ordinal', handleUnknown: 'ignore', unknownValue: NaN },
  { categorical: CATEGORICAL, numeric: NUMERIC, encoding: 'ordinal', handleUnknown: 'ignore' },
];

const train = randomTable(300, 7);
const test = randomTable(120, 8, true);

describe('EncodedMatrix holds exactly the dense output', () => {
  CONFIGS.forEach((options, c) => {
    it(`config ${c}: gatherRows gives the dense rows rounded to float32, toMatrix the dense matrix`, () => {
      const dense = new Encoder(options).fit(train.columnar);
      const compact = new Encoder({ ...options, output: 'compact' }).fit(train.columnar);
      for (const X of [train, test]) {
        const D = dense.transform(X.columnar);
        const E = compact.transform(X.columnar);
        const R = compact.transform(X.records);
        expect(isRowSource(E)).toBe(true);
        expect([E.rows, E.columns]).toEqual([D.rows, D.columns]);
        const idx = [5, 0, 5, D.rows - 1, 17];
        const out = new Float32Array(idx.length * E.columns);
        E.gatherRows(idx, out);
        const expected = idx.flatMap((i) => D.getRow(i).map((v) => Math.fround(v)));
        expect([...out]).toEqual(expected);
        R.gatherRows(idx, out);
        expect([...out]).toEqual(expected);
        expect(E.toMatrix().to2DArray()).toEqual(D.to2DArray());
        expect(R.toMatrix().to2DArray()).toEqual(D.to2DArray());
        expect(Array.from(E.toFloat32Matrix().data)).toEqual(
          D.to2DArray()
            .flat()
            .map((v) => Math.fround(v)),
        );
      }
    });
  });
  it('describes which output columns each feature fills, as the fitted outputs do', () => {
    const enc = new Encoder({ ...CONFIGS[0], output: 'compact' });
    const X = enc.fitTransform(train.columnar);
    const outputs = enc.fitted.outputs;
    let next = 0;
    for (const f of X.features) {
      expect(f.offset).toBe(next);
      for (let j = f.offset; j < f.offset + f.width; j++) expect(outputs[j]?.source).toBe(f.name);
      next += f.width;
    }
    expect(next).toBe(X.columns);
    expect(X.features.map((f) => f.kind)).toEqual([
      ...CATEGORICAL.map(() => 'onehot'),
      ...NUMERIC.map(() => 'numeric'),
    ]);
    const age = X.features.find((f) => f.name === 'age');
    expect(age?.kind === 'numeric' && age.imputeValue).toBe(enc.fitted.numeric[0]?.imputeValue);
  });
  it('slotCounts are the column sums of the one-hot blocks (and the code counts of ordinal columns)', () => {
    const onehot = new Encoder({ ...CONFIGS[1], output: 'compact' });
    const X = onehot.fitTransform(train.columnar);
    const D = X.toMatrix();
    X.features.forEach((f, i) => {
      if (f.kind !== 'onehot') return;
      const sums = Array.from({ length: f.width }, (_, k) => D.getColumn(f.offset + k).reduce((a, b) => a + b, 0));
      expect([...X.slotCounts(i)]).toEqual(sums);
      expect(X.slotCounts(i)).toBe(X.slotCounts(i));
    });
    const ordinal = new Encoder({ ...CONFIGS[3], output: 'compact' }).fit(train.columnar);
    const T = ordinal.transform(test.columnar);
    const col = T.toMatrix().getColumn(0);
    const f = T.features[0];
    if (f?.kind !== 'ordinal') throw new Error('expected an ordinal feature');
    const expected = Array.from({ length: f.nCodes }, (_, k) => col.filter((v) => v === k).length);
    expect([...T.slotCounts(0)]).toEqual(expected);
    expect(col.filter((v) => v === -1).length).toBe(T.rows - expected.reduce((a, b) => a + b, 0));
  });
  it('stores one byte per row per categorical feature (two above 127 slots)', () => {
    const X = new Encoder({ ...CONFIGS[0], output: 'compact' }).fitTransform(train.columnar);
    X.features.forEach((f, i) => {
      if (f.kind !== 'numeric') expect(X.featureCodes(i)).toBeInstanceOf(Int8Array);
    });
    const n = 400;
    const wide: ColumnarTable = {
      nRows: n,
      columns: new Map([
        [
          'c',
          {
            kind: 'categorical',
            codes: Int32Array.from({ length: n }, (_, i) => i % 200),
            categories: Array.from({ length: 200 }, (_, k) => `v${k}`),
          },
        ],
      ]),
    };
    const W = new Encoder({ output: 'compact' }).fitTransform(wide);
    expect(W.featureCodes(0)).toBeInstanceOf(Int16Array);
    expect(W.columns).toBe(200);
    expect(() => X.featureCodes(X.features.length - 1)).toThrow(/is not a categorical feature/);
  });
  it('gatherRows checks its arguments', () => {
    const X = new Encoder({ ...CONFIGS[0], output: 'compact' }).fitTransform(train.records);
    expect(() => X.gatherRows([0, 1], new Float32Array(X.columns))).toThrow(DataValidationError);
    expect(() => X.gatherRows([X.rows], new Float32Array(X.columns))).toThrow(/indices\[0\]/);
    expect(X).toBeInstanceOf(EncodedMatrix);
    expect(X.scaled).toBe(false);
  });
});

describe('EncodedMatrix: a dense output too large to allocate', () => {
  it('a 70,000-category one-hot column is a DataValidationError stating the size, not a RangeError', () => {
    const rows = Array.from({ length: 70_000 }, (_, i) => [`c${i}`]);
    const enc = new Encoder({ categorical: ['a'] });
    let err: unknown;
    try {
      enc.fitTransform({ columns: ['a'], rows });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataValidationError);
    expect((err as Error).message).toMatch(
      /70000 rows × 70000 columns \(4900000000 values, 36\.5 GiB\) cannot be allocated\. Keep it compact/,
    );
    // the compact output holds one code per row and column
    const compact = new Encoder({ categorical: ['a'], output: 'compact' }).fitTransform({ columns: ['a'], rows });
    expect(compact.columns).toBe(70_000);
  });
});

describe('EncodedMatrix: random gathers from a row-major copy of the numeric columns', () => {
  it('gives the bits of the column-by-column path (all storages, bytes 0…255, NaN imputed, scaled)', async () => {
    const { Scaler } = await import('../../src/preprocessing/index.js');
    const { Random } = await import('../../src/core/Random.js');
    const n = 6000;
    const rng = new Random(3);
    const numeric = new Map<string, ColumnarTable['columns'] extends ReadonlyMap<string, infer C> ? C : never>();
    const make = [
      () => Uint8Array.from({ length: n }, () => (rng.float() < 0.1 ? 1 : 0)),
      () => Uint8Array.from({ length: n }, () => (rng.float() < 0.5 ? rng.int(256) : 0)),
      () => Float32Array.from({ length: n }, (_, i) => (i % 97 === 0 ? Number.NaN : rng.normal() * 100)),
      () => Float64Array.from({ length: n }, () => rng.normal() * 1e-3),
      () => Int16Array.from({ length: n }, () => rng.int(2000) - 1000),
      () => Int32Array.from({ length: n }, () => rng.int(1e6)),
    ];
    for (let j = 0; j < 14; j++)
      numeric.set(`x${j}`, { kind: 'numeric', values: (make[j % make.length] as () => never)() });
    const table: ColumnarTable = {
      nRows: n,
      columns: new Map([
        [
          'c',
          {
            kind: 'categorical',
            codes: Int32Array.from({ length: n }, (_, i) => i % 7),
            categories: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
          },
        ],
        [
          'd',
          {
            kind: 'categorical',
            codes: Int32Array.from({ length: n }, () => (rng.float() < 0.05 ? -1 : rng.int(300))),
            categories: Array.from({ length: 300 }, (_, i) => `v${i}`),
          },
        ],
        ...numeric,
      ]),
    };
    const names = [...numeric.keys()];
    const views: EncodedMatrix[] = [];
    for (const encoding of ['onehot', 'ordinal'] as const) {
      const E = new Encoder({
        categorical: ['c', 'd'],
        numeric: names,
        encoding,
        impute: 'median',
        output: 'compact',
      }).fitTransform(table);
      views.push(E, new Scaler({ method: 'standard' }).fitTransform(E) as EncodedMatrix);
    }
    for (const X of views) {
      const d = X.columns;
      // The reference: one row at a time (a one-row gather never uses the copy).
      const one = (i: number) => {
        const o = new Float32Array(d);
        X.gatherRows([i], o);
        return o;
      };
      const batch = new Int32Array(512);
      const out = new Float32Array(512 * d);
      // More than a quarter of the rows in scattered batches: the copy is built on the way.
      for (let b = 0; b < 6; b++) {
        for (let t = 0; t < batch.length; t++) batch[t] = rng.int(n);
        X.gatherRows(batch, out);
        for (const t of [0, 1, 255, 511]) {
          const ref = one(batch[t] as number);
          expect(Buffer.from(out.buffer, t * d * 4, d * 4).equals(Buffer.from(ref.buffer))).toBe(true);
        }
      }
    }
  });
});

describe("EncodedMatrix: mostly-zero byte columns kept as each row's non-zero entries", () => {
  // 40 indicator-like byte columns, ~3% non-zero (a row holds a few, like the LAPD Mocodes): the
  // row-major copy keeps only the non-zero entries, and gathers give the column path's bits.
  const n = 5000;
  const table = async () => {
    const { Random } = await import('../../src/core/Random.js');
    const rng = new Random(11);
    const cols = new Map<string, ColumnarTable['columns'] extends ReadonlyMap<string, infer C> ? C : never>();
    for (let j = 0; j < 40; j++)
      cols.set(`m${j}`, {
        kind: 'numeric',
        values: Uint8Array.from({ length: n }, () => (rng.float() < 0.03 ? (j % 2 === 0 ? 1 : 1 + rng.int(255)) : 0)),
      });
    cols.set('f', { kind: 'numeric', values: Float32Array.from({ length: n }, () => rng.normal()) });
    cols.set('c', {
      kind: 'categorical',
      codes: Int32Array.from({ length: n }, () => rng.int(5)),
      categories: ['a', 'b', 'c', 'd', 'e'],
    });
    return {
      table: { nRows: n, columns: cols } as ColumnarTable,
      names: [...cols.keys()].filter((k) => k !== 'c'),
      rng,
    };
  };

  it('gives the bits of the column-by-column path, raw and scaled', async () => {
    const { Scaler } = await import('../../src/preprocessing/index.js');
    const { table: t, names, rng } = await table();
    const E = new Encoder({ categorical: ['c'], numeric: names, output: 'compact' }).fitTransform(t);
    for (const X of [E, new Scaler({ method: 'standard' }).fitTransform(E) as EncodedMatrix]) {
      const d = X.columns;
      const one = (i: number) => {
        const o = new Float32Array(d);
        X.gatherRows([i], o);
        return o;
      };
      const batch = new Int32Array(700);
      const out = new Float32Array(batch.length * d);
      for (let b = 0; b < 4; b++) {
        for (let k = 0; k < batch.length; k++) batch[k] = rng.int(n);
        X.gatherRows(batch, out);
        for (let k = 0; k < batch.length; k += 7) {
          const ref = one(batch[k] as number);
          expect(Buffer.from(out.buffer, k * d * 4, d * 4).equals(Buffer.from(ref.buffer))).toBe(true);
        }
      }
    }
  });

  it('still refuses a byte whose output leaves float32, naming its row and column', async () => {
    const { Scaler } = await import('../../src/preprocessing/index.js');
    const { table: t, names } = await table();
    const bytes = names.filter((k) => k !== 'f'); // the float and one-hot columns would overflow too
    const E = new Encoder({ categorical: [], numeric: bytes, output: 'compact' }).fitTransform(t);
    const wide = new Scaler({ method: 'minmax', featureRange: [0, 1e300] }).fit(E).transform(E) as EncodedMatrix;
    const m0 = (t.columns.get('m0') as { values: Uint8Array }).values;
    const zeroRows: number[] = [];
    for (let i = 0; i < n && zeroRows.length < 2000; i++) {
      let any = false;
      for (let j = 0; j < 40; j++) if ((t.columns.get(`m${j}`) as { values: Uint8Array }).values[i] !== 0) any = true;
      if (!any) zeroRows.push(i);
    }
    const d = wide.columns;
    // rows without a non-zero byte gather (their bytes' output, 0, is finite), building the copy
    const batch = Int32Array.from(zeroRows.reverse());
    wide.gatherRows(batch, new Float32Array(batch.length * d));
    const hit = m0.findIndex((v) => v !== 0);
    const e = thrownBy(DataValidationError, () =>
      wide.gatherRows([zeroRows[0] as number, hit], new Float32Array(2 * d)),
    );
    expect([e.row, e.column]).toEqual([hit, 0]);
  });
});

describe('EncodedMatrix: a value beyond float32 in a float32 gather', () => {
  const caught = (fn: () => unknown): DataValidationError => thrownBy(DataValidationError, fn);

  it('is refused naming the row and the output column; the float64 matrix keeps it', () => {
    const rows = [
      { c: 'x', a: 0 },
      { c: 'y', a: 1e300 },
      { c: 'x', a: 1 },
    ];
    const E = new Encoder({ categorical: ['c'], numeric: ['a'], output: 'compact' }).fitTransform(rows);
    const e = caught(() => E.gatherRows([0, 1], new Float32Array(2 * E.columns)));
    expect([e.row, e.column, e.param]).toEqual([1, 2, 'X']);
    expect(e.message).toMatch(/beyond float32's range/);
    expect(E.toMatrix().get(1, 2)).toBe(1e300);
    const ok = new Float32Array(E.columns);
    E.gatherRows([2], ok);
    expect([...ok]).toEqual([1, 0, 1]);
  });

  it('is refused on the row-major path too, and for byte columns whose scaled outputs overflow', async () => {
    const { Scaler } = await import('../../src/preprocessing/index.js');
    const n = 8192;
    const table: ColumnarTable = {
      nRows: n,
      columns: new Map<string, ColumnarTable['columns'] extends ReadonlyMap<string, infer C> ? C : never>([
        [
          'c',
          { kind: 'categorical', codes: Int32Array.from({ length: n }, (_, i) => i % 3), categories: ['a', 'b', 'c'] },
        ],
        ...Array.from(
          { length: 9 },
          (_, j) =>
            [
              `x${j}`,
              {
                kind: 'numeric' as const,
                values: Float64Array.from({ length: n }, (_, i) => (j === 4 && i === 777 ? 1e39 : i % 5)),
              },
            ] as const,
        ),
        ['b', { kind: 'numeric', values: Uint8Array.from({ length: n }, (_, i) => i % 2) }],
      ]),
    };
    const names = [...Array.from({ length: 9 }, (_, j) => `x${j}`), 'b'];
    const E = new Encoder({ categorical: ['c'], numeric: names, output: 'compact' }).fitTransform(table);
    const batch = Int32Array.from({ length: 4096 }, (_, t) => (t * 7919) % n).filter((i) => i !== 777);
    const out = new Float32Array(batch.length * E.columns);
    E.gatherRows(batch, out); // builds the row-major copy (half the rows, out of order)
    const e = caught(() => E.gatherRows([5, 777], new Float32Array(2 * E.columns)));
    expect([e.row, e.column]).toEqual([777, 3 + 4]);
    // a min-max range so wide that the byte column's outputs leave float32: no table, the checked path
    const wide = new Scaler({ method: 'minmax', featureRange: [0, 1e300] }).fit(E).transform(E) as EncodedMatrix;
    const f = caught(() => wide.gatherRows(batch.subarray(0, 8), new Float32Array(8 * wide.columns)));
    expect(f.param).toBe('X');
  });

  it('a scaled one-hot or ordinal output beyond float32 is refused naming the row and column', async () => {
    const { Scaler } = await import('../../src/preprocessing/index.js');
    const rows = [{ c: 'a' }, { c: 'b' }, { c: 'a' }];
    const wide = () => new Scaler({ method: 'minmax', featureRange: [0, 1e300] });
    const hot = wide().fitTransform(new Encoder({ categorical: ['c'], output: 'compact' }).fitTransform(rows));
    const e = caught(() => (hot as EncodedMatrix).gatherRows([1], new Float32Array(2)));
    expect([e.param, e.row, e.column]).toEqual(['X', 1, 1]);
    expect(e.message).toMatch(/column 1 is 1e\+300, beyond float32's range/);
    expect(caught(() => (hot as EncodedMatrix).toFloat32Matrix()).row).toBe(0);
    expect((hot as EncodedMatrix).toMatrix().get(1, 1)).toBe(1e300);
    const enc = new Encoder({ categorical: ['c'], encoding: 'ordinal', output: 'compact' });
    const ord = wide().fitTransform(enc.fitTransform(rows)) as EncodedMatrix;
    const out = new Float32Array(2);
    ord.gatherRows([0, 2], out); // code 0 scales to 0: fits
    expect([...out]).toEqual([0, 0]);
    expect(caught(() => ord.gatherRows([0, 1], new Float32Array(2))).row).toBe(1);
  });

  it('a scaled value beyond doubles is refused in the float64 matrix too, never written as Infinity', async () => {
    const { Scaler } = await import('../../src/preprocessing/index.js');
    const enc = new Encoder({ numeric: ['a'], output: 'compact' });
    const scaler = new Scaler({ method: 'minmax', featureRange: [0, 1e300] }).fit(
      enc.fitTransform([{ a: 0 }, { a: 1 }]),
    );
    const T = scaler.transform(enc.transform([{ a: 1 }, { a: 1e10 }])) as EncodedMatrix;
    const e = caught(() => T.toMatrix());
    expect([e.row, e.column]).toEqual([1, 0]);
    expect(e.message).toMatch(/beyond doubles/);
  });
});
