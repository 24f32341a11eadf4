/**
 * The JSON form of an {@link Encoder}: its options and its learned state, both ways.
 *
 * @module
 */
import { describe } from '../core/errors.js';
import {
  badField,
  fieldPath,
  readArray,
  readInteger,
  readNumber,
  readObject,
  readOneOf,
  readString,
} from '../core/jsonFields.js';
import { encodeNumber, encodeNumbers, makeEnvelope, type Envelope, type JsonNumber } from '../core/serialization.js';
import { type Category, compareCategories } from './category.js';
import { type EncoderOptions, type EncoderOutput, type EncoderParams, OPTION_NAMES } from './encoderOptions.js';
import { identifyInfrequent } from './identifyInfrequent.js';
import { assembleState, type EncoderState, makeColumnState } from './encoderState.js';
import { invalidParams } from './openJSON.js';

/** Class name in the envelope's `format`. @internal */
export const ENCODER_CLASS = 'Encoder';
/** Layout version of `params` and `state`. @internal */
export const ENCODER_VERSION = 1;

/** A category list in JSON: its type once, then the values (numbers lossless, `null` for missing). */
type JsonCategories =
  | { type: 'string'; values: Array<string | null> }
  | { type: 'number'; values: Array<JsonNumber | null> };

function encodeCategories(list: ReadonlyArray<Category>): JsonCategories {
  if (list.some((c) => typeof c === 'number')) {
    return {
      type: 'number',
      values: list.map((c) => (c === null ? null : (encodeNumbers([c as number])[0] as JsonNumber))),
    };
  }
  return { type: 'string', values: list.map((c) => c as string | null) };
}

/**
 * Reads a category list `{ type, values }`: strings (or null) or numbers (or null, the tagged
 * strings of NaN and ±Infinity), each category once.
 */
function decodeCategories(v: unknown, where: string): Category[] {
  const o = readObject(WHO, where, v, { required: ['type', 'values'] });
  const type = readOneOf(WHO, `${where}.type`, o.type, ['string', 'number']);
  const values = readArray(WHO, `${where}.values`, o.values);
  const out = values.map((x, i): Category => {
    const at = `${where}.values[${i}]`;
    if (x === null) return null;
    return type === 'number' ? readNumber(WHO, at, x, { special: true }) : readString(WHO, at, x);
  });
  const seen = new Set<Category>();
  out.forEach((c, i) => {
    if (seen.has(c)) badField(WHO, `${where}.values[${i}]`, `a category not already in ${where}.values`, c);
    seen.add(c);
  });
  return out;
}

/** Reads `null` or a list of distinct column names. */
function readNames(where: string, v: unknown): string[] | null {
  if (v === null) return null;
  const names = readArray(WHO, where, v, {}, 'null or an array of column names').map((x, i) =>
    readString(WHO, `${where}[${i}]`, x),
  );
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) badField(WHO, `${where}[${i}]`, `a name not already in ${where}`, n);
  });
  return names;
}

const WHO = 'Encoder.fromJSON';

/** The params fields of every Encoder document (`output` only when not the default). */
const PARAM_FIELDS = OPTION_NAMES.filter((k) => k !== 'output');

/**
 * The envelope `{ format: 'imbalanced-tabular/Encoder', version, params, state }`; `state` is
 * `null` before fit.
 * @internal
 */
export function encoderToJSON(p: EncoderParams, st: EncoderState | undefined): Envelope {
  // `output` is written only when it is not the default, so version-1 documents stay as they were
  const { output, ...rest } = p;
  const params = {
    ...rest,
    categorical: p.categorical === null ? null : [...p.categorical],
    numeric: p.numeric === null ? null : [...p.numeric],
    categories:
      p.categories === 'auto'
        ? 'auto'
        : Object.fromEntries(Object.entries(p.categories).map(([k, v]) => [k, encodeCategories(v)])),
    unknownValue: encodeNumber(p.unknownValue),
    ...(output === 'matrix' ? {} : { output }),
  };
  return makeEnvelope(
    ENCODER_CLASS,
    ENCODER_VERSION,
    params,
    st === undefined
      ? null
      : {
          nRowsSeen: st.nRowsSeen,
          categorical: st.categorical.map((c) => ({
            name: c.name,
            valueType: c.valueType,
            categories: encodeCategories(c.categories),
            counts: [...c.counts],
            infrequent: encodeCategories(c.infrequent),
            dropIndex: c.dropIndex,
          })),
          numeric: st.numeric.map((n) => ({ name: n.name, imputeValue: encodeNumber(n.imputeValue) })),
        },
  );
}

