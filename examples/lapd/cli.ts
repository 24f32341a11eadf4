/**
 * Command-line flags of `npm run lapd`, parsed with node's `util.parseArgs`.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import type { DecisionMetric, DecisionSearch } from 'imbalanced-tabular';
import type { ModelConfig } from './experiment.js';
import { CATEGORICAL_FEATURES, TARGET_ONLY_FEATURES } from './features.js';
import { parseSize } from './memory.js';

/** The samplers `--sampler` accepts. */
export const SAMPLERS = [
  'smote',
  'adasyn',
  'smotenc',
  'random',
  'borderline',
  'smotetomek',
  'smoteenn',
  'tomek',
  'enn',
  'ncr',
  'none',
] as const;
/** One `--sampler` value. */
export type SamplerName = (typeof SAMPLERS)[number];

/** The searches `--rule-search` accepts. */
export const RULE_SEARCHES: ReadonlyArray<DecisionSearch> = ['alpha', 'offsets', 'linear'];

/** The metrics `--tune-rule` accepts. */
export const TUNE_METRICS: ReadonlyArray<DecisionMetric> = ['balancedAccuracy', 'macroF1', 'geometricMean'];

/** The parsed options of one run. */
export interface CliOptions {
  /** `--data`: path of a CSV export of the real table; absent → SYNTHETIC data. */
  data?: string;
  /** `--download`: fetch the real CSV into `cache` first (and use it). */
  download: boolean;
  /** `--cache`: folder of the downloaded file. */
  cache: string;
  /** `--rows`: rows of SYNTHETIC data to generate when no `--data`/`--download`. */
  rows: number;
  /** `--sampler`. */
  sampler: SamplerName;
  /** `--class-weight`. */
  classWeight: 'balanced' | 'none';
  /** `--epochs`. */
  epochs: number;
  /** `--hidden`: hidden layer widths. */
  hidden: number[];
  /** `--batch-size`. */
  batchSize: number;
  /** `--dropout`: dropout rate after each hidden layer. */
  dropout: number;
  /** `--l2`: L2 penalty on the kernels. */
  l2: number;
  /** `--learning-rate`: Adam's learning rate. */
  learningRate: number;
  /** `--seed`. */
  seed: number;
  /** `--test-size`: fraction of rows in the stratified test split. */
  testSize: number;
  /** `--limit`: keep only the first N rows of the data. */
  limit?: number;
  /** `--max-memory`: bytes the run may use (else the machine's memory or the cgroup limit). */
  maxMemory?: number;
  /** `--min-frequency`: categories seen fewer times in training are grouped as "infrequent". */
  minFrequency: number;
  /** `--max-categories`: at most this many one-hot columns per categorical feature (rarest grouped). */
  maxCategories: number;
  /** `--mocodes`: number of most frequent Mocodes turned into indicator columns. */
  mocodes: number;
  /** `--prior-alpha`: decision rule argmax p(c|x) / prior(c)^alpha (0 = plain argmax). */
  priorAlpha: number;
  /**
   * `--tune-rule`: tune the rule for this metric instead (on a stratified 10% hold-out, or with
   * `--cross-fit` on the out-of-fold probabilities).
   */
  tuneRule?: DecisionMetric;
  /** `--rule-search`: what `--tune-rule` searches: alpha, alpha + per-class offsets, or a linear rule. */
  ruleSearch: DecisionSearch;
  /** `--cross-fit`: k networks, each trained without one of k folds (0 = off). */
  crossFit: number;
  /** `--out`: output folder. */
  out: string;
  /** `--quiet`: only the final report. */
  quiet: boolean;
  /** `--compare`: run every sampler on the same split and print one table. */
  compare: boolean;
  /** `--help`. */
  help: boolean;
  /** `--target-encode`: categorical features target-encoded instead of one-hot (cross-fitted). */
  targetEncode: string[];
  /** `--target-smooth`: TargetEncoder's `smooth`, for every `--target-encode` feature or per feature. */
  targetSmooth?: 'auto' | number | Record<string, 'auto' | number>;
  /** `--ensemble`: number of networks (seeds) whose probabilities are averaged. */
  ensemble: number;
}

