import { spawnSync } from 'node:child_process';

/** Wall time of `fn` in seconds, and the peak RSS growth seen while it ran (sampled). */
export async function measure<T>(fn: () => T | Promise<T>): Promise<{ seconds: number; peakMiB: number; result: T }> {
  if (globalThis.gc) globalThis.gc();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const t0 = performance.now();
  const result = await fn();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { seconds, peakMiB: (peak - base) / 2 ** 20, result };
}

/**
 * Runs a Python peer script with Debian's /usr/bin/python3 and parses the JSON it prints on its
 * last line. Returns undefined (with the reason) when Python or a module is missing.
 */
export function runPython(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): { ok: true; data: unknown } | { ok: false; reason: string } {
  const r = spawnSync('/usr/bin/python3', [script, ...args], {
    env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE', ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.error) return { ok: false, reason: r.error.message };
  if (r.status !== 0)
    return { ok: false, reason: (r.stderr || '').trim().split('\n').slice(-1)[0] ?? `exit ${r.status}` };
  const last = r.stdout.trim().split('\n').slice(-1)[0] ?? '';
  try {
    return { ok: true, data: JSON.parse(last) };
  } catch {
    return { ok: false, reason: `unparseable output: ${last.slice(0, 200)}` };
  }
}
