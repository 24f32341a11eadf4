import { DataValidationError, InvalidParameterError, describe } from '../core/errors.js';
import { compareLabels } from '../core/labels.js';
import type { Label } from '../core/matrix.js';
import { setOwn } from '../core/ownProperties.js';
import { checkNumber, invalid, isPlainObject } from '../core/validate.js';

/**
 * The named targets of imbalanced-learn's `sampling_strategy`.
 *
 * @remarks
 * Over-samplers: `'auto'` = `'not majority'`; `'minority'`, `'not minority'`, `'not majority'` and
 * `'all'` bring the targeted classes up to the majority count; `'majority'` is rejected.
 * Under-samplers: `'auto'` = `'not minority'`; the targeted classes are cut down to the minority
 * count; `'minority'` is rejected. The majority (minority) is the class with the most (fewest)
 * rows, ties going to the first class in sorted order, exactly as imbalanced-learn.
 */
export type SamplingStrategyName = 'auto' | 'minority' | 'majority' | 'not minority' | 'not majority' | 'all';

/**
 * A function of the class counts (sorted Map) and the labels that returns the desired final count
 * per targeted class, validated exactly like a Map strategy.
 */
export type SamplingStrategyFunction = (
  counts: ReadonlyMap<Label, number>,
  y: ReadonlyArray<Label>,
) => ReadonlyMap<Label, number>;

/**
 * Desired final counts per class as a plain object (`{ rare: 100 }`, as a Python `dict`): each key
 * is a label, numeric labels written in their canonical string form (`{ '1': 40 }` for the label
 * `1`; `'1.0'` is refused with a {@link DataValidationError} naming the right key). This is
 * unambiguous because `y` holds one label type (a `y` mixing `1` and `'1'` is refused); a Map keeps
 * the label's type and is the form to use when building strategies in code.
 */
export type SamplingStrategyRecord = Readonly<Record<string, number>>;

/**
 * What to resample, exactly as imbalanced-learn's `sampling_strategy`: a name, a ratio in (0, 1]
 * (binary targets only), a Map (or plain object, see {@link SamplingStrategyRecord}) of desired
 * final counts per class, or a function returning such a Map.
 *
 * @remarks
 * A ratio α means: over-samplers add `trunc(N_majority · α − N_minority)` rows to the minority
 * class (IEEE multiply, subtract, then truncate toward zero — `0.29 · 100` is `28.999…`, so one row
 * fewer than the "obvious" answer, as in imbalanced-learn); under-samplers keep
 * `trunc(N_minority / α)` rows of the majority class.
 *
 * @see imbalanced-learn's `check_sampling_strategy`.
 */
export type SamplingStrategy =
  | SamplingStrategyName
  | number
  | ReadonlyMap<Label, number>
  | SamplingStrategyRecord
  | SamplingStrategyFunction;

/** Whether a sampler adds rows (over-sampling) or keeps a subset (under-sampling). */
export type SamplingType = 'over-sampling' | 'under-sampling';

const NAMES: ReadonlyArray<SamplingStrategyName> = [
  'auto',
  'minority',
  'majority',
  'not minority',
  'not majority',
  'all',
];

/**
 * Validates a `samplingStrategy` option without data and returns a private copy. @internal
 */
export function checkSamplingStrategy(who: string, value: unknown, type: SamplingType): SamplingStrategy {
  if (value === undefined) return 'auto';
  const names = NAMES.map((n) => `'${n}'`).join(', ');
  if (typeof value === 'string') {
    if (!(NAMES as ReadonlyArray<string>).includes(value)) {
      invalid(who, 'samplingStrategy', `one of ${names}`, value, FORMS);
    }
    if (value === 'majority' && type === 'over-sampling') {
      throw new InvalidParameterError(
        'samplingStrategy',
        `${who}: samplingStrategy 'majority' cannot be used with an over-sampler (imbalanced-learn: ` +
          `"'sampling_strategy'='majority' cannot be used with over-sampler."). Use 'auto', 'minority', ` +
          "'not majority' or a Map.",
      );
    }
    if (value === 'minority' && type === 'under-sampling') {
      throw new InvalidParameterError(
        'samplingStrategy',
        `${who}: samplingStrategy 'minority' cannot be used with an under-sampler (imbalanced-learn: ` +
          `"'sampling_strategy'='minority' cannot be used with under-sampler and clean-sampler."). Use ` +
          "'auto', 'majority', 'not minority' or a Map.",
      );
    }
    return value as SamplingStrategyName;
  }
  if (typeof value === 'number') {
    const fix = 'A ratio is the desired minority/majority ratio after resampling, e.g. 0.5.';
    return checkNumber(who, 'samplingStrategy', value, { gt: 0, le: 1 }, undefined, fix);
  }
  if (value instanceof Map) {
    const copy = new Map<Label, number>();
    for (const [k, v] of value as Map<unknown, unknown>) {
      if (typeof k !== 'string' && typeof k !== 'number') {
        invalid(who, 'samplingStrategy', 'a Map whose keys are class labels (strings or numbers)', k);
      }
      checkCount(who, k, v, 'InvalidParameter');
      copy.set(k, v as number);
    }
    return copy;
  }
  if (isPlainObject(value)) {
    const copy: Record<string, number> = {};
    for (const [k, v] of Object.entries(value)) {
      checkCount(who, k, v, 'InvalidParameter');
      setOwn(copy, k, v as number);
    }
    return Object.freeze(copy);
  }
  if (typeof value === 'function') return value as SamplingStrategyFunction;
  return invalid(
    who,
    'samplingStrategy',
    `one of ${names}, a number in (0, 1], a Map of class → target count or a function returning one`,
    value,
  );
}

