import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DataValidationError,
  ImbalancedTabularError,
  InvalidParameterError,
  RandomUnderSampler,
  SMOTE,
  TomekLinks,
  type Label,
  type SamplingStrategy,
} from '../../src/index.js';

interface Case {
  dataset: string;
  type: 'over-sampling' | 'under-sampling';
  kind: 'name' | 'ratio' | 'map' | 'function';
  value: unknown;
  result?: Array<[Label, number]>;
  error?: string;
}
const fx = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/sampling/strategy.json'), 'utf8')) as {
  versions: Record<string, string>;
  datasets: Record<string, Label[]>;
  cases: Case[];
};

// The Python functions of generate.py (fn_over / fn_under), written against our counts Map.
const fnOver = (counts: ReadonlyMap<Label, number>): Map<Label, number> => {
  const m = Math.max(...counts.values());
  return new Map([...counts].filter(([, n]) => n < m).map(([c]) => [c, m + 1]));
};
const fnUnder = (counts: ReadonlyMap<Label, number>): Map<Label, number> =>
  new Map([...counts].map(([c, n]) => [c, Math.floor(n / 2)]));

function strategyOf(c: Case): SamplingStrategy {
  switch (c.kind) {
    case 'name':
    case 'ratio':
      return c.value as SamplingStrategy;
    case 'map':
      return new Map(c.value as Array<[Label, number]>);
    default:
      return c.value === 'over' ? fnOver : fnUnder;
  }
}

function plan(c: Case): Map<Label, number> {
  const y = fx.datasets[c.dataset] as Label[];
  const s = strategyOf(c);
  return c.type === 'over-sampling'
    ? new SMOTE({ samplingStrategy: s }).plan(y)
    : new RandomUnderSampler({ samplingStrategy: s }).plan(y);
}

