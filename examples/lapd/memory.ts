/**
 * Fail early: the memory a run of the compact path will need, estimated from the row count and
 * the settings before the work starts, against the memory available (the machine, a cgroup limit,
 * `--max-memory`). A run that cannot fit stops with one line naming the estimate and what to
 * change, instead of being killed by the system after minutes.
 *
 * Every term is a size the code allocates (bytes per row of a typed array, a dense block of rows),
 * so the estimate follows the code; the constants that are measured say where.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import type { CaseColumns } from './caseColumns.js';
import type { CliOptions, SamplerName } from './cli.js';
import { CATEGORICAL_FEATURES, NUMERIC_FEATURES } from './features.js';

/** A run that will not fit in the memory available (main prints its message and exits 2). */
export class MemoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MemoryError';
  }
}

/** What the estimate depends on. */
export interface MemoryPlan {
  /** Rows kept after cleaning (before reading: estimated from the file size). */
  rows: number;
  /** Test fraction of the split. */
  testSize: number;
  /** Mocode indicator columns. */
  mocodes: number;
  /** Mean Mocodes per row (3.1 in the real table). */
  mocodesPerRow: number;
  /**
   * Encoded width of each categorical feature, at most `maxCategories` (before reading:
   * `maxCategories` for each, an upper bound).
   */
  categoryWidths: ReadonlyArray<number>;
  /** Share of the largest class a sampler generates for (all but the majority; ~0.103 in the real table). */
  largestMinorityShare: number;
  /** Share of the rows in the classes a sampler generates for (~0.184 in the real table). */
  minorityShare: number;
  /** The sampler. */
  sampler: SamplerName;
  /** Neighbours of SMOTE / ADASYN / SMOTENC. */
  k: number;
  /** Mini-batch size. */
  batchSize: number;
  /** Hidden layer widths. */
  hidden: ReadonlyArray<number>;
  /** Validation fraction of the MLP (taken from the training rows). */
  validationFraction: number;
  /** Resident memory before the work (the process with its modules loaded). */
  baseline: number;
}

/** The estimate: the peak and the phase it comes from, with the phase's parts. */
export interface MemoryEstimate {
  /** Estimated peak resident memory of the whole process, bytes. */
  peak: number;
  /** The phase at the peak. */
  phase: string;
  /** Every phase's estimate, bytes. */
  phases: Map<string, number>;
}

/**
 * Bytes per case of the loaded columns (`CaseColumns`): 9 Int16 dictionary codes (18), day and
 * report delay (8), hour (1), age, LAT, LON as float64 (24), extra crimes (1), the Mocode offset
 * (4), plus 2 bytes per Mocode occurrence.
 */
const CASE_BYTES = 56;
/**
 * Bytes per kept row of the split while it runs: the index and label arrays given to
 * `trainTestSplit` and the ones it returns (JS arrays, 8 bytes per element) and its stratification.
 */
const SPLIT_BYTES = 56;
/** Bytes per row that stay after the split: the Int32 row index and a label pointer. */
const SPLIT_KEPT_BYTES = 12;
/**
 * Bytes per row of a feature table besides the Mocode columns: 9 categorical codes as Int16 (18),
 * 9 float32 columns (36: 7 numeric features and the 2 date features, built even when unused),
 * 4 Uint8 flags and counts (4), Uint16 Mocode count (2).
 */
const FEATURE_BYTES = 2 * CATEGORICAL_FEATURES.length + 36 + 4 + 2;
/** Rows of the test split predicted at a time (the example hands the MLP chunks of this many rows). */
export const PREDICT_CHUNK = 16_384;
/**
 * What the tfjs runtime and the training loop add beyond the buffers counted here (kernels'
 * temporaries, the wasm heap's growth, V8's young generation during training).
 */
const TRAINING_OVERHEAD = 256 * 2 ** 20;
/** The CSV parser's buffers and the memoised cell parsers while reading. */
const READ_OVERHEAD = 64 * 2 ** 20;

