/**
 * Pipeline.fromJSON validates every field it reads and reports the path of the first bad one;
 * whatever a step's own loader throws comes out as a SerializationError leading to that step.
 */
import { describe, expect, it } from 'vitest';
import { SerializationError } from '../../src/core/errors.js';
import { MAX_JSON_DEPTH } from '../../src/core/jsonDocument.js';
import { Pipeline } from '../../src/pipeline/index.js';
import { SMOTE } from '../../src/sampling/index.js';
import { Center, Centroid, blobs } from './standins.js';

const { X, y } = blobs([20, 8], ['maj', 'rare'], 2, 2.5, 3);
const classes = { Center, Centroid, SMOTE };

/** A parsed document, edited freely by the cases below. */
// biome-ignore lint/suspicious/noExplicitAny: the tests edit untyped JSON.
type Doc = Record<string, any>;

async function fittedDoc(): Promise<Record<string, unknown>> {
  const pipe = new Pipeline([
    ['center', new Center()],
    ['smote', new SMOTE({ seed: 1, kNeighbors: 3, samplingStrategy: new Map([['rare', 20]]) })],
    ['clf', new Centroid()],
  ]);
  await pipe.fit(X, y);
  return JSON.parse(JSON.stringify(pipe.toJSON())) as Record<string, unknown>;
}

/** The SerializationError `Pipeline.fromJSON(doc)` throws. */
function loadError(doc: unknown): SerializationError {
  try {
    Pipeline.fromJSON(doc, classes);
  } catch (e) {
    expect(e).toBeInstanceOf(SerializationError);
    return e as SerializationError;
  }
  throw new Error('Pipeline.fromJSON accepted the document');
}

/** A copy of `doc` with `edit` applied to it. */
function edited(doc: Record<string, unknown>, edit: (d: Doc) => void): Record<string, unknown> {
  const d = JSON.parse(JSON.stringify(doc)) as Doc;
  edit(d);
  return d;
}

describe('Pipeline.fromJSON validates the state', () => {
  it('refuses a negative row count, naming the field (the issue case)', async () => {
    const doc = await fittedDoc();
    const e = loadError(edited(doc, (d) => (d.state.nSamplesIn = -5)));
    expect(e.message).toBe('Pipeline.fromJSON: state.nSamplesIn must be an integer ≥ 1, received -5.');
    expect(e.path).toBe('state.nSamplesIn');
  });

  it('refuses every other broken state field with its path', async () => {
    const doc = await fittedDoc();
    const cases: Array<[(d: Doc) => void, string, RegExp]> = [
      [(d) => delete d.state.nSamplesFinal, 'state.nSamplesFinal', /is missing/],
      [(d) => (d.state.nSamplesFinal = 1.5), 'state.nSamplesFinal', /integer ≥ 0/],
      [(d) => (d.state.nSamplesIn = '28'), 'state.nSamplesIn', /received "28"/],
      [(d) => (d.state.extra = 1), 'state.extra', /not a known field/],
      [(d) => (d.state = []), 'state', /must be an object/],
      [(d) => (d.state.classCountsIn = {}), 'state.classCountsIn', /array of \[key, value\] pairs/],
      [(d) => (d.state.classCountsIn[0] = ['maj']), 'state.classCountsIn[0]', /\[key, value\] pair/],
      [(d) => (d.state.classCountsIn[1][0] = 'maj'), 'state.classCountsIn[1][0]', /not already in/],
      [
        (d) => (d.state.classCountsIn[1][0] = 7),
        'state.classCountsIn[1][0]',
        /must be a string like state\.classCountsIn\[0\]\[0\]/,
      ],
      [(d) => (d.state.classCountsIn[1][0] = 0.5), 'state.classCountsIn[1][0]', /continuous/],
      [(d) => (d.state.classCountsIn[1][1] = 0), 'state.classCountsIn[1][1]', /integer ≥ 1/],
      [(d) => (d.state.classCountsIn[1][1] = null), 'state.classCountsIn[1][1]', /received null/],
      [(d) => (d.state.classCountsIn[0][1] += 1), 'state.classCountsIn', /sum to 29, but state\.nSamplesIn is 28/],
      [(d) => d.state.classCountsFinal.pop(), 'state.classCountsFinal', /sum to 20, but state\.nSamplesFinal/],
    ];
    for (const [edit, path, message] of cases) {
      const e = loadError(edited(doc, edit));
      expect(e.path, path).toBe(path);
      expect(e.message, path).toMatch(message);
    }
  });

  it('loads its own output unchanged; counts out of sorted order are refused (toJSON sorts them)', async () => {
    const doc = await fittedDoc();
    expect(Pipeline.fromJSON(doc, classes).toJSON()).toEqual(doc);
    const swapped = edited(doc, (d) => d.state.classCountsIn.reverse());
    expect(loadError(swapped).path).toBe('state.classCountsIn[1][0]');
  });
});

