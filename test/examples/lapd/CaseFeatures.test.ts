import { describe, expect, it } from 'vitest';
import { SerializationError } from 'imbalanced-tabular';
import { CaseFeatures } from '../../../examples/lapd/CaseFeatures.js';
import { featureRow } from '../../../examples/lapd/features.js';
import { cleanRow } from '../../../examples/lapd/load.js';
import { row } from './csvRows.js';

describe('CaseFeatures', () => {
  it('turns raw rows into the feature rows of the training path, Status Desc not needed', () => {
    const rows = [row({ Mocodes: '0416' }), row({ Mocodes: '0344 0416', 'Status Desc': '' }), row({ Mocodes: '0416' })];
    const f = new CaseFeatures({ mocodes: 1 }).fit(rows);
    expect(f.mocodes).toEqual(['0416']);
    const out = f.transform(rows);
    expect(out[0]).toEqual(featureRow(cleanRow((c) => rows[0]![c]) as never, ['0416']));
    expect(out[1]!.mo_0416).toBe(1);
  });
  it('throws on a row the cleaning rejects, naming it', () => {
    const f = CaseFeatures.withVocabulary([]);
    expect(() => f.transform([row(), row({ 'DATE OCC': 'x' })])).toThrow(/row 1 cannot be used: unreadable DATE OCC/);
  });
  it('round-trips through JSON and checks every field', () => {
    const f = CaseFeatures.withVocabulary(['0344', '0416']);
    const json = JSON.parse(JSON.stringify(f.toJSON()));
    expect(CaseFeatures.fromJSON(json).mocodes).toEqual(['0344', '0416']);
    const bad = (
      edit: (j: { params: { mocodes: unknown }; state: { vocabulary: unknown[] } }) => void,
      path: string,
    ) => {
      const j = structuredClone(json);
      edit(j);
      expect(() => CaseFeatures.fromJSON(j)).toThrow(SerializationError);
      try {
        CaseFeatures.fromJSON(j);
      } catch (e) {
        expect((e as SerializationError).path).toBe(path);
      }
    };
    bad((j) => (j.params.mocodes = -1), 'params.mocodes');
    bad((j) => (j.state.vocabulary[1] = 'abc'), 'state.vocabulary[1]');
    bad((j) => (j.state.vocabulary = ['0344', '0344']), 'state.vocabulary');
    expect(() => new CaseFeatures({ mocode: 3 } as never)).toThrow(/unknown option "mocode"/);
  });
});
