/**
 * The JSON form of a {@link ColumnTransformer}: each part's own envelope by name and the widths
 * learned, both ways; parts are rebuilt by the classes the caller passes.
 *
 * @internal
 * @module
 */
import { SerializationError, describe } from '../core/errors.js';
import { badField, checkFaithful, readArray, readInteger, readObject, readString } from '../core/jsonFields.js';
import { type Envelope, makeEnvelope, openEnvelope } from '../core/serialization.js';
import type { ColumnPart, ColumnTransformerFitted, ColumnTransformerParams } from './ColumnTransformer.js';
import { buildStep, type PipelineClasses } from './pipelineJSON.js';
import { isObject, stepWidths } from './steps.js';

const CLASS = 'ColumnTransformer';
const VERSION = 1;
const WHO = `${CLASS}.fromJSON`;

/** The envelope: `params.transformers` as `[name, envelope]` pairs, `state` the widths or `null`. @internal */
export function columnTransformerToJSON(p: ColumnTransformerParams, st: ColumnTransformerFitted | undefined): Envelope {
  const transformers = p.transformers.map(([name, t]): [string, Envelope] => {
    const toJSON = (t as { toJSON?: unknown }).toJSON;
    if (typeof toJSON !== 'function') {
      throw new SerializationError(
        `${CLASS}.toJSON: transformer "${name}" has no toJSON method, so the ColumnTransformer cannot be saved.`,
      );
    }
    return [name, toJSON.call(t) as Envelope];
  });
  return makeEnvelope(CLASS, VERSION, { transformers }, st === undefined ? null : { widths: [...st.widths] });
}

/** What {@link columnTransformerFromJSON} read. @internal */
export interface LoadedColumnTransformer<C> {
  /** The rebuilt, not yet fitted, ColumnTransformer. */
  readonly ct: C;
  /** The saved widths (`undefined` when unfitted). */
  readonly widths: readonly number[] | undefined;
  /** Compares the loaded object's `toJSON` with the document read (call after restoring the state). */
  readonly check: (written: Envelope) => void;
}

/**
 * Reads a ColumnTransformer's envelope: builds every part with `classes`, checks that the saved
 * widths agree with the parts (a fitted document needs fitted parts, an unfitted one unfitted parts;
 * a part that names its output columns must have as many as its width), and calls `make` with the
 * parts.
 * @throws {@link SerializationError} naming the path of the first bad field.
 * @internal
 */
export function columnTransformerFromJSON<C>(
  json: unknown,
  classes: PipelineClasses,
  make: (transformers: Array<readonly [string, ColumnPart]>) => C,
): LoadedColumnTransformer<C> {
  if (!isObject(classes)) {
    throw new SerializationError(
      `${WHO}: the second argument must be an object of the parts' classes, e.g. { Encoder, TargetEncoder }, ` +
        `received ${describe(classes)}.`,
    );
  }
  const env = openEnvelope(json, CLASS, VERSION);
  const p = readObject(WHO, 'params', env.params, { required: ['transformers'] });
  const list = readArray(WHO, 'params.transformers', p.transformers, { min: 1 }, 'an array of [name, envelope] pairs');
  const transformers = list.map((pair, i): readonly [string, ColumnPart] => {
    const at = `params.transformers[${i}]`;
    const [nameJ, partEnv] = readArray(WHO, at, pair, { length: 2 }, 'a [name, envelope] pair');
    const name = readString(WHO, `${at}[0]`, nameJ, { nonEmpty: true });
    const rejectPipeline = () => badField(WHO, `${at}[1].format`, 'a transformer, not a Pipeline', 'Pipeline');
    const part = buildStep(WHO, name, `${at}[1]`, partEnv, classes, rejectPipeline, `transformer "${name}"`);
    return [name, part as ColumnPart];
  });
  let ct: C;
  try {
    ct = make(transformers);
  } catch (e) {
    throw new SerializationError(`${WHO}: the saved transformers do not rebuild: ${(e as Error).message}`, {
      cause: e,
    });
  }
  let widths: number[] | undefined;
  if (env.state !== null) {
    const s = readObject(WHO, 'state', env.state, { required: ['widths'] });
    widths = readArray(WHO, 'state.widths', s.widths, { length: transformers.length }).map((w, i) =>
      readInteger(WHO, `state.widths[${i}]`, w, { min: 0 }),
    );
  }
  transformers.forEach(([name, t], i) => {
    const width = reportedWidth(t);
    const at = `params.transformers[${i}][1]`;
    if (widths === undefined && width !== 'unfitted' && width !== undefined)
      badField(WHO, at, `an unfitted transformer (state is null), not a fitted "${name}"`, partEnvOf(list, i));
    if (widths !== undefined && width === 'unfitted')
      badField(WHO, at, `a fitted transformer (state holds widths), not an unfitted "${name}"`, partEnvOf(list, i));
    if (widths !== undefined && typeof width === 'number' && width !== widths[i])
      badField(WHO, `state.widths[${i}]`, `${width}, the output width of "${name}"`, widths[i]);
  });
  return { ct, widths, check: (written) => checkFaithful(WHO, { params: env.params, state: env.state }, written) };
}

function partEnvOf(list: readonly unknown[], i: number): unknown {
  return (list[i] as unknown[])[1];
}

/** The output width a part reports (`undefined` when it does not say: then its width is taken as saved). */
function reportedWidth(t: unknown): number | 'unfitted' | undefined {
  const w = stepWidths(t);
  return w === 'unfitted' ? w : w.out;
}