describe('Pipeline.fromJSON validates the steps', () => {
  it('refuses bad step lists and names with their path', async () => {
    const doc = await fittedDoc();
    const cases: Array<[(d: Doc) => void, string]> = [
      [(d) => (d.params.steps = []), 'params.steps'],
      [(d) => (d.params.steps = {}), 'params.steps'],
      [(d) => (d.params.extra = 1), 'params.extra'],
      [(d) => (d.params.steps[1] = ['smote']), 'params.steps[1]'],
      [(d) => (d.params.steps[1][0] = ''), 'params.steps[1][0]'],
      [(d) => (d.params.steps[1][0] = 3), 'params.steps[1][0]'],
      [(d) => (d.params.steps[1][0] = 'center'), 'params.steps[1][0]'],
      [(d) => (d.params.steps[1][1] = 'skip'), 'params.steps[1][1]'],
      [(d) => (d.params.steps[1][1].format = 'imbalanced-tabular/toString'), 'params.steps[1][1].format'],
      [(d) => (d.params.steps[1][1].format = 'imbalanced-tabular/__proto__'), 'params.steps[1][1].format'],
    ];
    for (const [edit, path] of cases) expect(loadError(edited(doc, edit)).path, path).toBe(path);
  });

  it("a malformed $map in a step's params is a SerializationError leading to the step, not a TypeError", async () => {
    const doc = await fittedDoc();
    const e = loadError(edited(doc, (d) => (d.params.steps[1][1].params.samplingStrategy = { $map: [1, 2] })));
    expect(e.message).toMatch(/^Pipeline\.fromJSON: step "smote" \(params\.steps\[1\]\[1\]\) cannot be rebuilt\./);
    expect(e.path?.startsWith('params.steps[1][1]')).toBe(true);
    expect(e.cause).toBeInstanceOf(Error);
  });

  it("what a step's constructor refuses is a SerializationError with the step's error as cause", async () => {
    const doc = await fittedDoc();
    const e = loadError(edited(doc, (d) => (d.params.steps[1][1].params.kNeighbors = -5)));
    expect(e.message).toMatch(/step "smote" \(params\.steps\[1\]\[1\]\) cannot be rebuilt\. SMOTE\.fromJSON: /);
    expect(e.message).toMatch(/params\.kNeighbors is invalid: SMOTE: kNeighbors/);
    // SMOTE.fromJSON's SerializationError, caused by the constructor's InvalidParameterError
    expect((e.cause as Error).name).toBe('SerializationError');
    expect(((e.cause as Error).cause as Error).name).toBe('InvalidParameterError');
  });

  it('a nested pipeline reports the full path of its bad field', async () => {
    const outer = new Pipeline([
      ['inner', new Pipeline([['center', new Center()]]) as never],
      ['clf', new Centroid()],
    ]);
    await outer.fit(X, y);
    const doc = JSON.parse(JSON.stringify(outer.toJSON()));
    doc.params.steps[0][1].state.nSamplesIn = -1;
    const e = loadError(doc);
    expect(e.path).toBe('params.steps[0][1].state.nSamplesIn');
    expect(e.message).toMatch(/step "inner" \(params\.steps\[0\]\[1\]\) cannot be rebuilt\. Pipeline\.fromJSON: state/);
  });

  it('a pipeline nested 20 000 levels deep is a SerializationError, not a stack overflow', () => {
    const depth = 20_000;
    const open = '{"format":"imbalanced-tabular/Pipeline","version":1,"params":{"steps":[["p",';
    const close = ']]},"state":null}';
    const inner = JSON.stringify(new Pipeline([['c', new Center()]]).toJSON());
    const text = open.repeat(depth) + inner + close.repeat(depth);
    for (const doc of [text, JSON.parse(text)]) {
      const e = loadError(doc);
      expect(e.message).toMatch(new RegExp(`more than ${MAX_JSON_DEPTH} levels deep`));
    }
    // Ten levels load.
    const ten = open.repeat(10) + inner + close.repeat(10);
    expect(Pipeline.fromJSON(ten, classes).toJSON()).toEqual(JSON.parse(ten));
  });
});
