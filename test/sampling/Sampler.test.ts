import { describe, expect, it } from 'vitest';
import {
  ADASYN,
  InvalidParameterError,
  Matrix,
  NotFittedError,
  RandomOverSampler,
  Sampler,
  type SamplerContext,
  type SamplerOptions,
  type SamplerParams,
  SerializationError,
  SMOTE,
} from '../../src/index.js';
import { BruteNeighbors } from '../../src/sampling/_bruteNeighbors.js';
import { describeConformance, expectUnknownOption, X, y } from './samplerTestData.js';

// The user's sampler of examples/custom-sampler.ts, built on the sources (the example itself imports the
// package from dist and runs the conformance suite in test/examples/customSampler.test.ts).
class Jitter extends Sampler<SamplerParams & { readonly sigma: number }> {
  constructor(options: SamplerOptions & { sigma?: number } = {}) {
    super({ name: 'Jitter', type: 'over-sampling' }, options, { sigma: options.sigma ?? 0.1 });
  }

  protected resample(ctx: SamplerContext): object {
    const { data, cols, rng } = ctx;
    const out = ctx.allocate();
    for (const [label, n] of ctx.plan) {
      const rows = ctx.indicesOf(label);
      const block = out.rows(label);
      for (let i = 0; i < n; i++) {
        const src = rows[rng.int(rows.length)]!;
        for (let j = 0; j < cols; j++) block[i * cols + j] = data[src * cols + j]! + this.params.sigma * rng.normal();
      }
    }
    return {};
  }
}

describeConformance({ name: 'Jitter (a user sampler on the sources)', create: (seed: number) => new Jitter({ seed }) });

describe('Sampler base contract', () => {
  it('fitted throws NotFittedError before the first fitResample, then records plan, seed and counts', () => {
    const s = new SMOTE({ seed: 3 });
    expect(() => s.fitted).toThrow(NotFittedError);
    const plan = s.plan(y);
    s.fitResample(X, y);
    expect(s.fitted.samplingStrategy).toEqual(plan);
    expect(s.fitted.realized).toEqual(plan);
    expect(s.fitted.seed).toBe(3);
    expect(s.fitted.counts).toEqual(
      new Map([
        [0, 36],
        [1, 36],
        [2, 36],
      ]),
    );
    expect(s.fitted.nFeaturesIn).toBe(3);
    expect(Object.isFrozen(s.params)).toBe(true);
  });

  it('without a seed a fresh seed is drawn and recorded, and replaying it reproduces the output', () => {
    const s = new SMOTE();
    const a = s.fitResample(X, y);
    const seed = s.fitted.seed;
    expect(Number.isInteger(seed)).toBe(true);
    expect(new SMOTE({ seed }).fitResample(X, y).X.to2DArray()).toEqual(a.X.to2DArray());
  });

  it('accepts typed-array rows and Matrix input, returns an ml-matrix Matrix', () => {
    const out = new SMOTE({ seed: 1 }).fitResample(new Matrix(X), y);
    expect(out.X).toBeInstanceOf(Matrix);
    expect(out.X.rows).toBe(108);
  });

  it('over-samplers copy X once: the output shares one buffer whose prefix is the copy of X', () => {
    for (const [s, exact] of [
      [new SMOTE({ seed: 1 }), true],
      [new RandomOverSampler({ seed: 1 }), true],
      [new ADASYN({ seed: 1 }), false], // room for the rounding slack (≤ n_c / 2 rows per class)
    ] as const) {
      const out = s.fitResample(X, y);
      const rows = (out.X as unknown as { data: Float64Array[] }).data;
      const buf = rows[0]!.buffer;
      expect(rows.every((r, i) => r.buffer === buf && r.byteOffset === i * 3 * 8)).toBe(true);
      if (exact) expect(buf.byteLength).toBe(out.X.rows * 3 * 8);
      else {
        // the room reserved before resampling (not a second buffer sized after it): > realized rows
        expect(buf.byteLength).toBeGreaterThan(out.X.rows * 3 * 8);
        expect(buf.byteLength).toBeLessThanOrEqual((out.X.rows + 40) * 3 * 8);
      }
      for (let i = 0; i < X.length; i++) expect(Array.from(rows[i]!)).toEqual(X[i]);
    }
  });

  it('validates X before y when X is not a matrix at all, as before', () => {
    expect(() => new SMOTE().fitResample('x' as never, [1])).toThrow(/X must be a number\[\]\[\]/);
    expect(() => new SMOTE().fitResample([], [])).toThrow(/X has 0 rows/);
  });

  it('the options object must be a plain object; undefined reads as {}', () => {
    expect(() => new SMOTE(null as never)).toThrow(/^SMOTE: options must be a plain options object, received null\.$/);
    expect(() => new SMOTE('x' as never)).toThrow(InvalidParameterError);
    expect(new SMOTE(undefined).params.kNeighbors).toBe(5);
  });

  it('JSON: params only; functions and custom searches cannot be written', () => {
    const s = new SMOTE({ kNeighbors: 3, seed: 9, samplingStrategy: new Map([[2, 30]]) });
    const env = JSON.parse(JSON.stringify(s.toJSON()));
    expect(env).toEqual({
      format: 'imbalanced-tabular/SMOTE',
      version: 1,
      params: { kNeighbors: 3, seed: 9, samplingStrategy: { $map: [[2, 30]] } },
      state: null,
    });
    const back = SMOTE.fromJSON(env);
    expect(back.params.samplingStrategy).toEqual(new Map([[2, 30]]));
    expect(back.fitResample(X, y).X.to2DArray()).toEqual(s.fitResample(X, y).X.to2DArray());
    expect(() => new SMOTE({ samplingStrategy: () => new Map() }).toJSON()).toThrow(SerializationError);
    expect(() => new SMOTE({ neighbors: new BruteNeighbors() }).toJSON()).toThrow(SerializationError);
    expect(() => ADASYN.fromJSON(env)).toThrow(SerializationError);
  });
});