/** The recommended configuration (what a run with no flags uses). */
export const DEFAULTS: Omit<CliOptions, 'data' | 'limit' | 'maxMemory' | 'tuneRule' | 'targetSmooth'> = {
  download: false,
  cache: 'lapd-data',
  rows: 20_000,
  sampler: 'none',
  classWeight: 'none',
  epochs: 60,
  hidden: [64],
  batchSize: 512,
  dropout: 0.5,
  l2: 0.01,
  learningRate: 1e-3,
  seed: 0,
  testSize: 0.25,
  minFrequency: 10,
  maxCategories: 60,
  mocodes: 150,
  priorAlpha: 0.5,
  out: 'lapd-output',
  quiet: false,
  compare: false,
  help: false,
  targetEncode: [],
  ensemble: 1,
  ruleSearch: 'alpha',
  crossFit: 0,
};

/** The model configuration the flags ask for. */
export function configOf(o: CliOptions): ModelConfig {
  return {
    sampler: o.sampler,
    classWeight: o.classWeight,
    epochs: o.epochs,
    hidden: o.hidden,
    batchSize: o.batchSize,
    seed: o.seed,
    minFrequency: o.minFrequency,
    maxCategories: o.maxCategories,
    priorAlpha: o.priorAlpha,
    ...(o.tuneRule !== undefined ? { tuneMetric: o.tuneRule } : {}),
    dropout: o.dropout,
    l2: o.l2,
    learningRate: o.learningRate,
    monitor: 'valLoss',
    targetEncode: o.targetEncode,
    ...(o.targetSmooth !== undefined ? { targetSmooth: o.targetSmooth } : {}),
    ensemble: o.ensemble,
    ruleSearch: o.ruleSearch,
    ...(o.crossFit > 0 ? { crossFit: o.crossFit } : {}),
  };
}

/** The `--help` text. */
export const HELP = `npm run lapd -- [flags]

Predicts the status of an LAPD crime case ("Status Desc": Invest Cont, Adult Other, Adult Arrest,
Juv Arrest, Juv Other, UNK) with imbalanced-tabular: Encoder -> Scaler -> sampler -> MLPClassifier
in a Pipeline, a stratified train/test split before any resampling, and a metrics report.
With no --data and no --download it runs on SYNTHETIC data generated by the example (labelled so).

Data
  --data <csv>           CSV export of "Crime Data from 2020 to Present" (streamed; ~1M rows is fine)
  --download             download the real CSV from data.lacity.org into --cache (resumable), then use it
  --cache <dir>          folder for the downloaded file                      (default ${DEFAULTS.cache})
  --rows <n>             rows of SYNTHETIC data when no --data               (default ${DEFAULTS.rows})
  --limit <n>            use only the first n rows of the data
  --max-memory <size>    memory the run may use, e.g. 1.5G or 800M           (default the machine's)

Model
  --sampler <name>       smote | adasyn | smotenc | random | borderline | smotetomek | smoteenn |
                         tomek | enn | ncr | none                            (default ${DEFAULTS.sampler})
  --class-weight <w>     balanced | none                                     (default ${DEFAULTS.classWeight})
  --epochs <n>           maximum epochs (early stopping on validation loss)   (default ${DEFAULTS.epochs})
  --hidden <a,b,...>     hidden layer widths                                 (default ${DEFAULTS.hidden.join(',')})
  --batch-size <n>       mini-batch size                                     (default ${DEFAULTS.batchSize})
  --dropout <f>          dropout after each hidden layer, 0..0.9             (default ${DEFAULTS.dropout})
  --l2 <f>               L2 penalty on the kernels                           (default ${DEFAULTS.l2})
  --learning-rate <f>    Adam learning rate                                  (default ${DEFAULTS.learningRate})
  --min-frequency <n>    categories rarer than this in training -> "infrequent" (default ${DEFAULTS.minFrequency})
  --max-categories <n>   at most n one-hot columns per categorical feature     (default ${DEFAULTS.maxCategories})
  --mocodes <n>          most frequent Mocodes used as 0/1 columns           (default ${DEFAULTS.mocodes})
  --prior-alpha <a>      predict argmax p(c|x) / prior(c)^a; 0 = plain argmax (default ${DEFAULTS.priorAlpha})
                         (priors: the class mix the MLP trained on, after resampling)
  --tune-rule <metric>   choose a on a 10% hold-out instead: ${TUNE_METRICS.join(' | ')}
                         (with --cross-fit: on the out-of-fold probabilities of all training rows)
  --rule-search <s>      what --tune-rule fits: alpha | offsets (alpha, then one per class) |
                         linear (balanced logistic rule on log p; metric only reported) (default ${DEFAULTS.ruleSearch})
  --seed <n>             seed of the split, the sampler and the network      (default ${DEFAULTS.seed})
  --test-size <f>        fraction of rows in the stratified test split, 0..1 (default ${DEFAULTS.testSize})
  --target-encode <a,b>  features target-encoded (cross-fitted) instead of one-hot, e.g. rptDist,premiseCode;
                         also the high-cardinality location (block address) and mocodeSet (all Mocodes of a case)
  --target-smooth <s>    the target encoding's smoothing: auto, a number m >= 0, or per feature,
                         e.g. mocodeSet=10 (features not named: auto)                   (default auto)
  --ensemble <n>         average the probabilities of n networks with different seeds (default ${DEFAULTS.ensemble})
  --cross-fit <k>        k networks (or --ensemble n, a multiple of k), each trained without one of k
                         stratified folds, averaged; out-of-fold probabilities for --tune-rule (default off)

Output
  --out <dir>            metrics.json, pipeline.json and SVG pictures go here (default ${DEFAULTS.out})
  --compare              same split with none, class weights, SMOTE, ADASYN, SMOTENC, BorderlineSMOTE,
                         SMOTETomek, SMOTEENN, EditedNearestNeighbours; one table
  --quiet                print only the final report
  --help                 this text

Scoring new cases with a saved run
  npm run lapd -- predict --model <dir>/pipeline.json --data <csv> --out <predictions.csv>
                         DR_NO, predicted status, one probability per class (predict --help)

Exit codes: 0 success, 1 failure while running, 2 bad flags or an unusable --data file.`;