/** The forms a strategy can take, as a fix for a wrong one. */
const FORMS = 'Use one of these names, a ratio in (0, 1], a Map of target counts or a function.';

function checkCount(who: string, k: unknown, v: unknown, kind: 'InvalidParameter' | 'Data'): void {
  let msg: string | undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
    msg =
      `${who}: samplingStrategy asks ${describe(v)} samples for class ${describe(k)}; the values must be ` +
      'integer sample counts.';
  } else if (v < 0) {
    msg =
      `${who}: samplingStrategy asks ${v} samples for class ${describe(k)}. The number of samples in a class ` +
      'cannot be negative. Give each class a count ≥ 0.';
  }
  if (msg === undefined) return;
  if (kind === 'InvalidParameter') throw new InvalidParameterError('samplingStrategy', msg);
  throw new DataValidationError(msg, { param: 'samplingStrategy' });
}

function sortedMap(entries: Iterable<[Label, number]>): Map<Label, number> {
  return new Map([...entries].sort((a, b) => compareLabels(a[0], b[0])));
}

/** First class with the most rows (sorted order breaks ties), and likewise for the fewest. */
function extremes(counts: ReadonlyMap<Label, number>): {
  majority: Label;
  nMajority: number;
  minority: Label;
  nMinority: number;
} {
  let majority: Label | undefined;
  let minority: Label | undefined;
  let nMajority = -1;
  let nMinority = Infinity;
  for (const [c, n] of counts) {
    if (n > nMajority) {
      nMajority = n;
      majority = c;
    }
    if (n < nMinority) {
      nMinority = n;
      minority = c;
    }
  }
  return { majority: majority as Label, nMajority, minority: minority as Label, nMinority };
}

/**
 * Resolves a validated strategy against the class counts into one Map sorted by class: rows to
 * add per class (over-sampling) or rows to keep per class (under-sampling). Classes absent from
 * the Map are left untouched. Mirrors imbalanced-learn's `check_sampling_strategy`.
 *
 * @param counts - Class counts in sorted class order (at least two classes).
 * @internal
 */
