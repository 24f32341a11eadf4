import { describe, expect, it } from 'vitest';
import { SeedPurpose, streamSeed } from '../../../src/sampling/lazy/streamSeed.js';

describe('streamSeed', () => {
  it('is a deterministic 32-bit seed per (seed, coordinates), distinct across them', () => {
    expect(streamSeed(42, SeedPurpose.batch, 3, 7)).toBe(streamSeed(42, SeedPurpose.batch, 3, 7));
    const seen = new Set<number>();
    for (const seed of [0, 1, 2, 2 ** 32, 2 ** 40 + 5])
      for (const purpose of Object.values(SeedPurpose))
        for (let a = 0; a < 20; a++)
          for (let b = 0; b < 4; b++) {
            const s = streamSeed(seed, purpose, a, b);
            expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
            seen.add(s);
          }
    expect(seen.size).toBe(5 * 4 * 20 * 4);
    expect(streamSeed(1, 2, 3)).not.toBe(streamSeed(1, 3, 2));
  });
});
