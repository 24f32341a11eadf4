import { describe, expectTypeOf, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import type { Label } from '../../src/core/matrix.js';
import { Pipeline, StratifiedKFold, computeClassWeight, crossValidate, trainTestSplit } from '../../src/index.js';
import type { CrossValidateResult, Fold, PipelineFitted, SplitPart } from '../../src/index.js';
import { Encoder, Scaler, SMOTE, type RandomUnderSampler } from '../../src/index.js';
import type {
  ClassifierLike,
  ProbabilisticClassifier,
  RowsInput,
  SamplerLike,
  Serializable,
  TableInput,
  Transformer,
} from '../../src/index.js';
import type { MLPClassifier } from '../../src/mlp.js';

// Type-level checks only: the calls are wrapped in functions that are never run.
describe('public signatures', () => {
  it('trainTestSplit keeps the row type', () => {
    const rows = [{ a: 'x', b: 1 }];
    expectTypeOf(() => trainTestSplit(rows, ['p']).train).returns.toEqualTypeOf<
      SplitPart<Array<{ a: string; b: number }>>
    >();
    expectTypeOf(() => trainTestSplit(new Matrix(1, 1), ['p']).test.X).returns.toEqualTypeOf<Matrix>();
    expectTypeOf(() => trainTestSplit([[1, 2]], [0]).train.indices).returns.toEqualTypeOf<Int32Array>();
  });
  it('Pipeline accepts the library estimators and returns the documented types', () => {
    const pipe = new Pipeline([
      ['encode', new Encoder()],
      ['scale', new Scaler()],
      ['smote', new SMOTE()],
    ]);
    expectTypeOf(pipe.fit).returns.toEqualTypeOf<Promise<Pipeline>>();
    expectTypeOf(pipe.predictProba).returns.toEqualTypeOf<Matrix>();
    expectTypeOf(pipe.predict).returns.toEqualTypeOf<Label[]>();
    expectTypeOf<Pipeline['fitted']>().toEqualTypeOf<PipelineFitted>();
    expectTypeOf(() => pipe.named<Scaler>('scale')).returns.toEqualTypeOf<Scaler>();
  });
  it('splitters, crossValidate and class weights', () => {
    expectTypeOf(() => new StratifiedKFold().split(null, [0])).returns.toEqualTypeOf<Fold[]>();
    expectTypeOf(() => crossValidate(new Pipeline([['s', new Scaler()]]), [[1]], [0])).returns.resolves.toEqualTypeOf<
      CrossValidateResult<Pipeline>
    >();
    expectTypeOf(() => computeClassWeight('balanced', [0, 1])).returns.toEqualTypeOf<Map<Label, number>>();
    expectTypeOf(() => computeClassWeight(new Map([['a', 2]]), ['a', 'b'], ['a', 'b'])).returns.toEqualTypeOf<
      Map<Label, number>
    >();
  });
  it('every estimator satisfies the one set of contracts', () => {
    expectTypeOf<Encoder>().toExtend<Transformer<TableInput> & Serializable>();
    expectTypeOf<Scaler>().toExtend<Transformer & Serializable>();
    expectTypeOf<SMOTE>().toExtend<SamplerLike & Serializable>();
    expectTypeOf<RandomUnderSampler>().toExtend<SamplerLike & Serializable>();
    expectTypeOf<MLPClassifier>().toExtend<ProbabilisticClassifier & Serializable>();
    expectTypeOf<Pipeline>().toExtend<ProbabilisticClassifier<RowsInput> & Serializable>();
    // A classifier needs only fit and predict to be a pipeline's last step or to be cross-validated.
    expectTypeOf<{ fit(X: number[][]): void; predict(X: number[][]): Label[] }>().toExtend<ClassifierLike<never>>();
  });

  it("the label type flows from fit's y to predict and classes (Label when not known)", () => {
    const pipe = new Pipeline([['scale', new Scaler()]]);
    const yNum: number[] = [0, 1];
    const yStr: string[] = ['a'];
    expectTypeOf(async () => (await pipe.fit([[1]], yNum)).predict([[1]])).returns.resolves.toEqualTypeOf<number[]>();
    expectTypeOf(async () => (await pipe.fit([[1]], yStr)).classes).returns.resolves.toExtend<string[]>();
    expectTypeOf(() => pipe.predict([[1]])).returns.toEqualTypeOf<Label[]>();
    expectTypeOf(() => new Pipeline<'yes' | 'no'>([['scale', new Scaler()]]).predict([[1]])).returns.toEqualTypeOf<
      Array<'yes' | 'no'>
    >();
  });
  it('the Encoder takes rows typed by an interface, as Pipeline.fit does, and refuses non-tables', () => {
    interface Crime {
      area: string;
      age: number | null;
      weapon?: string;
    }
    const rows: Crime[] = [{ area: 'Central', age: 30 }];
    const enc = new Encoder();
    expectTypeOf(() => enc.fitTransform(rows)).returns.toEqualTypeOf<Matrix>();
    expectTypeOf(() => enc.transform(rows)).returns.toEqualTypeOf<Matrix>();
    void (() => {
      // @ts-expect-error numeric rows are not a table (row arrays come as { columns, rows })
      enc.fit([[1, 2]]);
      // @ts-expect-error a Date is not a cell
      enc.fit([{ when: new Date() }]);
    });
  });
});
