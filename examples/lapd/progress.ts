/**
 * Progress output: a cli-progress bar on a TTY, plain lines otherwise (CI logs, pipes), nothing
 * with `--quiet`.
 *
 * @module
 */
import cliProgress from 'cli-progress';
import type { Progress } from 'imbalanced-tabular';
import type { PhaseLog } from './phases.js';

/** Where progress goes: the stream, and whether it is an interactive terminal. */
export interface ProgressSink {
  /** Writes one line (plain mode). */
  line(text: string): void;
  /** True for an interactive terminal (bars), false for plain lines. */
  tty: boolean;
  /** False with `--quiet`: nothing is printed. */
  enabled: boolean;
}

/** The sink for this process's stdout. */
export function stdoutSink(quiet: boolean): ProgressSink {
  return { line: (t) => process.stdout.write(`${t}\n`), tty: process.stdout.isTTY === true, enabled: !quiet };
}

/** Metrics of one finished epoch, as the progress shows them. */
export interface EpochMetrics {
  /** Training loss. */
  loss: number;
  /** Training accuracy. */
  accuracy: number;
  /** Validation metric name and value (e.g. valMacroF1). */
  valName?: string;
  /** Validation metric value. */
  valValue?: number;
}

const fmt = (v: number | undefined, d = 4): string => (v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(d));

/** Per-epoch training progress: loss, accuracy, a validation metric and the ETA. */
export class EpochProgress {
  private bar: cliProgress.SingleBar | undefined;
  private readonly t0 = performance.now();
  constructor(
    private readonly sink: ProgressSink,
    private readonly totalEpochs: number,
    private readonly label: string,
  ) {
    if (sink.enabled && sink.tty) {
      this.bar = new cliProgress.SingleBar(
        {
          format:
            `${label} [{bar}] epoch {value}/{total} | batch {batch} | loss {loss} | acc {acc} | ` +
            '{valName} {val} | ETA {eta_formatted}',
          hideCursor: true,
          clearOnComplete: false,
          etaBuffer: 5,
        },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(totalEpochs, 0, { batch: '–', loss: '–', acc: '–', valName: 'val', val: '–' });
    }
  }

  /** Reports epoch `epoch` (1-based). */
  epoch(epoch: number, m: EpochMetrics): void {
    if (!this.sink.enabled) return;
    if (this.bar) {
      this.bar.update(epoch, {
        loss: fmt(m.loss),
        acc: fmt(m.accuracy),
        valName: m.valName ?? 'val',
        val: fmt(m.valValue),
      });
      return;
    }
    const elapsed = (performance.now() - this.t0) / 1000;
    const eta = (elapsed / epoch) * (this.totalEpochs - epoch);
    this.sink.line(
      `${this.label} epoch ${epoch}/${this.totalEpochs}  loss ${fmt(m.loss)}  acc ${fmt(m.accuracy)}` +
        (m.valName ? `  ${m.valName} ${fmt(m.valValue)}` : '') +
        `  elapsed ${elapsed.toFixed(1)}s  ETA ${eta.toFixed(1)}s`,
    );
  }

  /** Reports batch `done` of `total` within the current epoch (on a terminal only). */
  batch(done: number, total: number | undefined): void {
    this.bar?.update({ batch: total === undefined ? String(done) : `${done}/${total}` });
  }

  /** Ends the bar (when early stopping ends training before the last epoch, too). */
  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}

/** The MLP's epoch logs the training progress shows. */
interface TrainLogs {
  loss: number;
  accuracy: number;
  valMacroF1?: number;
}

/**
 * Renders an MLP fit's `onProgress` and `onEpochEnd`: the lazy sampler's fit (reading its rows,
 * the neighbour searches) as a phase bar, then training epoch by epoch with the batch within the
 * epoch. When the first batch arrives the sampler's fit is over: `phases` then starts the training
 * phase, so the two are timed apart.
 */
export class TrainProgress {
  private readonly epochs: EpochProgress;
  private resample: PhaseProgress | undefined;
  private samplerPhase = '';
  private training: boolean;

  constructor(
    private readonly sink: ProgressSink,
    totalEpochs: number,
    private readonly label: string,
    private readonly phases: PhaseLog | undefined,
    resampling: boolean,
  ) {
    this.epochs = new EpochProgress(sink, totalEpochs, label);
    this.training = !resampling;
  }

