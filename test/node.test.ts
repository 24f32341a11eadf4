import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SerializationError, loadJSON, saveJSON } from '../src/node.js';

const dir = mkdtempSync(join(tmpdir(), 'node-entry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('saveJSON / loadJSON', () => {
  it('writes obj.toJSON() (creating parent directories) and reads it back', async () => {
    const obj = { toJSON: () => ({ format: 'x', version: 1, params: { a: 1 }, state: null }) };
    const path = await saveJSON(join(dir, 'deep', 'er', 'model.json'), obj);
    expect(path).toBe(join(dir, 'deep', 'er', 'model.json'));
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(obj.toJSON());
    expect(await loadJSON(path)).toEqual(obj.toJSON());
  });

  it('writes a plain JSON value as it is', async () => {
    const path = await saveJSON(join(dir, 'plain.json'), [1, 'two', null]);
    expect(await loadJSON(path)).toEqual([1, 'two', null]);
  });

  it('throws SerializationError for a missing file or text that is not JSON', async () => {
    await expect(loadJSON(join(dir, 'missing.json'))).rejects.toThrow(SerializationError);
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    await expect(loadJSON(join(dir, 'bad.json'))).rejects.toThrow(/not valid JSON/);
  });
});
