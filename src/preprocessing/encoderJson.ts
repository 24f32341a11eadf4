/**
 * The JSON form of an {@link Encoder}: its options and its learned state, both ways.
 *
 * @module
 */
import { SerializationError, describe } from '../core/errors.js';
import {
  decodeNumber,
  decodeNumbers,
  encodeNumber,
  encodeNumbers,
  makeEnvelope,
  type Envelope,
  type JsonNumber,
} from '../core/serialization.js';
import type { Category } from './category.js';
import type { EncoderOptions, EncoderParams } from './encoderOptions.js';
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

function decodeCategories(v: unknown, where: string): Category[] {
  if (v === null || typeof v !== 'object' || !Array.isArray((v as JsonCategories).values)) {
    throw new SerializationError(`Encoder.fromJSON: ${where} must be { type, values }, received ${describe(v)}.`);
  }
  const { type, values } = v as JsonCategories;
  if (type === 'number') {
    return (values as unknown[]).map((x, i) =>
      x === null ? null : (decodeNumbers([x], `${where}.values[${i}]`)[0] as number),
    );
  }
  if (type === 'string') {
    return (values as unknown[]).map((x, i) => {
      if (x !== null && typeof x !== 'string')
        throw new SerializationError(`Encoder.fromJSON: ${where}.values[${i}] must be a string or null.`);
      return x as string | null;
    });
  }
  throw new SerializationError(
    `Encoder.fromJSON: ${where}.type must be 'string' or 'number', received ${describe(type)}.`,
  );
}

/**
 * The envelope `{ format: 'imbalanced-tabular/Encoder', version, params, state }`; `state` is
 * `null` before fit.
 * @internal
 */
export function encoderToJSON(p: EncoderParams, st: EncoderState | undefined): Envelope {
  const params = {
    ...p,
    categorical: p.categorical === null ? null : [...p.categorical],
    numeric: p.numeric === null ? null : [...p.numeric],
    categories:
      p.categories === 'auto'
        ? 'auto'
        : Object.fromEntries(Object.entries(p.categories).map(([k, v]) => [k, encodeCategories(v)])),
    unknownValue: encodeNumber(p.unknownValue),
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
export function encoderOptionsFromJSON(p: Record<string, unknown>): EncoderOptions {
  try {
    return optionsFromJSON(p);
  } catch (e) {
    throw invalidParams(ENCODER_CLASS, e);
  }
}

function optionsFromJSON(p: Record<string, unknown>): EncoderOptions {
  const opts: EncoderOptions = {
    encoding: p.encoding as 'onehot',
    handleUnknown: p.handleUnknown as 'error',
    missing: p.missing as 'category',
  };
  if (p.categorical !== null) opts.categorical = p.categorical as string[];
  if (p.numeric !== null) opts.numeric = p.numeric as string[];
  if (p.categories !== 'auto') {
    const rec = p.categories as Record<string, unknown>;
    opts.categories = Object.fromEntries(
      Object.entries(rec).map(([k, v]) => [k, decodeCategories(v, `params.categories.${k}`)]),
    );
  }
  if (p.encoding === 'ordinal') opts.unknownValue = decodeNumber(p.unknownValue, 'params.unknownValue');
  if (p.minFrequency !== null) opts.minFrequency = p.minFrequency as number;
  if (p.maxCategories !== null) opts.maxCategories = p.maxCategories as number;
  if (p.drop !== null) opts.drop = p.drop as 'first';
  if (p.impute !== null) opts.impute = p.impute as 'mean';
  return opts;
}

/**
 * Rebuilds the learned state of an Encoder with params `p` from its JSON form.
 * @throws {@link SerializationError} for a malformed state.
 * @internal
 */
export function encoderStateFromJSON(st: unknown, p: EncoderParams): EncoderState {
  const s = st as Record<string, unknown>;
  if (s === null || typeof s !== 'object' || !Array.isArray(s.categorical) || !Array.isArray(s.numeric)) {
    throw new SerializationError('Encoder.fromJSON: state must hold "categorical" and "numeric" arrays.');
  }
  const cats = (s.categorical as Array<Record<string, unknown>>).map((c, i) => {
    const where = `state.categorical[${i}]`;
    const categories = decodeCategories(c.categories, `${where}.categories`);
    const counts = c.counts;
    if (!Array.isArray(counts) || counts.length !== categories.length)
      throw new SerializationError(`Encoder.fromJSON: ${where}.counts must have one count per category.`);
    const infrequent = decodeCategories(c.infrequent, `${where}.infrequent`);
    const vt = c.valueType;
    if (typeof c.name !== 'string' || (vt !== 'string' && vt !== 'number' && vt !== 'none'))
      throw new SerializationError(`Encoder.fromJSON: ${where} lacks a name or valueType.`);
    const dropIndex = c.dropIndex;
    if (dropIndex !== null && typeof dropIndex !== 'number')
      throw new SerializationError(`Encoder.fromJSON: ${where}.dropIndex must be a number or null.`);
    return makeColumnState(c.name, vt, categories, counts as number[], new Set(infrequent), dropIndex as number | null);
  });
  const nums = (s.numeric as Array<Record<string, unknown>>).map((n, i) => {
    if (typeof n.name !== 'string')
      throw new SerializationError(`Encoder.fromJSON: state.numeric[${i}].name must be a string.`);
    return Object.freeze({
      name: n.name,
      imputeValue: decodeNumber(n.imputeValue, `state.numeric[${i}].imputeValue`),
    });
  });
  const nRows = s.nRowsSeen;
  if (typeof nRows !== 'number') throw new SerializationError('Encoder.fromJSON: state.nRowsSeen must be a number.');
  return assembleState(cats, nums, nRows, p.encoding);
}