/** The encoded width: the categorical features' widths, the numeric features and the Mocode indicators. */
export function encodedWidth(plan: Pick<MemoryPlan, 'categoryWidths' | 'mocodes'>): number {
  return plan.categoryWidths.reduce((a, b) => a + b, 0) + NUMERIC_FEATURES.length + plan.mocodes;
}

/**
 * The estimated peak resident memory of a run, phase by phase: reading, the split, the feature
 * tables, the sampler's fit (a class or block densified, neighbour tables), training (encoded
 * codes, the dense validation rows, batches, the network) and prediction; the peak is the largest.
 */
export function estimateMemory(plan: MemoryPlan): MemoryEstimate {
  const n = plan.rows;
  const nTrain = Math.floor(n * (1 - plan.testSize));
  const width = encodedWidth(plan);
  const f32row = 4 * width;
  const cases = n * (CASE_BYTES + 2 * plan.mocodesPerRow);
  const features = n * (FEATURE_BYTES + plan.mocodes);
  const codes = n * CATEGORICAL_FEATURES.length * 2;
  const kept = n * SPLIT_KEPT_BYTES;
  const phases = new Map<string, number>();
  phases.set('reading', plan.baseline + READ_OVERHEAD + cases);
  phases.set('split', plan.baseline + cases + n * SPLIT_BYTES);
  phases.set('features', plan.baseline + cases + kept + features);
  const validation = Math.ceil(nTrain * plan.validationFraction) * f32row;
  const fitRows = nTrain - Math.ceil(nTrain * plan.validationFraction);
  // The sampler's fit (before training; what it densifies is freed before the first batch) and
  // what it keeps for the epochs (neighbour tables, per-row counts).
  let fit = 0;
  let tables = 0;
  if (plan.sampler === 'smote' || plan.sampler === 'smotenc' || plan.sampler === 'adasyn') {
    // One class densified at a time with the k-NN engine's copies of it: measured at 1M rows (SMOTE,
    // the real table's width), the resample phase peaked 680 MiB above the encode phase for a class of
    // 69k × 449 values, 135 MB of them the dense validation rows: ~18 bytes per value. 24 (three
    // float64 copies) is the bound the library's own memory test uses.
    fit = Math.ceil(fitRows * plan.largestMinorityShare) * (f32row / 4) * 24;
    tables = Math.ceil(fitRows * plan.minorityShare) * (plan.k + 1) * 4 * 2;
    // ADASYN's difficulty search: the minority rows as queries (dense) against blocks of all rows.
    if (plan.sampler === 'adasyn') fit = Math.max(fit, Math.ceil(fitRows * plan.minorityShare) * f32row * 3);
  } else if (plan.sampler === 'random') {
    tables = fitRows * 8; // the per-class draws of an epoch
  } else if (plan.sampler !== 'none') {
    // BorderlineSMOTE and the cleaning samplers search among all rows: every training row densified
    // (float64) with the engine's copy. The combinations run SMOTE, then the cleaning, eagerly at fit
    // (the resampled matrix, about every class at the majority's size, several float64 copies) and
    // keep their synthetic rows (float32) for the epochs.
    const combined = plan.sampler === 'smotetomek' || plan.sampler === 'smoteenn';
    const resampled = Math.ceil(fitRows * (1 - plan.minorityShare)) * 6;
    fit = combined ? resampled * (f32row / 4) * 24 : fitRows * (f32row / 4) * 16;
    tables = combined ? resampled * f32row : fitRows * 4;
  }
  // The training matrix's row-major copy of its numeric columns, built once mini-batches (or a
  // sampler's class gathers) read rows out of order: the Uint8 Mocode indicators (1 byte each) and
  // the other numeric columns (36 bytes, float32 and small integers).
  const rowCopy = nTrain * (plan.mocodes + 36);
  const held = plan.baseline + kept + features + codes + validation + rowCopy;
  phases.set('resample', held + fit + tables);
  const layers = [width, ...plan.hidden, 6];
  let weights = 0;
  for (let i = 1; i < layers.length; i++) weights += layers[i - 1]! * layers[i]! * 4 * 4; // + Adam moments, grads
  const batches = 8 * plan.batchSize * f32row; // gathered batch, tensors, activations and gradients
  const epochOrder = fitRows * 4 * 2;
  phases.set('training', held + tables + batches + weights + epochOrder + TRAINING_OVERHEAD);
  const nTest = n - nTrain;
  const prediction = Math.min(nTest, PREDICT_CHUNK) * f32row * 2 + nTest * 6 * (4 + 8 + 8 * 3);
  phases.set(
    'prediction',
    plan.baseline + kept + features + codes + rowCopy + prediction + weights + TRAINING_OVERHEAD,
  );
  let phase = 'reading';
  for (const [name, bytes] of phases) if (bytes > phases.get(phase)!) phase = name;
  return { peak: phases.get(phase)!, phase, phases };
}

