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
});
