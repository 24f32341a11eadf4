/**
 * The seeds of a lazy sampler's stream: every random step of an epoch — the draw of its original
 * rows and its shuffle, each batch's synthetic rows, each cycle's permutation of a class — has its
 * own seed derived from the sampler's seed and the step's coordinates, so that any epoch or batch
 * is reproduced without replaying the ones before it.
 *
 * @internal
 * @module
 */

/** What a derived seed is for (the first coordinate, so streams of different steps never coincide). @internal */
export const SeedPurpose = {
  /** An epoch's layout: its fresh original draws and its shuffle (coordinates: epoch). */
  epoch: 1,
  /** A batch's synthetic rows (coordinates: epoch, batch). */
  batch: 2,
  /** A class's permutation for one cycle of its originals (coordinates: class, cycle). */
  cycle: 3,
  /** The eager hook's run for an epoch, in the base class's fallback (coordinates: epoch). */
  hook: 4,
} as const;

/** MurmurHash3's 32-bit finalizer. */
function fmix32(h: number): number {
  let x = h >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** The low and high 32-bit words of a non-negative safe integer. */
function words(v: number): [number, number] {
  return [v >>> 0, Math.floor(v / 0x1_0000_0000) >>> 0];
}

/**
 * A 32-bit seed derived from `seed` and the coordinates `parts` (non-negative safe integers), by
 * hashing them in order. @internal
 */
export function streamSeed(seed: number, ...parts: number[]): number {
  const [lo, hi] = words(seed);
  let h = fmix32(lo ^ 0x9e3779b9) ^ fmix32(hi + 0x7f4a7c15);
  for (const p of parts) {
    const [a, b] = words(p);
    h = fmix32(Math.imul(h ^ fmix32(a + 0x632be5ab), 0x9e3779b1) + fmix32(b ^ 0x85ebca77));
  }
  return h >>> 0;
}
