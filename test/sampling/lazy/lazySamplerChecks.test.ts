import { describe, expect, it } from 'vitest';
import {
  ADASYN,
  AllKNN,
  type BatchSource,
  BorderlineSMOTE,
  EditedNearestNeighbours,
  NearMiss,
  NeighbourhoodCleaningRule,
  TomekLinks,
  denseRowSource,
  type LazySampler,
  RandomOverSampler,
  RandomUnderSampler,
  Sampler,
  type SamplerContext,
  SMOTE,
  SMOTENC,
} from '../../../src/index.js';
import { ConformanceError, type LazySamplerShape, lazySamplerChecks } from '../../../src/testing/index.js';
import { Jitter } from '../../support/jitter.js';
import { X, y } from '../samplerTestData.js';

/** A user's under-sampler on the base class with no lazy form of its own: keeps the first rows of each class. */
class KeepFirst extends Sampler {
  constructor(options: { seed?: number } = {}) {
    super({ name: 'KeepFirst', type: 'under-sampling' }, options, {});
  }
  protected resample(ctx: SamplerContext): object {
    for (const [label, keep] of ctx.plan) ctx.keep(label, ctx.indicesOf(label).slice(0, keep));
    return {};
  }
}

const specs: Array<{ name: string; create: (seed: number) => LazySamplerShape; keepsOriginals?: boolean }> = [
  { name: 'SMOTE', create: (seed: number) => new SMOTE({ seed }) },
  {
    name: 'SMOTE (kNeighbors auto, all)',
    create: (seed: number) => new SMOTE({ seed, kNeighbors: 'auto', samplingStrategy: 'all' }),
  },
  { name: 'ADASYN', create: (seed: number) => new ADASYN({ seed, nNeighbors: 3 }) },
  { name: 'SMOTENC', create: (seed: number) => new SMOTENC({ seed, categoricalFeatures: [2] }) },
  { name: 'RandomOverSampler', create: (seed: number) => new RandomOverSampler({ seed }) },
  { name: 'RandomOverSampler (shrinkage)', create: (seed: number) => new RandomOverSampler({ seed, shrinkage: 1 }) },
  { name: 'RandomUnderSampler', create: (seed: number) => new RandomUnderSampler({ seed }), keepsOriginals: false },
  {
    name: 'RandomUnderSampler (replacement)',
    create: (seed: number) => new RandomUnderSampler({ seed, replacement: true }),
    keepsOriginals: false,
  },
  { name: 'BorderlineSMOTE', create: (seed: number) => new BorderlineSMOTE({ seed, kNeighbors: 3, mNeighbors: 6 }) },
  {
    name: 'BorderlineSMOTE (borderline-2)',
    create: (seed: number) => new BorderlineSMOTE({ seed, kNeighbors: 3, mNeighbors: 6, kind: 'borderline-2' }),
  },
  // Cleaning samplers: fit-time selections (some originals removed). The combinations (SMOTETomek,
  // SMOTEENN) are checked in fitTimeStream.test.ts: the suite's count of originals per epoch assumes
  // min(T_c, n_c) originals, and a combination removes originals while it keeps synthetic rows.
  { name: 'TomekLinks', create: () => new TomekLinks(), keepsOriginals: false },
  { name: 'EditedNearestNeighbours', create: () => new EditedNearestNeighbours(), keepsOriginals: false },
  { name: 'AllKNN', create: () => new AllKNN(), keepsOriginals: false },
  { name: 'NeighbourhoodCleaningRule', create: () => new NeighbourhoodCleaningRule(), keepsOriginals: false },
  { name: 'NearMiss', create: () => new NearMiss(), keepsOriginals: false },
  {
    name: "Jitter (a user's over-sampler: the base class's lazy form)",
    create: (seed: number) => new Jitter({ seed }),
  },
  {
    name: "KeepFirst (a user's under-sampler: the base class's lazy form)",
    create: (seed: number) => new KeepFirst({ seed }),
    keepsOriginals: false,
  },
];

for (const spec of specs) {
  describe(`lazy conformance: ${spec.name}`, () => {
    for (const c of lazySamplerChecks({ ...spec, X, y })) it(c.name, c.run);
  });
}

describe('lazySamplerChecks catches a broken lazy form', () => {
  /** Wraps SMOTE's stream and tampers with it. */
  const broken = (tamper: (s: BatchSource) => BatchSource): LazySampler => ({
    fitStream: (Xs, ys, o) => tamper(new SMOTE({ seed: 1 }).fitStream(Xs, ys, o)),
  });
  const run = (s: LazySampler, which: RegExp) => {
    const check = lazySamplerChecks({ name: 'Broken', create: () => s, X, y }).find((c) => which.test(c.name));
    expect(check).toBeDefined();
    return () => check!.run();
  };

  it('epochCounts that do not match the batches', () => {
    const s = broken((src) => ({ ...src, batches: src.batches.bind(src), epochCounts: new Map() }));
    expect(run(s, /epochCounts summing/)).toThrow(ConformanceError);
  });

  it('batches that depend on what was iterated before', () => {
    let calls = 0;
    const s = broken((src) => ({
      ...src,
      batches: (e: number, b: number) => src.batches(e + calls++, b),
      epochCounts: src.epochCounts,
    }));
    expect(run(s, /same seed/)).toThrow(ConformanceError);
  });

  it('a source with the wrong feature count', () => {
    const s = broken((src) => ({ ...src, batches: src.batches.bind(src), nFeatures: 2 }));
    expect(run(s, /nFeatures/)).toThrow(ConformanceError);
  });

  it('a sampler that accepts a single class', () => {
    const s: LazySampler = {
      fitStream: (Xs) =>
        new RandomOverSampler().fitStream(
          Xs,
          X.map((_, i) => i % 2),
        ),
    };
    expect(run(s, /single class/)).toThrow(ConformanceError);
  });

  it('passes on a dense row source built by the user too', () => {
    const src = new SMOTE({ seed: 1 }).fitStream(denseRowSource(Float32Array.from(X.flat()), X.length, 3), y);
    expect(src.nFeatures).toBe(3);
  });
});
