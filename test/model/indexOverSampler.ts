/**
 * A test-only lazy sampler: random over-sampling by index. Every class of the rows it is given is
 * topped up to the largest class with seeded copies of its own rows; an epoch is a seeded shuffle of
 * the originals and the copies. It records the rows it was fitted on and every row index it yielded,
 * so tests can prove which rows training (and validation) saw.
 */
import type { Batch, BatchSource, FitStreamOptions, LazySampler } from '../../src/core/batchSource.js';
import { uniqueSorted } from '../../src/core/labels.js';
import type { Label } from '../../src/core/matrix.js';
import { Random } from '../../src/core/Random.js';
import type { RowSource } from '../../src/core/rowSource.js';

export class IndexOverSampler implements LazySampler {
  /** The `rows` option of every fitStream call (undefined = every row). */
  readonly fittedRows: (Int32Array | undefined)[] = [];
  /** Every original row index yielded in a batch. */
  readonly yielded = new Set<number>();
  /** Progress reports the sampler passed on. */
  progressCalls = 0;

  constructor(private readonly seed: number) {}

  fitStream(X: RowSource, y: ReadonlyArray<Label>, options: FitStreamOptions = {}): BatchSource {
    const rows = options.rows ?? Int32Array.from({ length: X.rows }, (_, i) => i);
    this.fittedRows.push(options.rows ? Int32Array.from(options.rows) : undefined);
    options.onProgress?.({ phase: 'fit', done: 1, total: 1, unit: 'samplers' });
    if (options.onProgress) this.progressCalls++;
    const labels = Array.from(rows, (r) => y[r] as Label);
    const classes = uniqueSorted(labels);
    const byClass = classes.map((c) => Array.from(rows).filter((_, i) => labels[i] === c));
    const top = Math.max(...byClass.map((r) => r.length));
    const rng = new Random(this.seed);
    const epochIdx: number[] = [];
    const epochY: number[] = [];
    byClass.forEach((own, c) => {
      for (let i = 0; i < top; i++) {
        epochIdx.push(i < own.length ? (own[i] as number) : (own[rng.int(own.length)] as number));
        epochY.push(c);
      }
    });
    const seed = this.seed;
    const yielded = this.yielded;
    const d = X.columns;
    return {
      nFeatures: d,
      classes,
      epochRows: epochIdx.length,
      epochCounts: new Map(classes.map((c) => [c, top])),
      *batches(epoch: number, batchSize: number): Iterable<Batch> {
        const perm = new Random(seed * 7919 + epoch).permutation(epochIdx.length);
        const x = new Float32Array(batchSize * d);
        const yb = new Int32Array(batchSize);
        const idx = new Int32Array(batchSize);
        for (let s = 0; s < perm.length; s += batchSize) {
          const size = Math.min(batchSize, perm.length - s);
          for (let i = 0; i < size; i++) {
            const t = perm[s + i] as number;
            idx[i] = epochIdx[t] as number;
            yb[i] = epochY[t] as number;
            yielded.add(idx[i] as number);
          }
          X.gatherRows(idx.subarray(0, size), x);
          yield { x, y: yb, size };
        }
      },
    };
  }
}
