/**
 * A ColumnarTable is a pipeline input like row objects: trainTestSplit picks the same rows (as
 * ColumnarTables) and an Encoder-first Pipeline fitted on them predicts exactly what it predicts
 * from the same data as row objects.
 */
import { describe, expect, it } from 'vitest';
import { Encoder, Scaler } from '../../src/index.js';
import { Pipeline, StratifiedKFold, trainTestSplit } from '../../src/pipeline/index.js';
import { CATEGORICAL, NUMERIC, randomTable } from '../preprocessing/randomTables.js';
import { Centroid } from './standins.js';

const n = 300;
const { records, columnar } = randomTable(n, 11);
const y = records.map((r, i) => (typeof r.age === 'number' && r.age > 38 ? 'old' : i % 7 === 0 ? 'rare' : 'young'));

const pipeline = (): Pipeline =>
  new Pipeline([
    ['encode', new Encoder({ categorical: CATEGORICAL, numeric: NUMERIC, impute: 'median', handleUnknown: 'ignore' })],
    ['scale', new Scaler()],
    ['clf', new Centroid() as never],
  ]);

describe('ColumnarTable input', () => {
  it('trainTestSplit picks the same rows as for row objects, as ColumnarTables of those rows', () => {
    const a = trainTestSplit(columnar, y, { testSize: 0.3, stratify: true, seed: 4 });
    const b = trainTestSplit(records, y, { testSize: 0.3, stratify: true, seed: 4 });
    expect(a.train.indices).toEqual(b.train.indices);
    expect(a.test.indices).toEqual(b.test.indices);
    expect(a.train.y).toEqual(b.train.y);
    expect(a.train.X.nRows).toBe(a.train.indices.length);
    const enc = new Encoder({ categorical: CATEGORICAL, numeric: NUMERIC, impute: 'median' });
    enc.fit(records);
    expect(enc.transform(a.test.X).to2DArray()).toEqual(enc.transform(b.test.X).to2DArray());
  });

  it('Pipeline.fit / predict / predictProba / score on ColumnarTables equal the row-object run', async () => {
    const a = trainTestSplit(columnar, y, { testSize: 0.25, stratify: true, seed: 2 });
    const b = trainTestSplit(records, y, { testSize: 0.25, stratify: true, seed: 2 });
    const pa = await pipeline().fit(a.train.X, a.train.y);
    const pb = await pipeline().fit(b.train.X, b.train.y);
    expect(pa.fitted).toEqual(pb.fitted);
    expect(pa.predict(a.test.X)).toEqual(pb.predict(b.test.X));
    expect(pa.predictProba(a.test.X).to2DArray()).toEqual(pb.predictProba(b.test.X).to2DArray());
    expect(pa.score(a.test.X, a.test.y)).toBe(pb.score(b.test.X, b.test.y));
    expect(JSON.stringify(pa.toJSON())).toBe(JSON.stringify(pb.toJSON()));
  });

  it('StratifiedKFold and a wrong-length y see its nRows', async () => {
    const folds = new StratifiedKFold({ nSplits: 3, shuffle: true, seed: 0 }).split(columnar, y);
    expect(folds).toHaveLength(3);
    await expect(pipeline().fit(columnar, y.slice(1))).rejects.toThrow(/y/);
  });
});
