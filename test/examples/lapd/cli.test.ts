import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, HELP, parseCli } from '../../../examples/lapd/cli.js';

const root = join(import.meta.dirname, '..', '..', '..');

describe('parseCli', () => {
  it('gives the recommended defaults with no flags', () => {
    const r = parseCli([]);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.options).toEqual({ ...DEFAULTS });
  });
  it('parses every flag', () => {
    const r = parseCli([
      '--data',
      'x.csv',
      '--sampler',
      'smotenc',
      '--class-weight',
      'none',
      '--epochs',
      '3',
      '--hidden',
      '64,32,16',
      '--seed',
      '7',
      '--test-size',
      '0.2',
      '--limit',
      '1000',
      '--out',
      'o',
      '--quiet',
      '--compare',
      '--prior-alpha',
      '0.5',
      '--batch-size',
      '128',
      '--min-frequency',
      '5',
      '--max-categories',
      '30',
      '--mocodes',
      '10',
      '--dropout',
      '0.1',
      '--l2',
      '0',
      '--learning-rate',
      '0.01',
      '--rows',
      '5000',
      '--cache',
      'c',
    ]);
    expect(r).toEqual({
      ok: true,
      options: {
        ...DEFAULTS,
        data: 'x.csv',
        sampler: 'smotenc',
        classWeight: 'none',
        epochs: 3,
        hidden: [64, 32, 16],
        seed: 7,
        testSize: 0.2,
        limit: 1000,
        out: 'o',
        quiet: true,
        compare: true,
        priorAlpha: 0.5,
        batchSize: 128,
        minFrequency: 5,
        maxCategories: 30,
        mocodes: 10,
        dropout: 0.1,
        l2: 0,
        learningRate: 0.01,
        rows: 5000,
        cache: 'c',
      },
    });
  });
  it.each([
    [['--nope'], /Unknown option '--nope'/],
    [['stray'], /positional/],
    [['--sampler', 'smoteX'], /--sampler expects one of smote, adasyn, smotenc, random, none, received 'smoteX'/],
    [['--class-weight', 'auto'], /--class-weight expects balanced or none/],
    [['--epochs', '0'], /--epochs expects an integer >= 1/],
    [['--epochs', '2.5'], /--epochs expects an integer/],
    [['--hidden', '256,,128'], /--hidden expects positive integers/],
    [['--test-size', '1'], /--test-size expects a fraction strictly between 0 and 1/],
    [['--limit', '-3'], /--limit/],
    [['--dropout', '1.5'], /--dropout expects a number in \[0, 0.9\]/],
    [['--prior-alpha', 'x'], /--prior-alpha expects a number/],
    [['--data', 'a.csv', '--download'], /exclude each other/],
    [['--epochs'], /argument missing|requires an argument|expects/i],
  ])('rejects %j with a clear message', (argv, msg) => {
    const r = parseCli(argv);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(msg);
  });
  it('documents every flag in --help', () => {
    for (const f of [
      '--data',
      '--download',
      '--sampler',
      'smote | adasyn | smotenc | random | none',
      '--class-weight',
      '--epochs',
      '--hidden',
      '--seed',
      '--test-size',
      '--limit',
      '--out',
      '--quiet',
      '--compare',
      '--help',
      '--prior-alpha',
    ]) {
      expect(HELP).toContain(f);
    }
  });
});

describe('main (process)', () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(root, 'examples', 'lapd', 'main.ts'), ...args], {
      cwd: root,
      encoding: 'utf8',
    });
  it('exits 2 with a message on a bad flag', () => {
    const r = run(['--sampler', 'magic']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--sampler expects one of/);
    expect(r.stderr).toMatch(/--help/);
  });
  it('prints the help and exits 0', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--class-weight');
  });
});
