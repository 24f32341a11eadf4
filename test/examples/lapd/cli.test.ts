import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configOf, DEFAULTS, HELP, parseCli } from '../../../examples/lapd/cli.js';
import { COLUMNS } from '../../../examples/lapd/codes.js';
import { generateRows } from '../../../examples/lapd/synthetic.js';

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
    [
      ['--sampler', 'smoteX'],
      new RegExp(
        '--sampler expects one of smote, adasyn, smotenc, random, borderline, smotetomek, smoteenn, tomek, enn, ncr, ' +
          "none, received 'smoteX'",
      ),
    ],
    [['--class-weight', 'auto'], /--class-weight expects balanced or none/],
    [['--epochs', '0'], /--epochs expects an integer >= 1/],
    [['--epochs', '2.5'], /--epochs expects an integer/],
    [['--hidden', '256,,128'], /--hidden expects positive integers/],
    [['--test-size', '1'], /--test-size expects a fraction strictly between 0 and 1/],
    [['--limit', '-3'], /--limit/],
    [['--dropout', '1.5'], /--dropout expects a number in \[0, 0.9\]/],
    [['--prior-alpha', 'x'], /--prior-alpha expects a number/],
    [['--tune-rule', 'auc'], /--tune-rule expects one of balancedAccuracy, macroF1, geometricMean/],
    [['--tune-rule', 'macroF1', '--prior-alpha', '1'], /exclude each other/],
    [['--tune-rule', 'macroF1', '--sampler', 'smotenc'], /cannot be combined with --sampler smotenc/],
    [['--tune-rule', 'macroF1', '--rule-search', 'grid'], /--rule-search expects one of alpha, offsets, linear/],
    [['--rule-search', 'linear'], /--rule-search needs --tune-rule/],
    [['--cross-fit', '1'], /--cross-fit expects an integer >= 2/],
    [['--cross-fit', '3', '--ensemble', '4'], /--ensemble 4 is not a multiple of --cross-fit 3/],
    [['--max-memory', '10Q'], /--max-memory expects a size such as 1\.5G/],
    [['--max-memory', '0'], /--max-memory expects a size/],
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
      'smote | adasyn | smotenc | random | borderline | smotetomek | smoteenn |',
      '--class-weight',
      '--epochs',
      '--hidden',
      '--seed',
      '--test-size',
      '--limit',
      '--max-memory',
      '--out',
      '--quiet',
      '--compare',
      '--help',
      '--prior-alpha',
      '--tune-rule',
      '--rule-search',
      '--cross-fit',
    ]) {
      expect(HELP).toContain(f);
    }
  });
});

describe('--tune-rule', () => {
  it('tunes the decision rule for the metric named', () => {
    const r = parseCli(['--tune-rule', 'geometricMean']);
    expect(r.ok && r.options.tuneRule).toBe('geometricMean');
    expect(r.ok && configOf(r.options).tuneMetric).toBe('geometricMean');
    const plain = parseCli([]);
    expect(plain.ok && configOf(plain.options).tuneMetric).toBeUndefined();
  });
});

