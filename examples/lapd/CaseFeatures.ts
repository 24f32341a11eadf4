/**
 * The example's cleaning and feature building as a pipeline step: raw CSV rows (column name → cell,
 * as the export has them) in, feature rows (what the Encoder was fitted on) out. It is the first
 * step of `pipeline.json`, so a saved model scores raw rows of new cases.
 *
 * @module
 */
import { DataValidationError, FORMAT_PREFIX, SerializationError, type Envelope } from 'imbalanced-tabular';
import { featureRow, topMocodes, type FeatureRow } from './features.js';
import { cleanRow, withoutTarget, type CaseRecord } from './load.js';

/** A raw row of the CSV export: column name → cell text. */
export type RawCaseRow = Readonly<Record<string, string | undefined>>;

/** Options of {@link CaseFeatures}. */
export interface CaseFeaturesOptions {
  /** Number of most frequent Mocodes (in the training rows) turned into 0/1 columns. @defaultValue 150 */
  mocodes?: number;
}

const CLASS = 'CaseFeatures';

/**
 * Cleans a raw row for prediction: the example's cleaning rules (see `cleanRow`), except that the
 * target `Status Desc` may be missing (a new case has none). Returns the record or why the row is
 * unusable (e.g. "unreadable DATE OCC").
 */
export function cleanForPrediction(row: RawCaseRow): CaseRecord | string {
  return cleanRow(withoutTarget((c) => row[c]));
}

/**
 * Raw CSV rows → feature rows: cleaning (`cleanRow`), then `featureRow` with the Mocode vocabulary
 * learned in `fit` (the `mocodes` most frequent Mocodes of the training rows).
 *
 * @example
 * const features = new CaseFeatures({ mocodes: 150 }).fit(trainRows);
 * const pipe = new Pipeline([['features', features], ['encode', encoder], ['scale', scaler], ['rule', rule]]);
 */
export class CaseFeatures {
  /** The options, resolved. */
  readonly params: Readonly<Required<CaseFeaturesOptions>>;
  private vocabulary: string[] | undefined;

  constructor(options: CaseFeaturesOptions = {}) {
    const unknown = Object.keys(options).filter((k) => k !== 'mocodes');
    if (unknown.length > 0) throw new TypeError(`${CLASS}: unknown option "${unknown[0]}"; the option is mocodes.`);
    const mocodes = options.mocodes ?? 150;
    if (!Number.isSafeInteger(mocodes) || mocodes < 0)
      throw new TypeError(`${CLASS}: mocodes must be an integer >= 0, received ${String(mocodes)}.`);
    this.params = Object.freeze({ mocodes });
  }

  /** A fitted step with a vocabulary chosen elsewhere (the example chooses it on the compact columns). */
  static withVocabulary(mocodes: ReadonlyArray<string>): CaseFeatures {
    const f = new CaseFeatures({ mocodes: mocodes.length });
    f.vocabulary = [...mocodes];
    return f;
  }

  /** The Mocodes turned into indicator columns (`mo_<code>`), in column order. */
  get mocodes(): ReadonlyArray<string> {
    if (this.vocabulary === undefined) throw new Error(`${CLASS}: not fitted; call fit first.`);
    return this.vocabulary;
  }

  /** Learns the Mocode vocabulary from the training rows (rows that cannot be cleaned are ignored). */
  fit(rows: ReadonlyArray<RawCaseRow>): this {
    const records: CaseRecord[] = [];
    for (const row of rows) {
      const r = cleanForPrediction(row);
      if (typeof r !== 'string') records.push(r);
    }
    this.vocabulary = topMocodes(records, this.params.mocodes);
    return this;
  }

  /**
   * Cleans and featurises each row. Every row must be usable: a row the cleaning rejects throws
   * (the predict command leaves such rows out before, and reports them).
   *
   * @throws DataValidationError naming the first unusable row and why.
   */
  transform(rows: ReadonlyArray<RawCaseRow>): FeatureRow[] {
    const vocabulary = this.mocodes;
    return rows.map((row, i) => {
      const r = cleanForPrediction(row);
      if (typeof r === 'string')
        throw new DataValidationError(`${CLASS}.transform: row ${i} cannot be used: ${r}.`, { row: i });
      return featureRow(r, vocabulary);
    });
  }

  /** `fit(rows).transform(rows)`. */
  fitTransform(rows: ReadonlyArray<RawCaseRow>): FeatureRow[] {
    return this.fit(rows).transform(rows);
  }

  /** The JSON envelope: the option, and the vocabulary as state. */
  toJSON(): Envelope {
    return {
      format: FORMAT_PREFIX + CLASS,
      version: 1,
      params: { mocodes: this.params.mocodes },
      state: this.vocabulary ? { vocabulary: [...this.vocabulary] } : null,
    } as Envelope;
  }

  /**
   * Rebuilds the step from {@link CaseFeatures.toJSON}, checking every field.
   * @throws SerializationError naming the path of the first bad field.
   */
  static fromJSON(json: unknown): CaseFeatures {
    const doc = (typeof json === 'string' ? JSON.parse(json) : json) as Record<string, unknown> | null;
    const bad = (path: string, expected: string): never => {
      throw new SerializationError(`${CLASS}.fromJSON: ${path} must be ${expected}.`, { path });
    };
    if (doc === null || typeof doc !== 'object') return bad('', 'an envelope object');
    if (doc.format !== FORMAT_PREFIX + CLASS) bad('format', `'${FORMAT_PREFIX + CLASS}'`);
    if (doc.version !== 1) bad('version', '1');
    const params = doc.params as { mocodes?: unknown } | null;
    if (params === null || typeof params !== 'object') return bad('params', 'an object');
    const k = params.mocodes;
    if (typeof k !== 'number' || !Number.isSafeInteger(k) || k < 0) bad('params.mocodes', 'an integer >= 0');
    const f = new CaseFeatures({ mocodes: k as number });
    if (doc.state === null) return f;
    const state = doc.state as { vocabulary?: unknown };
    if (typeof state !== 'object' || state === undefined) return bad('state', 'an object or null');
    const v = state.vocabulary;
    if (!Array.isArray(v)) return bad('state.vocabulary', 'an array of Mocodes');
    v.forEach((m, i) => {
      if (typeof m !== 'string' || !/^\d{4}$/.test(m)) bad(`state.vocabulary[${i}]`, 'a 4-digit Mocode');
    });
    if (new Set(v).size !== v.length) bad('state.vocabulary', 'distinct Mocodes');
    if (v.length > (k as number)) bad('state.vocabulary', `at most params.mocodes = ${k} Mocodes`);
    f.vocabulary = [...(v as string[])];
    return f;
  }
}
