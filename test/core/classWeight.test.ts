import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataValidationError, InvalidParameterError } from '../../src/core/errors.js';
import type { Label } from '../../src/core/matrix.js';
import { computeClassWeight, computeSampleWeight } from '../../src/core/index.js';

interface Case {
  spec: 'balanced' | Array<[Label, number]>;
  y: Label[];
  classes?: Label[];
  weights?: number[];
  sampleWeight?: number[];
}
const fx = JSON.parse(readFileSync(new URL('../fixtures/pipeline/pipeline.json', import.meta.url), 'utf8')) as {
  class_weight: Case[];
  cw_errors: Array<{ spec: 'balanced' | Array<[Label, number]>; classes: Label[]; y: Label[]; error: string }>;
};
const spec = (s: Case['spec']) => (s === 'balanced' ? s : new Map(s));

describe('computeClassWeight vs scikit-learn', () => {
  it('equals compute_class_weight bit for bit', () => {
    let n = 0;
    for (const c of fx.class_weight) {
      if (!c.weights) continue;
      const got = computeClassWeight(spec(c.spec), c.classes as Label[], c.y);
      expect([...got.keys()]).toEqual(c.classes);
      expect([...got.values()]).toEqual(c.weights);
      n++;
    }
    expect(n).toBeGreaterThan(20);
  });

  it('two-argument form uses the sorted classes of y', () => {
    const got = computeClassWeight('balanced', ['b', 'a', 'a', 'a']);
    expect([...got.entries()]).toEqual([
      ['a', 4 / (2 * 3)],
      ['b', 4 / (2 * 1)],
    ]);
  });

  it('computeSampleWeight equals compute_sample_weight', () => {
    for (const c of fx.class_weight) {
      if (!c.sampleWeight) continue;
      expect(Array.from(computeSampleWeight('balanced', c.y))).toEqual(c.sampleWeight);
    }
  });

  it('raises where scikit-learn raises', () => {
    for (const c of fx.cw_errors) {
      expect(() => computeClassWeight(spec(c.spec), c.classes, c.y), c.error).toThrow(DataValidationError);
    }
    expect(() => computeClassWeight({ a: 1 } as never, ['a'])).toThrow(InvalidParameterError);
    expect(() => computeClassWeight(new Map([['a', -1]]), ['a', 'b'])).toThrow(InvalidParameterError);
  });
});
