/**
 * Loads test/fixtures/samplers/*.json (written by test/fixtures/samplers/generate.py from
 * scikit-learn 1.2 / imbalanced-learn 0.10).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Label } from '../../src/index.js';

/** A recorded data set. */
export interface Dataset {
  name: string;
  X: number[][];
  y: Label[];
}

const DIR = join(import.meta.dirname, '../fixtures/samplers');

/** Reads one fixture file. */
export function readFixture<T>(file: string): T & { versions: Record<string, string> } {
  return JSON.parse(readFileSync(join(DIR, file), 'utf8')) as T & { versions: Record<string, string> };
}

const shared = readFixture<{ datasets: Dataset[] }>('datasets.json');

/** The data sets by name. */
export const datasets = new Map(shared.datasets.map((d) => [d.name, d]));

/** The data set `name` (throws when absent). */
export function dataset(name: string): Dataset {
  const d = datasets.get(name);
  if (!d) throw new Error(`no data set ${name}`);
  return d;
}

/** The library versions the fixtures were generated with. */
export const versions = shared.versions;