/** A user's sampler with a one-line fromJSON. */
class Dup extends Sampler {
  constructor(options: SamplerOptions = {}) {
    super({ name: 'Dup', type: 'over-sampling' }, options, {});
  }
  static fromJSON(json: unknown): Dup {
    return new Dup(Sampler.optionsFromJSON(json, 'Dup'));
  }
  protected resample(ctx: SamplerContext): object {
    const out = ctx.allocate();
    for (const [label, n] of ctx.plan) {
      const first = ctx.indicesOf(label)[0] as number;
      const block = out.rows(label);
      for (let i = 0; i < n; i++) block.set(ctx.data.subarray(first * ctx.cols, (first + 1) * ctx.cols), i * ctx.cols);
    }
    return {};
  }
}

describe("a user's sampler gets what the built-ins get", () => {
  it('its option names default to the keys of its own params (Jitter: sigma)', () => {
    expect(new Jitter({ sigma: 0.2 }).params.sigma).toBe(0.2);
    expectUnknownOption(() => new Jitter({ sigam: 0.2 } as never), 'Jitter', 'sigam', 'sigma');
    expectUnknownOption(() => new Dup({ sigma: 1 } as never), 'Dup', 'sigma');
  });

  it('a declared list of option names must name every param it stores (or JSON could not round-trip)', () => {
    class Stores extends Sampler<SamplerParams & { readonly factor: number }> {
      constructor(options: SamplerOptions & { percent?: number } = {}) {
        super({ name: 'Stores', type: 'over-sampling', options: ['percent'] }, options, {
          factor: (options.percent ?? 100) / 100,
        });
      }
      protected resample(): object {
        return {};
      }
    }
    expect(() => new Stores({ percent: 50 })).toThrow(
      'Stores: SamplerConfig.options must name every param the sampler stores (toJSON writes them and fromJSON ' +
        'passes them back as options); it lacks factor.',
    );
  });

  it('Sampler.optionsFromJSON makes fromJSON one line, with the format and version checked', () => {
    const s = new Jitter({ sigma: 0.3, seed: 4, samplingStrategy: new Map([[2, 20]]) });
    const read = (Sampler as unknown as { optionsFromJSON(j: unknown, n: string): object }).optionsFromJSON;
    expect(read(JSON.stringify(s.toJSON()), 'Jitter')).toEqual({
      sigma: 0.3,
      seed: 4,
      samplingStrategy: new Map([[2, 20]]),
    });
    const dup = new Dup({ seed: 3, samplingStrategy: 'minority' });
    const back = Dup.fromJSON(JSON.parse(JSON.stringify(dup.toJSON())));
    expect(back.params).toEqual(dup.params);
    expect(back.fitResample(X, y).X.to2DArray()).toEqual(dup.fitResample(X, y).X.to2DArray());
    expect(() => Dup.fromJSON(s.toJSON())).toThrow(SerializationError);
    const env = (version: number, params: unknown) => ({
      format: 'imbalanced-tabular/Dup',
      version,
      params,
      state: null,
    });
    expect(() => Dup.fromJSON(env(2, {}))).toThrow(/version 2 is not supported/);
    expect(() => Dup.fromJSON(env(1, []))).toThrow(/params should be an object/);
    expect(() => Dup.fromJSON(env(1, { seed: 1, kNeighbors: 3 }))).toThrow(InvalidParameterError);
  });
});
