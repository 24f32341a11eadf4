/**
 * The tie rules and the corrected imbalanced-learn 0.10 bugs, on small hand-made data whose
 * expected rows are written out (each checked against imbalanced-learn 0.10 by hand: the values
 * in the comments are what it returns).
 */
import { describe, expect, it } from 'vitest';
import {
  CondensedNearestNeighbour,
  EditedNearestNeighbours,
  type Label,
  NearMiss,
  NeighbourhoodCleaningRule,
  type Random,
  RepeatedEditedNearestNeighbours,
  TomekLinks,
} from '../../../src/index.js';
import { firstMinority } from '../../../src/sampling/cleaningStrategy.js';
import { classCodes } from '../../../src/sampling/cleaningStrategy.js';
import { casesOf } from './cleaningFixtures.js';

const rows = (out: { sampleIndices?: Int32Array }) => Array.from(out.sampleIndices ?? []);

describe('TomekLinks: which row of a link goes', () => {
  // rows 1 (a) and 2 (b) are each other's nearest row: a Tomek link. Row 3's nearest is row 2,
  // but row 2's is row 1, so 3 is in no link.
  const X = [[0], [5], [5.6], [9], [20]];
  const y = ['a', 'a', 'b', 'a', 'b'];
  const cases: Array<[ConstructorParameters<typeof TomekLinks>[0], number[]]> = [
    [{}, [0, 2, 3, 4]], // 'auto' = not minority: the majority row of the link
    [{ samplingStrategy: 'majority' }, [0, 2, 3, 4]],
    [{ samplingStrategy: 'all' }, [0, 3, 4]], // both rows
    [{ samplingStrategy: ['b'] }, [0, 1, 3, 4]], // the listed class's row
    [{ samplingStrategy: 'not majority' }, [0, 1, 3, 4]],
  ];
  for (const [options, expected] of cases) {
    it(`${JSON.stringify(options)} keeps ${expected}`, () => {
      const out = new TomekLinks(options).fitResample(X, y);
      expect(rows(out)).toEqual(expected);
      expect(out.y).toEqual(expected.map((i) => y[i]));
    });
  }
  it('a link between two targeted classes loses both rows; output stays in input order', () => {
    // with a third, smaller class 'c', 'auto' targets both 'a' and 'b'
    expect(rows(new TomekLinks().fitResample([...X, [100]], [...y, 'c']))).toEqual([0, 3, 4, 5]);
  });
});

describe('EditedNearestNeighbours: kindSel and ties in the vote', () => {
  // Rows 0–3 each have one neighbour of class 0 and one of class 1 among their 2 nearest.
  const X = [[0], [1], [2.5], [-1.2], [50], [51], [52]];
  const y = [0, 1, 1, 0, 1, 1, 1];
  it("'mode' with a tie: the first class in sorted order is the mode (class 0 rows stay, class 1 rows go)", () => {
    const out = new EditedNearestNeighbours({ nNeighbors: 2, kindSel: 'mode', samplingStrategy: 'all' }).fitResample(
      X,
      y,
    );
    expect(rows(out)).toEqual([0, 3, 4, 5, 6]);
  });
  it("'all': any neighbour of another class removes the row (here class 0 vanishes)", () => {
    const out = new EditedNearestNeighbours({ nNeighbors: 2, kindSel: 'all', samplingStrategy: 'all' }).fitResample(
      X,
      y,
    );
    expect(rows(out)).toEqual([4, 5, 6]);
    expect(out.y).toEqual([1, 1, 1]);
  });
  it('the same with string labels: the tie goes to the first label in sorted order', () => {
    const ys = y.map((c) => (c === 0 ? 'x' : 'w')); // now class 1 ('w') sorts first
    const out = new EditedNearestNeighbours({ nNeighbors: 2, kindSel: 'mode', samplingStrategy: 'all' }).fitResample(
      X,
      ys,
    );
    expect(rows(out)).toEqual([1, 2, 4, 5, 6]);
  });
});

describe('NearMiss: equal scores keep input order', () => {
  // one minority row at the origin; four majority rows at distance exactly 1, one at 3
  const X = [
    [3, 0],
    [1, 0],
    [0, 1],
    [-1, 0],
    [0, -1],
    [0, 0],
  ];
  const y = ['maj', 'maj', 'maj', 'maj', 'maj', 'min'];
  const keep3 = new Map([['maj', 3]]);
  it('version 1 and 2 (nearest / farthest minority): the first three of the four tied rows', () => {
    for (const version of [1, 2] as const) {
      const out = new NearMiss({ version, nNeighbors: 1, samplingStrategy: keep3 }).fitResample(X, y);
      expect(rows(out), `version ${version}`).toEqual([1, 2, 3, 5]);
    }
  });
  it('version 3 (largest first, a stable sort too): the farthest row, then the tied ones in order', () => {
    const out = new NearMiss({ version: 3, nNeighbors: 1, nNeighborsVer3: 5, samplingStrategy: keep3 }).fitResample(
      X,
      y,
    );
    expect(rows(out)).toEqual([0, 1, 2, 5]);
  });
});

