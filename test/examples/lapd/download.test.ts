import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DownloadError, downloadFile, manualInstructions } from '../../../examples/lapd/download.js';

// A small local server on 127.0.0.1 only; the tests contact no other address.
const body = Buffer.from(Array.from({ length: 200_000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(''));

interface Behaviour {
  cutFirstAt?: number; // destroy the connection after this many bytes on the first request
  ignoreRange?: boolean;
  lie?: number; // announce this Content-Length but send the body
  status?: number;
}
let behaviour: Behaviour = {};
let requests: Array<{ range: string | undefined }> = [];
let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push({ range: req.headers.range });
    if (behaviour.status) {
      res.writeHead(behaviour.status);
      res.end('nope');
      return;
    }
    if (req.url === '/redirect') {
      res.writeHead(302, { location: '/file' });
      res.end();
      return;
    }
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    let start = 0;
    if (m && !behaviour.ignoreRange) {
      start = Number(m[1]);
      if (start >= body.length) {
        res.writeHead(416, { 'content-range': `bytes */${body.length}` });
        res.end();
        return;
      }
      res.writeHead(206, {
        'content-range': `bytes ${start}-${body.length - 1}/${body.length}`,
        'content-length': body.length - start,
      });
    } else {
      res.writeHead(200, { 'content-length': behaviour.lie ?? body.length });
    }
    const chunk = body.subarray(start);
    if (behaviour.cutFirstAt !== undefined && requests.length === 1) {
      res.write(chunk.subarray(0, behaviour.cutFirstAt), () => setTimeout(() => res.destroy(), 20));
      return;
    }
    if (behaviour.lie !== undefined) {
      res.write(chunk, () => setTimeout(() => res.destroy(), 20));
      return;
    }
    res.end(chunk);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const fresh = () => {
  behaviour = {};
  requests = [];
  return join(mkdtempSync(join(tmpdir(), 'lapd-dl-')), 'cache', 'data.csv');
};

describe('downloadFile (against 127.0.0.1)', () => {
  it('downloads into the cache folder through a .part file, with progress', async () => {
    const dest = fresh();
    const seen: number[] = [];
    const r = await downloadFile(`${base}/redirect`, dest, {
      onProgress: (b, t) => {
        seen.push(b);
        expect(t).toBe(body.length);
      },
    });
    expect(r).toMatchObject({ path: dest, bytes: body.length, cached: false, resumes: 0 });
    expect(readFileSync(dest).equals(body)).toBe(true);
    expect(existsSync(`${dest}.part`)).toBe(false);
    expect(seen.at(-1)).toBe(body.length);
  });
  it('reuses a cached file without a request', async () => {
    const dest = fresh();
    await downloadFile(`${base}/file`, dest);
    requests = [];
    const r = await downloadFile(`${base}/file`, dest);
    expect(r.cached).toBe(true);
    expect(requests).toHaveLength(0);
  });
  it('resumes with a Range request after a cut connection', async () => {
    const dest = fresh();
    behaviour = { cutFirstAt: 70_000 };
    const r = await downloadFile(`${base}/file`, dest);
    expect(requests[0]!.range).toBeUndefined();
    expect(requests[1]!.range).toMatch(/^bytes=\d+-$/);
    expect(Number(/\d+/.exec(requests[1]!.range!)![0])).toBeGreaterThan(0);
    expect(r.resumes).toBe(1);
    expect(readFileSync(dest).equals(body)).toBe(true);
  });
  it('resumes a .part left by an earlier run', async () => {
    const dest = fresh();
    await downloadFile(`${base}/file`, join(dest, '..', 'warmup.csv')); // creates the folder
    writeFileSync(`${dest}.part`, body.subarray(0, 12_345));
    requests = [];
    const r = await downloadFile(`${base}/file`, dest);
    expect(requests[0]!.range).toBe('bytes=12345-');
    expect(r.resumes).toBe(1);
    expect(readFileSync(dest).equals(body)).toBe(true);
  });
  it('restarts from zero when the server ignores Range', async () => {
    const dest = fresh();
    behaviour = { cutFirstAt: 50_000, ignoreRange: true };
    const r = await downloadFile(`${base}/file`, dest);
    expect(r.resumes).toBe(0);
    expect(statSync(dest).size).toBe(body.length);
    expect(readFileSync(dest).equals(body)).toBe(true);
  });
  it('never renames a short file into place', async () => {
    const dest = fresh();
    behaviour = { lie: body.length + 1000, ignoreRange: true };
    await expect(downloadFile(`${base}/file`, dest, { retries: 1 })).rejects.toThrow(DownloadError);
    expect(existsSync(dest)).toBe(false);
  });
  it('fails clearly on an HTTP error', async () => {
    const dest = fresh();
    behaviour = { status: 404 };
    const e = await downloadFile(`${base}/file`, dest).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DownloadError);
    expect((e as DownloadError).offline).toBe(false);
    expect((e as Error).message).toMatch(/HTTP 404/);
  });
  it('offline: says so and how to get the file by hand', async () => {
    const dest = fresh();
    // A port on 127.0.0.1 nobody listens on: the connection is refused.
    const probe = http.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const e = await downloadFile(`http://127.0.0.1:${port}/file`, dest).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DownloadError);
    expect((e as DownloadError).offline).toBe(true);
    expect((e as Error).message).toMatch(/offline/);
    expect((e as Error).message).toContain(manualInstructions(dest));
    expect(manualInstructions(dest)).toMatch(/2nrs-mtv8/);
    expect(manualInstructions(dest)).toContain(`--data ${dest}`);
  });
});
