/**
 * The one "has the monitored value stopped improving?" state machine, shared by early stopping and
 * reduce-learning-rate-on-plateau (Keras's `EarlyStopping` and `ReduceLROnPlateau` count the same
 * way; only what they do on a plateau differs).
 * @internal
 */

/** What one epoch's value meant to a {@link PlateauTracker}. @internal */
export type PlateauStep = 'improved' | 'waiting' | 'plateau';

/** Settings of a {@link PlateauTracker}. @internal */
export interface PlateauSettings {
  /** `'min'` for losses, `'max'` for scores. */
  mode: 'min' | 'max';
  /** An epoch improves when it beats the best so far by more than this. */
  minDelta: number;
  /** Epochs without improvement that make a plateau. */
  patience: number;
  /** Epochs after {@link PlateauTracker.coolDown} during which no epoch counts towards a plateau. */
  cooldown?: number;
}

/**
 * Counts epochs without improvement of a monitored value.
 *
 * @remarks
 * Each {@link PlateauTracker.update}, in Keras's order:
 * 1. inside a cooldown, one cooldown epoch is used up and the wait count is reset;
 * 2. a value that beats the best by more than `minDelta` (never NaN) becomes the best: `'improved'`;
 * 3. otherwise, outside a cooldown, the wait count grows; when it reaches `patience` the tracker
 *    reports `'plateau'` and starts counting again from 0; else (or inside a cooldown) `'waiting'`.
 *
 * Early stopping stops at the first plateau after epoch 0; the learning-rate scheduler reduces the
 * rate and calls {@link PlateauTracker.coolDown}.
 * @internal
 */
export class PlateauTracker {
  /** The best value so far (±Infinity before the first improvement). */
  best: number;
  /** Epochs since the last improvement (or plateau), outside cooldowns. */
  wait = 0;
  private readonly s: Required<PlateauSettings>;
  private cooldownLeft = 0;

  /** @param settings - Mode, `minDelta`, `patience` and the optional cooldown length. */
  constructor(settings: PlateauSettings) {
    this.s = { cooldown: 0, ...settings };
    this.best = settings.mode === 'min' ? Infinity : -Infinity;
  }

  /** Feeds one epoch's value and says whether it improved, waited or completed a plateau. */
  update(value: number): PlateauStep {
    if (this.cooldownLeft > 0) {
      this.cooldownLeft--;
      this.wait = 0;
    }
    if (this.improves(value)) {
      this.best = value;
      this.wait = 0;
      return 'improved';
    }
    if (this.cooldownLeft > 0) return 'waiting';
    this.wait++;
    if (this.wait < this.s.patience) return 'waiting';
    this.wait = 0;
    return 'plateau';
  }

  /** Starts a cooldown of `cooldown` epochs (after acting on a plateau). */
  coolDown(): void {
    this.cooldownLeft = this.s.cooldown;
  }

  private improves(value: number): boolean {
    if (Number.isNaN(value)) return false;
    const { mode, minDelta } = this.s;
    return mode === 'min' ? value + minDelta < this.best : value - minDelta > this.best;
  }
}