describe("imbalanced-learn's minority: ties go to the class that appears first in y", () => {
  it('firstMinority follows first appearance; sorted order decides what "not minority" spares', () => {
    const y: Label[] = ['z', 'b', 'a', 'a', 'z', 'b', 'b'];
    const counts = new Map<Label, number>([
      ['a', 2],
      ['b', 3],
      ['z', 2],
    ]);
    expect(firstMinority(y, counts)).toBe('z');
    expect(Array.from(classCodes(y, counts))).toEqual([2, 1, 0, 0, 2, 1, 1]);
  });
  it('the fixtures include such ties and pass (tie4, tie3str)', () => {
    const tied = casesOf('nearMiss.json').filter((c) => c.dataset.startsWith('tie'));
    expect(tied.length).toBeGreaterThan(20);
  });
});

describe('NeighbourhoodCleaningRule kindSel all: the published rule, not imbalanced-learn 0.10', () => {
  // Each minority row (class 0) has only majority rows among its 3 nearest. Published rule: it is
  // misclassified, so its majority neighbours go. imbalanced-learn 0.10 tests np.all([1, 1, 1])
  // (label truthiness) = True, "well classified", and removes nothing: [0, 1, …, 9].
  const X = [[0], [1], [-1.1], [2.2], [-3.3], [50], [51], [52.4], [48.5], [53.7]];
  const y = [0, 1, 1, 1, 1, 0, 1, 1, 1, 1];
  it('removes the neighbours of the misclassified minority rows', () => {
    expect(rows(new NeighbourhoodCleaningRule({ kindSel: 'all' }).fitResample(X, y))).toEqual([0, 4, 5, 9]);
  });
  it("'mode' agrees here, as with imbalanced-learn 0.10 ([0, 4, 5, 9])", () => {
    expect(rows(new NeighbourhoodCleaningRule({ kindSel: 'mode' }).fitResample(X, y))).toEqual([0, 4, 5, 9]);
  });
  it('string labels work (imbalanced-learn 0.10 raises a UFuncTypeError)', () => {
    const ys = y.map((c) => (c === 0 ? 'min' : 'maj'));
    expect(rows(new NeighbourhoodCleaningRule().fitResample(X, ys))).toEqual([0, 4, 5, 9]);
  });
});

describe('CondensedNearestNeighbour adds every misclassified row (imbalanced-learn 0.10 skips some)', () => {
  // b (the minority) at 0; class a: the seed (position 0, row 1) at 10, then 1, 20, 2.
  // Row 2 (at 1) is nearer b than the seed: misclassified, added. Row 4 (at 2) is then nearest
  // to row 2: well classified. imbalanced-learn 0.10 (random_state=0 draws position 0) skips
  // position 1 because its skip list holds row index 1 of the seed, then adds row 4: [1, 4, 0].
  class SeedZero extends CondensedNearestNeighbour {
    protected override drawSeeds(_rng: Random, _label: Label, _n: number): Int32Array {
      return Int32Array.of(0);
    }
  }
  it('keeps the seed and row 2', () => {
    const out = new SeedZero().fitResample([[0], [10], [1], [20], [2]], ['b', 'a', 'a', 'a', 'a']);
    expect(rows(out)).toEqual([1, 2, 0]);
    expect(out.y).toEqual(['a', 'a', 'b']);
  });
});

describe('RepeatedEditedNearestNeighbours: sampleIndices always match the rows output', () => {
  // Two clean clusters: the first pass removes nothing and RENN converges at once. imbalanced-learn
  // 0.10 outputs X[P] (P = [0, 2, 4, 6, 1, 3, 5], class 0 rows then class 1 rows) but reports
  // sample_indices_ = P[P] = [0, 4, 1, 5, 2, 6, 3].
  const X = [
    [0, 0],
    [10, 10],
    [0.5, 0],
    [10.4, 10],
    [0, 0.7],
    [10, 10.9],
    [0.2, 0.3],
  ];
  const y = [0, 1, 0, 1, 0, 1, 0];
  it('reports P, and one pass', () => {
    const renn = new RepeatedEditedNearestNeighbours();
    const out = renn.fitResample(X, y);
    expect(rows(out)).toEqual([0, 2, 4, 6, 1, 3, 5]);
    expect(out.X.to2DArray()).toEqual([0, 2, 4, 6, 1, 3, 5].map((i) => X[i]));
    expect(renn.fitted.nIter).toBe(1);
  });
  it('every fixture case where imbalanced-learn reports other indices is this double application', () => {
    const odd = casesOf('repeatedEditedNearestNeighbours.json').filter((c) => c.imblearnSampleIndices);
    expect(odd.length).toBeGreaterThan(0);
    for (const c of odd) {
      expect(c.nIter).toBe(1);
      expect(c.imblearnSampleIndices).toEqual(c.indices.map((i) => c.indices[i]));
    }
  });
});
