import { describe, expect, it } from 'vitest';
import {
  DataValidationError,
  FunctionSampler,
  InvalidParameterError,
  type Label,
  Matrix,
  Pipeline,
  RandomUnderSampler,
  SerializationError,
} from '../../src/index.js';
import { describeConformance, X, y } from './samplerTestData.js';

describeConformance({
  name: 'FunctionSampler (identity)',
  create: () => new FunctionSampler(),
  fromJSON: FunctionSampler.fromJSON,
  random: false,
});
describeConformance({
  name: 'FunctionSampler (a random under-sampler inside)',
  create: (seed: number) =>
    new FunctionSampler({ func: (Xf, yf) => new RandomUnderSampler({ seed }).fitResample(Xf as Matrix, yf) }),
  keepsOriginals: false,
});

describe('FunctionSampler', () => {
  it('calls func with a validated Matrix copy, the labels and kwArgs; returns its rows as a Matrix', () => {
    const seen: Array<{ X: unknown; y: ReadonlyArray<Label>; kw: unknown }> = [];
    const s = new FunctionSampler({
      func: (Xf, yf, kw) => {
        seen.push({ X: Xf, y: yf, kw });
        return { X: [[1, 2]], y: ['z'] };
      },
      kwArgs: { k: 1 },
    });
    const out = s.fitResample(
      [
        [0, 0],
        [1, 1],
      ],
      ['a', 'b'],
    );
    expect(seen[0]!.X).toBeInstanceOf(Matrix);
    expect(seen[0]!.kw).toEqual({ k: 1 });
    expect(out.X).toBeInstanceOf(Matrix);
    expect(out.X.to2DArray()).toEqual([[1, 2]]);
    expect(s.fitted.counts).toEqual(new Map([['z', 1]]));
    expect(s.fitted.samplingStrategy.size).toBe(0);
  });

  it('the identity returns a copy: its rows share no storage with any form of input', () => {
    const rows = [
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
    ];
    const labels = ['a', 'b', 'a', 'b'];
    for (const input of [rows.map((r) => [...r]), rows.map((r) => Float64Array.from(r)), new Matrix(rows)]) {
      const out = new FunctionSampler().fitResample(input, labels);
      expect(out.X.to2DArray()).toEqual(rows);
      expect(out.y).toEqual(labels);
      out.X.set(0, 0, -1);
      const first = input instanceof Matrix ? input.get(0, 0) : (input[0] as ArrayLike<number>)[0];
      expect(first).toBe(1);
      if (input instanceof Matrix) input.set(1, 1, 99);
      else (input[1] as number[] | Float64Array)[1] = 99;
      expect(out.X.get(1, 1)).toBe(4);
    }
  });

  it('validate: false passes X and y as given (only two classes are required)', () => {
    const input = [[0], [Number.NaN]];
    let got: unknown;
    const keepFirst = (Xf: unknown, yf: ReadonlyArray<Label>) => {
      got = Xf;
      return { X: [[1]], y: [yf[0] as Label] };
    };
    new FunctionSampler({ validate: false, func: keepFirst }).fitResample(input, ['a', 'b']);
    expect(got).toBe(input);
    expect(() => new FunctionSampler().fitResample([[0], [Number.NaN]], ['a', 'b'])).toThrow(DataValidationError);
    expect(() => new FunctionSampler({ validate: false }).fitResample([[0], [1]], ['a', 'a'])).toThrow(
      DataValidationError,
    );
  });

  it('refuses a bad output, bad options; a function cannot be written to JSON', () => {
    expect(() => new FunctionSampler({ func: () => ({ X: [[1]], y: [1, 2] }) }).fitResample(X, y)).toThrow(
      DataValidationError,
    );
    expect(() => new FunctionSampler({ func: (() => 3) as never }).fitResample(X, y)).toThrow(
      'FunctionSampler.fitResample: func returned 3, expected { X, y }.',
    );
    expect(() => new FunctionSampler({ accept_sparse: true } as never)).toThrow(InvalidParameterError);
    expect(() => new FunctionSampler({ seed: 1 } as never)).toThrow('FunctionSampler: unknown option "seed"');
    expect(() => new FunctionSampler({ samplingStrategy: 'auto' } as never)).toThrow(InvalidParameterError);
    expect(() => new FunctionSampler({ func: 'f' as never })).toThrow(InvalidParameterError);
    expect(() => new FunctionSampler({ kwArgs: [1] as never })).toThrow(InvalidParameterError);
    expect(() => new FunctionSampler({ func: (a, b) => ({ X: a as Matrix, y: b }) }).toJSON()).toThrow(
      SerializationError,
    );
    expect(FunctionSampler.fromJSON(new FunctionSampler({ validate: false }).toJSON()).params.validate).toBe(false);
  });

  it('runs in a Pipeline while fitting only', async () => {
    const calls: number[] = [];
    const drop = new FunctionSampler({
      func: (Xf, yf) => {
        calls.push(yf.length);
        return { X: Xf as Matrix, y: yf };
      },
    });
    class Majority {
      classes: Label[] = [];
      fit(_X: unknown, yf: ReadonlyArray<Label>) {
        this.classes = [...new Set(yf)];
        return this;
      }
      predict(Xq: ReadonlyArray<unknown>) {
        return Xq.map(() => this.classes[0] as Label);
      }
    }
    const p = new Pipeline([
      ['drop', drop],
      ['clf', new Majority()],
    ]);
    await p.fit(X, y);
    p.predict(X);
    expect(calls).toEqual([X.length]);
  });
});
