/**
 * End-to-end: the examples/browser page in a real headless Chromium. Builds the page with Vite
 * into a temporary directory, serves it from 127.0.0.1 with a tiny static server, and drives
 * Debian's /usr/bin/chromium with playwright-core: load the generated demo data, train 2 epochs,
 * and check that the metrics table appears with every rate in [0, 1], the confusion matrix
 * accounts for every test row, and the wasm backend was used. A screenshot is saved to
 * test-output/browser-e2e.png. A second test loads an esbuild browser bundle of the BUILT core
 * entry (dist/index.js, or IMBALANCED_TABULAR_DIST) into the same browser and runs
 * Encoder → Scaler → SMOTE → Metrics there.
 *
 * Skipped (with a message) only when /usr/bin/chromium is missing and CI is not set; under CI a
 * missing browser fails the test. Override the browser with CHROMIUM_PATH.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const inCI = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
const haveChromium = existsSync(chromiumPath);
const screenshot = join(root, 'test-output', 'browser-e2e.png');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

/** A static file server for `dir` on 127.0.0.1 (random port). */
async function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

const dist = resolve(root, process.env.IMBALANCED_TABULAR_DIST ?? 'dist');

/** Bundles the built core entry for the browser (esbuild), exposing a few classes on globalThis. */
async function bundleBuiltCore(outfile: string): Promise<boolean> {
  if (!existsSync(join(dist, 'index.js'))) return false;
  const { build } = await import('esbuild');
  await build({
    stdin: {
      contents:
        `import { Encoder, Scaler, SMOTE, Metrics } from ${JSON.stringify(join(dist, 'index.js'))};\n` +
        'globalThis.IT = { Encoder, Scaler, SMOTE, Metrics };\n',
      resolveDir: root,
    },
    nodePaths: [join(root, 'node_modules')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    outfile,
    logLevel: 'silent',
  });
  return true;
}

if (!haveChromium && !inCI) {
  describe('browser example in headless Chromium', () => {
    const why = "install Debian's chromium package; under CI=true this fails instead";
    it.skip(`skipped: ${chromiumPath} not found (${why})`, () => {});
  });
} else {
  describe('browser example in headless Chromium', () => {
    let outDir = '';
    let server: Server | undefined;
    let url = '';
    let browser: Browser | undefined;
    let page: Page;
    const pageErrors: string[] = [];
    const consoleErrors: string[] = [];

    beforeAll(async () => {
      if (!haveChromium)
        throw new Error(
          `CI is set but ${chromiumPath} does not exist: ` +
            "the browser e2e test needs Debian's chromium (apt-get install chromium).",
        );
      outDir = mkdtempSync(join(tmpdir(), 'it-browser-'));
      const { build } = await import('vite');
      await build({
        configFile: join(root, 'examples', 'browser', 'vite.config.ts'),
        logLevel: 'warn',
        build: { outDir, emptyOutDir: true, minify: false, sourcemap: false, reportCompressedSize: false },
      });
      await bundleBuiltCore(join(outDir, 'dist-core.js'));
      ({ server, url } = await serve(outDir));
      browser = await chromium.launch({
        executablePath: chromiumPath,
        timeout: 120_000, // a loaded CI machine can take longer than playwright's 30 s default
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-quic',
          '--no-first-run',
        ],
      });
      page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      page.on('pageerror', (e) => pageErrors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
      if (outDir !== '') rmSync(outDir, { recursive: true, force: true });
    });

    it('loads demo data, trains 2 epochs on the wasm backend, and shows metrics in range', async () => {
      await page.goto(url);
      await page.waitForFunction(() => document.body.dataset.backend !== undefined, undefined, { timeout: 20_000 });
      expect(await page.getAttribute('body', 'data-backend')).toBe('wasm');

      await page.click('#demo');
      await page.waitForSelector('body[data-state="ready"]');
      expect(await page.inputValue('#target')).toBe('status');
      await page.selectOption('#sampler', 'smote');
      await page.fill('#epochs', '2');
      await page.click('#train');
      await page.waitForSelector('body[data-state="done"], body[data-state="error"]', { timeout: 45_000 });
      mkdirSync(join(root, 'test-output'), { recursive: true });
      await page.screenshot({ path: screenshot, fullPage: true });
      const state = await page.getAttribute('body', 'data-state');
      expect(state, `page reported: ${await page.textContent('#status')}`).toBe('done');

      const metrics = await page.$$eval('#metrics-table tr[data-metric]', (rows) =>
        rows.map((r) => ({
          name: (r as HTMLElement).dataset.metric ?? '',
          range: (r as HTMLElement).dataset.range ?? '',
          text: r.querySelector('td:last-child')?.textContent ?? '',
        })),
      );
      const unit = metrics.filter((m) => m.range === 'unit');
      expect(unit.map((m) => m.name)).toEqual(
        expect.arrayContaining(['accuracy', 'balanced accuracy', 'macro F1', 'ROC-AUC (ovr, macro)']),
      );
      for (const m of unit) {
        const v = Number(m.text);
        expect(Number.isFinite(v), `${m.name} = ${m.text}`).toBe(true);
        expect(v, m.name).toBeGreaterThanOrEqual(0);
        expect(v, m.name).toBeLessThanOrEqual(1);
      }

      // The confusion matrix covers the 3 demo classes and every test row exactly once.
      const cells = await page.$$eval('#confusion-table tr', (rows) =>
        rows.slice(1).map((r) => Array.from(r.querySelectorAll('td')).map((td) => Number(td.textContent))),
      );
      expect(cells.length).toBe(3);
      for (const row of cells) expect(row.length).toBe(3);
      const total = cells.flat().reduce((a, b) => a + b, 0);
      const status = (await page.textContent('#status')) ?? '';
      const nTest = Number(/tested on (\d+)/.exec(status)?.[1]);
      expect(total).toBe(nTest);

      // Two epochs were drawn on the curve (the page exposes the number of points it plotted).
      expect(await page.getAttribute('#curve', 'data-epochs')).toBe('2');
      expect(pageErrors).toEqual([]);
      expect(consoleErrors).toEqual([]);
    }, 60_000);

    // Random over-sampling and balanced class weights, one epoch.
    it('reads a dropped CSV (quoted fields, missing cells), trains with over-sampling and class weights', async () => {
      const lines = ['kind,"size, cm",weight,label'];
      for (let i = 0; i < 120; i++) {
        const rare = i % 6 === 0;
        const kind = ['"red, dark"', 'blue', 'green'][i % 3];
        const size = i % 17 === 0 ? '' : String((rare ? 8 : 3) + (i % 5) * 0.5);
        lines.push(`${kind},${size},${(i * 7) % 13},${rare ? 'yes' : 'no'}`);
      }
      await page.setInputFiles('#file', {
        name: 'tiny.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(lines.join('\n')),
      });
      await page.waitForFunction(
        () => document.getElementById('data-info')?.textContent?.startsWith('tiny.csv') === true,
      );
      expect(await page.textContent('#data-info')).toContain('120 rows × 4 columns');
      expect(await page.inputValue('#target')).toBe('label');
      await page.selectOption('#sampler', 'random');
      await page.selectOption('#class-weight', 'balanced');
      await page.fill('#epochs', '1');
      await page.click('#train');
      await page.waitForSelector('body[data-state="done"], body[data-state="error"]', { timeout: 30_000 });
      expect(await page.getAttribute('body', 'data-state'), `page reported: ${await page.textContent('#status')}`).toBe(
        'done',
      );
      const cells = await page.$$eval('#confusion-table tr', (rows) =>
        rows.slice(1).map((r) => Array.from(r.querySelectorAll('td')).map((td) => Number(td.textContent))),
      );
      expect(cells.flat().reduce((a, b) => a + b, 0)).toBe(30); // 25% of 120 rows
      expect(await page.getAttribute('#curve', 'data-epochs')).toBe('1');
      expect(pageErrors).toEqual([]);
    }, 40_000);

    it('runs the built core entry (dist) in the browser: Encoder → Scaler → SMOTE → Metrics', async (ctx) => {
      if (!existsSync(join(outDir, 'dist-core.js'))) {
        if (inCI) throw new Error(`${dist}/index.js is missing: CI builds before testing.`);
        ctx.skip(`no built output at ${dist} (run npx tsup first)`);
      }
      const p = await browser!.newPage();
      const errors: string[] = [];
      p.on('pageerror', (e) => errors.push(e.message));
      await p.goto(`${url}index.html`);
      await p.addScriptTag({ url: `${url}dist-core.js`, type: 'module' });
      await p.waitForFunction(() => (globalThis as { IT?: unknown }).IT !== undefined, undefined, { timeout: 10_000 });
      const result = await p.evaluate(() => {
        type Lib = {
          Encoder: new (o: object) => { fitTransform(rows: object[]): { rows: number; columns: number } };
          Scaler: new () => { fitTransform(X: unknown): unknown };
          SMOTE: new (o: object) => { fitResample(X: unknown, y: string[]): { X: { rows: number }; y: string[] } };
          Metrics: { evaluate(t: string[], p: string[]): { accuracy: number; confusionMatrix: number[][] } };
        };
        const { Encoder, Scaler, SMOTE, Metrics } = (globalThis as unknown as { IT: Lib }).IT;
        const rows = Array.from({ length: 30 }, (_, i) => ({
          area: ['A', 'B', 'C'][i % 3],
          age: 20 + i,
          label: i % 5 === 0 ? 'rare' : 'common',
        }));
        const y = rows.map((r) => r.label);
        const X = new Scaler().fitTransform(
          new Encoder({ categorical: ['area'], numeric: ['age'] }).fitTransform(rows),
        );
        const out = new SMOTE({ kNeighbors: 3, seed: 1 }).fitResample(X, y);
        const ev = Metrics.evaluate(
          y,
          y.map(() => 'common'),
        );
        return {
          rows: out.X.rows,
          counts: [out.y.filter((v) => v === 'rare').length, out.y.filter((v) => v === 'common').length],
          accuracy: ev.accuracy,
          cm: ev.confusionMatrix,
        };
      });
      expect(errors).toEqual([]);
      expect(result.rows).toBe(48);
      expect(result.counts).toEqual([24, 24]);
      expect(result.accuracy).toBeCloseTo(0.8, 12);
      expect(result.cm).toEqual([
        [24, 0],
        [6, 0],
      ]);
      await p.close();
    }, 30_000);
  });
}
