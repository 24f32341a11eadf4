import { describe, expect, it } from 'vitest';
import { Random } from '../../src/index.js';
import { smallestInOrder } from '../../src/sampling/smallestInOrder.js';

/** The reference: the first `count` positions of a stable sort by score. */
function stableFirst(scores: Float64Array, count: number): number[] {
  return Array.from(scores.keys())
    .sort((a, b) => (scores[a] as number) - (scores[b] as number))
    .slice(0, Math.max(0, count));
}

describe('smallestInOrder', () => {
  it('is the first count of a stable sort, ties in position order, for any count', () => {
    const rng = new Random(5);
    for (let trial = 0; trial < 2000; trial++) {
      const n = 1 + rng.int(70);
      const levels = 1 + rng.int(8); // few levels: many ties at the cut
      const scores = Float64Array.from({ length: n }, () => rng.int(levels) - (rng.int(4) === 0 ? 0.5 : 0));
      const count = rng.int(n + 3);
      expect(Array.from(smallestInOrder(scores, count))).toEqual(stableFirst(scores, count));
    }
  });

  it('treats -0 and 0 as equal (negated scores), and leaves the scores untouched', () => {
    const scores = Float64Array.from([0, -0, -1, 0, -0]);
    const before = Array.from(scores);
    expect(Array.from(smallestInOrder(scores, 3))).toEqual([2, 0, 1]);
    expect(Array.from(scores)).toEqual(before);
  });
});