  /** One progress report of the fit. */
  report(p: Progress): void {
    if (p.phase === 'batch') {
      if (!this.training) {
        this.training = true;
        this.resample?.stop();
        this.resample = undefined;
        this.phases?.start('train');
      }
      this.epochs.batch(p.done, p.total);
      return;
    }
    if (p.phase === 'epoch') return;
    // The sampler's fit: 'fit' (its rows read and checked), 'neighbors' (the searches), ... — one
    // bar per step, as each has its own unit and total.
    if (p.phase !== this.samplerPhase) {
      this.resample?.stop();
      this.samplerPhase = p.phase;
      this.resample = new PhaseProgress(this.sink, `${this.label} resample: ${p.phase}`, p.total ?? 1);
    }
    const total = p.total === undefined ? '' : ` of ${p.total.toLocaleString('en-US')}`;
    this.resample!.update(p.done, `${p.done.toLocaleString('en-US')}${total} ${p.unit}`, p.total ?? 1);
  }

  /** Epoch `epoch` (1-based) ended. */
  epoch(epoch: number, logs: TrainLogs): void {
    this.epochs.epoch(epoch, {
      loss: logs.loss,
      accuracy: logs.accuracy,
      valName: 'valMacroF1',
      ...(logs.valMacroF1 !== undefined ? { valValue: logs.valMacroF1 } : {}),
    });
  }

  /** Ends the bars. */
  stop(): void {
    this.resample?.stop();
    this.epochs.stop();
  }
}

/** Download progress in MiB: a bar on a TTY, a line every 10% (or 25 MiB without a total) otherwise. */
export class ByteProgress {
  private bar: cliProgress.SingleBar | undefined;
  private lastLogged = -1;
  constructor(private readonly sink: ProgressSink) {}

  /** Reports `bytes` received of `total`. */
  update(bytes: number, total: number | undefined): void {
    if (!this.sink.enabled) return;
    const mib = bytes / 2 ** 20;
    if (this.sink.tty) {
      if (!this.bar) {
        this.bar = new cliProgress.SingleBar(
          {
            format: total
              ? 'download [{bar}] {percentage}% | {mib}/{tmib} MiB | ETA {eta_formatted}'
              : 'download {mib} MiB',
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        this.bar.start(total ?? 1, 0, { mib: '0.0', tmib: total ? (total / 2 ** 20).toFixed(1) : '?' });
      }
      this.bar.update(total ? bytes : 0, { mib: mib.toFixed(1) });
      return;
    }
    const step = total ? Math.floor((bytes / total) * 10) : Math.floor(mib / 25);
    if (step !== this.lastLogged) {
      this.lastLogged = step;
      this.sink.line(
        total
          ? `download ${((100 * bytes) / total).toFixed(0)}% (${mib.toFixed(1)} MiB)`
          : `download ${mib.toFixed(1)} MiB`,
      );
    }
  }

  /** Ends the bar. */
  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}

/**
 * Progress of one long phase (reading the CSV, building features, encoding, the neighbour search,
 * training): a bar with a percentage, a detail text and the ETA on a terminal; a plain line at
 * every tenth of the work otherwise; nothing with `--quiet`. `update(done, detail)` may be called
 * as often as wanted — the bar redraws at most every 100 ms (cli-progress), lines only per tenth.
 */
export class PhaseProgress {
  private bar: cliProgress.SingleBar | undefined;
  private lastTenth = 0;
  private readonly t0 = performance.now();

  constructor(
    private readonly sink: ProgressSink,
    private readonly label: string,
    private total: number,
  ) {}

  /** Reports `done` units of `total` (the total may be corrected, e.g. a row count estimated from bytes). */
  update(done: number, detail: string, total = this.total): void {
    if (!this.sink.enabled) return;
    this.total = Math.max(total, 1);
    if (this.sink.tty) {
      if (!this.bar) {
        this.bar = new cliProgress.SingleBar(
          {
            format: `${this.label} [{bar}] {percentage}% | {detail} | ETA {eta_formatted}`,
            hideCursor: true,
            etaBuffer: 20,
          },
          cliProgress.Presets.shades_classic,
        );
        this.bar.start(this.total, 0, { detail });
      }
      this.bar.setTotal(this.total);
      this.bar.update(Math.min(done, this.total), { detail });
      return;
    }
    const tenth = Math.floor((10 * done) / this.total);
    if (tenth > this.lastTenth && tenth < 10) {
      this.lastTenth = tenth;
      const elapsed = (performance.now() - this.t0) / 1000;
      this.sink.line(
        `${this.label} ${Math.floor((100 * done) / this.total)}%  ${detail}  elapsed ${elapsed.toFixed(1)}s`,
      );
    }
  }

  /** Ends the bar; with `summary`, prints it as a line with the phase's duration. */
  stop(summary?: string): void {
    this.bar?.stop();
    this.bar = undefined;
    if (summary !== undefined && this.sink.enabled) this.sink.line(`${summary} (${this.seconds()}s)`);
  }

  /** Seconds since the phase started, one decimal. */
  seconds(): string {
    return ((performance.now() - this.t0) / 1000).toFixed(1);
  }
}

/** Bytes as MiB with one decimal ("221.4 MiB"). */
export function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
