/**
 * examples/custom-sampler.ts as its author would test it: the library's exported conformance suite
 * (`imbalanced-tabular/testing`) on the user-written `Jitter`, both imported by the package name —
 * so both resolve to the built package, as in a user's project (one copy of the error classes the
 * suite checks with `instanceof`).
 */
import { samplerChecks } from 'imbalanced-tabular/testing';
import { describe, expect, it } from 'vitest';
import { Jitter } from '../../examples/custom-sampler.js';

// 3 classes (36 / 12 / 6 rows), 2 features.
const X: number[][] = [];
const y: number[] = [];
for (let i = 0; i < 54; i++) {
  const c = i % 9 === 0 ? 2 : i % 4 === 0 ? 1 : 0;
  X.push([c + ((i * 7) % 11) / 11, ((i * 5) % 13) / 13 - c]);
  y.push(c);
}

describe('Jitter (examples/custom-sampler.ts) passes the conformance suite', () => {
  for (const c of samplerChecks({ name: 'Jitter', create: (seed: number) => new Jitter({ seed }), X, y }))
    it(c.name, c.run);
});

describe('Jitter', () => {
  it('balances the classes, originals first, new rows near their class', () => {
    const { X: Xr, y: yr } = new Jitter({ sigma: 0.01, seed: 3 }).fitResample(X, y);
    const counts = new Map<number, number>();
    for (const label of yr) counts.set(label as number, (counts.get(label as number) ?? 0) + 1);
    expect([...counts.values()]).toEqual([36, 36, 36]);
    expect(Xr.to2DArray().slice(0, X.length)).toEqual(X);
    expect(yr.slice(0, y.length)).toEqual(y);
  });
});
