import { describe, expect, it } from 'vitest';
import { ADASYN, RandomOverSampler, SMOTE, SerializationError, TomekLinks } from '../../src/index.js';
import { thrownBy } from '../support/thrown.js';

const errorOf = (load: () => unknown): SerializationError => thrownBy(SerializationError, load);

const doc = (s: { toJSON(): unknown }) => JSON.parse(JSON.stringify(s.toJSON()));

describe('samplers: fromJSON loads exactly what toJSON wrote, or throws SerializationError naming the field', () => {
  it('a malformed $map is refused naming its path, never a TypeError', () => {
    const d = doc(new SMOTE({ samplingStrategy: new Map([[1, 30]]) }));
    for (const bad of [{ $map: 5 }, { $map: [5] }, { $map: [[1]] }, { $map: [[{}, 3]] }, { $map: [[1, 'x']] }, {}]) {
      d.params.samplingStrategy = bad;
      const e = errorOf(() => SMOTE.fromJSON(d));
      expect(e.path).toMatch(/^params\.samplingStrategy/);
    }
    d.params.samplingStrategy = {
      $map: [
        [1, 30],
        [1, 40],
      ],
    };
    expect(errorOf(() => SMOTE.fromJSON(d)).message).toMatch(/params\.samplingStrategy\.\$map\[1\]\[0\]/);
  });

  it('an option the constructor refuses is a SerializationError at params.<option>', () => {
    const d = doc(new SMOTE());
    d.params.kNeighbors = 0.5;
    const e = errorOf(() => SMOTE.fromJSON(d));
    expect(e.path).toBe('params.kNeighbors');
    expect(e.message).toMatch(/^SMOTE\.fromJSON: params\.kNeighbors is invalid: SMOTE: kNeighbors must be/);
    d.params.k_neighbors = 3;
    delete d.params.kNeighbors;
    expect(errorOf(() => SMOTE.fromJSON(d)).path).toBe('params.k_neighbors');
  });

  it('a missing option is refused, not filled with its default', () => {
    const d = doc(new ADASYN({ nNeighbors: 3 }));
    delete d.params.nNeighbors;
    const e = errorOf(() => ADASYN.fromJSON(d));
    expect(e.path).toBe('params.nNeighbors');
    expect(e.message).toMatch(/holds nothing, but the object it describes writes 5 there/);
  });

  it('a state other than null is refused; an untampered document loads bit-identical', () => {
    const d = doc(new TomekLinks());
    expect(errorOf(() => TomekLinks.fromJSON({ ...d, state: {} })).path).toBe('state');
    const r = new RandomOverSampler({ shrinkage: 0.5, seed: 3, samplingStrategy: new Map([['a', 9]]) });
    expect(doc(RandomOverSampler.fromJSON(JSON.stringify(r.toJSON())))).toEqual(doc(r));
  });
});
