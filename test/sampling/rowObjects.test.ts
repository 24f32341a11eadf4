/** Row objects given to a sampler: one message for every sampler (the shared input reader), pointing to the Encoder. */
import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';

const rows = [
  { age: 31, area: 'Central' },
  { age: 40, area: 'Newton' },
  { age: 22, area: 'Central' },
  { age: 58, area: 'Newton' },
];
const y = ['a', 'a', 'b', 'b'];

/** Every concrete sampler the core entry exports. */
const samplers = Object.entries(lib).filter(
  ([, v]) => typeof v === 'function' && v.prototype instanceof lib.Sampler && !Object.is(v, lib.CombinedSampler),
) as [string, new () => lib.Sampler][];

describe('row objects given to a sampler', () => {
  it('covers every sampler of the core entry', () => {
    expect(samplers.length).toBeGreaterThanOrEqual(20);
  });

  for (const [name, Ctor] of samplers) {
    it(`${name}: says samplers need numeric rows and to encode first`, () => {
      let sampler: lib.Sampler;
      try {
        sampler = new Ctor();
      } catch {
        return; // needs a required option (FunctionSampler's func …): not the input reader's case
      }
      const run = () => sampler.fitResample(rows as never, y);
      expect(run).toThrow(lib.DataValidationError);
      expect(run).toThrow(
        /fitResample: X holds row objects \(row 0 has keys "age", "area"\); samplers .* need numeric rows .*Encoder/,
      );
    });
  }
});
