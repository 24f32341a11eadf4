/**
 * A lazy sampler's batches over an Encoder's compact output are written straight into the batch
 * (originals placed, segments patched from their codes): they must be the very bits of the general
 * path, which gathers every row and interpolates every value.
 */
import { describe, expect, it } from 'vitest';
import {
  BorderlineSMOTE,
  type ColumnarTable,
  Encoder,
  type EncodedMatrix,
  RandomOverSampler,
  type RowSource,
  SMOTE,
  Scaler,
  type TableColumn,
} from '../../../src/index.js';
import { Random } from '../../../src/core/Random.js';

/** 6,000 rows: two one-hot columns (one with missing values), numbers with NaN, 40 indicator columns. */
function table(n: number): { X: ColumnarTable; y: string[] } {
  const rng = new Random(7);
  const columns = new Map<string, TableColumn>();
  const cat = (k: number, missing: boolean) => {
    const codes = new Int16Array(n);
    for (let i = 0; i < n; i++) codes[i] = missing && rng.int(20) === 0 ? -1 : rng.int(k);
    return { kind: 'categorical' as const, codes, categories: Array.from({ length: k }, (_, c) => `c${c}`) };
  };
  columns.set('area', cat(30, true));
  columns.set('premise', cat(90, false));
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = rng.int(15) === 0 ? Number.NaN : rng.float() * 50 - 10;
  columns.set('age', { kind: 'numeric', values: v });
  const f = new Float32Array(n);
  for (let i = 0; i < n; i++) f[i] = rng.float();
  columns.set('hour', { kind: 'numeric', values: f });
  for (let m = 0; m < 40; m++) {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = rng.int(40) <= m % 3 ? 1 + (m % 2) : 0;
    columns.set(`m${m}`, { kind: 'numeric', values: b });
  }
  const y = Array.from({ length: n }, () => ['a', 'a', 'a', 'a', 'a', 'b', 'c'][rng.int(7)] as string);
  return { X: { nRows: n, columns }, y };
}

/** The same rows as a plain RowSource: the general path (gather, then interpolate). */
function plain(X: RowSource): RowSource {
  return { rows: X.rows, columns: X.columns, gatherRows: (i, out) => X.gatherRows(i, out) };
}

function batches(X: RowSource, y: string[], make: () => { fitStream: SMOTE['fitStream'] }, epochs: number) {
  const src = make().fitStream(X, y);
  const got: Float32Array[] = [];
  for (let e = 0; e < epochs; e++)
    for (const b of src.batches(e, 256)) got.push(b.x.slice(0, b.size * X.columns), Float32Array.from(b.y));
  return got;
}

function expectSameBits(a: Float32Array[], b: Float32Array[]): void {
  expect(a.length).toBe(b.length);
  for (let k = 0; k < a.length; k++) {
    const u = new Uint32Array(a[k]!.buffer);
    const w = new Uint32Array(b[k]!.buffer);
    let diff = -1;
    for (let i = 0; i < u.length && diff < 0; i++) if (u[i] !== w[i]) diff = i;
    expect(diff, `batch array ${k}: first differing value`).toBe(-1);
  }
}

describe('placed batches', () => {
  const { X: T, y } = table(6000);
  const enc = new Encoder({
    categorical: ['area', 'premise'],
    numeric: ['age', 'hour', ...Array.from({ length: 40 }, (_, m) => `m${m}`)],
    impute: 'mean',
    output: 'compact',
  });
  const X = enc.fitTransform(T) as EncodedMatrix;
  const scaled = new Scaler({ method: 'standard' }).fitTransform(X) as unknown as EncodedMatrix;

  const samplers: Array<[string, () => { fitStream: SMOTE['fitStream'] }]> = [
    ['SMOTE', () => new SMOTE({ seed: 3 })],
    ['BorderlineSMOTE-2', () => new BorderlineSMOTE({ kind: 'borderline-2', seed: 3 })],
    ['RandomOverSampler', () => new RandomOverSampler({ seed: 3 })],
  ];
  for (const [name, make] of samplers) {
    it(`${name}: the same bits as gathering, unscaled and scaled, before and after the row-major copy`, () => {
      for (const M of [X, scaled]) {
        // 3 epochs: the first ones gather column by column, later ones use the row-major copy
        expectSameBits(batches(M, y, make, 3), batches(plain(M), y, make, 3));
      }
    });
  }

  it('placeSegments writes x_b + s · (x_n − x_b) of the rows a gather writes (s = 0, 0.37, 1)', () => {
    const rng = new Random(1);
    const n = 500;
    const base = Int32Array.from({ length: n }, () => rng.int(6000));
    const nb = Int32Array.from({ length: n }, () => rng.int(6000));
    const at = Int32Array.from({ length: n }, (_, t) => n - 1 - t);
    const d = scaled.columns;
    const from = new Float32Array(n * d);
    const to = new Float32Array(n * d);
    scaled.gatherRows(base, from);
    scaled.gatherRows(nb, to);
    for (const s of [0, 0.37, 1]) {
      const out = new Float32Array(n * d);
      scaled.placeSegments(base, nb, new Float64Array(n).fill(s), out, at);
      const want = from.map((xb, i) => xb + s * ((to[i] as number) - xb));
      for (let t = 0; t < n; t++)
        for (let j = 0; j < d; j++) {
          const got = out[(n - 1 - t) * d + j] as number;
          const w = want[t * d + j] as number;
          if (got !== w)
            expect(`step ${s}, row ${t}, column ${j}: ${got}`).toBe(`step ${s}, row ${t}, column ${j}: ${w}`);
        }
    }
  });
});
