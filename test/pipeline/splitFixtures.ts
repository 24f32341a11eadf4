/**
 * The scikit-learn split fixtures (test/fixtures/pipeline/pipeline.json) and the helpers the
 * StratifiedKFold and trainTestSplit tests share.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Label } from '../../src/core/matrix.js';

export interface Fixture {
  versions: Record<string, string>;
  datasets: Label[][];
  skf: Array<{
    data: number;
    nSplits: number;
    shuffle: boolean;
    classes: Label[];
    testCounts: number[][];
    test?: number[][];
  }>;
  tts_sizes: Array<{
    n: number;
    testSize: number | null;
    trainSize: number | null;
    nTrain?: number;
    nTest?: number;
    error?: string;
  }>;
  tts_strat: Array<{
    data: number;
    testSize: number | null;
    trainSize: number | null;
    classes: Label[];
    outcomes?: number[][][];
    error?: string;
  }>;
  tts_noshuffle: Array<{
    n: number;
    testSize: number | null;
    trainSize: number | null;
    train: number[];
    test: number[];
  }>;
  tts_errors: Array<{ y: Label[]; testSize: number; error: string }>;
}

export const fx = JSON.parse(
  readFileSync(new URL('../fixtures/pipeline/pipeline.json', import.meta.url), 'utf8'),
) as Fixture;
export const opt = (v: number | null): number | undefined => (v === null ? undefined : v);

export function countsOf(y: ReadonlyArray<Label>, idx: ArrayLike<number>, classes: ReadonlyArray<Label>): number[] {
  const c = new Map<Label, number>(classes.map((k) => [k, 0]));
  for (let i = 0; i < idx.length; i++) {
    const l = y[idx[i] as number] as Label;
    c.set(l, (c.get(l) ?? 0) + 1);
  }
  return classes.map((k) => c.get(k) as number);
}

export function expectPartition(n: number, parts: ArrayLike<number>[]): void {
  const seen = new Uint8Array(n);
  for (const p of parts) {
    for (let i = 0; i < p.length; i++) {
      const v = p[i] as number;
      expect(v >= 0 && v < n).toBe(true);
      expect(seen[v]).toBe(0);
      seen[v] = 1;
    }
  }
}
