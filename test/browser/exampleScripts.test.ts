/**
 * How a newcomer starts the browser example: npm scripts that serve and build examples/browser
 * (after building the package it imports), and a README that says the page must be served over
 * HTTP — opened as a file:// URL the browser refuses its ES modules and .wasm files.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
  .scripts;
const readme = readFileSync(join(root, 'examples', 'browser', 'README.md'), 'utf8');

describe('the browser example is one npm script away', () => {
  it('npm run browser serves it and npm run browser:build builds it, each building dist/ first', () => {
    expect(scripts.browser).toBe('vite examples/browser');
    expect(scripts['browser:build']).toBe('vite build examples/browser');
    for (const name of ['prebrowser', 'prebrowser:build']) expect(scripts[name]).toBe('tsx examples/ensure-built.ts');
  });

  it('its README names both scripts and says the page must be served over HTTP, not opened as a file', () => {
    expect(readme).toContain('npm run browser ');
    expect(readme).toContain('npm run browser:build');
    expect(readme).toMatch(/must be \*\*served over HTTP\*\*/);
    expect(readme).toContain('file://');
    expect(readme).not.toMatch(/npx vite (build )?examples\/browser\s/);
  });
});