/**
 * The constructor options saved in an Encoder envelope's params.
 * @throws {@link SerializationError} for malformed params.
 * @internal
 */
export function encoderOptionsFromJSON(p: Record<string, unknown>): EncoderOptions<EncoderOutput> {
  try {
    return optionsFromJSON(p);
  } catch (e) {
    throw invalidParams(ENCODER_CLASS, e);
  }
}

function optionsFromJSON(raw: Record<string, unknown>): EncoderOptions<EncoderOutput> {
  const p = readObject(WHO, 'params', raw, { required: PARAM_FIELDS, optional: ['output'] });
  const encoding = readOneOf(WHO, 'params.encoding', p.encoding, ['onehot', 'ordinal']);
  const opts: EncoderOptions<EncoderOutput> = {
    encoding,
    handleUnknown: readOneOf(WHO, 'params.handleUnknown', p.handleUnknown, ['error', 'ignore', 'infrequent']),
    missing: readOneOf(WHO, 'params.missing', p.missing, ['category', 'error']),
  };
  const categorical = readNames('params.categorical', p.categorical);
  const numeric = readNames('params.numeric', p.numeric);
  if (categorical !== null) opts.categorical = categorical;
  if (numeric !== null) opts.numeric = numeric;
  if (p.categories !== 'auto') {
    const rec = readObject(WHO, 'params.categories', p.categories);
    const out: Record<string, Category[]> = {};
    for (const k of Object.keys(rec)) {
      const v = decodeCategories(rec[k], fieldPath('params.categories', k));
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    opts.categories = out;
  }
  const unknownValue = readNumber(WHO, 'params.unknownValue', p.unknownValue, { special: true });
  if (encoding === 'ordinal') opts.unknownValue = unknownValue;
  if (p.minFrequency !== null) opts.minFrequency = readNumber(WHO, 'params.minFrequency', p.minFrequency);
  if (p.maxCategories !== null) opts.maxCategories = readInteger(WHO, 'params.maxCategories', p.maxCategories);
  if (p.drop !== null) opts.drop = readOneOf(WHO, 'params.drop', p.drop, ['first', 'ifBinary']);
  if (p.impute !== null) {
    opts.impute =
      typeof p.impute === 'string'
        ? readOneOf<'mean' | 'median'>(WHO, 'params.impute', p.impute, ['mean', 'median'])
        : {
            constant: readNumber(
              WHO,
              'params.impute.constant',
              readObject(WHO, 'params.impute', p.impute, { required: ['constant'] }).constant,
            ),
          };
  }
  if (p.output !== undefined) opts.output = readOneOf(WHO, 'params.output', p.output, ['matrix', 'compact']);
  return opts;
}

/**
 * Rebuilds the learned state of an Encoder with params `p` from its JSON form.
 * @throws {@link SerializationError} for a malformed state.
 * @internal
 */
export function encoderStateFromJSON(st: unknown, p: EncoderParams): EncoderState {
  const s = readObject(WHO, 'state', st, { required: ['nRowsSeen', 'categorical', 'numeric'] });
  const nRows = readInteger(WHO, 'state.nRowsSeen', s.nRowsSeen, { min: 1 });
  const catList = readArray(WHO, 'state.categorical', s.categorical, lengthOf(p.categorical));
  const cats = catList.map((raw, i) => {
    const where = `state.categorical[${i}]`;
    const c = readObject(WHO, where, raw, {
      required: ['name', 'valueType', 'categories', 'counts', 'infrequent', 'dropIndex'],
    });
    const name = readString(WHO, `${where}.name`, c.name);
    if (p.categorical !== null && name !== p.categorical[i]) {
      badField(WHO, `${where}.name`, `${describe(p.categorical[i])} (params.categorical[${i}])`, name);
    }
    const vt = readOneOf(WHO, `${where}.valueType`, c.valueType, ['string', 'number', 'none']);
    const categories = decodeCategories(c.categories, `${where}.categories`);
    const counts = readArray(WHO, `${where}.counts`, c.counts, { length: categories.length }).map((n, k) =>
      readInteger(WHO, `${where}.counts[${k}]`, n, { min: 0, max: nRows }),
    );
    const infrequent = decodeCategories(c.infrequent, `${where}.infrequent`);
    infrequent.forEach((x, k) => {
      if (!categories.includes(x)) badField(WHO, `${where}.infrequent.values[${k}]`, 'one of the categories', x);
    });
    // the rule of learnCategories: the infrequent categories follow from the counts
    const isInfrequent = identifyInfrequent(counts, nRows, p.minFrequency, p.maxCategories);
    const expectedInfrequent = categories.filter((_, k) => isInfrequent[k]);
    if (
      infrequent.length !== expectedInfrequent.length ||
      infrequent.some((x, k) => !Object.is(x, expectedInfrequent[k]))
    ) {
      badField(
        WHO,
        `${where}.infrequent.values`,
        `[${expectedInfrequent.map((x) => describe(x)).join(', ')}] (the counts, minFrequency and maxCategories)`,
        infrequent,
      );
    }
    if (p.categories === 'auto') {
      categories.forEach((x, k) => {
        const prev = categories[k - 1];
        if (k > 0 && compareCategories(prev as Category, x) > 0) {
          badField(WHO, `${where}.categories.values[${k}]`, `sorted after ${describe(prev)} (categories 'auto')`, x);
        }
      });
    }
    const { nCodes } = makeColumnState(name, vt, categories, counts, new Set(infrequent), null);
    // the rule of learnCategories: drop 'first', or 'ifBinary' with two codes, drops code 0
    const expected = p.drop === 'first' || (p.drop === 'ifBinary' && nCodes === 2) ? 0 : null;
    if (c.dropIndex !== expected) {
      badField(
        WHO,
        `${where}.dropIndex`,
        `${expected} (params.drop ${describe(p.drop)}, ${nCodes} codes)`,
        c.dropIndex,
      );
    }
    return makeColumnState(name, vt, categories, counts, new Set(infrequent), expected);
  });
  const numList = readArray(WHO, 'state.numeric', s.numeric, lengthOf(p.numeric));
  const nums = numList.map((raw, i) => {
    const where = `state.numeric[${i}]`;
    const n = readObject(WHO, where, raw, { required: ['name', 'imputeValue'] });
    const name = readString(WHO, `${where}.name`, n.name);
    if (p.numeric !== null && name !== p.numeric[i]) {
      badField(WHO, `${where}.name`, `${describe(p.numeric[i])} (params.numeric[${i}])`, name);
    }
    const imputeValue = readNumber(WHO, `${where}.imputeValue`, n.imputeValue, { special: true });
    const impute = p.impute;
    const constant = impute !== null && typeof impute === 'object' ? impute.constant : undefined;
    if (impute === null ? !Number.isNaN(imputeValue) : constant !== undefined && imputeValue !== constant) {
      const expected = impute === null ? '"NaN" (params.impute is null)' : `${constant} (params.impute)`;
      badField(WHO, `${where}.imputeValue`, expected, n.imputeValue);
    }
    return Object.freeze({ name, imputeValue });
  });
  const names = [...cats.map((c) => c.name), ...nums.map((n) => n.name)];
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) badField(WHO, 'state', 'columns with distinct names', n);
  });
  return assembleState(cats, nums, nRows, p.encoding);
}

/** The length a state list must have: that of the params' list of columns, when given. */
function lengthOf(list: ReadonlyArray<string> | null): { length?: number } {
  return list === null ? {} : { length: list.length };
}
