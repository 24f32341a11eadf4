import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../../examples/lapd/cli.js';
import {
  availableMemory,
  cgroupLimit,
  checkFits,
  encodedWidth,
  estimateMemory,
  formatBytes,
  type MemoryPlan,
  memoryPlan,
  parseSize,
} from '../../../examples/lapd/memory.js';

const MiB = 2 ** 20;
const plan = (over: Partial<MemoryPlan> = {}): MemoryPlan => ({
  ...memoryPlan({ ...DEFAULTS }, ['none'], 1_000_000),
  baseline: 200 * MiB,
  ...over,
});

describe('parseSize', () => {
  it('reads bytes and K/M/G/T sizes (powers of 1024)', () => {
    expect(parseSize('1500')).toBe(1500);
    expect(parseSize('800M')).toBe(800 * MiB);
    expect(parseSize('1.5G')).toBe(1.5 * 2 ** 30);
    expect(parseSize('2GiB')).toBe(2 * 2 ** 30);
    expect(parseSize('512mb')).toBe(512 * MiB);
    expect(parseSize('64k')).toBe(64 * 1024);
  });
  it('rejects anything else', () => {
    for (const bad of ['', 'x', '10Q', '-1G', '0', '1.5.2G', 'G']) expect(parseSize(bad), bad).toBeUndefined();
  });
});

describe('the memory available', () => {
  it('reads a cgroup v2 limit, ignores "max" and cgroup v1 "no limit"', () => {
    const files = (m: Record<string, string>) => (p: string) => {
      if (m[p] === undefined) throw new Error('ENOENT');
      return m[p]!;
    };
    expect(cgroupLimit(files({ '/sys/fs/cgroup/memory.max': '2147483648\n' }))).toBe(2 ** 31);
    expect(cgroupLimit(files({ '/sys/fs/cgroup/memory.max': 'max\n' }))).toBeUndefined();
    expect(cgroupLimit(files({ '/sys/fs/cgroup/memory/memory.limit_in_bytes': '9223372036854771712' }))).toBe(
      undefined,
    );
    expect(cgroupLimit(files({ '/sys/fs/cgroup/memory/memory.limit_in_bytes': '1073741824' }))).toBe(2 ** 30);
    expect(cgroupLimit(files({}))).toBeUndefined();
  });
  it('takes --max-memory when it is the smallest', () => {
    expect(availableMemory(100 * MiB)).toEqual({ bytes: 100 * MiB, source: '--max-memory' });
    expect(availableMemory().bytes).toBeGreaterThan(100 * MiB);
  });
});

describe('estimateMemory', () => {
  it('grows with the rows, the Mocodes and the sampler, and names the phase at the peak', () => {
    const base = estimateMemory(plan());
    expect(estimateMemory(plan({ rows: 500_000 })).peak).toBeLessThan(base.peak);
    expect(estimateMemory(plan({ mocodes: 20 })).peak).toBeLessThan(base.peak);
    const smote = estimateMemory(plan({ sampler: 'smote' }));
    const adasyn = estimateMemory(plan({ sampler: 'adasyn' }));
    expect(smote.peak).toBeGreaterThan(base.peak);
    expect(adasyn.peak).toBeGreaterThan(smote.peak);
    expect(smote.phase).toBe('training');
    expect([...smote.phases.keys()]).toEqual(['reading', 'split', 'features', 'training', 'prediction']);
  });
  it('stays far below the dense one-hot matrix a million rows would take', () => {
    const p = plan({ sampler: 'smote' });
    const dense = p.rows * encodedWidth(p) * 8; // the float64 matrix of the eager path
    expect(estimateMemory(p).peak).toBeLessThan(dense / 2);
    expect(estimateMemory(p).peak).toBeLessThan(2 * 2 ** 30); // the bound, with the defaults
  });
  it('uses the data: widths capped by --max-categories', () => {
    expect(encodedWidth(plan())).toBe(plan().categoryWidths.reduce((a, b) => a + b) + 12 + 150);
    expect(Math.max(...plan().categoryWidths)).toBe(DEFAULTS.maxCategories);
  });
});

describe('checkFits', () => {
  it('passes when the estimate fits', () => {
    expect(checkFits(plan(), { bytes: 64 * 2 ** 30, source: 'the machine' }, '', {})).toBeUndefined();
  });
  it('says the estimate, the limit and a --limit that fits', () => {
    const p = plan({ sampler: 'smote' });
    const limit = { bytes: Math.floor(estimateMemory(p).peak * 0.8), source: '--max-memory' };
    const message = checkFits(p, limit, '(after reading)', {})!;
    expect(message).toMatch(/^not enough memory \(after reading\): the training phase needs about /);
    expect(message).toContain(`more than the ${formatBytes(limit.bytes)} of --max-memory`);
    const suggested = Number(/--limit (\d+)/.exec(message)![1]);
    expect(suggested).toBeGreaterThan(0);
    expect(suggested).toBeLessThan(p.rows);
    expect(estimateMemory({ ...p, rows: suggested }).peak).toBeLessThanOrEqual(limit.bytes);
    expect(message).toMatch(/--sampler none|--mocodes \d+/);
  });
  it('says when nothing fits', () => {
    expect(checkFits(plan(), { bytes: 10 * MiB, source: '--max-memory' }, '', {})).toMatch(/no setting fits/);
  });
});
