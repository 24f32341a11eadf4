import { describe, expectTypeOf, it } from 'vitest';
import {
  AllKNN,
  type CleaningStrategy,
  CondensedNearestNeighbour,
  EditedNearestNeighbours,
  type EditedNearestNeighboursOptions,
  type Label,
  NearMiss,
  type NearMissOptions,
  NeighbourhoodCleaningRule,
  OneSidedSelection,
  RepeatedEditedNearestNeighbours,
  type ResampleResult,
  type SamplerLike,
  TomekLinks,
} from '../../../src/index.js';

describe('cleaning sampler types', () => {
  it('are samplers returning ResampleResult', () => {
    for (const s of [
      new TomekLinks(),
      new EditedNearestNeighbours(),
      new RepeatedEditedNearestNeighbours(),
      new AllKNN(),
      new NeighbourhoodCleaningRule(),
      new NearMiss(),
      new CondensedNearestNeighbour(),
      new OneSidedSelection(),
    ]) {
      expectTypeOf(s).toMatchTypeOf<SamplerLike>();
      expectTypeOf(s.fitResample).returns.toEqualTypeOf<ResampleResult>();
    }
  });
  it('take a name or a list of classes, and NearMiss the full under-sampling language', () => {
    expectTypeOf<ReadonlyArray<Label>>().toMatchTypeOf<CleaningStrategy>();
    expectTypeOf<'not majority'>().toMatchTypeOf<CleaningStrategy>();
    expectTypeOf<'minority'>().not.toMatchTypeOf<CleaningStrategy>();
    expectTypeOf<Map<Label, number>>().not.toMatchTypeOf<EditedNearestNeighboursOptions['samplingStrategy']>();
    expectTypeOf<Map<Label, number>>().toMatchTypeOf<NearMissOptions['samplingStrategy']>();
    expectTypeOf<4>().not.toMatchTypeOf<NearMissOptions['version']>();
  });
  it('RENN and AllKNN record the passes run', () => {
    expectTypeOf<RepeatedEditedNearestNeighbours['fitted']['nIter']>().toEqualTypeOf<number>();
    expectTypeOf<AllKNN['fitted']['nIter']>().toEqualTypeOf<number>();
  });
});
