/**
 * Data that lives outside the repository, beside it in `../shared/` (the real LAPD sample). A
 * clone of the repository alone has none: tests that need it are skipped there with the reason in
 * their name; under `CI=true` they run, and fail when the data is missing.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The project root (this file is `test/support/sharedData.ts`). */
export const projectRoot = join(import.meta.dirname, '..', '..');

/** The real LAPD sample: 22,926 rows of the official table (see `../shared/data/lapd/README.md`). */
export const lapdSamplePath = join(projectRoot, '..', 'shared', 'data', 'lapd', 'lapd-sample.csv');

/** Whether CI is set (`CI=true`, as `.ci/run` sets it). */
export const inCI = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

/**
 * `describe` for a block that needs a file outside the repository. Present: runs as usual.
 * Missing outside CI: the block is skipped and its name says why. Missing under CI: the block
 * runs with one failing test that names the file, so CI can never pass without the data.
 */
export function describeWithSharedFile(name: string, path: string, body: () => void): void {
  const present = existsSync(path);
  if (present) {
    describe(name, body);
  } else if (inCI) {
    describe(name, () => {
      it('has its data (CI must)', () => {
        expect(present, `CI=true but ${path} is missing`).toBe(true);
      });
    });
  } else {
    // The body is not collected (it usually reads the file at collection time).
    describe(name, () => {
      it.skip(`skipped: ${path} not found (a clone has no ../shared; CI runs it)`, () => {});
    });
  }
}
