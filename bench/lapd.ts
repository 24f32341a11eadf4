/**
 * Benchmark suite `lapd`: the LAPD example's real-data path end to end at full-table scale. A
 * 1,000,000-row SYNTHETIC CSV with the real schema and variety (`lapd:generate`, ~221 MiB) is
 * written to a temporary folder, then `npm run lapd -- --data FILE --sampler S` runs as its own
 * process for S = none, smote, adasyn with the example's default flags (150 Mocodes, maxCategories
 * 60, the default network): wall time and peak RSS of the whole process, per phase (the example
 * records them in metrics.json from the kernel's high-water mark) and in all (sampled from outside
 * as well), and the test metrics. The issue's bounds are checked in the text: peak RSS under
 * 2 GiB, smote / adasyn at most 1.5× the wall time of none.
 *
 * In the same run, the Python pipeline a user would otherwise write (`bench/lapd_python.py`:
 * pandas → OneHotEncoder + StandardScaler → imbalanced-learn → scikit-learn's MLPClassifier with
 * the same hidden layer, Debian's /usr/bin/python3) runs on the same file under the same memory
 * budget — a watchdog kills it when its RSS passes the budget or it passes the time limit — and the
 * text says how far it got.
 *
 * Environment: LAPD_BENCH_MEMORY (bytes, default 2 GiB), LAPD_BENCH_PY_TIMEOUT (seconds, default
 * 3600), LAPD_BENCH_ROWS (default 1,000,000; 100,000 with --quick), LAPD_BENCH_SAMPLERS (comma-separated,
 * default none,smote,adasyn; the text says which were left out).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticCsv } from '../examples/lapd/synthetic.js';
import type { BenchContext } from './suites.js';

const root = join(import.meta.dirname, '..');
const MiB = 2 ** 20;

/** What a watched child process did. */
interface Watched {
  /** Exit code (null when killed). */
  code: number | null;
  /** Wall time, seconds. */
  seconds: number;
  /** Peak RSS seen from outside (VmRSS of /proc/PID/status every 100 ms), bytes. */
  peakRss: number;
  /** Why the watchdog killed it, if it did. */
  killed?: 'memory' | 'time';
  /** Its stdout lines. */
  lines: string[];
  /** The end of its stderr. */
  stderr: string;
}

function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Runs a command, watching its RSS; kills it above `maxRss` bytes or after `timeout` seconds. */
function runWatched(
  cmd: string,
  args: string[],
  opts: { maxRss: number; timeout: number; env?: Record<string, string>; onLine?: (line: string) => void },
): Promise<Watched> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, {
      cwd: root,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let stderr = '';
    let rest = '';
    let peakRss = 0;
    let killed: Watched['killed'];
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      for (const l of parts) {
        lines.push(l);
        opts.onLine?.(l);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    const timer = setInterval(() => {
      if (child.pid === undefined) return;
      peakRss = Math.max(peakRss, rssOf(child.pid));
      const over =
        peakRss > opts.maxRss ? 'memory' : (performance.now() - t0) / 1000 > opts.timeout ? 'time' : undefined;
      if (over && killed === undefined) {
        killed = over;
        child.kill('SIGKILL');
      }
    }, 100);
    child.on('close', (code) => {
      clearInterval(timer);
      if (rest !== '') lines.push(rest);
      resolve({
        code,
        seconds: (performance.now() - t0) / 1000,
        peakRss,
        ...(killed ? { killed } : {}),
        lines,
        stderr,
      });
    });
  });
}

/** The parts of the example's metrics.json this suite reports. */
interface RunMetrics {
  rocAucOvrMacro: number;
  balancedAccuracy: number;
  nTrain: number;
  nTrainResampled: number;
  phases: Array<{ name: string; seconds: number; peakRssMiB: number }>;
  peakRssMiB: number;
  epochs?: number;
}

const f1 = (v: number): string => v.toFixed(1);
const f0 = (v: number): string => v.toFixed(0);

