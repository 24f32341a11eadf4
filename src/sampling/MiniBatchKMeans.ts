import type { Matrix } from 'ml-matrix';
import { DataValidationError, NotFittedError } from '../core/errors.js';
import { optionsError, readInteger, readObject } from '../core/jsonFields.js';
import { fromDense, type MatrixInput, toDense } from '../core/matrix.js';
import { checkSeed, Random } from '../core/Random.js';
import { type Envelope, makeEnvelope, openEnvelope } from '../core/serialization.js';
import { checkInteger, checkIterations, checkNumber, checkOptions, invalid } from '../core/validate.js';
import { assignRows, drawRows, type MiniBatchSettings, miniBatchSteps } from './miniBatchSteps.js';
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
import { gatherRows } from './gatherRows.js';
import { kmeansPlusPlus } from './kmeansPlusPlus.js';

/** Options of {@link MiniBatchKMeans}. */
export interface MiniBatchKMeansOptions {
  /**
   * Number of clusters.
   * @defaultValue 8
   */
  nClusters?: number;
  /**
   * How the centres start: `'k-means++'` (greedy k-means++ on an `initSize`-row sample),
   * `'random'` (`nClusters` distinct rows of that sample), or explicit centres (`nClusters` rows).
   * @defaultValue 'k-means++'
   */
  init?: 'k-means++' | 'random' | MatrixInput;
  /**
   * Rows per mini-batch (drawn with replacement); capped at the number of rows.
   * @defaultValue 1024
   */
  batchSize?: number;
  /**
   * Starts tried, each on its own `initSize`-row sample; the one with the smallest inertia on a
   * common validation sample is kept (the first on ties). Explicit centres allow one start only.
   * At most 1,000,000.
   * @defaultValue 3 (scikit-learn 1.2; 1 with explicit centres)
   */
  nInit?: number;
  /**
   * Most passes over the data: at most `⌊maxIter · rows / batchSize⌋` mini-batch steps. At most
   * 1,000,000.
   * @defaultValue 100
   */
  maxIter?: number;
  /**
   * Rows of each start's sample (and of the validation sample). When omitted: `3 · batchSize`,
   * or `3 · nClusters` when that is smaller than `nClusters`; capped at the number of rows.
   * @defaultValue 3 · batchSize
   */
  initSize?: number;
  /**
   * A centre whose count falls below this share of the largest count is moved onto a row of the
   * mini-batch (checked every step whose rows since the last check reach `10 · nClusters`, or
   * when a centre has no rows yet). 0 disables the reassignment.
   * @defaultValue 0.01
   */
  reassignmentRatio?: number;
  /**
   * Stop after this many consecutive steps without a new minimum of the smoothed batch inertia;
   * `null` disables the early stop.
   * @defaultValue 10
   */
  maxNoImprovement?: number | null;
  /** Seed of the samples and starts; when omitted one is drawn per `fit` and recorded in `fitted.seed`. */
  seed?: number;
}

/** The validated options of {@link MiniBatchKMeans}. */
export interface MiniBatchKMeansParams {
  /** Number of clusters. */
  readonly nClusters: number;
  /** The initialisation (explicit centres row-major). */
  readonly init: 'k-means++' | 'random' | Float64Array;
  /** Rows per mini-batch. */
  readonly batchSize: number;
  /** Starts tried. */
  readonly nInit: number;
  /** Most passes over the data. */
  readonly maxIter: number;
  /** Rows of the start samples, or undefined for the default. */
  readonly initSize: number | undefined;
  /** Low-count reassignment share. */
  readonly reassignmentRatio: number;
  /** Steps without improvement before stopping, or null. */
  readonly maxNoImprovement: number | null;
  /** The seed, or undefined for a fresh seed per fit. */
  readonly seed: number | undefined;
}

/** What {@link MiniBatchKMeans.fit} learned. */
export interface MiniBatchKMeansFitted {
  /** The centres, one row per cluster. */
  readonly clusterCenters: Matrix;
  /** Sum of squared distances of the training rows to their nearest centre. */
  readonly inertia: number;
  /** Mini-batch steps run. */
  readonly nSteps: number;
  /** Passes over the data those steps amount to, `⌈nSteps · batchSize / rows⌉`. */
  readonly nIter: number;
  /** The seed used. */
  readonly seed: number;
  /** Number of columns. */
  readonly nFeaturesIn: number;
}

const WHO = 'MiniBatchKMeans';
const VERSION = 1;
const OPTIONS = [
  'nClusters',
  'init',
  'batchSize',
  'nInit',
  'maxIter',
  'initSize',
  'reassignmentRatio',
  'maxNoImprovement',
  'seed',
];
/** The options toJSON always writes (initSize and seed only when set), so fromJSON requires them. */
const SAVED_PARAMS = OPTIONS.filter((o) => o !== 'initSize' && o !== 'seed');

