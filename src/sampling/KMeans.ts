import type { Matrix } from 'ml-matrix';
import { DataValidationError, NotFittedError, SerializationError } from '../core/errors.js';
import { optionsError, readObject } from '../core/jsonFields.js';
import { fromDense, toDense, type MatrixInput } from '../core/matrix.js';
import { Random, checkSeed } from '../core/Random.js';
import { type Envelope, makeEnvelope, openEnvelope } from '../core/serialization.js';
import { checkFunction, checkInteger, checkIterations, checkNumber, checkOptions, invalid } from '../core/validate.js';
import { kmeansPlusPlus } from './kmeansPlusPlus.js';
import { lloyd } from './lloyd.js';
import {
  beyondDoubles,
  centresParamsJSON,
  centresStateJSON,
  checkExplicitCentres,
  checkFitRows,
  predictNearest,
  readCentresState,
  readExplicitCentres,
} from './clusterCentres.js';

/**
 * A custom k-means initialisation, as scikit-learn's callable `init(X, n_clusters, random_state)`:
 * the `nClusters` initial centres for the rows `X`, drawn (if at all) from `rng`.
 */
export type KMeansInitFunction = (X: Matrix, nClusters: number, rng: Random) => MatrixInput;

/** Options of {@link KMeans}. */
export interface KMeansOptions {
  /**
   * Number of clusters.
   * @defaultValue 8
   */
  nClusters?: number;
  /**
   * How the centres start: `'k-means++'` (scikit-learn's greedy k-means++), `'random'` (distinct
   * rows drawn uniformly), explicit centres (`nClusters` rows), or a function of the rows.
   * @defaultValue 'k-means++'
   */
  init?: 'k-means++' | 'random' | MatrixInput | KMeansInitFunction;
  /**
   * Runs from different starts; the run with the smallest inertia is kept (the first on ties).
   * Explicit centres allow one run only. At most 1,000,000.
   * @defaultValue 1
   */
  nInit?: number;
  /**
   * Most Lloyd iterations per run. At most 1,000,000.
   * @defaultValue 300
   */
  maxIter?: number;
  /**
   * Convergence tolerance, relative to the data: a run stops when the total squared shift of the
   * centres is at most `tol` × the mean variance of the columns.
   * @defaultValue 1e-4
   */
  tol?: number;
  /** Seed of the starts; when omitted one is drawn per `fit` and recorded in `fitted.seed`. */
  seed?: number;
}

/** The validated options of {@link KMeans}. */
export interface KMeansParams {
  /** Number of clusters. */
  readonly nClusters: number;
  /** The initialisation. */
  readonly init: 'k-means++' | 'random' | Float64Array | KMeansInitFunction;
  /** Runs from different starts. */
  readonly nInit: number;
  /** Most iterations per run. */
  readonly maxIter: number;
  /** Relative tolerance. */
  readonly tol: number;
  /** The seed, or undefined for a fresh seed per fit. */
  readonly seed: number | undefined;
}

/** What {@link KMeans.fit} learned. */
export interface KMeansFitted {
  /** The centres, one row per cluster. */
  readonly clusterCenters: Matrix;
  /** Sum of squared distances of the training rows to their nearest centre. */
  readonly inertia: number;
  /** Lloyd iterations of the kept run. */
  readonly nIter: number;
  /** The seed used. */
  readonly seed: number;
  /** Number of columns. */
  readonly nFeaturesIn: number;
}

const WHO = 'KMeans';
const VERSION = 1;
const OPTIONS = ['nClusters', 'init', 'nInit', 'maxIter', 'tol', 'seed'];