export default async function lapd(ctx: BenchContext): Promise<string> {
  const n = Number(process.env.LAPD_BENCH_ROWS ?? (ctx.quick ? 100_000 : 1_000_000));
  const budget = Number(process.env.LAPD_BENCH_MEMORY ?? 2 * 2 ** 30);
  const pyTimeout = Number(process.env.LAPD_BENCH_PY_TIMEOUT ?? 3600);
  const dir = mkdtempSync(join(tmpdir(), 'lapd-bench-'));
  const path = join(dir, 'synthetic.csv');
  try {
    ctx.log(`lapd: writing ${n} SYNTHETIC rows to ${path}`);
    const g0 = performance.now();
    await writeSyntheticCsv(path, { n, seed: 1 });
    const genSeconds = (performance.now() - g0) / 1000;
    const fileMiB = statSync(path).size / MiB;
    const out: string[] = [
      `${n.toLocaleString('en-US')} SYNTHETIC rows with the real 28-column schema and variety ` +
        `(\`lapd:generate\`, seed 1: ${f0(fileMiB)} MiB, written in ${f1(genSeconds)} s), ` +
        `${ctx.machine}; ${ctx.date}.`,
      '`npm run lapd -- --data FILE --sampler S` with the default flags (150 Mocodes, maxCategories 60, ' +
        'hidden 64, batch 512, early stopping), each sampler in its own process. Peak RSS of the whole ' +
        'process: per phase from the kernel high-water mark (reset at each phase, recorded by the example in ' +
        'metrics.json), in all also sampled from outside every 100 ms.',
      '',
    ];
    const runs = new Map<string, { w: Watched; m: RunMetrics | undefined }>();
    const samplers = (process.env.LAPD_BENCH_SAMPLERS ?? 'none,smote,adasyn').split(',').filter((v) => v !== '');
    if (!samplers.includes('none')) samplers.unshift('none');
    const left = ['smote', 'adasyn'].filter((v) => !samplers.includes(v));
    if (left.length > 0) out.push(`Not run this time (LAPD_BENCH_SAMPLERS): ${left.join(', ')}.`, '');
    for (const sampler of samplers) {
      ctx.log(`lapd: npm run lapd -- --sampler ${sampler}`);
      const outDir = join(dir, `out-${sampler}`);
      const w = await runWatched(
        process.execPath,
        [
          '--import',
          'tsx',
          join(root, 'examples', 'lapd', 'main.ts'),
          '--data',
          path,
          '--sampler',
          sampler,
          '--out',
          outDir,
        ],
        { maxRss: 64 * 2 ** 30, timeout: 6 * 3600, env: { FORCE_COLOR: '0' }, onLine: (l) => ctx.log(`  ${l}`) },
      );
      let m: RunMetrics | undefined;
      if (w.code === 0) {
        m = JSON.parse(readFileSync(join(outDir, 'metrics.json'), 'utf8')) as RunMetrics;
      }
      runs.set(sampler, { w, m });
      ctx.log(`lapd: ${sampler}: exit ${w.code}, ${f1(w.seconds)} s, peak ${f0(w.peakRss / MiB)} MiB`);
    }
    out.push(...exampleTables(runs, budget));
    out.push('', ...(await pythonTable(ctx, path, budget, pyTimeout)));
    return out.join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The example's tables: one row per phase and sampler, then totals, the bounds and the metrics. */
function exampleTables(runs: Map<string, { w: Watched; m: RunMetrics | undefined }>, budget: number): string[] {
  const samplers = [...runs.keys()];
  // Phases in run order: those of the run with the most phases first (a sampler's run has the
  // resample phase the none run lacks), then any others.
  const phaseNames: string[] = [];
  const byLength = [...runs.values()].sort((a, b) => (b.m?.phases.length ?? 0) - (a.m?.phases.length ?? 0));
  for (const { m } of byLength)
    for (const p of m?.phases ?? []) if (!phaseNames.includes(p.name)) phaseNames.push(p.name);
  const lines = [
    `| phase | ${samplers.map((s) => `${s}: seconds | ${s}: peak MiB`).join(' | ')} |`,
    `|---|${samplers.map(() => '---|---').join('|')}|`,
  ];
  for (const name of phaseNames) {
    const cells = samplers.map((s) => {
      const p = runs.get(s)!.m?.phases.find((q) => q.name === name);
      return p ? `${f1(p.seconds)} | ${f0(p.peakRssMiB)}` : '– | –';
    });
    lines.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  const total = samplers.map((s) => {
    const { w, m } = runs.get(s)!;
    if (w.code !== 0) return `failed (exit ${w.code}) | ${f0(w.peakRss / MiB)}`;
    return `**${f1(w.seconds)}** | **${f0(Math.max(m!.peakRssMiB, w.peakRss / MiB))}**`;
  });
  lines.push(`| whole process (wall, peak RSS) | ${total.join(' | ')} |`);
  const none = runs.get('none')!;
  lines.push('');
  for (const s of samplers) {
    const { w, m } = runs.get(s)!;
    if (w.code !== 0 || !m) {
      lines.push(`- ${s}: did not complete (exit ${w.code}): ${w.stderr.trim().split('\n').slice(-1)[0] ?? ''}`);
      continue;
    }
    const peak = Math.max(m.peakRssMiB, w.peakRss / MiB);
    const ratio = none.w.code === 0 && s !== 'none' ? ` — ${(w.seconds / none.w.seconds).toFixed(2)}× none` : '';
    const bound = s === 'none' ? '' : w.seconds <= 1.5 * none.w.seconds ? ' (≤ 1.5×: met)' : ' (> 1.5×: NOT met)';
    lines.push(
      `- ${s}: ${f1(w.seconds)} s${ratio}${ratio ? bound : ''}; peak RSS ${f0(peak)} MiB ` +
        `(${peak * MiB < budget ? 'under' : 'OVER'} ${f0(budget / MiB)} MiB); ROC-AUC ovr macro ` +
        `${m.rocAucOvrMacro.toFixed(3)}, balanced accuracy ${m.balancedAccuracy.toFixed(3)}; ` +
        `${m.nTrain.toLocaleString('en-US')} training rows, resampled total ` +
        `${m.nTrainResampled.toLocaleString('en-US')}` +
        `${m.epochs === undefined ? '' : `, ${m.epochs} epochs`}.`,
    );
  }
  return lines;
}

/** The Python pipeline on the same file under the same memory budget, with smote. */
async function pythonTable(ctx: BenchContext, path: string, budget: number, timeout: number): Promise<string[]> {
  const lines = [
    `**Python** — \`bench/lapd_python.py\` (pandas → OneHotEncoder + StandardScaler, dense float64 → ` +
      'imbalanced-learn SMOTE → scikit-learn MLPClassifier(64)), same file, killed when its RSS passes ' +
      `${f0(budget / MiB)} MiB or after ${f0(timeout)} s:`,
    '',
    '| phase | seconds | peak MiB |',
    '|---|---|---|',
  ];
  ctx.log('lapd: python3 bench/lapd_python.py smote');
  const w = await runWatched('/usr/bin/python3', [join(root, 'bench', 'lapd_python.py'), path, 'smote'], {
    maxRss: budget,
    timeout,
    env: { OMP_NUM_THREADS: '2', OMP_WAIT_POLICY: 'PASSIVE', PYTHONWARNINGS: 'ignore' },
    onLine: (l) => ctx.log(`  ${l}`),
  });
  let done: { seconds: number; metrics: Record<string, number>; versions: Record<string, string> } | undefined;
  let running = '';
  for (const l of w.lines) {
    let j: Record<string, unknown>;
    try {
      j = JSON.parse(l) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (j.done) done = j as unknown as typeof done;
    else if (typeof j.start === 'string') running = j.start;
    else if (typeof j.phase === 'string')
      lines.push(`| ${j.phase} | ${f1(j.seconds as number)} | ${f0(j.peakMiB as number)} |`);
  }
  lines.push('');
  if (done) {
    const m = done.metrics;
    lines.push(
      `Completed in ${f1(w.seconds)} s, peak RSS ${f0(w.peakRss / MiB)} MiB; ROC-AUC ovr macro ` +
        `${m.rocAucOvrMacro!.toFixed(3)}, balanced accuracy ${m.balancedAccuracy!.toFixed(3)} ` +
        `(${Object.entries(done.versions)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}).`,
    );
  } else {
    const why =
      w.killed === 'memory'
        ? `killed by the watchdog when its RSS passed ${f0(budget / MiB)} MiB`
        : w.killed === 'time'
          ? `killed after the ${f0(timeout)} s time limit`
          : `failed (exit ${w.code}: ${w.stderr.trim().split('\n').slice(-1)[0] ?? ''})`;
    lines.push(
      `**Did not finish**: ${why}, ${f1(w.seconds)} s in, during "${running}" ` +
        `(peak RSS seen ${f0(w.peakRss / MiB)} MiB).`,
    );
  }
  return lines;
}
