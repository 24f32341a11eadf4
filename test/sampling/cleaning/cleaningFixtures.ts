/**
 * Loads test/fixtures/cleaning/*.json (written by test/fixtures/cleaning/generate.py from
 * imbalanced-learn 0.10) and runs a sampler on each case.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Label, ResampleResult } from '../../../src/index.js';

export interface Dataset {
  name: string;
  X: number[][];
  y: Label[];
}

/** One recorded run of an imbalanced-learn sampler. */
export interface Case {
  sampler: string;
  dataset: string;
  /** The options in this library's names; a dict strategy is `{ $map: [[k, v], …] }`. */
  params: Record<string, unknown>;
  /** The rows that come out, in order (for bug cases: the corrected expectation). */
  indices: number[];
  y: Label[];
  /** imbalanced-learn's `sample_indices_` where it differs from the rows it outputs. */
  imblearnSampleIndices?: number[];
  /** RepeatedEditedNearestNeighbours' `n_iter_`. */
  nIter?: number;
  /** CNN / OSS: seed positions within each targeted class, as NumPy drew them. */
  seeds?: Array<[Label, number[]]>;
  /** A known imbalanced-learn 0.10 bug this case hits (then `indices` is the corrected rows). */
  bug?: 'ncr-kind-sel-all' | 'cnn-skip-index';
  /** What imbalanced-learn 0.10 outputs in a bug case. */
  imblearnIndices?: number[];
  /** What imbalanced-learn 0.10 raises in a bug case. */
  imblearnError?: string;
  /** imbalanced-learn's error for this case, when it refuses it. */
  error?: string;
  stage?: 'construct' | 'fit';
}

interface SamplerFile {
  versions: Record<string, string>;
  sampler: string;
  cases: Case[];
}

const DIR = join(import.meta.dirname, '../../fixtures/cleaning');

function read<T>(file: string): T {
  return JSON.parse(readFileSync(join(DIR, file), 'utf8')) as T;
}

const shared = read<{ versions: Record<string, string>; datasets: Dataset[]; errors: Case[] }>('datasets.json');

/** The data sets by name. */
export const datasets = new Map(shared.datasets.map((d) => [d.name, d]));

/** The recorded refusals (construction and fit errors). */
export const refusals = shared.errors;

/** The library versions the fixtures come from. */
export const versions = shared.versions;

/** The cases of one sampler's fixture file. */
export function casesOf(file: string): Case[] {
  return read<SamplerFile>(file).cases;
}

/** The options of a case, with a `$map` strategy turned into a Map. */
export function optionsOf(c: Case): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.params)) {
    const entries = (v as { $map?: Array<[Label, number]> } | null)?.$map;
    out[k] = entries ? new Map(entries) : v;
  }
  return out;
}

/** A readable name for a case. */
export function caseName(c: Case): string {
  return `${c.dataset} ${JSON.stringify(c.params)}${c.bug ? ` [${c.bug}]` : ''}`;
}

/** Checks an output against a case index by index: indices, labels and the rows themselves. */
export function expectCase(out: ResampleResult, c: Case): void {
  const ds = datasets.get(c.dataset) as Dataset;
  expect(Array.from(out.sampleIndices ?? [])).toEqual(c.indices);
  expect(out.y).toEqual(c.y);
  expect(out.X.to2DArray()).toEqual(c.indices.map((i) => ds.X[i]));
}

/**
 * Makes a CondensedNearestNeighbour / OneSidedSelection use the seed rows imbalanced-learn drew
 * (NumPy's draws, recorded by generate.py) through its `drawSeeds` hook.
 */
export function replaySeeds<S extends object>(sampler: S, c: Case): S {
  const seeds = new Map(c.seeds);
  Object.defineProperty(sampler, 'drawSeeds', {
    value: (_rng: unknown, label: Label) => Int32Array.from(seeds.get(label) as number[]),
  });
  return sampler;
}
