import { describe, expect, it } from 'vitest';
import { confusionSpec, renderSvg, rocSpec, trainingCurveSpec } from '../../../examples/lapd/charts.js';
import { stoppingLine } from '../../../examples/lapd/experiment.js';

const history = [1, 2, 3, 4].map((epoch) => ({ epoch, loss: 1 / epoch, accuracy: 0.5, valLoss: 1, valAccuracy: 0.5 }));

describe('the pictures', () => {
  it('mark the epoch early stopping stopped on and the one whose weights were restored', async () => {
    const svg = await renderSvg(trainingCurveSpec(history, 'title', undefined, { stopped: 4, restored: 2 }));
    expect(svg).toContain('stopped (epoch 4)');
    expect(svg).toContain('weights restored (epoch 2)');
    expect(await renderSvg(trainingCurveSpec(history, 'title'))).not.toContain('stopped');
  });
  it('name the decision rule under the confusion matrix', async () => {
    const svg = await renderSvg(
      confusionSpec(
        ['a', 'b'],
        [
          [1, 0],
          [0, 1],
        ],
        'title',
        'plain argmax p(c|x)',
      ),
    );
    expect(svg).toContain('decision rule: plain argmax p(c|x)');
  });
  it('draw ROC axes from exactly 0 to 1 with the legend below the plot', () => {
    const spec = JSON.stringify(rocSpec([{ label: 'a', auc: 0.5, fpr: [0, 1], tpr: [0, 1] }], 'title'));
    expect(spec).toContain('"domain":[0,1],"nice":false,"zero":true,"padding":0');
    expect(spec).toContain('"orient":"bottom"');
  });
  it('announce early stopping in words', () => {
    expect(stoppingLine({ stopped: 12, restored: 8 }, 60, 'valLoss')).toBe(
      'early stopping: stopped after epoch 12 of 60 (no better valLoss); ' +
        'restored the weights of epoch 8 (the best valLoss).',
    );
    expect(stoppingLine({}, 60, 'valLoss')).toBeUndefined();
  });
});
