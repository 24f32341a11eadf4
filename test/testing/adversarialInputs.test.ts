/**
 * The adversarial inputs of the conformance suites, and the checks built on them catching the
 * defects they are meant to catch (on deliberately defective estimators).
 */
import { Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { DataValidationError } from '../../src/core/errors.js';
import type { Label, MatrixInput } from '../../src/core/matrix.js';
import { RandomOverSampler } from '../../src/sampling/index.js';
import {
  BUILTIN_NAMES,
  builtinLabels,
  continuousTarget,
  expectFiniteOrLocated,
  overflowInput,
  renameColumns,
} from '../../src/testing/adversarialInputs.js';
import { ConformanceError, samplerChecks } from '../../src/testing/index.js';

describe('adversarial inputs', () => {
  it('builtinLabels keeps the class order; BUILTIN_NAMES is sorted', () => {
    expect([...BUILTIN_NAMES].sort()).toEqual([...BUILTIN_NAMES]);
    expect(builtinLabels([2, 0, 1, 0])).toEqual(['hasOwnProperty', '__proto__', 'constructor', '__proto__']);
    const many = builtinLabels([6, 5, 4, 3, 2, 1, 0]);
    expect(many.slice(0, 2)).toEqual(['valueOf_000006', 'valueOf_000005']);
    expect([...new Set(many)].sort()).toEqual([...BUILTIN_NAMES, 'valueOf_000005', 'valueOf_000006']);
  });

  it('renameColumns renames tables and row objects, with "__proto__" as an own column', () => {
    const rename = (c: string) => (c === 'a' ? '__proto__' : c);
    const rows = renameColumns([{ a: 1, b: 2 }], rename);
    expect(Object.keys(rows[0] as object)).toEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
    expect(renameColumns({ columns: ['a', 'b'], rows: [[1, 2]] }, rename).columns).toEqual(['__proto__', 'b']);
    const m = [[1, 2]];
    expect(renameColumns(m, rename)).toEqual(m);
  });

  it('overflowInput maps every numeric column onto [−1.7e308, 1.7e308], all finite', () => {
    const X = [
      [0, 5, 1],
      [1, 5, 2],
      [2, 5, 3],
    ];
    const big = overflowInput(X);
    expect(big.map((r) => r[0])).toEqual([-1.7e308, 0, 1.7e308]);
    expect(big.map((r) => r[1])).toEqual([1.7e308, 1.7e308, 1.7e308]);
    expect(big.flat().every(Number.isFinite)).toBe(true);
    expect(overflowInput(new Matrix(X))).toEqual(big);
    expect(overflowInput(X.map((r) => Float64Array.from(r)))).toEqual(big);
    const table = overflowInput({
      columns: ['a', 'n'],
      rows: [
        ['x', 1],
        ['y', null],
        ['z', 3],
      ],
    });
    // a row with a missing value is left out (it would pass through as NaN by design)
    expect(table.rows).toEqual([
      ['x', -1.7e308],
      ['z', 1.7e308],
    ]);
    const objs = overflowInput(JSON.parse('[{"__proto__":1,"s":"a"},{"__proto__":3,"s":"b"}]'));
    expect(objs.map((r: object) => Object.getOwnPropertyDescriptor(r, '__proto__')?.value)).toEqual([
      -1.7e308, 1.7e308,
    ]);
    expect(continuousTarget(3)).toEqual([0, 0.5, 1]);
  });

  it('expectFiniteOrLocated: finite output or a located DataValidationError', async () => {
    await expectFiniteOrLocated('ok', () => [[1, 2]]);
    await expectFiniteOrLocated('located', () => {
      throw new DataValidationError('x', { row: 3 });
    });
    await expect(expectFiniteOrLocated('nan', () => ({ a: [1, Number.NaN] }))).rejects.toThrow(/\$\.a\[1\] is NaN/);
    await expect(
      expectFiniteOrLocated('unlocated', () => {
        throw new DataValidationError('x');
      }),
    ).rejects.toThrow(/names no row or column/);
    await expect(
      expectFiniteOrLocated('generic', () => {
        throw new RangeError('x');
      }),
    ).rejects.toThrow(ConformanceError);
  });
});

/** Duplicates the rows of the smaller classes, counting classes in a plain object — the defect. */
class ObjectKeyed {
  fitResample(X: MatrixInput, y: ReadonlyArray<Label>): { X: Matrix; y: Label[] } {
    const rows = X instanceof Matrix ? X.to2DArray() : X.map((r) => Array.from(r));
    const count: Record<string, number> = {};
    for (const v of y) count[String(v)] = (count[String(v)] ?? 0) + 1;
    const most = Math.max(...Object.values(count));
    const outX = [...rows];
    const outY = [...y];
    for (const c of [...new Set(y)].sort()) {
      for (let k = count[String(c)] ?? 0; k < most; k++) {
        const i = y.indexOf(c);
        outX.push(rows[i] as number[]);
        outY.push(c);
      }
    }
    return { X: new Matrix(outX), y: outY };
  }
}

/** Adds the midpoint of the first two rows of each class as a + (b − a) / 2, which overflows near ±1.7e308. */
class Midpoint {
  fitResample(X: MatrixInput, y: ReadonlyArray<Label>): { X: Matrix; y: Label[] } {
    const rows = X instanceof Matrix ? X.to2DArray() : X.map((r) => Array.from(r));
    const outX = [...rows];
    const outY = [...y];
    for (const c of [...new Set(y)]) {
      const [a, b] = rows.filter((_, i) => y[i] === c);
      if (a && b) {
        outX.push(a.map((v, j) => v + ((b[j] as number) - v) / 2));
        outY.push(c);
      }
    }
    return { X: new Matrix(outX), y: outY };
  }
}

const X: number[][] = [];
const y: number[] = [];
for (let i = 0; i < 24; i++) {
  X.push([i % 5, (i * 7) % 11, (i % 3) - 1]);
  y.push(i % 4 === 0 ? 1 : 0);
}

async function outcome(checks: ReturnType<typeof samplerChecks>, match: RegExp): Promise<string> {
  const c = checks.find((k) => match.test(k.name));
  if (!c) throw new Error(`no check matches ${match}`);
  try {
    await c.run();
    return 'pass';
  } catch (e) {
    expect(e).toBeInstanceOf(ConformanceError);
    return (e as Error).message;
  }
}

describe('the suites catch the defects', () => {
  it('a sampler keyed by plain objects fails the builtin-labels check, and the continuous one', async () => {
    const checks = samplerChecks({ name: 'ObjectKeyed', create: () => new ObjectKeyed(), X, y, random: false });
    expect(await outcome(checks, /Object\.prototype members/)).not.toBe('pass');
    expect(await outcome(checks, /continuous target/)).toMatch(/expected DataValidationError, nothing was thrown/);
  });

  it('the overflow check (opt-in) fails a sampler whose arithmetic overflows, passes RandomOverSampler', async () => {
    const bad = samplerChecks({ name: 'Midpoint', create: () => new Midpoint(), X, y, random: false, overflow: true });
    expect(await outcome(bad, /1\.7e308/)).toMatch(/is (-)?Infinity although every input was finite/);
    const ros = samplerChecks({ name: 'ROS', create: (seed) => new RandomOverSampler({ seed }), X, y, overflow: true });
    expect(await outcome(ros, /1\.7e308/)).toBe('pass');
    expect(
      samplerChecks({ name: 'ROS', create: (seed) => new RandomOverSampler({ seed }), X, y }).map((c) => c.name),
    ).not.toContain(expect.stringMatching(/1\.7e308/));
  });
});
