import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { nodeStateFiles, writeFileAtomic } from '../../../electron/main/platform/documents/atomic-file';
import { DocumentStore } from '../../../electron/main/platform/documents/document-store';
import { memDocumentFiles, recordingLog } from './mem-document-files';

const Notes = z.object({ version: z.literal(2), notes: z.array(z.string()) });
type Notes = z.infer<typeof Notes>;
const spec = (path: string) => ({
  path,
  version: 2 as const,
  schema: Notes,
  migrations: {
    0: (old: unknown) => ({ items: old }), // before versioning: a bare array
    1: (old: unknown) => {
      const items = (old as { items?: unknown }).items;
      if (!Array.isArray(items)) throw new Error('items is not a list');
      return { notes: items };
    },
  },
  empty: (): Notes => ({ version: 2, notes: [] }),
});

function store(initial: Record<string, string> = {}, now = () => 5) {
  const files = memDocumentFiles(initial);
  const log = recordingLog();
  return { files, log, doc: new DocumentStore<Notes>(spec('/d/notes.json'), { files, log, now }) };
}

describe('DocumentStore', () => {
  it('starts empty on a first run and reads its own writes back after a restart', async () => {
    const { files, doc } = store();
    expect(await doc.read()).toEqual({ version: 2, notes: [] });
    expect(doc.existed).toBe(false);
    await doc.update((d) => void d.notes.push('a'));
    const again = new DocumentStore<Notes>(spec('/d/notes.json'), { files, log: recordingLog() });
    expect(await again.read()).toEqual({ version: 2, notes: ['a'] });
    expect(again.existed).toBe(true);
  });

  it('serialises concurrent updates: each applies to the result of the one before, none is lost', async () => {
    const { files } = store();
    const slowFiles = { ...files, writeAtomic: async (f: string, t: string) => { await new Promise((r) => setTimeout(r, Math.random() * 5)); await files.writeAtomic(f, t); } };
    const slow = new DocumentStore<Notes>(spec('/d/notes.json'), { files: slowFiles, log: recordingLog() });
    await Promise.all(Array.from({ length: 20 }, (_, i) => slow.update((d) => void d.notes.push(String(i)))));
    expect((await slow.read()).notes).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    expect(JSON.parse(files.data.get('/d/notes.json')!).notes).toHaveLength(20);
  });

  it('a change that fails validation or throws writes nothing, and the next change still runs', async () => {
    const { files, doc } = store();
    await doc.update((d) => void d.notes.push('kept'));
    const before = files.data.get('/d/notes.json');
    await expect(doc.update((d) => ({ ...d, notes: [42 as unknown as string] }))).rejects.toThrow();
    await expect(doc.update(() => { throw new Error('no'); })).rejects.toThrow('no');
    expect(files.data.get('/d/notes.json')).toBe(before);
    await doc.update((d) => void d.notes.push('next'));
    expect((await doc.read()).notes).toEqual(['kept', 'next']);
  });

  it('migrates a version-0 bare file and a version-1 file, and writes the migrated document back at once', async () => {
    const v0 = store({ '/d/notes.json': '["x","y"]' });
    expect(await v0.doc.read()).toEqual({ version: 2, notes: ['x', 'y'] });
    expect(JSON.parse(v0.files.data.get('/d/notes.json')!)).toEqual({ version: 2, notes: ['x', 'y'] });
    const v1 = store({ '/d/notes.json': '{"version":1,"items":["z"]}' });
    expect(await v1.doc.read()).toEqual({ version: 2, notes: ['z'] });
    expect(v1.doc.problem).toBeUndefined();
  });

  describe('a file it cannot use is kept aside, reported, and never overwritten', () => {
    const cases: [string, string, RegExp][] = [
      ['not JSON', '{"version":2,"notes":["a"', /not JSON/],
      ['failing its schema', '{"version":2,"notes":"a"}', /schema at notes/],
      ['written by a newer version', '{"version":3,"notes":[],"more":1}', /newer Hyperdesk \(version 3/],
      ['a failing migration', '{"version":1}', /migration from version 1 failed: items is not a list/],
    ];
    it.each(cases)('%s', async (_, text, reason) => {
      const { files, log, doc } = store({ '/d/notes.json': text });
      expect(await doc.read()).toEqual({ version: 2, notes: [] });
      expect(files.data.get('/d/notes.json.unreadable-5')).toBe(text);
      expect(doc.problem).toMatchObject({ file: '/d/notes.json', keptAt: '/d/notes.json.unreadable-5' });
      expect(doc.problem!.reason).toMatch(reason);
      expect(log.errors).toHaveLength(1);
      expect(log.errors[0]).toContain('/d/notes.json');
      expect(log.errors[0]).toContain('/d/notes.json.unreadable-5');
      await doc.update((d) => void d.notes.push('new'));
      expect(files.data.get('/d/notes.json.unreadable-5')).toBe(text);
      expect(JSON.parse(files.data.get('/d/notes.json')!)).toEqual({ version: 2, notes: ['new'] });
    });

    it('does not replace a file set aside earlier with the same timestamp', async () => {
      const { files, doc } = store({ '/d/notes.json': 'second', '/d/notes.json.unreadable-5': 'first' });
      await doc.read();
      expect(files.data.get('/d/notes.json.unreadable-5')).toBe('first');
      expect(files.data.get('/d/notes.json.unreadable-5-1')).toBe('second');
      expect(doc.problem?.keptAt).toBe('/d/notes.json.unreadable-5-1');
    });
  });
});

describe('writeFileAtomic and the node state files', () => {
  let dir: string;
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a crash before the rename leaves the old file whole; until then the new text is only in a 0600 temp file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hd-doc-'));
    const file = join(dir, 'prefs.json');
    writeFileSync(file, 'old');
    const realRename = fsp.rename.bind(fsp);
    let seenAtRename: { target: string; temp: string; mode: number } | undefined;
    vi.spyOn(fsp, 'rename').mockImplementation(async (from) => {
      seenAtRename = { target: readFileSync(file, 'utf8'), temp: readFileSync(from, 'utf8'), mode: statSync(from).mode & 0o777 };
      throw Object.assign(new Error('power lost'), { code: 'EIO' });
    });
    await expect(writeFileAtomic(file, 'new'.repeat(10_000))).rejects.toThrow('power lost');
    expect(seenAtRename).toEqual({ target: 'old', temp: 'new'.repeat(10_000), mode: process.platform === 'win32' ? seenAtRename!.mode : 0o600 });
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['prefs.json']);
    vi.mocked(fsp.rename).mockImplementation(realRename);
    await writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('sets an unreadable file aside on disk and the next write leaves it there', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hd-doc-'));
    const file = join(dir, 'notes.json');
    writeFileSync(file, '{"version":9}');
    const doc = new DocumentStore<Notes>(spec(file), { files: nodeStateFiles, log: recordingLog(), now: () => 77 });
    await doc.read();
    await doc.update((d) => void d.notes.push('a'));
    expect(readFileSync(`${file}.unreadable-77`, 'utf8')).toBe('{"version":9}');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 2, notes: ['a'] });
  });
});