describe('--cross-fit and --rule-search', () => {
  it('cross-fits the networks and tunes the chosen rule on their out-of-fold probabilities', () => {
    const r = parseCli(['--cross-fit', '5', '--tune-rule', 'balancedAccuracy', '--rule-search', 'linear']);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([r.options.crossFit, r.options.ruleSearch]).toEqual([5, 'linear']);
    const c = configOf(r.options);
    expect([c.crossFit, c.ruleSearch, c.tuneMetric]).toEqual([5, 'linear', 'balancedAccuracy']);
    const ten = parseCli(['--cross-fit', '5', '--ensemble', '10']);
    expect(ten.ok && configOf(ten.options).ensemble).toBe(10);
    const plain = parseCli([]);
    expect(plain.ok && configOf(plain.options).crossFit).toBeUndefined();
    expect(plain.ok && configOf(plain.options).ruleSearch).toBe('alpha');
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

  const dir = mkdtempSync(join(tmpdir(), 'lapd-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  /** One line on stderr, exit code 2, no stack trace. */
  const expectOneLineError = (r: ReturnType<typeof run>, pattern: RegExp): void => {
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  };
  it('--data naming a missing file: one line, exit 2', () => {
    expectOneLineError(run(['--data', join(dir, 'nonexistent.csv')]), /^lapd: --data .*nonexistent\.csv: no such file/);
  });
  it('--data naming a directory: one line, exit 2, saying to pass the file itself', () => {
    expectOneLineError(run(['--data', dir]), /^lapd: --data .* is a directory\. Pass the CSV file itself/);
  });
  it('--data with the wrong header: the missing columns, one line, exit 2', () => {
    const path = join(dir, 'other.csv');
    writeFileSync(path, 'id,Status Desc,DATE OCC\n1,Invest Cont,01/01/2020\n');
    const r = run(['--data', path]);
    expectOneLineError(r, /lacks the column\(s\) 'Date Rptd', 'TIME OCC',/);
    expect(r.stderr).not.toMatch(/'Status Desc'/);
  });
  it('--max-memory too small: one line with the estimate and what to change, exit 2, before reading', () => {
    const path = join(dir, 'small.csv');
    const cell = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const rows = [...generateRows({ n: 2000, seed: 6 })];
    writeFileSync(
      path,
      `${[COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(','))].join('\n')}\n`,
    );
    const out = join(dir, 'never');
    const r = run(['--data', path, '--max-memory', '64M', '--out', out]);
    expectOneLineError(r, /^lapd: not enough memory \(before reading; [\d,]+ rows estimated from the file size/);
    expect(r.stderr).toMatch(/needs about \d+ MiB .* more than the 64 MiB of --max-memory; no setting fits/);
    expect(r.stdout).not.toMatch(/read|Loaded/); // stopped before reading a row
    const synthetic = run(['--rows', '1000000', '--max-memory', '900M', '--sampler', 'smote', '--out', out]);
    expectOneLineError(synthetic, /before reading; 1,000,000 SYNTHETIC rows to generate\)/);
    expect(synthetic.stderr).toMatch(/more than the 900 MiB of --max-memory; use --limit \d+/);
  }, 60_000);
  it('reports unreadable values per column on the console and in metrics.json', () => {
    const cell = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const rows = [...generateRows({ n: 400, seed: 5 })];
    rows[3]!['Vict Age'] = 'forty';
    rows[7]!['Vict Age'] = 'n/a';
    rows[9]!.LAT = 'north';
    const path = join(dir, 'values.csv');
    const lines = [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(','))];
    writeFileSync(path, `${lines.join('\n')}\n`);
    const out = join(dir, 'out');
    const r = run(['--data', path, '--epochs', '1', '--hidden', '4', '--mocodes', '5', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Unreadable values, kept as missing: Vict Age 2, LAT 1.');
    expect(r.stdout).toContain('e.g. line 5: Vict Age "forty"');
    const m = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as { unreadableValues: unknown };
    expect(m.unreadableValues).toEqual({ 'Vict Age': 2, LAT: 1 });
  }, 60_000);
});

describe('examples/lapd/README.md', () => {
  it('shows the flags exactly as --help prints them (paste `npm run lapd -- --help` when this fails)', () => {
    const readme = readFileSync(join(root, 'examples', 'lapd', 'README.md'), 'utf8');
    const block = /## Flags\n\n```\n([\s\S]*?)\n```/.exec(readme);
    expect(block, 'a "## Flags" section with one fenced block').not.toBeNull();
    expect(block![1]).toBe(HELP);
  });
});

describe('parseCli: --target-encode and --ensemble', () => {
  it('parses them into the model configuration', () => {
    const r = parseCli(['--target-encode', 'rptDist, premiseCode', '--ensemble', '5']);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.options.targetEncode).toEqual(['rptDist', 'premiseCode']);
      expect(r.options.ensemble).toBe(5);
      expect(configOf(r.options)).toMatchObject({ targetEncode: ['rptDist', 'premiseCode'], ensemble: 5 });
    }
    expect(parseCli([]).ok && DEFAULTS.ensemble === 1 && DEFAULTS.targetEncode.length === 0).toBe(true);
  });
  it('takes the high-cardinality features and a smoothing for all or per feature', () => {
    const per = parseCli(['--target-encode', 'location,mocodeSet', '--target-smooth', 'mocodeSet=10, location=auto']);
    expect(per.ok && configOf(per.options)).toMatchObject({
      targetEncode: ['location', 'mocodeSet'],
      targetSmooth: { mocodeSet: 10, location: 'auto' },
    });
    const all = parseCli(['--target-encode', 'location', '--target-smooth', '2.5']);
    expect(all.ok && configOf(all.options).targetSmooth).toBe(2.5);
    expect(parseCli(['--target-encode', 'rptDist', '--target-smooth', 'auto']).ok).toBe(true);
    const none = parseCli(['--target-encode', 'location']);
    expect(none.ok && 'targetSmooth' in configOf(none.options)).toBe(false);
  });
  it.each([
    [['--target-encode', 'rptDist,nope'], /--target-encode expects distinct features of area, rptDist/],
    [['--target-encode', 'area,area'], /--target-encode expects distinct features/],
    [['--ensemble', '0'], /--ensemble expects an integer >= 1/],
    [['--target-smooth', '5'], /--target-smooth needs --target-encode/],
    [['--target-encode', 'location', '--target-smooth=-1'], /--target-smooth expects auto, a number >= 0/],
    [['--target-encode', 'location', '--target-smooth', 'x'], /--target-smooth expects/],
    [['--target-encode', 'location', '--target-smooth', 'mocodeSet=3'], /for features of --target-encode/],
    [['--target-encode', 'location', '--target-smooth', 'location=3,location=4'], /--target-smooth expects/],
    [['--target-encode', 'location', '--target-smooth', 'location=3=4'], /--target-smooth expects/],
    [['--target-encode', 'location', '--target-smooth', 'location='], /--target-smooth expects/],
  ])('rejects %j', (argv, msg) => {
    const r = parseCli(argv);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(msg);
  });
});