/**
 * `--target-encode a,b`: categorical feature names (see features.ts), the high-cardinality
 * `location` and `mocodeSet` included; a bad name is an error.
 */
function targetEncodeFlag(text: string | undefined, errors: string[]): string[] {
  if (text === undefined) return [];
  const names = text.split(',').map((p) => p.trim());
  const known: ReadonlyArray<string> = [...CATEGORICAL_FEATURES, ...TARGET_ONLY_FEATURES];
  const bad = names.filter((n) => !known.includes(n));
  if (bad.length > 0 || new Set(names).size !== names.length)
    errors.push(`--target-encode expects distinct features of ${known.join(', ')}, received '${text}'.`);
  return names;
}

/**
 * `--target-smooth s`: 'auto', a number m ≥ 0 for every target-encoded feature, or `feature=m,…`
 * (each feature one of `--target-encode`'s); a bad value is an error.
 */
function targetSmoothFlag(
  text: string | undefined,
  encoded: ReadonlyArray<string>,
  errors: string[],
): CliOptions['targetSmooth'] {
  if (text === undefined) return undefined;
  const value = (v: string): 'auto' | number | undefined => {
    if (v.trim() === 'auto') return 'auto';
    const m = Number(v);
    return v.trim() !== '' && Number.isFinite(m) && m >= 0 ? m : undefined;
  };
  const bad = (): undefined => {
    errors.push(
      '--target-smooth expects auto, a number >= 0 or feature=value pairs for features of --target-encode, ' +
        `received '${text}'.`,
    );
    return undefined;
  };
  if (encoded.length === 0) {
    errors.push('--target-smooth needs --target-encode: it sets the smoothing of the target-encoded features.');
    return undefined;
  }
  if (!text.includes('=')) return value(text) ?? bad();
  const perFeature: Record<string, 'auto' | number> = {};
  for (const pair of text.split(',')) {
    const [name = '', v = '', ...rest] = pair.split('=').map((p) => p.trim());
    const m = value(v);
    if (rest.length > 0 || !encoded.includes(name) || name in perFeature || m === undefined) return bad();
    perFeature[name] = m;
  }
  return perFeature;
}

/** The outcome of {@link parseCli}: options, or the message for a bad command line. */
export type CliResult = { ok: true; options: CliOptions } | { ok: false; message: string };

