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

describe('loadJSON reads strictly; saveJSON refuses what JSON cannot hold', () => {
  it('refuses bytes that are not UTF-8, a repeated key, a document nested too deep', async () => {
    writeFileSync(join(dir, 'latin1.json'), Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]));
    await expect(loadJSON(join(dir, 'latin1.json'))).rejects.toThrow(/is not UTF-8 text/);
    writeFileSync(join(dir, 'dup.json'), '{"params":{"seed":1,"seed":2}}');
    await expect(loadJSON(join(dir, 'dup.json'))).rejects.toThrow(/gives the key "seed" twice.*params\.seed/);
    writeFileSync(join(dir, 'deep.json'), `${'['.repeat(20_000)}${']'.repeat(20_000)}`);
    await expect(loadJSON(join(dir, 'deep.json'))).rejects.toThrow(SerializationError);
    await expect(loadJSON(dir)).rejects.toThrow(/cannot read/);
  });

  it('skips a leading byte-order mark', async () => {
    writeFileSync(join(dir, 'bom.json'), '\ufeff{"a":1}');
    expect(await loadJSON(join(dir, 'bom.json'))).toEqual({ a: 1 });
  });

  it('saveJSON: a cycle or a value with no JSON form is a SerializationError and writes nothing', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(saveJSON(join(dir, 'cyclic.json'), cyclic)).rejects.toThrow(/cannot be written as JSON/);
    await expect(saveJSON(join(dir, 'undef.json'), undefined)).rejects.toThrow(/has no JSON form/);
    await expect(saveJSON(join(dir, 'fn.json'), { toJSON: () => undefined })).rejects.toThrow(SerializationError);
    await expect(loadJSON(join(dir, 'undef.json'))).rejects.toThrow(/cannot read/);
  });
});
