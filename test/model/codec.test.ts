import { describe, expect, it } from 'vitest';
import { SerializationError } from '../../src/core/errors.js';
import { MLPClassifier } from '../../src/mlp.js';

const X = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
  [5, 5],
  [5, 6],
  [6, 5],
  [6, 6],
];
const y = ['a', 'a', 'a', 'a', 'c', 'c', 'c', 'c'];

// biome-ignore lint/suspicious/noExplicitAny: a JSON document edited freely by the tests
async function saved(): Promise<any> {
  const clf = new MLPClassifier({ hiddenLayers: [3], epochs: 2, batchSize: 4, seed: 1, backend: 'cpu' });
  await clf.fit(X, y);
  const doc = JSON.parse(JSON.stringify(clf.toJSON()));
  clf.dispose();
  return doc;
}

// biome-ignore lint/suspicious/noExplicitAny: a JSON document edited freely by the tests
type Doc = any;

function refusal(doc: unknown, path: RegExp): void {
  let err: unknown;
  try {
    MLPClassifier.fromJSON(doc).dispose();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(SerializationError);
  expect((err as SerializationError).path).toMatch(path);
}

describe('MLPClassifier.fromJSON: every field read and checked', () => {
  it('weights of "NaN", beyond float32 or raw NaN are refused (never NaN probabilities)', async () => {
    for (const bad of ['NaN', 1e39, Number.NaN, 'Infinity']) {
      const d = await saved();
      d.state.layers[0].kernel[0] = bad;
      refusal(d, /^state\.layers\[0\]\.kernel\[0\]$/);
    }
  });
  it("duplicate or non-label classes are refused (['a','a'], [{}, []])", async () => {
    const d = await saved();
    d.state.classes = ['a', 'a'];
    refusal(d, /^state\.classes\[1\]$/);
    d.state.classes = [{}, []];
    refusal(d, /^state\.classes\[0\]$/);
  });
  it('a history of another length, a missing param or a foreign class weight are refused', async () => {
    const d = await saved();
    d.state.history.pop();
    refusal(d, /^state\.history$/);
    const e = await saved();
    delete e.params.batchSize;
    refusal(e, /^params\.batchSize$/);
    const f = await saved();
    f.state.classWeight[0][0] = 'b';
    refusal(f, /^state\.classWeight\[0\]\[0\]$/);
  });

  it('class weights are finite and ≥ 0; history logs finite, a loss NaN (diverged) but never negative', async () => {
    for (const [edit, path] of [
      [(d: Doc) => (d.state.classWeight[1][1] = 'Infinity'), /^state\.classWeight\[1\]\[1\]$/],
      [(d: Doc) => (d.state.classWeight[0][1] = -1), /^state\.classWeight\[0\]\[1\]$/],
      [(d: Doc) => (d.state.history[0].accuracy = 'Infinity'), /^state\.history\[0\]\.accuracy$/],
      [(d: Doc) => (d.state.history[1].seconds = 'NaN'), /^state\.history\[1\]\.seconds$/],
      [(d: Doc) => (d.state.history[0].loss = '-Infinity'), /^state\.history\[0\]\.loss$/],
      [(d: Doc) => (d.state.history[0].loss = -0.5), /^state\.history\[0\]\.loss$/],
    ] as const) {
      const d = await saved();
      edit(d);
      refusal(d, path);
    }
    const d = await saved();
    d.state.history[0].loss = 'NaN';
    const m = MLPClassifier.fromJSON(d);
    expect(Number.isNaN(m.history[0]?.loss)).toBe(true);
    m.dispose();
  });

  it('an architecture too large to build is a SerializationError, not an InvalidParameterError', async () => {
    const d = await saved();
    d.params.hiddenLayers = [2 ** 31];
    expect(() => MLPClassifier.fromJSON(d)).toThrow(SerializationError);
    expect(() => MLPClassifier.fromJSON(d)).toThrow(/MLPClassifier\.fromJSON: the saved model cannot be rebuilt/);
  });
});