export function resolveSamplingStrategy(
  who: string,
  strategy: SamplingStrategy,
  counts: ReadonlyMap<Label, number>,
  y: ReadonlyArray<Label>,
  type: SamplingType,
): Map<Label, number> {
  const { majority, nMajority, minority, nMinority } = extremes(counts);
  const over = type === 'over-sampling';
  const out: Array<[Label, number]> = [];
  if (typeof strategy === 'string') {
    let name = strategy;
    if (name === 'auto') name = over ? 'not majority' : 'not minority';
    for (const [c, n] of counts) {
      let targeted: boolean;
      switch (name) {
        case 'minority':
          targeted = c === minority;
          break;
        case 'majority':
          targeted = c === majority;
          break;
        case 'not minority':
          targeted = c !== minority;
          break;
        case 'not majority':
          targeted = c !== majority;
          break;
        default:
          targeted = true;
      }
      if (targeted) out.push([c, over ? nMajority - n : nMinority]);
    }
    return sortedMap(out);
  }
  if (typeof strategy === 'number') {
    if (counts.size !== 2) {
      throw new DataValidationError(
        `${who}: a ratio samplingStrategy (${strategy}) needs a binary target, but y has ${counts.size} ` +
          'classes. "sampling_strategy" can be a float only when the type of target is binary. For multi-class, ' +
          'pass a Map of target counts per class.',
        { param: 'samplingStrategy' },
      );
    }
    if (over) {
      for (const [c, n] of counts) {
        if (c === majority) continue;
        const add = Math.trunc(nMajority * strategy - n);
        if (add <= 0) {
          throw new DataValidationError(
            `${who}: samplingStrategy ${strategy} asks class ${describe(c)} (${n} rows) for ` +
              `trunc(${nMajority} × ${strategy}) − ${n} = ${add} new rows. The specified ratio required to remove ` +
              'samples from the minority class while trying to generate new samples. Please increase the ratio ' +
              `(above ${n / nMajority}).`,
            { param: 'samplingStrategy' },
          );
        }
        out.push([c, add]);
      }
    } else {
      for (const [c, n] of counts) {
        if (c === minority) continue;
        const keep = Math.trunc(nMinority / strategy);
        if (keep > n) {
          throw new DataValidationError(
            `${who}: samplingStrategy ${strategy} asks to keep ${keep} rows of class ${describe(c)}, which has ` +
              `only ${n}. The specified ratio required to generate new sample in the majority class while trying ` +
              'to remove samples. Please increase the ratio.',
            { param: 'samplingStrategy' },
          );
        }
        out.push([c, keep]);
      }
    }
    return sortedMap(out);
  }
  let targets: ReadonlyMap<Label, number>;
  if (typeof strategy === 'function') {
    const r = strategy(new Map(counts), y);
    if (!(r instanceof Map)) {
      throw new DataValidationError(
        `${who}: the samplingStrategy function returned ${describe(r)}; it must return a Map of class → ` +
          'desired number of samples.',
        { param: 'samplingStrategy' },
      );
    }
    targets = r;
  } else {
    targets = strategy instanceof Map ? strategy : recordTargets(who, strategy as SamplingStrategyRecord, counts);
  }
  const unknown = [...targets.keys()].filter((k) => !counts.has(k));
  if (unknown.length > 0) {
    const many = unknown.length > 1;
    const classes = [...counts.keys()].map((k) => describe(k)).join(', ');
    throw new DataValidationError(
      `${who}: samplingStrategy names class${many ? 'es' : ''} ${unknown.map((k) => describe(k)).join(', ')} ` +
        `that ${many ? 'are' : 'is'} not present in y (classes: ${classes}). Use labels of the same type and ` +
        'spelling as y.',
      { param: 'samplingStrategy' },
    );
  }
  for (const [k, v] of targets) checkCount(who, k, v, 'Data');
  for (const [c, v] of targets) {
    const n = counts.get(c) as number;
    if (over && v < n) {
      throw new DataValidationError(
        `${who}: samplingStrategy asks ${v} samples for class ${describe(c)}, which already has ${n}. With ` +
          'over-sampling methods, the number of samples in a class should be greater or equal to the original ' +
          `number of samples. Ask at least ${n}, or use an under-sampler.`,
        { param: 'samplingStrategy' },
      );
    }
    if (!over && v > n) {
      throw new DataValidationError(
        `${who}: samplingStrategy asks ${v} samples for class ${describe(c)}, which has only ${n}. With ` +
          'under-sampling methods, the number of samples in a class should be less or equal to the original ' +
          `number of samples. Ask at most ${n}, or use an over-sampler.`,
        { param: 'samplingStrategy' },
      );
    }
    out.push([c, over ? v - n : v]);
  }
  return sortedMap(out);
}

/**
 * The Map a plain-object strategy means for these classes: each key is the label whose canonical
 * string form it is. `y` holds one label type (checked before), so no key can match two labels; a
 * key matching no label stays a string and is refused as a class absent from y.
 * @throws {@link DataValidationError} for a numeric key written otherwise than its label (`'1.0'`).
 */
function recordTargets(
  who: string,
  record: SamplingStrategyRecord,
  counts: ReadonlyMap<Label, number>,
): Map<Label, number> {
  const byKey = new Map<string, Label>();
  for (const c of counts.keys()) byKey.set(String(c), c);
  const out = new Map<Label, number>();
  for (const [k, v] of Object.entries(record)) {
    const label = byKey.get(k);
    const numeric = k.trim() === '' ? undefined : byKey.get(String(Number(k)));
    if (label === undefined && typeof numeric === 'number') {
      throw new DataValidationError(
        `${who}: samplingStrategy key ${describe(k)} is not how the label ${numeric} is written; a numeric ` +
          `label's key is its canonical string form. Write { '${numeric}': ${v} }, or pass a Map.`,
        { param: 'samplingStrategy' },
      );
    }
    out.set(label ?? k, v);
  }
  return out;
}

/**
 * What every sampler hook is told about the data being resampled (the eager `SamplerContext` and
 * the lazy `StreamContext` both extend it).
 */
export interface PlanContext {
  /** `ClassName.fitResample` or `ClassName.fitStream`, for error messages. */
  readonly who: string;
  /** Number of columns of X. */
  readonly cols: number;
  /** Labels of the rows being resampled. */
  readonly y: ReadonlyArray<Label>;
  /** Class counts, sorted by class. */
  readonly counts: ReadonlyMap<Label, number>;
  /** The resolved strategy: rows to add (over) or keep (under) per targeted class, sorted. */
  readonly plan: ReadonlyMap<Label, number>;
}
