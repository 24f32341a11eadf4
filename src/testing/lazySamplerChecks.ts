import type { BatchSource, LazySampler } from '../core/batchSource.js';
import { DataValidationError } from '../core/errors.js';
import type { Label } from '../core/matrix.js';
import { denseRowSource, type RowSource } from '../core/rowSource.js';
import { epochTargets } from '../core/epochTargets.js';
import type { Check } from './check.js';
import { deepFreeze } from './compare.js';
import { ConformanceError } from './ConformanceError.js';

/** What {@link lazySamplerChecks} needs to know about a lazy sampler. */
export interface LazySamplerSpec<S> {
  /** Class name used in check names. */
  name: string;
  /** A fresh instance with the given seed. */
  create: (seed: number) => S;
  /** A valid imbalanced dataset, numeric (streamed as float32 through a dense row source). */
  X: number[][];
  /** Labels of `X`. */
  y: Label[];
  /** Whether the batches depend on the seed and the epoch. @defaultValue true */
  random?: boolean;
  /**
   * Whether every original row of every class is seen in the first ⌈n_c / o_c⌉ epochs (the
   * cycling draw of over-samplers); under-samplers draw a fresh subset per epoch instead.
   * @defaultValue true
   */
  keepsOriginals?: boolean;
  /** Rows per batch in the checks (odd, so that the last batch of an epoch is partial). @defaultValue 7 */
  batchSize?: number;
  /** A subset of the rows for the `rows` check. @defaultValue every row but each fifth */
  rows?: Int32Array;
}

/**
 * The lazy sampler {@link lazySamplerChecks} calls: `fitStream`, and (for samplers built on the
 * library's `Sampler`) `fitted.counts`, the class counts of the resampled data.
 */
export interface LazySamplerShape extends LazySampler {
  /** What the last call learned (read when present). */
  readonly fitted?: {
    /** The class counts of the resampled data. */
    readonly counts: ReadonlyMap<Label, number>;
  };
}

/** One epoch, copied out of the reused batch buffers. */
interface Epoch {
  /** Row keys (`Array.from(row).join(',')`), in stream order. */
  keys: string[];
  /** Class index of each row. */
  y: number[];
  /** Batch sizes. */
  sizes: number[];
}

function fail(msg: string): never {
  throw new ConformanceError(msg);
}

function readEpoch(source: BatchSource, epoch: number, batchSize: number): Epoch {
  const out: Epoch = { keys: [], y: [], sizes: [] };
  const d = source.nFeatures;
  for (const b of source.batches(epoch, batchSize)) {
    out.sizes.push(b.size);
    if (b.x.length < b.size * d) fail(`batch x holds ${b.x.length} values, fewer than ${b.size} × ${d}`);
    for (let t = 0; t < b.size; t++) {
      const row = b.x.subarray(t * d, (t + 1) * d);
      if (!row.every(Number.isFinite)) fail(`epoch ${epoch}: a batch row is not finite: ${Array.from(row)}`);
      out.keys.push(Array.from(row).join(','));
      out.y.push(b.y[t] as number);
    }
  }
  return out;
}

function sameEpoch(a: Epoch, b: Epoch, what: string): void {
  if (a.keys.length !== b.keys.length) fail(`${what}: ${a.keys.length} rows vs ${b.keys.length}`);
  for (let i = 0; i < a.keys.length; i++) {
    if (a.keys[i] !== b.keys[i] || a.y[i] !== b.y[i]) fail(`${what}: row ${i} differs`);
  }
}

/**
 * The conformance suite of a sampler's lazy form (`fitStream`): a wrong-length `y` and a single
 * class rejected; `nFeatures`, sorted `classes`, epochs of `epochRows` rows in batches of at most
 * `batchSize` whose class counts are `epochCounts`; the same seed giving the same batches, in any
 * order of iteration; other epochs other rows; original rows exact copies of rows of X (at least
 * `o_c` per class and epoch, by the documented epoch rule), every original seen in the first
 * ⌈n_c / o_c⌉ epochs,
 * only the selected `rows` used, and no input mutated. For samplers built on `Sampler`, also that
 * `epochRows` and `epochCounts` follow the resampled plan (`fitted.counts`) by largest remainder.
 *
 * @example
 * ```ts no-run
 * for (const c of lazySamplerChecks({ name: 'Jitter', create: (seed) => new Jitter({ seed }), X, y })) {
 *   it(c.name, c.run);
 * }
 * ```
 */
