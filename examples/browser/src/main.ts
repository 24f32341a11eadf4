import { initBackend } from './backend.js';
import { drawCurves, type Series } from './chart.js';
import { parseCsv, type Table } from './csv.js';
import { demoTable, toCsv } from './demo.js';
import { trainAndEvaluate, type SamplerChoice, type TrainResult } from './train.js';

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`missing #${id}`);
  return el as T;
};

const ui = {
  drop: $<HTMLDivElement>('drop'),
  file: $<HTMLInputElement>('file'),
  demo: $<HTMLButtonElement>('demo'),
  dataInfo: $<HTMLSpanElement>('data-info'),
  download: $<HTMLAnchorElement>('download'),
  preview: $<HTMLDivElement>('preview'),
  form: $<HTMLFormElement>('options'),
  target: $<HTMLSelectElement>('target'),
  sampler: $<HTMLSelectElement>('sampler'),
  classWeight: $<HTMLSelectElement>('class-weight'),
  epochs: $<HTMLInputElement>('epochs'),
  hidden: $<HTMLInputElement>('hidden'),
  testSize: $<HTMLInputElement>('test-size'),
  seed: $<HTMLInputElement>('seed'),
  train: $<HTMLButtonElement>('train'),
  status: $<HTMLParagraphElement>('status'),
  curve: $<HTMLCanvasElement>('curve'),
  metrics: $<HTMLDivElement>('metrics'),
  confusion: $<HTMLDivElement>('confusion'),
  backend: $<HTMLSpanElement>('backend'),
};

let table: Table | undefined;
const backendReady = initBackend().then(
  (name) => {
    ui.backend.textContent = `tfjs backend: ${name}`;
    document.body.dataset.backend = name;
    return name;
  },
  (e: unknown) => {
    ui.backend.textContent = `tfjs backend failed: ${String(e)}`;
    return 'none';
  },
);

function setState(state: 'idle' | 'ready' | 'training' | 'done' | 'error', message = ''): void {
  document.body.dataset.state = state;
  ui.status.textContent = message;
  ui.status.className = state === 'error' ? 'error' : 'muted';
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className !== undefined) e.className = className;
  return e;
}

function showTable(t: Table, source: string): void {
  table = t;
  const numeric = [...t.numericColumns].join(', ') || 'none';
  ui.dataInfo.textContent = `${source}: ${t.rows.length} rows × ${t.columns.length} columns (numeric: ${numeric}).`;
  ui.target.replaceChildren(...t.columns.map((c) => el('option', c)));
  // Default target: a column named like a label, else the last non-numeric column, else the last.
  const guess =
    t.columns.find((c) => /^(status|label|target|class|y)$/i.test(c)) ??
    [...t.columns].reverse().find((c) => !t.numericColumns.has(c)) ??
    t.columns[t.columns.length - 1];
  if (guess !== undefined) ui.target.value = guess;
  ui.target.disabled = false;
  ui.train.disabled = false;
  const head = el('tr');
  for (const c of t.columns) head.append(el('th', c, 'label'));
  const body = t.rows.slice(0, 5).map((r) => {
    const tr = el('tr');
    for (const c of t.columns)
      tr.append(el('td', r[c] === null ? '' : String(r[c]), t.numericColumns.has(c) ? '' : 'label'));
    return tr;
  });
  const tbl = el('table');
  tbl.append(head, ...body);
  ui.preview.replaceChildren(tbl);
  // Offer the table back as CSV (handy to see the expected format of the demo data).
  if (ui.download.href.startsWith('blob:')) URL.revokeObjectURL(ui.download.href);
  ui.download.href = URL.createObjectURL(new Blob([toCsv(t)], { type: 'text/csv' }));
  ui.download.hidden = false;
  setState('ready', 'Pick a target and a sampler, then train.');
}

async function loadFile(file: File): Promise<void> {
  try {
    showTable(parseCsv(await file.text()), file.name);
  } catch (e) {
    setState('error', e instanceof Error ? e.message : String(e));
  }
}

