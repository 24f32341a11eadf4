/**
 * Benchmark suite `metrics`: multiclass `rocAucScore` (ovr and ovo, macro and weighted) on
 * 1,000,000 rows × 6 classes, next to scikit-learn's `roc_auc_score` on the very same arrays
 * (written to a temporary file and read by bench/metrics_sklearn.py), in the same run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Random } from '../src/core/Random.js';
import { fromDense } from '../src/core/matrix.js';
import { rocAucScore, type RocAucOptions } from '../src/metrics/index.js';
import type { BenchContext } from './suites.js';
import { measure, runPython } from './util.js';

const K = 6;
const PRIORS = [0.55, 0.2, 0.12, 0.08, 0.04, 0.01];

/** Imbalanced 6-class labels and softmax probabilities of a noisy, informative model. */
function makeData(n: number, ties: boolean, seed = 2026): { y: Int32Array; p: Float64Array } {
  const r = new Random(seed);
  const y = new Int32Array(n);
  const p = new Float64Array(n * K);
  const cum = PRIORS.map((_, i) => PRIORS.slice(0, i + 1).reduce((a, b) => a + b, 0));
  for (let i = 0; i < n; i++) {
    const u = r.float();
    let c = 0;
    while (c < K - 1 && u >= (cum[c] as number)) c++;
    y[i] = c;
    let s = 0;
    for (let j = 0; j < K; j++) {
      const z = Math.exp(r.normal() + (j === c ? 1.5 : 0));
      p[i * K + j] = z;
      s += z;
    }
    for (let j = 0; j < K; j++) {
      let v = (p[i * K + j] as number) / s;
      // two decimals: heavy ties (rows still sum to 1 within 1e-2 → renormalised below)
      if (ties) v = Math.round(v * 100) / 100;
      p[i * K + j] = v;
    }
    if (ties) {
      // put the rounding residue on the largest entry so rows sum to 1 within float error
      let t = 0;
      let arg = 0;
      for (let j = 0; j < K; j++) {
        t += p[i * K + j] as number;
        if ((p[i * K + j] as number) > (p[i * K + arg] as number)) arg = j;
      }
      p[i * K + arg] = Math.round(((p[i * K + arg] as number) + 1 - t) * 100) / 100;
    }
  }
  return { y, p };
}

const CASES: Array<{ id: string; options: RocAucOptions }> = [
  { id: 'ovr-macro', options: { multiClass: 'ovr', average: 'macro' } },
  { id: 'ovr-weighted', options: { multiClass: 'ovr', average: 'weighted' } },
  { id: 'ovo-macro', options: { multiClass: 'ovo', average: 'macro' } },
  { id: 'ovo-weighted', options: { multiClass: 'ovo', average: 'weighted' } },
];

type PyOut = Record<string, { seconds: number; value: number }> & { sklearn?: string };

export default async function metricsSuite(ctx: BenchContext): Promise<string> {
  const n = ctx.quick ? 100_000 : 1_000_000;
  const script = join(import.meta.dirname, 'metrics_sklearn.py');
  const dir = mkdtempSync(join(tmpdir(), 'bench-metrics-'));
  const load0 = loadavg()[0]?.toFixed(1);
  const lines: string[] = [];
  lines.push(`### rocAucScore — ${n.toLocaleString('en-US')} rows × ${K} classes`);
  lines.push('');
  lines.push(
    `Labels with priors ${PRIORS.join(' / ')}; ` +
      'probabilities are the softmax of N(0, 1) logits with +1.5 on the true class. ' +
      '"ties" rounds every probability to two decimals (heavy ties). ' +
      'Ours takes an ml-matrix `Matrix` (what `predictProba` returns) ' +
      'and validates it (copy, finite check, row sums); ' +
      'scikit-learn gets the same float64 arrays (read from a temporary file) and `labels=range(6)`. ' +
      'One run each; "agree" is |ours − sklearn| ≤ 1e-9.',
  );
  lines.push('');
  lines.push(
    '| data | average | ours (s) | ours peak (MiB) | sklearn (s) | sklearn SkylakeX (s) | ratio ours/sklearn | agree |',
  );
  lines.push('|---|---|---:|---:|---:|---:|---:|:---:|');
  try {
    for (const ties of [false, true]) {
      const tag = ties ? 'ties' : 'continuous';
      ctx.log(`generating ${tag}`);
      const { y, p } = makeData(n, ties);
      const prefix = join(dir, tag);
      writeFileSync(`${prefix}.y.i32`, new Uint8Array(y.buffer));
      writeFileSync(`${prefix}.p.f64`, new Uint8Array(p.buffer));
      const labels = Array.from(y);
      const P = fromDense(p, n, K);
      ctx.log('sklearn');
      const py = runPython(script, [prefix, String(n), String(K)]);
      const pySky = runPython(script, [prefix, String(n), String(K)], { OPENBLAS_CORETYPE: 'SkylakeX' });
      for (const c of CASES) {
        ctx.log(`ours ${tag} ${c.id}`);
        rocAucScore(labels.slice(0, 10_000), fromDense(p.slice(0, 10_000 * K), 10_000, K), c.options);
        const m = await measure(() => rocAucScore(labels, P, c.options) as number);
        const pd = py.ok ? (py.data as PyOut)[c.id] : undefined;
        const ps = pySky.ok ? (pySky.data as PyOut)[c.id] : undefined;
        const agree = pd ? (Math.abs(m.result - pd.value) <= 1e-9 ? 'yes' : `no (${m.result} vs ${pd.value})`) : '–';
        const sklearn = pd ? pd.seconds.toFixed(2) : py.ok ? '–' : `unavailable: ${py.reason}`;
        const sklearnSky = ps ? ps.seconds.toFixed(2) : '–';
        const ratio = pd ? (m.seconds / pd.seconds).toFixed(2) : '–';
        lines.push(
          `| ${tag} | ${c.id} | ${m.seconds.toFixed(2)} | ${m.peakMiB.toFixed(0)} | ` +
            `${sklearn} | ${sklearnSky} | ${ratio} | ${agree} |`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  lines.push('');
  lines.push(
    `1-minute load average at the start / end of the suite: ${load0} / ${loadavg()[0]?.toFixed(1)} ` +
      'on this 2-core machine (above 2, other jobs were sharing it and absolute times are inflated); ' +
      "ours and scikit-learn's run seconds apart on the same data.",
  );
  lines.push('');
  lines.push(
    "Ours needs no permutation: per class it copies the positives' and the negatives' scores " +
      'into one Float64Array scratch buffer, sorts the two parts with the native typed-array sort ' +
      'and merges them from the top, adding a trapezoid per distinct score (ties = one step, as scikit-learn). ' +
      "ovo does the same on the two columns of every pair restricted to the pair's samples. " +
      'Each of our calls is preceded by one untimed warm-up call on 10,000 rows (JIT).',
  );
  return lines.join('\n');
}