export function lazySamplerChecks<S extends LazySamplerShape>(spec: LazySamplerSpec<S>): Check[] {
  const { name, X, y } = spec;
  const B = spec.batchSize ?? 7;
  const n = X.length;
  const d = (X[0] as number[]).length;
  const data = Float32Array.from(X.flat());
  const source = (): RowSource => denseRowSource(data, n, d);
  const keyOf = (i: number): string => Array.from(data.subarray(i * d, (i + 1) * d)).join(',');
  const subset = spec.rows ?? Int32Array.from({ length: n }, (_, i) => i).filter((i) => i % 5 !== 4);
  const stream = (seed: number, rows?: Int32Array) => {
    const s = spec.create(seed);
    const src = s.fitStream(source(), y, rows ? { rows } : {});
    let counts: ReadonlyMap<Label, number> | undefined;
    try {
      counts = s.fitted?.counts;
    } catch {
      counts = undefined;
    }
    return { src, counts };
  };
  /** Per class index: the row keys of X of that class among `rows`. */
  const keysByClass = (src: BatchSource, rows: ArrayLike<number>): Array<Set<string>> => {
    const sets = src.classes.map(() => new Set<string>());
    for (let t = 0; t < rows.length; t++) {
      const i = rows[t] as number;
      sets[src.classes.indexOf(y[i] as Label)]?.add(keyOf(i));
    }
    return sets;
  };
  /** The documented per-class original counts o_c of an epoch. */
  const originalsPerEpoch = (src: BatchSource, counts: ReadonlyMap<Label, number>, rows: ArrayLike<number>) => {
    const nc = src.classes.map(() => 0);
    for (let t = 0; t < rows.length; t++) nc[src.classes.indexOf(y[rows[t] as number] as Label)]!++;
    const T = src.classes.map((c) => counts.get(c) ?? 0);
    const orig = T.map((t, c) => Math.min(t, nc[c] as number));
    return epochTargets(
      src.epochRows,
      orig,
      T.map((t, c) => t - (orig[c] as number)),
    ).originals;
  };
  const checkOriginals = (seed: number, rows: Int32Array | undefined, epochs: number, what: string) => {
    const { src, counts } = stream(seed, rows);
    if (!counts) return;
    const all = rows ?? Int32Array.from({ length: n }, (_, i) => i);
    const sets = keysByClass(src, all);
    const o = originalsPerEpoch(src, counts, all);
    for (let e = 0; e < epochs; e++) {
      const ep = readEpoch(src, e, B);
      const found = src.classes.map(() => 0);
      ep.keys.forEach((k, i) => {
        if (sets[ep.y[i] as number]?.has(k)) found[ep.y[i] as number]!++;
      });
      found.forEach((f, c) => {
        if (f < (o[c] as number))
          fail(`${name}: ${what} epoch ${e}: ${f} rows of class index ${c} are rows of X, expected ≥ ${o[c]}`);
      });
    }
  };

  const checks: Check[] = [
    {
      name: `${name}: fitStream rejects a y of the wrong length and a single class`,
      run: () => {
        for (const [bad, what] of [
          [y.slice(1), 'a short y'],
          [y.map(() => y[0] as Label), 'one class'],
        ] as const) {
          try {
            spec.create(1).fitStream(source(), bad);
          } catch (e) {
            if (e instanceof DataValidationError) continue;
            fail(`${name} with ${what}: expected DataValidationError, got ${(e as Error)?.message}`);
          }
          fail(`${name} with ${what}: nothing was thrown`);
        }
      },
    },
    {
      name: `${name}: the source has nFeatures columns, sorted classes and epochCounts summing to epochRows`,
      run: () => {
        const { src } = stream(3);
        if (src.nFeatures !== d) fail(`${name}: nFeatures ${src.nFeatures}, expected ${d}`);
        const sorted = [...new Set(y)].sort((a, b) =>
          typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : 1,
        );
        if (src.classes.join('\u0000') !== sorted.join('\u0000')) fail(`${name}: classes ${src.classes}`);
        const sum = [...src.epochCounts.values()].reduce((s, v) => s + v, 0);
        if (sum !== src.epochRows) fail(`${name}: epochCounts sum to ${sum}, epochRows is ${src.epochRows}`);
      },
    },
    {
      name: `${name}: every epoch has epochRows rows in batches of batchSize, class counts = epochCounts`,
      run: () => {
        const { src } = stream(3);
        for (let e = 0; e < 3; e++) {
          const ep = readEpoch(src, e, B);
          if (ep.keys.length !== src.epochRows) fail(`${name}: epoch ${e} has ${ep.keys.length} rows`);
          ep.sizes.forEach((s, i) => {
            if (s > B || (i < ep.sizes.length - 1 && s !== B)) fail(`${name}: epoch ${e} batch ${i} has ${s} rows`);
          });
          src.classes.forEach((c, ci) => {
            const got = ep.y.filter((v) => v === ci).length;
            if (got !== src.epochCounts.get(c)) fail(`${name}: epoch ${e} has ${got} rows of ${String(c)}`);
          });
        }
      },
    },
    {
      name: `${name}: same seed gives the same batches, in any order of iteration`,
      run: () => {
        const a = stream(7).src;
        const b = stream(7).src;
        const a1 = readEpoch(a, 1, B);
        sameEpoch(readEpoch(a, 0, B), readEpoch(b, 0, B), `${name} seed 7 epoch 0`);
        sameEpoch(a1, readEpoch(b, 1, B), `${name} seed 7 epoch 1`);
        sameEpoch(a1, readEpoch(a, 1, B), `${name} epoch 1 read twice`);
      },
    },
    {
      name: `${name}: original rows are exact copies of rows of X (o_c per class and epoch at least)`,
      run: () => checkOriginals(5, undefined, 3, 'all rows'),
    },
    {
      name: `${name}: the rows option resamples only the selected rows`,
      run: () => checkOriginals(5, subset, 3, 'selected rows'),
    },
    {
      name: `${name}: no input is mutated`,
      run: () => {
        const before = data.slice();
        const fy = deepFreeze([...y]);
        const rows = subset.slice();
        const src = spec.create(1).fitStream(source(), fy, { rows });
        readEpoch(src, 0, B);
        if (!before.every((v, i) => Object.is(v, data[i]))) fail(`${name}: X's values changed`);
        if (!rows.every((v, i) => v === subset[i])) fail(`${name}: rows changed`);
      },
    },
    {
      name: `${name}: epochRows and epochCounts follow the resampled class counts by largest remainder`,
      run: () => {
        const { src, counts } = stream(3);
        if (!counts) return;
        const T = src.classes.map((c) => counts.get(c) ?? 0);
        const total = T.reduce((s, v) => s + v, 0);
        if (src.epochRows !== Math.min(n, total)) fail(`${name}: epochRows ${src.epochRows}, expected min(n, ΣT)`);
        const want = epochTargets(
          src.epochRows,
          T,
          T.map(() => 0),
        ).perClass;
        src.classes.forEach((c, i) => {
          if (src.epochCounts.get(c) !== want[i]) fail(`${name}: epochCounts of ${String(c)} is not ${want[i]}`);
        });
      },
    },
  ];
  if (spec.random ?? true) {
    checks.push({
      name: `${name}: another epoch draws other rows`,
      run: () => {
        const { src } = stream(2);
        const a = readEpoch(src, 0, B);
        const b = readEpoch(src, 1, B);
        if (a.keys.every((k, i) => k === b.keys[i])) fail(`${name}: epochs 0 and 1 are identical`);
      },
    });
  }
  if (spec.keepsOriginals ?? true) {
    checks.push({
      name: `${name}: every original row is seen in the first ⌈n_c / o_c⌉ epochs`,
      run: () => {
        const { src, counts } = stream(9);
        if (!counts) return;
        const all = Int32Array.from({ length: n }, (_, i) => i);
        const sets = keysByClass(src, all);
        const o = originalsPerEpoch(src, counts, all);
        const nc = src.classes.map((c) => y.filter((v) => v === c).length);
        const epochs = Math.max(...nc.map((m, c) => ((o[c] as number) > 0 ? Math.ceil(m / o[c]!) : 0)));
        const seen = sets.map(() => new Set<string>());
        for (let e = 0; e < epochs; e++) {
          const ep = readEpoch(src, e, B);
          ep.keys.forEach((k, i) => seen[ep.y[i] as number]?.add(k));
        }
        sets.forEach((s, c) => {
          if ((o[c] as number) === 0) return;
          for (const k of s) if (!seen[c]?.has(k)) fail(`${name}: a row of class index ${c} unseen after ${epochs}`);
        });
      },
    });
  }
  return checks;
}
