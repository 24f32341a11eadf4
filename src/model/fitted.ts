/**
 * What a fitted {@link MLPClassifier} holds: the public {@link MLPFitted} record and the internal
 * state behind it (architecture, weight values, live tensors).
 * @module
 */
import type { Label } from '../core/matrix.js';
import type { ResolvedBackend } from './backend.js';
import type { LayerValues, NetSpec, Network } from './Network.js';
import type { EpochLogs } from './options.js';

/** What an {@link MLPClassifier} learned. */
export interface MLPFitted {
  /** Sorted class labels; probability columns follow this order. */
  readonly classes: Label[];
  /** Number of features seen in fit. */
  readonly nFeaturesIn: number;
  /** The seed actually used (drawn when the option was absent). */
  readonly seed: number;
  /** The tfjs backend training ran on. */
  readonly backend: ResolvedBackend;
  /** Per-epoch logs. */
  readonly history: readonly EpochLogs[];
  /** The per-class loss weights used (1 for every class without `classWeight`). */
  readonly classWeight: ReadonlyMap<Label, number>;
  /** Epoch whose weights the model holds when best weights were restored, else undefined. */
  readonly bestEpoch: number | undefined;
  /** Epoch after which early stopping ended training, else undefined. */
  readonly stoppedEpoch: number | undefined;
  /** Number of training rows (after the validation hold-out). */
  readonly nTrain: number;
  /** Number of validation rows (0 without validation). */
  readonly nValidation: number;
}

/**
 * The state of a fitted model: `values` are the source of truth; `net` holds them as tensors and
 * is rebuilt from them on demand after `dispose()` or `fromJSON`.
 * @internal
 */
export interface ModelState {
  /** The public record. */
  fitted: MLPFitted;
  /** The architecture. */
  spec: NetSpec;
  /** Every weight, as float32 arrays. */
  values: LayerValues[];
  /** The live tensors, or undefined. */
  net: Network | undefined;
}