/** Where the memory limit comes from, and its size in bytes. */
export interface MemoryLimit {
  /** Bytes available to the process. */
  bytes: number;
  /** "--max-memory", "the cgroup limit" or "the machine's memory". */
  source: string;
}

/** The cgroup (v2, then v1) memory limit of this process, if one is set. */
export function cgroupLimit(read: (path: string) => string = (p) => readFileSync(p, 'utf8')): number | undefined {
  for (const path of ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes']) {
    let text: string;
    try {
      text = read(path).trim();
    } catch {
      continue;
    }
    if (/^\d+$/.test(text)) {
      const v = Number(text);
      // cgroup v1 writes a huge number (about 2^63) for "no limit".
      if (v > 0 && v < 2 ** 60) return v;
    }
  }
  return undefined;
}

/** The memory a run may use: the smallest of `--max-memory`, a cgroup limit and the machine's memory. */
export function availableMemory(maxMemory?: number): MemoryLimit {
  const options: MemoryLimit[] = [{ bytes: totalmem(), source: "the machine's memory" }];
  const cg = cgroupLimit();
  if (cg !== undefined) options.push({ bytes: cg, source: 'the cgroup limit' });
  if (maxMemory !== undefined) options.push({ bytes: maxMemory, source: '--max-memory' });
  return options.reduce((a, b) => (b.bytes < a.bytes ? b : a));
}

/**
 * Parses a size: bytes ("1500000000") or with a unit K, M, G, T (powers of 1024; "MB", "MiB",
 * "GiB" and lowercase accepted): "1.5G", "800M". Returns undefined for anything else.
 */
export function parseSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:([kmgt])(?:i?b)?|b)?\s*$/i.exec(text);
  if (!m) return undefined;
  const power = m[2] === undefined ? 0 : 'kmgt'.indexOf(m[2].toLowerCase()) + 1;
  const v = Math.round(Number(m[1]) * 1024 ** power);
  return v > 0 && Number.isSafeInteger(v) ? v : undefined;
}

/** Bytes as GiB (≥ 1 GiB) or MiB, for messages. */
export function formatBytes(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(2)} GiB` : `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

/**
 * Checks the estimate against the limit: undefined when the run fits, else the one-line message
 * (the estimate, the limit and what to change).
 *
 * @param when - "before reading (N rows estimated from the file size)" or "after reading".
 */
