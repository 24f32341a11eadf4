/**
 * Progress output: a cli-progress bar on a TTY, plain lines otherwise (CI logs, pipes), nothing
 * with `--quiet`.
 *
 * @module
 */
import cliProgress from 'cli-progress';

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
            `${label} [{bar}] epoch {value}/{total} | loss {loss} | acc {acc} | ` +
            '{valName} {val} | ETA {eta_formatted}',
          hideCursor: true,
          clearOnComplete: false,
          etaBuffer: 5,
        },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(totalEpochs, 0, { loss: '–', acc: '–', valName: 'val', val: '–' });
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

  /** Ends the bar (when early stopping ends training before the last epoch, too). */
  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
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