const imblearn = `imbalanced-learn ${fx.versions['imbalanced-learn']}`;
describe(`samplingStrategy resolution agrees with ${imblearn} check_sampling_strategy`, () => {
  for (const c of fx.cases) {
    const title = `${c.type} ${c.kind} ${JSON.stringify(c.value)} on ${c.dataset}`;
    if (c.result) {
      it(`${title} → ${JSON.stringify(c.result)}`, () => {
        const p = plan(c);
        expect([...p.entries()]).toEqual(c.result);
      });
    } else {
      it(`${title} is rejected (${c.error})`, () => {
        let err: unknown;
        try {
          plan(c);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(ImbalancedTabularError);
        const e = err as ImbalancedTabularError;
        expect(e.code === 'INVALID_PARAMETER' || e.code === 'DATA_VALIDATION').toBe(true);
        // The message names who failed and says how to fix it.
        expect(e.message).toMatch(/^(SMOTE|RandomUnderSampler)(\.plan)?:/);
        expect(e.message).toMatch(/use|ask|pass|increase|give/i);
      });
    }
  }
});

describe('samplingStrategy validation without data', () => {
  it('rejects unknown names, out-of-range ratios and malformed Maps at construction', () => {
    expect(() => new SMOTE({ samplingStrategy: 'balanced' as never })).toThrow(InvalidParameterError);
    expect(() => new SMOTE({ samplingStrategy: 0 })).toThrow(/\(0, 1\]/);
    expect(() => new SMOTE({ samplingStrategy: 1.5 })).toThrow(InvalidParameterError);
    expect(() => new SMOTE({ samplingStrategy: NaN })).toThrow(InvalidParameterError);
    expect(() => new SMOTE({ samplingStrategy: new Map([[1, 2.5]]) })).toThrow(/integer/);
    expect(() => new SMOTE({ samplingStrategy: new Map([[1, -1]]) })).toThrow(/cannot be negative/);
    expect(() => new SMOTE({ samplingStrategy: { 1: 2.5 } })).toThrow(InvalidParameterError);
    expect(() => new SMOTE({ samplingStrategy: 'majority' })).toThrow(/cannot be used with an over-sampler/);
    expect(() => new RandomUnderSampler({ samplingStrategy: 'minority' })).toThrow(
      /cannot be used with an under-sampler/,
    );
  });

  it('a function must return a Map, validated like a Map', () => {
    const y = [0, 0, 0, 1];
    expect(() => new SMOTE({ samplingStrategy: () => ({}) as never }).plan(y)).toThrow(DataValidationError);
    expect(() => new SMOTE({ samplingStrategy: () => new Map([[1, 0]]) }).plan(y)).toThrow(/greater or equal/);
    expect(() => new SMOTE({ samplingStrategy: () => new Map([['1', 4]]) }).plan(y)).toThrow(/not present in y/);
    expect(new SMOTE({ samplingStrategy: (counts) => new Map([[1, (counts.get(0) as number) * 2]]) }).plan(y)).toEqual(
      new Map([[1, 5]]),
    );
  });

  it('a ratio truncates after an IEEE multiply (0.29 × 100 = 28.999…)', () => {
    const y = [...Array(100).fill('a'), ...Array(10).fill('b')] as Label[];
    expect(new SMOTE({ samplingStrategy: 0.29 }).plan(y)).toEqual(new Map([['b', 18]]));
    expect(() => new SMOTE({ samplingStrategy: 0.1 }).plan(y)).toThrow(/increase the ratio/);
  });

  it('a single class is rejected by plan', () => {
    expect(() => new SMOTE().plan([1, 1, 1])).toThrow(/at least 2 classes/);
  });

  it('the plan is sorted by class whatever the Map order', () => {
    const y = ['b', 'a', 'c', 'a', 'a', 'b', 'c'];
    const p = new SMOTE({
      samplingStrategy: new Map([
        ['c', 5],
        ['b', 4],
      ]),
    }).plan(y);
    expect([...p.keys()]).toEqual(['b', 'c']);
  });
});

describe('samplingStrategy as a plain object (a Python dict)', () => {
  const y = ['rare', 'rare', 'rare', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'];

  it('maps string keys to string labels, as the Map does', () => {
    const asObject = new SMOTE({ samplingStrategy: { rare: 7 } }).plan(y);
    const asMap = new SMOTE({ samplingStrategy: new Map([['rare', 7]]) }).plan(y);
    expect(asObject).toEqual(asMap);
    expect([...asObject]).toEqual([['rare', 4]]);
  });

  it('maps numeric labels by their canonical string form', () => {
    const yn = [0, 0, 0, 0, 0, 1, 1, 3, 3, 3];
    const p = new SMOTE({ samplingStrategy: { '1': 4, '3': 5 } }).plan(yn);
    expect([...p]).toEqual([
      [1, 2],
      [3, 2],
    ]);
    expect(new RandomUnderSampler({ samplingStrategy: { '0': 2 } }).plan(yn)).toEqual(new Map([[0, 2]]));
  });

  it('refuses a numeric key not in canonical form, and y mixing 1 and "1", with typed errors', () => {
    const yn = [1, 1, 1, 1, 2, 2];
    const run = () => new SMOTE({ samplingStrategy: { '2.0': 4 } }).plan(yn);
    expect(run).toThrow(DataValidationError);
    expect(run).toThrow(/key "2\.0" is not how the label 2 is written.*Write \{ '2': 4 \}, or pass a Map/);
    const mixed: Label[] = [1, 1, 1, '1', '1', 'x'];
    expect(() => new SMOTE({ samplingStrategy: { '1': 4 } }).plan(mixed)).toThrow(DataValidationError);
  });

  it('refuses a key that is no label, and bad counts at construction', () => {
    expect(() => new SMOTE({ samplingStrategy: { rar: 7 } }).plan(y)).toThrow(/names class "rar" that is not present/);
    expect(() => new SMOTE({ samplingStrategy: { rare: -1 } })).toThrow(InvalidParameterError);
    expect(() => new SMOTE({ samplingStrategy: { rare: 1.5 } })).toThrow(/integer sample counts/);
  });

  it('is copied, and written to JSON and back', () => {
    const given = { rare: 7 };
    const s = new SMOTE({ samplingStrategy: given, seed: 1 });
    given.rare = 9;
    expect(s.params.samplingStrategy).toEqual({ rare: 7 });
    const back = SMOTE.fromJSON(JSON.parse(JSON.stringify(s.toJSON())));
    expect(back.params.samplingStrategy).toEqual({ rare: 7 });
    expect(back.plan(y)).toEqual(s.plan(y));
  });

  it('a cleaning sampler refuses it as it refuses a Map, naming the list to pass', () => {
    expect(() => new TomekLinks({ samplingStrategy: { rare: 1 } as never })).toThrow(
      /Pass the classes as a list: \["rare"\]/,
    );
  });
});
