import { describe, expect, it } from 'vitest';
import { InvalidParameterError } from '../../src/core/errors.js';
import { MLPClassifier } from '../../src/mlp.js';
import type { MLPClassifierOptions } from '../../src/mlp.js';
import { resolveParams } from '../../src/model/options.js';
import { thrownBy } from '../support/thrown.js';

const thrown = (f: () => unknown): InvalidParameterError => thrownBy(InvalidParameterError, f);

describe('MLPClassifier options', () => {
  it('rejects an unknown option, suggesting the closest known name', () => {
    const e = thrown(() => new MLPClassifier({ lr: 0.1 } as MLPClassifierOptions));
    expect(e.param).toBe('lr');
    expect(e.message).toMatch(/^MLPClassifier: unknown option "lr" — did you mean 'learningRate'\?/);
    expect(thrown(() => new MLPClassifier({ hidden_layers: [8] } as MLPClassifierOptions)).message).toContain(
      "did you mean 'hiddenLayers'?",
    );
    expect(thrown(() => new MLPClassifier({ classWeights: 'balanced' } as MLPClassifierOptions)).message).toContain(
      "did you mean 'classWeight'?",
    );
    expect(thrown(() => new MLPClassifier({ relaxedSIMD: false } as MLPClassifierOptions)).message).toContain(
      "did you mean 'relaxedSimd'?",
    );
  });

  it('rejects unknown keys inside earlyStopping and reduceLROnPlateau', () => {
    const es = thrown(() => new MLPClassifier({ earlyStopping: { patiance: 3 } as never }));
    // the path of the key, as a nested value's error names `earlyStopping.patience`
    expect(es.param).toBe('earlyStopping.patiance');
    expect(es.message).toMatch(/^MLPClassifier\.earlyStopping: unknown option "patiance" — did you mean 'patience'/);
    const rl = thrown(() => new MLPClassifier({ reduceLROnPlateau: { min_lr: 1e-5 } as never }));
    expect(rl.message).toMatch(/^MLPClassifier\.reduceLROnPlateau: unknown option "min_lr" — did you mean 'minLr'\?/);
    expect(rl.param).toBe('reduceLROnPlateau.min_lr');
  });

  it('rejects nested settings that are not plain objects, naming the option', () => {
    for (const [opts, param] of [
      [{ earlyStopping: 5 }, 'earlyStopping'],
      [{ earlyStopping: [] }, 'earlyStopping'],
      [{ reduceLROnPlateau: null }, 'reduceLROnPlateau'],
      [{ validationData: { X: [[1]] } }, 'validationData'],
      [{ hiddenLayers: null }, 'hiddenLayers'],
      [{ classWeight: new Map([[true, 1]]) }, 'classWeight'],
      [{ onEpochEnd: 'log' }, 'onEpochEnd'],
      [{ verbose: 1 }, 'verbose'],
      [{ relaxedSimd: 'yes' }, 'relaxedSimd'],
    ] as [MLPClassifierOptions, string][]) {
      expect(thrown(() => new MLPClassifier(opts)).param).toBe(param);
    }
    expect(thrown(() => new MLPClassifier(null as never)).param).toBe('options');
  });

  it('messages read "Who: param must be X, received Y."', () => {
    expect(thrown(() => new MLPClassifier({ dropout: 1 })).message).toBe(
      'MLPClassifier: dropout must be a number in [0, 1), received 1.',
    );
    expect(thrown(() => new MLPClassifier({ earlyStopping: { monitor: 'valF1' as never } })).message).toBe(
      "MLPClassifier: earlyStopping.monitor must be one of 'valLoss', 'valMacroF1', 'valBalancedAccuracy', " +
        "'valAccuracy', 'loss', received \"valF1\".",
    );
    expect(thrown(() => new MLPClassifier({ earlyStopping: {}, validationFraction: 0 })).message).toMatch(
      /^MLPClassifier: validationFraction must be above 0 for the validation monitor valLoss .*received 0\. Set/,
    );
  });

  it('resolves every default', () => {
    expect(resolveParams({})).toEqual({
      hiddenLayers: [100],
      activation: 'relu',
      dropout: 0,
      batchNormalization: false,
      l2: 0,
      optimizer: 'adam',
      learningRate: 0.001,
      epochs: 100,
      batchSize: 256,
      validationFraction: 0,
      validationData: undefined,
      earlyStopping: undefined,
      reduceLROnPlateau: undefined,
      classWeight: undefined,
      seed: undefined,
      backend: 'auto',
      relaxedSimd: true,
      onEpochEnd: undefined,
      onBatchEnd: undefined,
      verbose: false,
    });
    const p = resolveParams({ earlyStopping: { monitor: 'valMacroF1' }, reduceLROnPlateau: {} });
    expect(p.earlyStopping).toEqual({ monitor: 'valMacroF1', patience: 10, minDelta: 0, restoreBestWeights: true });
    // The scheduler watches the early-stopping monitor by default.
    expect(p.reduceLROnPlateau).toEqual({
      factor: 0.1,
      patience: 10,
      minLr: 0,
      minDelta: 1e-4,
      cooldown: 0,
      monitor: 'valMacroF1',
    });
    expect(p.validationFraction).toBe(0.1);
    expect(resolveParams({ reduceLROnPlateau: {} }).reduceLROnPlateau?.monitor).toBe('loss');
    expect(resolveParams({ reduceLROnPlateau: {}, validationFraction: 0.2 }).reduceLROnPlateau?.monitor).toBe(
      'valLoss',
    );
    expect(Object.isFrozen(p.earlyStopping)).toBe(true);
    expect(Object.isFrozen(p.hiddenLayers)).toBe(true);
  });
});
