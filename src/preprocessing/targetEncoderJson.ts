/**
 * The JSON form of a {@link TargetEncoder}: its options and its learned state, both ways, every
 * field of a saved document checked.
 *
 * @internal
 * @module
 */
import { badField, readArray, readLabels, readNumbers, readObject, readOneOf } from '../core/jsonFields.js';
import { readInteger } from '../core/jsonFields.js';
import type { Label } from '../core/matrix.js';
import { encodeNumbers, type Envelope, makeEnvelope } from '../core/serialization.js';
import type { Category } from './category.js';
import type { TargetEncoderState } from './TargetEncoder.js';
import {
  checkCategoryList,
  type TargetEncoderOptions,
  type TargetEncoderParams,
  type TargetType,
} from './targetEncoderOptions.js';

/** Class name in the envelope's `format`. @internal */
export const TARGET_ENCODER_CLASS = 'TargetEncoder';
/** Layout version of `params` and `state`. @internal */
export const TARGET_ENCODER_VERSION = 1;

const WHO = 'TargetEncoder.fromJSON';

/**
 * The envelope; given categories are saved as `[column, categories]` pairs, `state` is `null`
 * before fit.
 * @internal
 */
export function targetEncoderToJSON(p: TargetEncoderParams, st: TargetEncoderState | undefined): Envelope {
  return makeEnvelope(
    TARGET_ENCODER_CLASS,
    TARGET_ENCODER_VERSION,
    {
      columns: [...p.columns],
      categories: p.categories === 'auto' ? 'auto' : Object.entries(p.categories).map(([k, v]) => [k, [...v]]),
      targetType: p.targetType,
      smooth: p.smooth,
      cv: p.cv,
      shuffle: p.shuffle,
      seed: p.seed ?? null,
    },
    st === undefined
      ? null
      : {
          targetType: st.targetType,
          classes: st.classes === null ? null : [...st.classes],
          categories: st.categories.map((c) => [...c]),
          encodings: st.encodings.map((e) => encodeNumbers(e)),
          targetMean: encodeNumbers(st.targetMean),
          seed: st.seed ?? null,
        },
  );
}

/**
 * The constructor options saved in the params (the constructor then checks their values).
 * @throws {@link SerializationError} for a missing or unknown field, or malformed categories.
 * @internal
 */
export function targetEncoderOptionsFromJSON(params: Readonly<Record<string, unknown>>): TargetEncoderOptions {
  const p = readObject(WHO, 'params', params, {
    required: ['columns', 'categories', 'targetType', 'smooth', 'cv', 'shuffle', 'seed'],
  });
  let categories: TargetEncoderOptions['categories'] = 'auto';
  if (p.categories !== 'auto') {
    const pairs = readArray(WHO, 'params.categories', p.categories, {}, "'auto' or an array of [column, categories]");
    const given: Record<string, Category[]> = Object.create(null);
    pairs.forEach((pair, i) => {
      const path = `params.categories[${i}]`;
      const [name, list] = readArray(WHO, path, pair, { length: 2 }, 'a [column, categories] pair');
      if (typeof name !== 'string') badField(WHO, `${path}[0]`, 'a column name', name);
      given[name as string] = readCategories(`${path}[1]`, list);
    });
    categories = given;
  }
  return {
    columns: p.columns as string[],
    categories,
    targetType: p.targetType as TargetType,
    smooth: p.smooth as 'auto' | number,
    cv: p.cv as number,
    shuffle: p.shuffle as boolean,
    ...(p.seed === null ? {} : { seed: p.seed as number }),
  };
}

/**
 * The learned state, checked against the encoder's `columns`: one category list per column,
 * `columns × targets` encodings as long as their column's list, finite numbers throughout.
 * @throws {@link SerializationError} naming the path of the first bad field.
 * @internal
 */
export function targetEncoderStateFromJSON(
  state: Readonly<Record<string, unknown>>,
  columns: readonly string[],
): Omit<TargetEncoderState, 'featureNames'> {
  const s = readObject(WHO, 'state', state, {
    required: ['targetType', 'classes', 'categories', 'encodings', 'targetMean', 'seed'],
  });
  const targetType = readOneOf(WHO, 'state.targetType', s.targetType, ['binary', 'multiclass', 'continuous']);
  let classes: Label[] | null = null;
  if (targetType === 'continuous') {
    if (s.classes !== null) badField(WHO, 'state.classes', 'null for a continuous target', s.classes);
  } else {
    const range = targetType === 'binary' ? { min: 1, max: 2 } : { min: 3 };
    classes = readLabels(WHO, 'state.classes', s.classes, { ...range, sorted: true });
  }
  const nTargets = targetType === 'multiclass' ? (classes as Label[]).length : 1;
  const categories = readArray(WHO, 'state.categories', s.categories, { length: columns.length }).map((c, j) =>
    readCategories(`state.categories[${j}]`, c),
  );
  const encodings = readArray(WHO, 'state.encodings', s.encodings, { length: columns.length * nTargets }).map((e, i) =>
    readNumbers(WHO, `state.encodings[${i}]`, e, {
      length: (categories[Math.floor(i / nTargets)] as Category[]).length,
    }),
  );
  const targetMean = readNumbers(WHO, 'state.targetMean', s.targetMean, { length: nTargets });
  const seed = s.seed === null ? undefined : readInteger(WHO, 'state.seed', s.seed, { min: 0 });
  return { targetType, classes, categories, encodings, targetMean, seed };
}

/** A category list, checked by the rule of the options. */
function readCategories(path: string, value: unknown): Category[] {
  const list = readArray(WHO, path, value, {}, 'an array of categories');
  checkCategoryList(list, (i, expected, c) => badField(WHO, `${path}[${i}]`, expected, c));
  return list as Category[];
}