/**
 * Mini-batch k-means: k-means whose centres learn from small random batches of rows, far cheaper
 * than {@link KMeans} on many rows; the default clusterer of {@link KMeansSMOTE}.
 *
 * @remarks
 * As scikit-learn 1.2's `MiniBatchKMeans` (dense rows, unit weights): `nInit` starts, each
 * k-means++ (or random rows) on its own sample of `initSize` rows drawn with replacement, scored
 * by their inertia on one validation sample of `initSize` rows; then up to
 * `⌊maxIter · rows / batchSize⌋` steps, each drawing `batchSize` rows with replacement, assigning
 * them to the nearest centre (ties: the smaller index) and moving each centre to the mean of all
 * the rows it has been given so far (a per-centre count: `c ← (c · n + Σ batch rows) / (n + m)`).
 * Centres whose count is below `reassignmentRatio` × the largest (at most half a batch of them)
 * jump onto distinct rows of the batch, their counts set to the smallest count kept. The stop:
 * after `maxNoImprovement` steps in a row in which the exponentially weighted average of the
 * batch inertia per row (weight `min(1, 2 · batchSize / (rows + 1))`, the first step ignored)
 * set no new minimum. The final labels and `inertia` are those of all rows against the final
 * centres. Differences: the samples come from our seeded generator (not NumPy's), so the result
 * is scikit-learn's in distribution, not bit for bit; scikit-learn's `tol` (0 by default: off),
 * sample weights and `partial_fit` are not offered; `nInit` defaults to 1.2's 3 (1.4's `'auto'`
 * is 1).
 *
 * @throws {@link InvalidParameterError} for an unknown or invalid option.
 *
 * @example
 * ```ts
 * const mbk = new MiniBatchKMeans({ nClusters: 2, seed: 0 });
 * const labels = mbk.fitPredict([[0, 0], [0, 1], [10, 10], [10, 11]]); // Int32Array [0, 0, 1, 1] or [1, 1, 0, 0]
 * mbk.fitted.clusterCenters; // 2 × 2 Matrix
 * ```
 * @see Sculley (2010). Web-scale k-means clustering. WWW 2010:1177–1178.
 * @see scikit-learn's `sklearn.cluster.MiniBatchKMeans`.
 */
export class MiniBatchKMeans {
  /** The validated, frozen options. */
  readonly params: Readonly<MiniBatchKMeansParams>;
  private state: MiniBatchKMeansFitted | undefined;

  /**
   * @param options - `nClusters`, `init`, `batchSize`, `nInit`, `maxIter`, `initSize`,
   * `reassignmentRatio`, `maxNoImprovement`, `seed`.
   * @throws {@link InvalidParameterError} for an unknown or invalid option.
   */
  constructor(options: MiniBatchKMeansOptions = {}) {
    const o = checkOptions(WHO, options, OPTIONS);
    const nClusters = checkInteger(WHO, 'nClusters', o.nClusters, { min: 1 }, 8);
    const init = checkInit(o.init, nClusters);
    const explicit = init instanceof Float64Array;
    const nInit = checkIterations(WHO, 'nInit', o.nInit, explicit ? 1 : 3);
    if (explicit && nInit !== 1) {
      invalid(WHO, 'nInit', '1 when init holds explicit centres', nInit, 'Every start would be the same.');
    }
    const m = o.maxNoImprovement;
    this.params = Object.freeze({
      nClusters,
      init,
      batchSize: checkInteger(WHO, 'batchSize', o.batchSize, { min: 1 }, 1024),
      nInit,
      maxIter: checkIterations(WHO, 'maxIter', o.maxIter, 100),
      initSize: o.initSize === undefined ? undefined : checkInteger(WHO, 'initSize', o.initSize, { min: 1 }),
      reassignmentRatio: checkNumber(WHO, 'reassignmentRatio', o.reassignmentRatio, { ge: 0, le: 1 }, 0.01),
      maxNoImprovement: m === null ? null : checkInteger(WHO, 'maxNoImprovement', m, { min: 1 }, 10),
      seed: checkSeed(WHO, o.seed),
    });
  }

