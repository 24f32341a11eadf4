import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../src/core/errors.js';
import { Scaler } from '../../src/preprocessing/index.js';

describe('Scaler options', () => {
  it('rejects an unknown option, suggesting the closest known name', () => {
    expect(() => new Scaler({ with_centering: false } as never)).toThrow(
      /Scaler: unknown option "with_centering" — did you mean 'withCentering'\?/,
    );
    expect(() => new Scaler({ feature_range: [0, 2], method: 'minmax' } as never)).toThrow(
      /did you mean 'featureRange'/,
    );
    expect(() => new Scaler({ quantile: [10, 90] } as never)).toThrow(InvalidParameterError);
    expect(() => new Scaler(null as never)).toThrow(/options must be a plain options object/);
  });
  it('messages name the option, what was expected and what was received', () => {
    expect(() => new Scaler({ method: 'zscore' as never })).toThrow(
      "Scaler: method must be one of 'standard', 'minmax', 'robust', received \"zscore\".",
    );
    expect(() => new Scaler({ method: 'robust', clip: true })).toThrow(
      "Scaler: clip applies to method 'minmax' only, but method is 'robust'. Remove clip or change method.",
    );
    expect(() => new Scaler({ columns: [0, -1] })).toThrow('Scaler: columns[1] must be an integer ≥ 0, received -1.');
    expect(() => new Scaler({ columns: [2, 2] })).toThrow(
      'Scaler: columns must be an array of distinct column indices, received an array of length 2. 2 is listed twice.',
    );
    expect(() => new Scaler({ method: 'minmax', clip: 1 as never })).toThrow(
      'Scaler: clip must be true or false, received 1.',
    );
    expect(() => new Scaler({ method: 'robust', quantileRange: [50, 101] })).toThrow(
      /quantileRange must be a pair \[a, b\] of finite numbers with 0 ≤ a < b ≤ 100/,
    );
  });
  it('fills in the defaults and freezes the result', () => {
    const p = new Scaler().params;
    expect(p).toEqual({
      method: 'standard',
      featureRange: [0, 1],
      clip: false,
      quantileRange: [25, 75],
      unitVariance: false,
      withCentering: true,
      withScaling: true,
      columns: null,
    });
    expect(Object.isFrozen(p) && Object.isFrozen(p.featureRange) && Object.isFrozen(p.quantileRange)).toBe(true);
    const q = new Scaler({ method: 'minmax', columns: [3, 1] }).params;
    expect(q.columns).toEqual([3, 1]);
    expect(Object.isFrozen(q.columns)).toBe(true);
  });
  it('an explicit null method reads as the default, as before', () => {
    expect(new Scaler({ method: null as never }).params.method).toBe('standard');
  });
});
