/**
 * Wall time and peak resident memory of each phase of a run (reading, features, encoding, the
 * sampler's fit, training, prediction), written to metrics.json and shown at the end — what a user
 * needs to see where a million rows spend their time and memory.
 *
 * The peak is the kernel's high-water mark of the process's resident memory (`VmHWM` in
 * `/proc/self/status`), reset at the start of each phase (writing `5` to `/proc/self/clear_refs`),
 * so a phase's peak is its own even when its work is one long synchronous loop (a timer sampling
 * `process.memoryUsage()` never runs then). Where that is not available (not Linux), the peak is
 * the process's maximum so far (`process.resourceUsage().maxRSS`).
 *
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** One finished phase. */
export interface PhaseRecord {
  /** Its name. */
  name: string;
  /** Wall time, seconds. */
  seconds: number;
  /** Peak resident memory of the whole process during the phase, MiB. */
  peakRssMiB: number;
}

/** The process's peak resident memory since the last reset (or since it started), bytes. */
export function peakRss(): number {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS * 1024;
}

/** Resets the high-water mark to the current resident memory; false where that is not possible. */
export function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** The phases of one run, in order; a new phase ends the current one. */
export class PhaseLog {
  /** The finished phases. */
  readonly phases: PhaseRecord[] = [];
  /** Whether each phase's peak is its own (false: the maximum since the process started). */
  readonly resettable: boolean;
  /** Put before every phase name started from now on (e.g. the configuration of `--compare`). */
  prefix = '';
  private current: { name: string; t0: number } | undefined;
  private overall = 0;

  constructor() {
    this.overall = peakRss();
    this.resettable = resetPeakRss();
  }

  /** Ends the current phase (if any) and starts `name`. */
  start(name: string): void {
    this.end();
    if (this.resettable) resetPeakRss();
    this.current = { name: this.prefix + name, t0: performance.now() };
  }

  /** Ends the current phase. */
  end(): void {
    if (!this.current) return;
    const peak = peakRss();
    this.overall = Math.max(this.overall, peak);
    this.phases.push({
      name: this.current.name,
      seconds: (performance.now() - this.current.t0) / 1000,
      peakRssMiB: peak / 2 ** 20,
    });
    this.current = undefined;
  }

  /** Peak resident memory of the process over the whole run so far, MiB. */
  peakMiB(): number {
    return Math.max(this.overall, peakRss()) / 2 ** 20;
  }

  /** One line: "read 23.4s 240 MiB · features 3.1s 410 MiB · …". */
  summary(): string {
    return this.phases.map((p) => `${p.name} ${p.seconds.toFixed(1)}s ${p.peakRssMiB.toFixed(0)} MiB`).join(' · ');
  }
}
