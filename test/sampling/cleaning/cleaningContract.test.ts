/**
 * What every cleaning sampler shares: the conformance suite, option validation (unknown keys,
 * imbalanced-learn's refusals), the cleaning samplingStrategy language and the JSON round trip.
 */
import { describe, expect, it } from 'vitest';
import {
  AllKNN,
  CondensedNearestNeighbour,
  DataValidationError,
  EditedNearestNeighbours,
  InvalidParameterError,
  NearMiss,
  NeighbourhoodCleaningRule,
  OneSidedSelection,
  RepeatedEditedNearestNeighbours,
  type Sampler,
  SerializationError,
  TomekLinks,
} from '../../../src/index.js';
import { KNeighbors } from '../../../src/sampling/neighbors/index.js';
import { samplerChecks } from '../../../src/testing/index.js';
import { type Dataset, datasets, optionsOf, refusals, versions } from './cleaningFixtures.js';

// biome-ignore lint/suspicious/noExplicitAny: constructors with different option types
type Ctor = (new (options?: any) => Sampler) & { fromJSON(json: unknown): Sampler };
const SAMPLERS: Record<string, { Ctor: Ctor; random: boolean }> = {
  TomekLinks: { Ctor: TomekLinks, random: false },
  EditedNearestNeighbours: { Ctor: EditedNearestNeighbours, random: false },
  RepeatedEditedNearestNeighbours: { Ctor: RepeatedEditedNearestNeighbours, random: false },
  AllKNN: { Ctor: AllKNN, random: false },
  NeighbourhoodCleaningRule: { Ctor: NeighbourhoodCleaningRule, random: false },
  NearMiss: { Ctor: NearMiss, random: false },
  CondensedNearestNeighbour: { Ctor: CondensedNearestNeighbour, random: true },
  OneSidedSelection: { Ctor: OneSidedSelection, random: true },
};
const tri = datasets.get('tri3d') as Dataset;
const y = tri.y as number[];

it('fixtures come from imbalanced-learn 0.10', () => {
  expect(versions['imbalanced-learn']).toMatch(/^0\.10\./);
});

describe('conformance', () => {
  for (const [name, { Ctor, random }] of Object.entries(SAMPLERS)) {
    describe(name, () => {
      const create = (seed: number) => new Ctor(random ? { seed } : {});
      for (const c of samplerChecks({
        name,
        create,
        fromJSON: Ctor.fromJSON,
        X: tri.X,
        y,
        random,
        keepsOriginals: false,
      }))
        it(c.name, c.run);
    });
  }
});

describe('options', () => {
  const typos: Array<[string, string, string]> = [
    ['TomekLinks', 'sampling_strategy', 'samplingStrategy'],
    ['EditedNearestNeighbours', 'n_neighbors', 'nNeighbors'],
    ['RepeatedEditedNearestNeighbours', 'max_iter', 'maxIter'],
    ['AllKNN', 'allow_minority', 'allowMinority'],
    ['NeighbourhoodCleaningRule', 'threshold_cleaning', 'thresholdCleaning'],
    ['NearMiss', 'n_neighbors_ver3', 'nNeighborsVer3'],
    ['CondensedNearestNeighbour', 'n_seeds_S', 'nSeedsS'],
    ['OneSidedSelection', 'kNeighbors', 'nNeighbors'],
  ];
  for (const [name, typo, right] of typos) {
    it(`${name} rejects the unknown option ${typo}, suggesting ${right}`, () => {
      const { Ctor } = SAMPLERS[name]!;
      expect(() => new Ctor({ [typo]: 3 })).toThrow(InvalidParameterError);
      expect(() => new Ctor({ [typo]: 3 })).toThrow(`${name}: unknown option "${typo}" — did you mean '${right}'?`);
    });
  }

  it('the deterministic samplers take no seed (imbalanced-learn has no random_state for them)', () => {
    for (const [name, { Ctor, random }] of Object.entries(SAMPLERS)) {
      if (random) expect(() => new Ctor({ seed: 1 }), name).not.toThrow();
      else expect(() => new Ctor({ seed: 1 }), name).toThrow(`${name}: unknown option "seed"`);
    }
  });

  it('defaults are imbalanced-learn 0.10 defaults', () => {
    expect(new EditedNearestNeighbours().params).toMatchObject({
      samplingStrategy: 'auto',
      nNeighbors: 3,
      kindSel: 'all',
    });
    expect(new RepeatedEditedNearestNeighbours().params).toMatchObject({ nNeighbors: 3, maxIter: 100, kindSel: 'all' });
    expect(new AllKNN().params).toMatchObject({ nNeighbors: 3, kindSel: 'all', allowMinority: false });
    expect(new NeighbourhoodCleaningRule().params).toMatchObject({
      nNeighbors: 3,
      kindSel: 'all',
      thresholdCleaning: 0.5,
    });
    expect(new NearMiss().params).toMatchObject({ version: 1, nNeighbors: 3, nNeighborsVer3: 3 });
    expect(new CondensedNearestNeighbour().params).toMatchObject({ nNeighbors: 1, nSeedsS: 1 });
    expect(new OneSidedSelection().params).toMatchObject({ nNeighbors: 1, nSeedsS: 1 });
  });

  it('a neighbors object must be a NeighborSearch', () => {
    expect(() => new TomekLinks({ neighbors: {} as never })).toThrow(InvalidParameterError);
    expect(() => new NearMiss({ neighbors: 3 as never })).toThrow(InvalidParameterError);
  });
});