/**
 * k-means clustering (Lloyd's algorithm from k-means++ starts), the clusterer of
 * {@link KMeansSMOTE} and {@link ClusterCentroids}.
 *
 * @remarks
 * As scikit-learn's `KMeans(algorithm='lloyd')`: greedy k-means++ starts (`2 + ⌊ln k⌋` candidates
 * per centre), an assignment to the nearest centre (exact float64 distances, ties to the smaller
 * centre index), centre = mean of its rows, an empty cluster moved onto the row farthest from its
 * centre, and a stop when the assignment repeats or the centres move less than `tol` × the mean
 * column variance. Given the same starting centres it reproduces scikit-learn's labels, and its
 * centres to rounding. Differences: the starts come from our seeded generator (not NumPy's), and
 * `nInit` defaults to 1 (scikit-learn ≥ 1.4's `'auto'` for k-means++; 1.2 ran 10 starts).
 * Hamerly's bounds skip rows whose nearest centre provably did not change, with the same result;
 * the other rows of an iteration are compared with all centres in one search of the library's
 * exact k-NN engine (a blocked SIMD kernel proposes, exact float64 distances decide, ties to the
 * smaller index), so many clusters (ClusterCentroids) stay affordable.
 *
 * @example
 * ```ts
 * const km = new KMeans({ nClusters: 2, seed: 0 });
 * const labels = km.fitPredict([[0, 0], [0, 1], [10, 10], [10, 11]]); // Int32Array [0, 0, 1, 1] or [1, 1, 0, 0]
 * km.fitted.clusterCenters; // 2 × 2 Matrix
 * ```
 * @see Arthur, Vassilvitskii (2007). k-means++: the advantages of careful seeding. SODA 2007:1027–1035.
 * @see Hamerly (2010). Making k-means even faster. SDM 2010:130–140.
 * @see scikit-learn's `sklearn.cluster.KMeans`.
 */
export class KMeans {
  /** The validated, frozen options. */
  readonly params: Readonly<KMeansParams>;
  private state: KMeansFitted | undefined;

  /**
   * @param options - `nClusters`, `init`, `nInit`, `maxIter`, `tol`, `seed`.
   * @throws {@link InvalidParameterError} for an unknown or invalid option.
   */
  constructor(options: KMeansOptions = {}) {
    const o = checkOptions(WHO, options, OPTIONS);
    const nClusters = checkInteger(WHO, 'nClusters', o.nClusters, { min: 1 }, 8);
    const init = checkInit(o.init, nClusters);
    const nInit = checkIterations(WHO, 'nInit', o.nInit, 1);
    if (init instanceof Float64Array && nInit !== 1) {
      invalid(WHO, 'nInit', '1 when init holds explicit centres', nInit, 'Every run would start from them.');
    }
    this.params = Object.freeze({
      nClusters,
      init,
      nInit,
      maxIter: checkIterations(WHO, 'maxIter', o.maxIter, 300),
      tol: checkNumber(WHO, 'tol', o.tol, { ge: 0 }, 1e-4),
      seed: checkSeed(WHO, o.seed),
    });
  }

  /**
   * What the last {@link KMeans.fit} learned.
   * @throws {@link NotFittedError} before `fit`.
   */
  get fitted(): KMeansFitted {
    if (!this.state) throw new NotFittedError(WHO, 'fitted');
    return this.state;
  }

  /**
   * Clusters the rows of `X`.
   * @throws {@link DataValidationError} for invalid `X`, or fewer rows than `nClusters`.
   */
  fit(X: MatrixInput): this {
    this.fitPredict(X);
    return this;
  }

  /**
   * Clusters the rows of `X` and returns each row's cluster (its nearest final centre).
   * @throws {@link DataValidationError} for invalid `X`, or fewer rows than `nClusters`.
   */
  fitPredict(X: MatrixInput): Int32Array {
    const who = `${WHO}.fit`;
    const { data, rows, cols } = toDense(X, { who });
    const { nClusters: k, init, nInit, maxIter } = this.params;
    checkFitRows(who, rows, cols, k, init);
    const rng = Random.from(this.params.seed);
    const spread = meanVariance(data, rows, cols);
    if (!Number.isFinite(spread)) throw beyondDoubles(who, data, cols);
    const tol = this.params.tol * spread;
    let best: ReturnType<typeof lloyd> | undefined;
    for (let run = 0; run < nInit; run++) {
      const start = startCenters(who, init, data, rows, cols, k, rng);
      const res = lloyd(data, rows, cols, start, maxIter, tol);
      if (!best || res.inertia < best.inertia) best = res;
    }
    const b = best as ReturnType<typeof lloyd>;
    if (!Number.isFinite(b.inertia) || !b.centers.every(Number.isFinite)) throw beyondDoubles(who, data, cols);
    this.state = Object.freeze({
      clusterCenters: fromDense(b.centers, k, cols),
      inertia: b.inertia,
      nIter: b.nIter,
      seed: rng.seed,
      nFeaturesIn: cols,
    });
    return b.labels;
  }