export function checkFits(
  plan: MemoryPlan,
  limit: MemoryLimit,
  when: string,
  flags: { limit?: number },
): string | undefined {
  const est = estimateMemory(plan);
  if (est.peak <= limit.bytes) return undefined;
  const fixes: string[] = [];
  // The largest row count that fits: the estimate grows about linearly with the rows.
  let lo = 0;
  let hi = plan.rows;
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2);
    if (estimateMemory({ ...plan, rows: mid }).peak <= limit.bytes) lo = mid;
    else hi = mid;
  }
  const fittingRows = Math.floor(lo / 1000) * 1000;
  if (fittingRows > 0) fixes.push(`--limit ${fittingRows}`);
  for (const m of [100, 50, 20, 0]) {
    if (m < plan.mocodes && estimateMemory({ ...plan, mocodes: m }).peak <= limit.bytes) {
      fixes.push(`--mocodes ${m}`);
      break;
    }
  }
  if (plan.sampler !== 'none' && estimateMemory({ ...plan, sampler: 'none' }).peak <= limit.bytes)
    fixes.push('--sampler none');
  const fixed = estimateMemory({ ...plan, rows: 0, sampler: 'none' }).peak;
  const fix =
    fixes.length > 0
      ? `use ${fixes.join(', or ')}`
      : `no setting fits: the process and the network's runtime alone take about ${formatBytes(fixed)}`;
  const rows = `${plan.rows.toLocaleString('en-US')} rows${flags.limit === undefined ? '' : ' (--limit)'}`;
  return (
    `not enough memory${when === '' ? '' : ` ${when}`}: ` +
    `the ${est.phase} phase needs about ${formatBytes(est.peak)} for ${rows} ` +
    `(${plan.sampler === 'none' ? 'no sampler' : plan.sampler}, ${plan.mocodes} Mocodes, ` +
    `${encodedWidth(plan)} encoded columns), more than the ${formatBytes(limit.bytes)} of ${limit.source}; ${fix}.`
  );
}

/**
 * Distinct values of each categorical feature in the real table (the example's code lists and the
 * sample; `dayOfWeek` 7), used before reading; `undefined`: more than any `--max-categories`.
 */
const TYPICAL_CATEGORIES: Record<(typeof CATEGORICAL_FEATURES)[number], number | undefined> = {
  area: 21,
  rptDist: undefined,
  part: 2,
  crimeCode: undefined,
  premiseCode: undefined,
  weaponCode: undefined,
  victSex: 4,
  victDescent: 20,
  dayOfWeek: 7,
};

/**
 * Class shares used before reading: the larger of the real sample's (largest minority Adult Other
 * 10.3%, all minorities 18.4%) and the SYNTHETIC generator's (11.3%, 20.1%), rounded up.
 */
const TYPICAL_SHARES = { largestMinorityShare: 0.115, minorityShare: 0.205 };

/**
 * The plan of a run of `samplers` with the flags `o` on `rows` rows: before reading from typical
 * widths and class shares, after reading (`cases`) from the data's own dictionaries and classes.
 * The largest estimate over the samplers counts (`--compare` runs several).
 */
export function memoryPlan(
  o: CliOptions,
  samplers: ReadonlyArray<SamplerName>,
  rows: number,
  cases?: CaseColumns,
): MemoryPlan {
  const categoryWidths = CATEGORICAL_FEATURES.map((f) => {
    const distinct =
      cases === undefined ? TYPICAL_CATEGORIES[f] : f === 'dayOfWeek' ? 7 : cases.categorical[f].values.length;
    return Math.min(o.maxCategories, distinct ?? o.maxCategories);
  });
  let shares = TYPICAL_SHARES;
  let mocodesPerRow = 3.1;
  if (cases !== undefined && cases.rows > 0) {
    const counts = new Float64Array(cases.categorical.status.values.length);
    for (const c of cases.categorical.status.codes) counts[c]!++;
    const sorted = [...counts].sort((a, b) => b - a);
    shares = {
      largestMinorityShare: (sorted[1] ?? 0) / cases.rows,
      minorityShare: (cases.rows - sorted[0]!) / cases.rows,
    };
    mocodesPerRow = cases.mocodes.codes.length / cases.rows;
  }
  const base = {
    rows,
    testSize: o.testSize,
    mocodes: o.mocodes,
    mocodesPerRow,
    categoryWidths,
    ...shares,
    k: 5,
    batchSize: o.batchSize,
    hidden: o.hidden,
    validationFraction: 0.1,
    baseline: process.memoryUsage().rss,
  };
  const plans = samplers.map((sampler) => ({ ...base, sampler }));
  return plans.reduce((a, b) => (estimateMemory(b).peak > estimateMemory(a).peak ? b : a));
}
