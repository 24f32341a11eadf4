/**
 * The kernels' web-worker path in a real headless Chromium: a page served cross-origin isolated
 * (COOP + COEP headers, so SharedArrayBuffer exists) trains with 2 threads on a blob-URL worker;
 * the same page served without the headers trains on one thread — and both give the same bits
 * (Node's too when both run the same kernel variant: relaxed SIMD's fused multiply-add rounds once
 * where the plain kernels' multiply and add round twice).
 * Skipped (with a message) when /usr/bin/chromium is missing and CI is not set; under CI a missing
 * browser fails. Override the browser with CHROMIUM_PATH.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSteps } from './webWorkersPage.js';

const root = resolve(import.meta.dirname, '..', '..', '..');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const inCI = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
const haveChromium = existsSync(chromiumPath);

async function serve(js: string, isolated: boolean): Promise<{ server: Server; url: string }> {
  const html = '<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>';
  const server = createServer((req, res) => {
    const headers: Record<string, string> = isolated
      ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }
      : {};
    if (req.url === '/page.js') res.writeHead(200, { ...headers, 'content-type': 'text/javascript' }).end(js);
    else res.writeHead(200, { ...headers, 'content-type': 'text/html' }).end(html);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

interface PageResult {
  isolated: boolean;
  fma: boolean;
  workersDuring: number;
  workersAfter: number;
  bits: number[];
}

if (!haveChromium && !inCI) {
  describe('kernels on web workers in headless Chromium', () => {
    it.skip(`skipped: ${chromiumPath} not found (under CI=true this fails instead)`, () => {});
  });
} else {
  describe('kernels on web workers in headless Chromium', () => {
    let browser: Browser | undefined;
    const servers: Server[] = [];
    let js = '';

    beforeAll(async () => {
      const out = await build({
        entryPoints: [join(import.meta.dirname, 'webWorkersPage.ts')],
        bundle: true,
        platform: 'browser',
        format: 'esm',
        write: false,
        logLevel: 'silent',
        absWorkingDir: root,
        footer: { js: 'globalThis.runSteps = runSteps;' },
      });
      js = out.outputFiles.map((f) => f.text).join('\n');
      browser = await chromium.launch({
        executablePath: chromiumPath,
        timeout: 120_000,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
      });
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      for (const s of servers) await new Promise<void>((ok) => s.close(() => ok()));
    });

    async function inPage(isolated: boolean): Promise<PageResult> {
      const { server, url } = await serve(js, isolated);
      servers.push(server);
      const page = await (browser as Browser).newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url);
      await page.waitForFunction(() => typeof (globalThis as { runSteps?: unknown }).runSteps === 'function');
      const r = (await page.evaluate(() =>
        (globalThis as unknown as { runSteps: (t: number) => Promise<unknown> }).runSteps(2),
      )) as PageResult;
      await page.close();
      expect(errors).toEqual([]);
      return r;
    }

    it('an isolated page trains on 2 threads (a web worker), other pages on one, with the same bits', async () => {
      const isolated = await inPage(true);
      expect(isolated.isolated).toBe(true);
      expect(isolated.workersDuring).toBe(1);
      expect(isolated.workersAfter).toBe(0);
      const plain = await inPage(false);
      expect(plain.isolated).toBe(false);
      expect(plain.workersDuring).toBe(0);
      expect(plain.bits).toEqual(isolated.bits);
      const node = await runSteps(1);
      if (isolated.fma === node.fma) expect(isolated.bits).toEqual(node.bits);
      else expect(isolated.bits).not.toEqual(node.bits); // FMA rounds once where mul + add round twice
    });
  });
}