ui.demo.addEventListener('click', () => showTable(demoTable(), 'Generated demo data (synthetic)'));
ui.file.addEventListener('change', () => {
  const f = ui.file.files?.[0];
  if (f !== undefined) void loadFile(f);
});
ui.drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  ui.drop.classList.add('over');
});
ui.drop.addEventListener('dragleave', () => ui.drop.classList.remove('over'));
ui.drop.addEventListener('drop', (e) => {
  e.preventDefault();
  ui.drop.classList.remove('over');
  const f = e.dataTransfer?.files[0];
  if (f !== undefined) void loadFile(f);
});

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(4);
}

function showResults(r: TrainResult): void {
  const mt = el('table');
  mt.id = 'metrics-table';
  const h = el('tr');
  h.append(el('th', 'metric', 'label'), el('th', 'value'));
  mt.append(h);
  for (const m of r.metrics) {
    const tr = el('tr');
    tr.append(el('td', m.name, 'label'), el('td', fmt(m.value)));
    tr.dataset.metric = m.name;
    tr.dataset.range = m.range;
    mt.append(tr);
  }
  ui.metrics.className = '';
  ui.metrics.replaceChildren(mt);

  const ct = el('table');
  ct.id = 'confusion-table';
  const head = el('tr');
  head.append(el('th', 'true \\ predicted', 'label'), ...r.classes.map((c) => el('th', String(c))));
  ct.append(head);
  r.confusion.forEach((row, i) => {
    const tr = el('tr');
    tr.append(el('th', String(r.classes[i]), 'label'));
    const total = row.reduce((a, b) => a + b, 0);
    row.forEach((count) => {
      const td = el('td', String(count));
      const share = total > 0 ? count / total : 0;
      td.style.background = `rgba(47, 111, 222, ${(0.08 + 0.75 * share).toFixed(3)})`;
      td.style.color = share > 0.55 ? '#fff' : '#1d232a';
      td.title = `${(100 * share).toFixed(1)}% of true ${String(r.classes[i])}`;
      tr.append(td);
    });
    ct.append(tr);
  });
  ui.confusion.replaceChildren(ct);
}

ui.form.addEventListener('submit', (e) => {
  e.preventDefault();
  void train();
});

async function train(): Promise<void> {
  if (table === undefined) return;
  ui.train.disabled = true;
  const backend = await backendReady;
  const loss: Series = { name: 'train loss', color: '#2f6fde', values: [] };
  const valLoss: Series = { name: 'validation loss', color: '#d9480f', values: [], dashed: true };
  const acc: Series = { name: 'train accuracy', color: '#2b8a3e', values: [] };
  const redraw = (): void => {
    drawCurves(
      ui.curve,
      [loss, valLoss, acc].filter((s) => s.values.length > 0),
      'Training curve',
    );
    ui.curve.dataset.epochs = String(loss.values.length);
  };
  redraw();
  const epochs = Math.max(1, Math.min(200, Math.round(Number(ui.epochs.value) || 1)));
  setState('training', `Training on ${backend}…`);
  try {
    const started = performance.now();
    const result = await trainAndEvaluate(table, {
      target: ui.target.value,
      sampler: ui.sampler.value as SamplerChoice,
      classWeight: ui.classWeight.value === 'balanced' ? 'balanced' : 'none',
      epochs,
      hidden: ui.hidden.value
        .split(',')
        .map((s) => Number(s.trim()))
        .filter((n) => Number.isInteger(n) && n > 0),
      testSize: Number(ui.testSize.value) || 0.25,
      seed: Math.max(0, Math.round(Number(ui.seed.value) || 0)),
      onEpoch: (epoch, logs) => {
        loss.values.push(logs.loss);
        if (logs.valLoss !== undefined) valLoss.values.push(logs.valLoss);
        if (logs.accuracy !== undefined) acc.values.push(logs.accuracy);
        redraw();
        ui.status.textContent = `Epoch ${epoch + 1}/${epochs} — loss ${logs.loss.toFixed(4)}`;
      },
      onStage: (message) => {
        ui.status.textContent = message;
      },
    });
    showResults(result);
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    setState(
      'done',
      `Trained on ${result.nTrain} rows (${result.nTrainResampled} after resampling), ` +
        `tested on ${result.nTest} untouched rows, ${secs} s on ${backend}.`,
    );
  } catch (err) {
    console.error(err);
    setState('error', err instanceof Error ? `${err.name}: ${err.message}` : String(err));
  } finally {
    ui.train.disabled = false;
  }
}