  /**
   * What the last {@link MiniBatchKMeans.fit} learned.
   * @throws {@link NotFittedError} before `fit`.
   */
  get fitted(): MiniBatchKMeansFitted {
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
   * @throws {@link DataValidationError} for invalid `X`, fewer rows than `nClusters`, explicit
   * centres of another width, or values so large that squared distances overflow.
   */
  fitPredict(X: MatrixInput): Int32Array {
    const who = `${WHO}.fit`;
    const { data, rows, cols } = toDense(X, { who });
    const { nClusters: k, init, nInit, maxIter, reassignmentRatio, maxNoImprovement } = this.params;
    checkFitRows(who, rows, cols, k, init);
    const rng = Random.from(this.params.seed);
    const batchSize = Math.min(this.params.batchSize, rows);
    let initSize = this.params.initSize ?? 3 * batchSize;
    if (initSize < k) initSize = 3 * k;
    initSize = Math.min(initSize, rows);
    const valid = gatherRows(data, cols, drawRows(rng, rows, initSize));
    let start: Float64Array | undefined;
    let bestInertia = Infinity;
    for (let run = 0; run < nInit; run++) {
      const centres = startCentres(init, data, rows, cols, k, initSize, rng);
      const { inertia } = assignRows(valid, initSize, cols, centres);
      if (start === undefined || inertia < bestInertia) {
        start = centres;
        bestInertia = inertia;
      }
    }
    const settings: MiniBatchSettings = { batchSize, maxIter, reassignmentRatio, maxNoImprovement };
    const { centres, nSteps } = miniBatchSteps(data, rows, cols, start as Float64Array, settings, rng);
    const { labels, inertia } = assignRows(data, rows, cols, centres);
    if (!Number.isFinite(inertia) || !centres.every(Number.isFinite)) throw beyondDoubles(who, data, cols);
    this.state = Object.freeze({
      clusterCenters: fromDense(centres, k, cols),
      inertia,
      nSteps,
      nIter: Math.ceil((nSteps * batchSize) / rows),
      seed: rng.seed,
      nFeaturesIn: cols,
    });
    return labels;
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

  /** The JSON form: the options and, once fitted, the centres. */
  toJSON(): Envelope {
    const st = this.state;
    const state = st ? centresStateJSON(WHO, st, { nSteps: st.nSteps }) : null;
    const params = centresParamsJSON(this.params);
    return makeEnvelope(WHO, VERSION, params, state);
  }

  /**
   * Rebuilds a MiniBatchKMeans (fitted or not) from {@link MiniBatchKMeans.toJSON} output or its
   * JSON text; the params go through the constructor's checks, every state field through the
   * shared readers.
   * @throws {@link SerializationError} for a foreign or malformed document.
   */
  static fromJSON(json: unknown): MiniBatchKMeans {
    const who = `${WHO}.fromJSON`;
    const env = openEnvelope<unknown, unknown>(json, WHO, VERSION);
    const { init, ...rest } = readObject(who, 'params', env.params, {
      required: SAVED_PARAMS,
      optional: ['initSize', 'seed'],
    });
    let initOption: MiniBatchKMeansOptions['init'] = init as 'k-means++';
    if (Array.isArray(init)) {
      initOption = readExplicitCentres(who, init, readInteger(who, 'params.nClusters', rest.nClusters, { min: 1 }));
    }
    let mbk: MiniBatchKMeans;
    try {
      mbk = new MiniBatchKMeans({ ...(rest as MiniBatchKMeansOptions), init: initOption });
    } catch (e) {
      throw optionsError(who, e);
    }
    if (env.state !== null) {
      const { fit, extra } = readCentresState(who, env.state, mbk.params, ['nSteps']);
      mbk.state = Object.freeze({ ...fit, nSteps: extra.nSteps });
    }
    return mbk;
  }
}

/** Validates `init`: a name, or `nClusters` explicit centres (copied, row-major). */
function checkInit(value: unknown, k: number): MiniBatchKMeansParams['init'] {
  if (value === undefined) return 'k-means++';
  if (value === 'k-means++' || value === 'random') return value;
  if (typeof value === 'string' || value === null || typeof value !== 'object') {
    return invalid(WHO, 'init', "'k-means++', 'random' or explicit centres", value);
  }
  return checkExplicitCentres(WHO, value as MatrixInput, k);
}

/** One start: k-means++ or `k` distinct rows of a fresh `initSize`-row sample, or the explicit centres. */
function startCentres(
  init: MiniBatchKMeansParams['init'],
  data: Float64Array,
  rows: number,
  cols: number,
  k: number,
  initSize: number,
  rng: Random,
): Float64Array {
  const sample = initSize < rows ? gatherRows(data, cols, drawRows(rng, rows, initSize)) : data;
  if (init === 'k-means++') return kmeansPlusPlus(sample, initSize, cols, k, rng);
  if (init === 'random') return gatherRows(sample, cols, rng.permutation(initSize).subarray(0, k));
  return init.slice();
}