  /**
   * The nearest centre of each row of `X` (ties: the smaller cluster index).
   * @throws {@link NotFittedError} before `fit`; {@link DataValidationError} for invalid `X` or
   * another number of columns.
   */
  predict(X: MatrixInput): Int32Array {
    const st = this.fitted;
    return predictNearest(`${WHO}.predict`, X, st.clusterCenters, st.nFeaturesIn);
  }

  /**
   * The JSON form: the options and, once fitted, the centres.
   * @throws {@link SerializationError} when `init` is a function.
   */
  toJSON(): Envelope {
    if (typeof this.params.init === 'function') {
      throw new SerializationError(`${WHO}.toJSON: init is a function, which cannot be written to JSON.`);
    }
    const st = this.state;
    const params = centresParamsJSON(this.params);
    const state = st ? centresStateJSON(WHO, st, {}) : null;
    return makeEnvelope(WHO, VERSION, params, state);
  }

  /**
   * Rebuilds a KMeans (fitted or not) from {@link KMeans.toJSON} output or its JSON text.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): KMeans {
    const env = openEnvelope<Record<string, unknown>, Record<string, unknown> | null>(json, WHO, VERSION);
    // toJSON writes every option (the seed when set): a missing one is not a document it wrote
    const p = readObject(`${WHO}.fromJSON`, 'params', env.params, {
      required: OPTIONS.filter((o) => o !== 'seed'),
      optional: ['seed'],
    });
    const { init, ...rest } = p;
    const k = Number(p.nClusters);
    let initOption: KMeansOptions['init'] = init as 'k-means++';
    if (Array.isArray(init)) initOption = readExplicitCentres(`${WHO}.fromJSON`, init, k);
    let km: KMeans;
    try {
      km = new KMeans({ ...(rest as KMeansOptions), init: initOption });
    } catch (e) {
      throw optionsError(`${WHO}.fromJSON`, e);
    }
    if (env.state !== null) {
      km.state = Object.freeze(readCentresState(`${WHO}.fromJSON`, env.state, km.params, []).fit);
    }
    return km;
  }
}

/** Validates `init`: a name, a function, or `nClusters` explicit centres (copied, row-major). */
function checkInit(value: unknown, k: number): KMeansParams['init'] {
  if (value === undefined) return 'k-means++';
  if (value === 'k-means++' || value === 'random') return value;
  if (typeof value === 'function') return checkFunction(WHO, 'init', value) as KMeansInitFunction;
  if (typeof value === 'string' || value === null || typeof value !== 'object') {
    return invalid(WHO, 'init', "'k-means++', 'random', explicit centres or a function", value);
  }
  return checkExplicitCentres(WHO, value as MatrixInput, k);
}

/** The starting centres of one run. */
function startCenters(
  who: string,
  init: KMeansParams['init'],
  data: Float64Array,
  rows: number,
  cols: number,
  k: number,
  rng: Random,
): Float64Array {
  if (init === 'k-means++') return kmeansPlusPlus(data, rows, cols, k, rng);
  if (init === 'random') {
    const pick = rng.permutation(rows);
    const out = new Float64Array(k * cols);
    for (let j = 0; j < k; j++) {
      const i = pick[j] as number;
      out.set(data.subarray(i * cols, (i + 1) * cols), j * cols);
    }
    return out;
  }
  if (init instanceof Float64Array) return init;
  const out = toDense(init(fromDense(data, rows, cols), k, rng), { who });
  if (out.rows !== k || out.cols !== cols) {
    throw new DataValidationError(
      `${who}: the init function returned ${out.rows} × ${out.cols} centres, expected ${k} × ${cols}.`,
      { param: 'init' },
    );
  }
  return out.data;
}

/** The mean over columns of the population variance of each column (scikit-learn's tolerance scale). */
function meanVariance(data: Float64Array, rows: number, cols: number): number {
  let total = 0;
  for (let j = 0; j < cols; j++) {
    let mean = 0;
    for (let i = 0; i < rows; i++) mean += data[i * cols + j] as number;
    mean /= rows;
    let ss = 0;
    for (let i = 0; i < rows; i++) {
      const v = (data[i * cols + j] as number) - mean;
      ss += v * v;
    }
    total += ss / rows;
  }
  return total / cols;
}
