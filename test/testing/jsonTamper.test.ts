import { describe, expect, it } from 'vitest';
import { Pipeline } from '../../src/pipeline/index.js';
import { ConformanceError, jsonTamperChecks } from '../../src/testing/index.js';
import { Majority, Shift, TrustingShift } from './strictStandins.js';

const X = [
  [1, 2],
  [3, 5],
  [4, 4],
  [2, 1],
  [5, 3],
];
const y = ['a', 'a', 'b', 'a', 'c'];

async function failureOf(run: () => void | Promise<void>): Promise<string | undefined> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(ConformanceError);
    return (e as Error).message;
  }
  return undefined;
}

describe('jsonTamperChecks', () => {
  it('passes a loader that validates every field (free values declared)', async () => {
    for (const c of jsonTamperChecks({
      name: 'Shift',
      create: () => new Shift({ scale: 2 }).fit(X),
      fromJSON: Shift.fromJSON,
      freeValues: ['state.offset[*]', 'params.scale', 'params.mode'],
      optional: ['state'],
    }))
      expect(await failureOf(c.run)).toBeUndefined();
  });

  it('without the free values, a faithful load of an edited value counts as a different object', async () => {
    const [c] = jsonTamperChecks({ name: 'Shift', create: () => new Shift().fit(X), fromJSON: Shift.fromJSON });
    const msg = await failureOf((c as { run: () => Promise<void> }).run);
    expect(msg).toMatch(
      /state\.offset\[0\] negated .*: loaded a different object \(its toJSON differs at \$\.state\.offset\[0\]/,
    );
  });

  it('distinct: an element replaced by its neighbour must be refused even at free values', async () => {
    const [c] = jsonTamperChecks({
      name: 'Shift',
      create: () =>
        new Shift().fit([
          [1, 2],
          [3, 7],
        ]),
      fromJSON: Shift.fromJSON,
      freeValues: ['state.offset[*]', 'params.*'],
      optional: ['state'],
      distinct: ['state.offset'],
    });
    const msg = await failureOf((c as { run: () => Promise<void> }).run);
    expect(msg).toMatch(
      /accepted 1 of \d+ tampered documents:\n {2}state\.offset\[1\] set to element \[0\]: loaded a different/,
    );
  });

  it('fails a trusting loader, listing each tampering it accepted or crashed on', async () => {
    const [c] = jsonTamperChecks({
      name: 'TrustingShift',
      create: () => new TrustingShift().fit(X),
      fromJSON: TrustingShift.fromJSON,
      freeValues: ['state.offset[*]', 'params.scale', 'params.mode'],
      optional: ['state'],
    });
    const msg = (await failureOf((c as { run: () => Promise<void> }).run)) as string;
    expect(msg).toMatch(/^TrustingShift\.fromJSON accepted \d+ of \d+ tampered documents:/);
    expect(msg).toMatch(/params\.scale set to NaN: loaded a different object/);
    expect(msg).toMatch(/state set to \{\}: threw TypeError \(not a serialization error\)/);
  });

  it('Pipeline.fromJSON passes: its own fields strict, steps rebuilt by strict loaders', async () => {
    for (const c of jsonTamperChecks({
      name: 'Pipeline',
      create: async () => {
        const pipe = new Pipeline([
          ['shift', new Shift({ scale: 0.5 })],
          ['skip', 'passthrough'],
          ['clf', new Majority() as never],
        ]);
        return pipe.fit(X, y);
      },
      fromJSON: (j) => Pipeline.fromJSON(j, { Shift, Majority }),
      // A pipeline's step list is free in length and content (any steps form a pipeline), and
      // an unfitted state is null; its counts and their consistency are not.
      optional: ['state', 'params.steps', 'params.steps[*]', 'params.steps[*][1]', 'params.steps[*][1].state'],
      freeValues: [
        'params.steps[*][0]',
        'params.steps[*][1].params.*',
        'params.steps[*][1].state.offset[*]',
        'params.steps[*][1].state.classes[*]',
        'params.steps[*][1].state.counts[*]',
        'state.classCountsIn[*][0]',
        'state.classCountsFinal[*][0]',
      ],
      distinct: ['params.steps[*][1].state.classes'],
    }))
      expect(await failureOf(c.run)).toBeUndefined();
  });
});