describe('imbalanced-learn refusals, with typed errors', () => {
  for (const r of refusals) {
    it(`${r.sampler} ${JSON.stringify(r.params)} on ${r.dataset} (${r.error?.split(':')[0]})`, () => {
      const { Ctor } = SAMPLERS[r.sampler]!;
      const ds = datasets.get(r.dataset) as Dataset;
      if (r.stage === 'construct') {
        expect(() => new Ctor(optionsOf(r))).toThrow(InvalidParameterError);
      } else {
        const s = new Ctor(optionsOf(r));
        expect(() => s.fitResample(ds.X, ds.y)).toThrow(DataValidationError);
      }
    });
  }

  it('messages say who, what and how to fix', () => {
    expect(() => new NearMiss({ version: 4 as never })).toThrow(
      'NearMiss: version must be an integer from 1 to 3, received 4.',
    );
    expect(() => new EditedNearestNeighbours({ kindSel: 'foo' as never })).toThrow(
      "EditedNearestNeighbours: kindSel must be one of 'all', 'mode', received \"foo\".",
    );
    expect(() => new TomekLinks({ samplingStrategy: new Map([[0, 10]]) as never })).toThrow(
      /as a dict for cleaning methods is not supported.*Pass the classes as a list: \[0\]/,
    );
    expect(() => new AllKNN({ samplingStrategy: 'minority' as never })).toThrow(/'minority' cannot be used/);
    expect(() => new EditedNearestNeighbours({ samplingStrategy: 0.5 as never })).toThrow(/has no ratio/);
    expect(() => new EditedNearestNeighbours({ samplingStrategy: (() => new Map()) as never })).toThrow(
      InvalidParameterError,
    );
    const small = datasets.get('small30') as Dataset;
    expect(() => new NearMiss({ nNeighbors: 12 }).fitResample(small.X, small.y)).toThrow(
      'NearMiss.fitResample: the minority class 1 has 11 rows, fewer than nNeighbors = 12',
    );
    expect(() => new EditedNearestNeighbours({ nNeighbors: 30 }).fitResample(small.X, small.y)).toThrow(
      'EditedNearestNeighbours.fitResample: nNeighbors = 30 needs at least 31 rows to search, but only 30 are given.',
    );
    expect(() => new CondensedNearestNeighbour({ nSeedsS: 20, seed: 0 }).fitResample(small.X, small.y)).toThrow(
      'CondensedNearestNeighbour.fitResample: class 0 has 19 rows, fewer than nSeedsS = 20 distinct seed rows.',
    );
    expect(() => new OneSidedSelection({ nNeighbors: 15, seed: 0 }).fitResample(small.X, small.y)).toThrow(
      'OneSidedSelection.fitResample: class 0 is judged by a 15-NN vote over the minority class 1 (11 rows) plus ' +
        '1 seed row(s), only 12 rows. Lower nNeighbors to at most 12.',
    );
    expect(() => new TomekLinks({ samplingStrategy: [0, 7] }).fitResample(small.X, small.y)).toThrow(
      /class 7 that is not present in y/,
    );
  });
});

describe('samplingStrategy as a list of classes', () => {
  it('targets exactly the listed classes, and is the same as the equivalent name', () => {
    const a = new EditedNearestNeighbours({ samplingStrategy: [0, 1] }).fitResample(tri.X, tri.y);
    const b = new EditedNearestNeighbours({ samplingStrategy: 'not minority' }).fitResample(tri.X, tri.y);
    expect(Array.from(a.sampleIndices!)).toEqual(Array.from(b.sampleIndices!));
    const s = new EditedNearestNeighbours({ samplingStrategy: [2] });
    s.fitResample(tri.X, tri.y);
    expect(s.fitted.samplingStrategy).toEqual(new Map([[2, 19]])); // imbalanced-learn's sampling_strategy_
  });

  it('an empty list cleans nothing', () => {
    const out = new TomekLinks({ samplingStrategy: [] }).fitResample(tri.X, tri.y);
    expect(Array.from(out.sampleIndices!)).toEqual(tri.y.map((_, i) => i));
  });

  it('is copied and written to JSON as a list', () => {
    const list = ['b', 'a'];
    const s = new RepeatedEditedNearestNeighbours({ samplingStrategy: list, maxIter: 3 });
    list.push('c');
    const json = JSON.parse(JSON.stringify(s.toJSON()));
    expect(json.params).toEqual({ samplingStrategy: ['b', 'a'], nNeighbors: 3, kindSel: 'all', maxIter: 3 });
    const again = RepeatedEditedNearestNeighbours.fromJSON(json);
    expect(JSON.stringify(again.toJSON())).toBe(JSON.stringify(s.toJSON()));
    const str = datasets.get('str4d') as Dataset;
    const a = new AllKNN({ samplingStrategy: ['neg'] });
    const b = AllKNN.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    expect(b.fitResample(str.X, str.y)).toEqual(a.fitResample(str.X, str.y));
  });

  it('rejects a list with a non-label or a duplicate', () => {
    expect(() => new TomekLinks({ samplingStrategy: [0, 0] })).toThrow(InvalidParameterError);
    expect(() => new TomekLinks({ samplingStrategy: [{}] as never })).toThrow(InvalidParameterError);
  });

  it('a custom neighbour search gives the same rows, and cannot be written to JSON', () => {
    const custom = new KNeighbors({ algorithm: 'brute', kernel: 'js' });
    const a = new NeighbourhoodCleaningRule({ neighbors: custom, kindSel: 'mode' }).fitResample(tri.X, tri.y);
    const b = new NeighbourhoodCleaningRule({ kindSel: 'mode' }).fitResample(tri.X, tri.y);
    expect(a).toEqual(b);
    expect(() => new NearMiss({ neighbors: custom }).toJSON()).toThrow(SerializationError);
    expect(() => new TomekLinks({ neighbors: custom }).toJSON()).toThrow(SerializationError);
  });
});