/**
 * Reads an integer flag: its value, `fallback` when the flag is absent, or the message for a bad
 * value ("--rows expects an integer >= 100, received 'x'.").
 */
export function integerFlag(name: string, text: string | undefined, min: number, fallback: number): number | string {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text.trim())) return `--${name} expects an integer >= ${min}, received '${text}'.`;
  const v = Number(text);
  return v >= min && Number.isSafeInteger(v) ? v : `--${name} expects an integer >= ${min}, received '${text}'.`;
}

/** Flag name → `string` (takes a value) or `boolean` (a switch); `h` is `--help`'s short form. */
type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/**
 * `util.parseArgs`, strict (an unknown flag or a positional argument is an error): the values, or
 * parseArgs's message ("Unknown option '--sed'. ...").
 */
export function parseFlags(
  argv: ReadonlyArray<string>,
  options: FlagSpec,
): Record<string, string | boolean | undefined> | string {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options }).values;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * Parses the flags (strict: unknown flags and stray positional arguments are errors).
 *
 * @example
 * parseCli(['--sampler', 'smote', '--epochs', '5']);
 */
export function parseCli(argv: ReadonlyArray<string>): CliResult {
  const values = parseFlags(argv, {
    data: { type: 'string' },
    download: { type: 'boolean' },
    cache: { type: 'string' },
    rows: { type: 'string' },
    limit: { type: 'string' },
    'max-memory': { type: 'string' },
    sampler: { type: 'string' },
    'class-weight': { type: 'string' },
    epochs: { type: 'string' },
    hidden: { type: 'string' },
    'batch-size': { type: 'string' },
    dropout: { type: 'string' },
    l2: { type: 'string' },
    'learning-rate': { type: 'string' },
    'min-frequency': { type: 'string' },
    'max-categories': { type: 'string' },
    mocodes: { type: 'string' },
    'prior-alpha': { type: 'string' },
    'tune-rule': { type: 'string' },
    seed: { type: 'string' },
    'test-size': { type: 'string' },
    out: { type: 'string' },
    quiet: { type: 'boolean' },
    compare: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    'target-encode': { type: 'string' },
    'target-smooth': { type: 'string' },
    ensemble: { type: 'string' },
    'rule-search': { type: 'string' },
    'cross-fit': { type: 'string' },
  });
  if (typeof values === 'string') return { ok: false, message: values };
  const s = (k: string): string | undefined => values[k] as string | undefined;
  const errors: string[] = [];
  const num = (name: string, min: number, fallback: number): number => {
    const r = integerFlag(name, s(name), min, fallback);
    if (typeof r === 'string') {
      errors.push(r);
      return fallback;
    }
    return r;
  };
  const sampler = s('sampler') ?? DEFAULTS.sampler;
  if (!(SAMPLERS as ReadonlyArray<string>).includes(sampler))
    errors.push(`--sampler expects one of ${SAMPLERS.join(', ')}, received '${sampler}'.`);
  const classWeight = s('class-weight') ?? DEFAULTS.classWeight;
  if (classWeight !== 'balanced' && classWeight !== 'none')
    errors.push(`--class-weight expects balanced or none, received '${classWeight}'.`);
  let hidden = DEFAULTS.hidden;
  const h = s('hidden');
  if (h !== undefined) {
    const parts = h.split(',').map((p) => p.trim());
    if (parts.length === 0 || parts.some((p) => !/^\d+$/.test(p) || Number(p) < 1))
      errors.push(`--hidden expects positive integers separated by commas (e.g. 256,128), received '${h}'.`);
    else hidden = parts.map(Number);
  }
  let testSize = DEFAULTS.testSize;
  const t = s('test-size');
  if (t !== undefined) {
    testSize = Number(t);
    if (!(testSize > 0 && testSize < 1))
      errors.push(`--test-size expects a fraction strictly between 0 and 1, received '${t}'.`);
  }
  let priorAlpha = DEFAULTS.priorAlpha;
  const a = s('prior-alpha');
  if (a !== undefined) {
    priorAlpha = Number(a);
    if (!(priorAlpha >= 0 && priorAlpha <= 2))
      errors.push(`--prior-alpha expects a number in [0, 2], received '${a}'.`);
  }
  const tuneRule = s('tune-rule');
  if (tuneRule !== undefined && !(TUNE_METRICS as ReadonlyArray<string>).includes(tuneRule))
    errors.push(`--tune-rule expects one of ${TUNE_METRICS.join(', ')}, received '${tuneRule}'.`);
  else if (tuneRule !== undefined && a !== undefined)
    errors.push('--tune-rule and --prior-alpha exclude each other: --tune-rule chooses alpha.');
  else if (tuneRule !== undefined && sampler === 'smotenc')
    errors.push('--tune-rule cannot be combined with --sampler smotenc (its stream reads the codes of every row).');
  const ruleSearch = s('rule-search') ?? DEFAULTS.ruleSearch;
  if (!(RULE_SEARCHES as ReadonlyArray<string>).includes(ruleSearch))
    errors.push(`--rule-search expects one of ${RULE_SEARCHES.join(', ')}, received '${ruleSearch}'.`);
  else if (s('rule-search') !== undefined && tuneRule === undefined)
    errors.push('--rule-search needs --tune-rule (it says what the tuning fits).');
  const real = (name: string, lo: number, hi: number, fallback: number): number => {
    const text = s(name);
    if (text === undefined) return fallback;
    const v = Number(text);
    if (text.trim() === '' || !(v >= lo && v <= hi)) {
      errors.push(`--${name} expects a number in [${lo}, ${hi}], received '${text}'.`);
      return fallback;
    }
    return v;
  };
  const dropout = real('dropout', 0, 0.9, DEFAULTS.dropout);
  const l2 = real('l2', 0, 1, DEFAULTS.l2);
  const learningRate = real('learning-rate', 1e-6, 1, DEFAULTS.learningRate);
  for (const k of ['data', 'cache', 'out'])
    if (s(k) === '') errors.push(`--${k} expects a path, received an empty string.`);
  const options: CliOptions = {
    download: values.download === true,
    cache: s('cache') ?? DEFAULTS.cache,
    rows: num('rows', 100, DEFAULTS.rows),
    sampler: sampler as SamplerName,
    classWeight: classWeight as 'balanced' | 'none',
    epochs: num('epochs', 1, DEFAULTS.epochs),
    hidden,
    batchSize: num('batch-size', 1, DEFAULTS.batchSize),
    dropout,
    l2,
    learningRate,
    seed: num('seed', 0, DEFAULTS.seed),
    testSize,
    minFrequency: num('min-frequency', 1, DEFAULTS.minFrequency),
    maxCategories: num('max-categories', 2, DEFAULTS.maxCategories),
    mocodes: num('mocodes', 0, DEFAULTS.mocodes),
    priorAlpha,
    out: s('out') ?? DEFAULTS.out,
    quiet: values.quiet === true,
    compare: values.compare === true,
    help: values.help === true,
    targetEncode: targetEncodeFlag(s('target-encode'), errors),
    ensemble: num('ensemble', 1, DEFAULTS.ensemble),
    ruleSearch: ruleSearch as DecisionSearch,
    crossFit: s('cross-fit') === undefined ? 0 : num('cross-fit', 2, 0),
  };
  if (options.crossFit > 0 && options.ensemble > 1 && options.ensemble % options.crossFit !== 0)
    errors.push(
      `--ensemble ${options.ensemble} is not a multiple of --cross-fit ${options.crossFit}: ` +
        'every fold needs as many networks.',
    );
  if (tuneRule !== undefined) options.tuneRule = tuneRule as DecisionMetric;
  const targetSmooth = targetSmoothFlag(s('target-smooth'), options.targetEncode, errors);
  if (targetSmooth !== undefined) options.targetSmooth = targetSmooth;
  if (s('data') !== undefined) options.data = s('data')!;
  if (s('limit') !== undefined) options.limit = num('limit', 1, 0);
  const maxMemory = s('max-memory');
  if (maxMemory !== undefined) {
    const bytes = parseSize(maxMemory);
    if (bytes === undefined)
      errors.push(`--max-memory expects a size such as 1.5G, 800M or a number of bytes, received '${maxMemory}'.`);
    else options.maxMemory = bytes;
  }
  if (options.data !== undefined && options.download)
    errors.push('--data and --download exclude each other: pass one.');
  if (errors.length > 0) return { ok: false, message: errors.join('\n') };
  return { ok: true, options };
}
