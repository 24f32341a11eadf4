import { describe, expect, it } from 'vitest';
import { InvalidParameterError, SMOTENC } from '../../src/index.js';
import { SAMPLER_TAMPER } from '../../src/testing/jsonTamper.js';
import { describeConformance, expectUnknownOption, X, y } from './samplerTestData.js';

describeConformance({
  name: 'SMOTENC',
  create: (seed: number) => new SMOTENC({ categoricalFeatures: [2], seed }),
  fromJSON: SMOTENC.fromJSON,
  // Column indices or a mask: any length is a legitimate document.
  jsonTamper: {
    ...SAMPLER_TAMPER,
    optional: [...SAMPLER_TAMPER.optional, 'params.categoricalFeatures', 'params.categoricalFeatures.**'],
  },
});

describe('SMOTENC', () => {
  it('rejects a missing or malformed categoricalFeatures at construction', () => {
    expect(() => new SMOTENC({ categoricalFeatures: [-1] })).toThrow(InvalidParameterError);
    expect(() => new SMOTENC({ categoricalFeatures: [0, true] as never })).toThrow(/categoricalFeatures/);
    expect(() => new SMOTENC(undefined as never)).toThrow(
      'SMOTENC: categoricalFeatures must be an array of column indices (integers ≥ 0) or a boolean mask with one ' +
        'entry per column, received undefined. E.g. new SMOTENC({ categoricalFeatures: [0, 3] }).',
    );
  });

  it('rejects an unknown option before a missing required one, naming the closest known option', () => {
    expectUnknownOption(
      () => new SMOTENC({ categorical_features: [0] } as never),
      'SMOTENC',
      'categorical_features',
      'categoricalFeatures',
    );
    expectUnknownOption(
      () => new SMOTENC({ categoricalFeatures: [2], kNeighbours: 3 } as never),
      'SMOTENC',
      'kNeighbours',
      'kNeighbors',
    );
  });

  it('categorical columns of new rows hold codes of the class; the JSON round trip keeps the mask', () => {
    const s = new SMOTENC({ categoricalFeatures: [false, false, true], seed: 3 });
    const out = s.fitResample(X, y);
    for (let i = X.length; i < out.X.rows; i++) expect([0, 1, 2]).toContain(out.X.get(i, 2));
    expect(SMOTENC.fromJSON(JSON.stringify(s.toJSON())).params.categoricalFeatures).toEqual([false, false, true]);
    expect(s.fitted.categoricalFeatures).toEqual([2]);
  });
});
