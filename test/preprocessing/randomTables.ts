/**
 * Random mixed tables given twice — as row objects and as a ColumnarTable holding the same data —
 * for the tests that prove both input forms encode identically.
 */
import type { Cell, ColumnarTable, TableColumn } from '../../src/core/index.js';
import { Random } from '../../src/core/Random.js';

/** How a column is stored in the ColumnarTable. */
type Storage =
  | { kind: 'dict'; pool: ReadonlyArray<string | number>; missing: number; codes: 'int8' | 'int16' | 'int32' }
  | { kind: 'float64' | 'float32'; pool: ReadonlyArray<number> | null; missing: number }
  | { kind: 'int32' | 'uint8'; pool: ReadonlyArray<number> };

/** The columns of every random table: name → storage. */
export const SCHEMA: ReadonlyArray<readonly [string, Storage]> = [
  [
    'area',
    {
      kind: 'dict',
      pool: ['Central', 'Newton', '77th Street', 'Hollywood', 'Pacific', 'Rampart'],
      missing: 0.1,
      codes: 'int16',
    },
  ],
  ['sex', { kind: 'dict', pool: ['F', 'M'], missing: 0.15, codes: 'int8' }],
  ['crm', { kind: 'int32', pool: [510, 624, 330, 440, 354, 230, 745] }],
  ['premis', { kind: 'float64', pool: [101, 102, 108, 203.5, 501], missing: 0.1 }],
  ['weapon', { kind: 'dict', pool: [400, 500, 102.5, 306], missing: 0.2, codes: 'int32' }],
  ['age', { kind: 'float64', pool: null, missing: 0.1 }],
  ['lat', { kind: 'float32', pool: null, missing: 0.05 }],
  ['mo0416', { kind: 'uint8', pool: [0, 1] }],
  ['hour', { kind: 'dict', pool: ['1', '2.5', '13', ' 7 '], missing: 0.1, codes: 'int16' }],
];

/** Column groups for the Encoder's options. */
export const CATEGORICAL = ['area', 'sex', 'crm', 'premis', 'weapon'];
/** Numeric columns (`hour` holds numeric text). */
export const NUMERIC = ['age', 'lat', 'mo0416', 'hour'];

/** One table in both forms. */
export interface TwoForms {
  readonly records: Array<Record<string, Cell>>;
  readonly columnar: ColumnarTable;
}

const MISSING_CELLS: Cell[] = [null, undefined, '', Number.NaN];

/**
 * `n` rows drawn with `seed`; with `unknown`, categorical values outside the training pools occur
 * too (for transform tests).
 */
export function randomTable(n: number, seed: number, unknown = false): TwoForms {
  const rng = new Random(seed);
  const records: Array<Record<string, Cell>> = Array.from({ length: n }, () => ({}));
  const columns = new Map<string, TableColumn>();
  for (const [name, s] of SCHEMA) {
    const cells: Cell[] = new Array(n);
    const extra: Array<string | number> =
      unknown && CATEGORICAL.includes(name)
        ? s.kind === 'dict' && typeof s.pool[0] === 'string'
          ? ['Harbor', 'Topanga']
          : [999, 1234]
        : [];
    for (let i = 0; i < n; i++) {
      const missing = 'missing' in s && rng.float() < s.missing;
      if (missing) {
        cells[i] = s.kind === 'dict' ? (MISSING_CELLS[rng.int(4)] as Cell) : Number.NaN;
        if (s.kind === 'dict' && typeof s.pool[0] === 'number' && cells[i] === '') cells[i] = null;
        continue;
      }
      if (s.kind === 'float64' && s.pool === null) cells[i] = Math.round(rng.normal() * 1500 + 3500) / 100;
      else if (s.kind === 'float32' && s.pool === null) cells[i] = Math.fround(34 + rng.normal());
      else {
        const pool = [...(s.pool as ReadonlyArray<string | number>), ...extra];
        // Zipf-like: earlier entries are more frequent
        const u = rng.float();
        cells[i] = pool[Math.min(pool.length - 1, Math.floor(pool.length * u * u))] as Cell;
      }
    }
    cells.forEach((v, i) => {
      (records[i] as Record<string, Cell>)[name] = v;
    });
    columns.set(name, toColumn(s, cells, rng));
  }
  return { records, columnar: { nRows: n, columns } };
}

function toColumn(s: Storage, cells: Cell[], rng: Random): TableColumn {
  if (s.kind === 'dict') {
    // a dictionary in a shuffled order, with an unused entry and (string columns) an '' entry
    const seen = [...new Set(cells.filter((v) => v !== null && v !== undefined && v !== '' && !Number.isNaN(v)))];
    const unused = typeof s.pool[0] === 'string' ? 'never used' : -42;
    const dict: Array<string | number> = [...seen, unused] as Array<string | number>;
    if (typeof s.pool[0] === 'string') dict.push('');
    const order = rng.permutation(dict.length);
    const categories = Array.from(order, (k) => dict[k] as string | number);
    const index = new Map(categories.map((v, k) => [v, k]));
    const Codes = s.codes === 'int8' ? Int8Array : s.codes === 'int16' ? Int16Array : Int32Array;
    const codes = new Codes(cells.length);
    cells.forEach((v, i) => {
      codes[i] =
        v === ''
          ? (index.get('') as number)
          : v === null || v === undefined || Number.isNaN(v)
            ? -1
            : (index.get(v as string | number) as number);
    });
    return { kind: 'categorical', codes, categories };
  }
  const A =
    s.kind === 'float64'
      ? Float64Array
      : s.kind === 'float32'
        ? Float32Array
        : s.kind === 'int32'
          ? Int32Array
          : Uint8Array;
  return { kind: 'numeric', values: A.from(cells as number[]) };
}
