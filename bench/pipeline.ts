/**
 * Benchmark suite `pipeline`: StratifiedKFold, stratified trainTestSplit and computeClassWeight on
 * 1,000,000 imbalanced labels (6 classes), next to scikit-learn on the very same labels (written
 * to a temporary file and read by bench/pipeline_sklearn.py), in the same run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Random } from '../src/core/Random.js';
import { computeClassWeight } from '../src/core/classWeight.js';
import { StratifiedKFold, trainTestSplit } from '../src/pipeline/index.js';
import type { BenchContext } from './suites.js';
import { measure, runPython } from './util.js';

const PRIORS = [0.55, 0.2, 0.12, 0.08, 0.04, 0.01];

function makeLabels(n: number, seed = 2026): Int32Array {
  const r = new Random(seed);
  const cum = PRIORS.map((_, i) => PRIORS.slice(0, i + 1).reduce((a, b) => a + b, 0));
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const u = r.float();
    let c = 0;
    while (c < PRIORS.length - 1 && u >= (cum[c] as number)) c++;
    y[i] = c;
  }
  return y;
}

function bincount(y: ArrayLike<number>, idx: ArrayLike<number>): number[] {
  const out = new Array(PRIORS.length).fill(0) as number[];
  for (let i = 0; i < idx.length; i++) out[y[idx[i] as number] as number]! += 1;
  return out;
}

interface PyCase {
  seconds: number;
  counts?: number[][] | number[];
  weights?: number[];
}

export default async function pipelineSuite(ctx: BenchContext): Promise<string> {
  const n = ctx.quick ? 100_000 : 1_000_000;
  const yi = makeLabels(n);
  const y = Array.from(yi);
  const dir = mkdtempSync(join(tmpdir(), 'bench-pipeline-'));
  const prefix = join(dir, 'data');
  writeFileSync(`${prefix}.y.i32`, Buffer.from(yi.buffer));
  const script = join(import.meta.dirname, 'pipeline_sklearn.py');
  try {
    ctx.log('pipeline: ours');
    const skf = await measure(() => new StratifiedKFold({ nSplits: 5 }).split(null, y));
    const skfS = await measure(() => new StratifiedKFold({ nSplits: 5, shuffle: true, seed: 0 }).split(null, y));
    const rows = Array.from({ length: n }, (_, i) => i);
    const tts = await measure(() => trainTestSplit(rows, y, { testSize: 0.2, stratify: true, seed: 0 }));
    const ccw = await measure(() => computeClassWeight('balanced', y));
    ctx.log('pipeline: scikit-learn (as shipped, then OPENBLAS_CORETYPE=SkylakeX)');
    const py = runPython(script, [prefix]);
    const pySky = runPython(script, [prefix], { OPENBLAS_CORETYPE: 'SkylakeX' });
    const get = (r: typeof py, k: string): PyCase | undefined =>
      r.ok ? ((r.data as Record<string, PyCase>)[k] ?? undefined) : undefined;
    const fmt = (s: number | undefined): string => (s === undefined ? 'n/a' : s.toFixed(3));
    const ours: Array<[string, string, number, number, unknown]> = [
      [
        'skf',
        '`new StratifiedKFold({ nSplits: 5 }).split(null, y)`',
        skf.seconds,
        skf.peakMiB,
        skf.result.map((f) => bincount(yi, f.test)),
      ],
      [
        'skf-shuffle',
        '`StratifiedKFold({ nSplits: 5, shuffle: true, seed: 0 })`',
        skfS.seconds,
        skfS.peakMiB,
        skfS.result.map((f) => bincount(yi, f.test)),
      ],
      [
        'tts',
        '`trainTestSplit(rows, y, { testSize: 0.2, stratify: true })`',
        tts.seconds,
        tts.peakMiB,
        bincount(yi, tts.result.test.indices),
      ],
      ['ccw', "`computeClassWeight('balanced', y)`", ccw.seconds, ccw.peakMiB, [...ccw.result.values()]],
    ];
    const lines: string[] = [];
    lines.push(`### Splits and class weights — ${n.toLocaleString('en-US')} labels, 6 classes`);
    lines.push('');
    const sklearn = py.ok
      ? String((py.data as { sklearn?: string }).sklearn)
      : `(not available: ${py.ok ? '' : py.reason})`;
    lines.push(
      `Labels with priors ${PRIORS.join(' / ')} (numbers). scikit-learn ${sklearn} gets the same labels as an int32 ` +
        'array (`StratifiedKFold.split(np.zeros((n, 1)), y)`, ' +
        '`train_test_split(np.arange(n), y, stratify=y)`). Ours takes a plain `number[]` of labels and validates ' +
        'it. "same counts" compares the per-fold (or test-set) class counts, or the weights, with ' +
        "scikit-learn's. One run each.",
    );
    lines.push('');
    lines.push(
      '| operation | ours (s) | ours peak (MiB) | sklearn (s) | sklearn SkylakeX (s) | ratio ours/sklearn ' +
        '| same counts |',
    );
    lines.push('|---|---:|---:|---:|---:|---:|:---:|');
    for (const [key, label, sec, mib, result] of ours) {
      const ref = get(py, key);
      const refSky = get(pySky, key);
      const expected = key === 'ccw' ? ref?.weights : ref?.counts;
      const same = expected === undefined ? 'n/a' : JSON.stringify(expected) === JSON.stringify(result) ? 'yes' : 'NO';
      const ratio = ref ? (sec / ref.seconds).toFixed(2) : 'n/a';
      const cells = [label, fmt(sec), mib.toFixed(0), fmt(ref?.seconds), fmt(refSky?.seconds), ratio, same];
      lines.push(`| ${cells.join(' | ')} |`);
    }
    return lines.join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
