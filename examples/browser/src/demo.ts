import { Random } from 'imbalanced-tabular';
import type { Table } from './csv.js';

const AREAS = ['Central', 'Harbor', 'Hollywood', 'Newton', 'Pacific', 'Rampart'] as const;
const SHIFTS = ['day', 'evening', 'night'] as const;
const CLASSES = ['open', 'closed', 'escalated'] as const;

/**
 * A small synthetic imbalanced table (about 83% / 12% / 4% with the default seed): two categorical columns, three
 * numeric ones, and a `status` target that depends on all of them, so a model can learn it.
 * Deterministic for a given seed.
 */
export function demoTable(nRows = 1200, seed = 7): Table {
  const rng = new Random(seed);
  const rows: Table['rows'] = [];
  for (let i = 0; i < nRows; i++) {
    const area = AREAS[rng.int(AREAS.length)] as string;
    const shift = SHIFTS[rng.int(SHIFTS.length)] as string;
    const age = Math.round(18 + 50 * rng.float());
    const amount = Math.round(Math.exp(3 + 1.2 * rng.normal()));
    const delay = Math.round(10 * rng.float() ** 2 * 10) / 10;
    // Class scores: "closed" likes short delays and day shifts in Harbor/Pacific, "escalated"
    // likes large amounts at night and young ages.
    const sClosed =
      -3.3 + (delay < 2 ? 1.4 : 0) + (shift === 'day' ? 0.7 : 0) + (area === 'Harbor' || area === 'Pacific' ? 0.9 : 0);
    const sEsc = -4.2 + (Math.log(amount) > 4 ? 1.6 : 0) + (shift === 'night' ? 1.2 : 0) + (age < 30 ? 0.8 : 0);
    const e0 = 1;
    const e1 = Math.exp(sClosed);
    const e2 = Math.exp(sEsc);
    const u = rng.float() * (e0 + e1 + e2);
    const status = u < e0 ? CLASSES[0] : u < e0 + e1 ? CLASSES[1] : CLASSES[2];
    rows.push({ area, shift, age, amount, delay, status });
  }
  return {
    columns: ['area', 'shift', 'age', 'amount', 'delay', 'status'],
    rows,
    numericColumns: new Set(['age', 'amount', 'delay']),
  };
}

/** The demo table as CSV text (what "download demo CSV" saves). */
export function toCsv(table: Table): string {
  const esc = (v: string | number | null): string => {
    const s = v === null ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [
    table.columns.join(','),
    ...table.rows.map((r) => table.columns.map((c) => esc(r[c] ?? null)).join(',')),
  ].join('\n');
}
