import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { P2vJob } from '../../../shared/features/p2v/p2v.contract';
import { createLogger } from '../../../electron/main/app/logger';
import { nodeJobFiles } from '../../../electron/main/features/p2v/p2v.feature';
import { P2vJobStore } from '../../../electron/main/features/p2v/p2v-job-documents';
import { nodeStateFiles } from '../../../electron/main/platform/documents/atomic-file';

const job = (id: string): P2vJob => ({
  id,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  source: { kind: 'lab', scenario: 'bios-mbr' },
  sourceLabel: 'lab:bios-mbr',
  status: 'draft',
  step: 'preflight',
  completed: [],
  checklist: {},
  ledgerIds: [],
});

describe('P2V job store', () => {
  it('persists every update atomically and reloads it; concurrent updates to one job all land', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'p2v-store-'));
    const store = new P2vJobStore(dir, nodeJobFiles(nodeStateFiles), createLogger('t'));
    await store.put(job('a1'));
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.update('a1', (j) => ({ ...j, ledgerIds: [...j.ledgerIds, `l${i}`] }))));
    expect(readdirSync(dir)).toEqual(['a1.json']); // no temp files left behind
    const again = new P2vJobStore(dir, nodeJobFiles(nodeStateFiles), createLogger('t'));
    await again.load();
    expect(again.get('a1')?.ledgerIds).toHaveLength(20);
    expect(JSON.parse(readFileSync(join(dir, 'a1.json'), 'utf8')).status).toBe('draft');
  });

  it('leaves corrupt or foreign files out (set aside, see below) instead of failing to start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'p2v-store-'));
    writeFileSync(join(dir, 'broken.json'), '{ not json');
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ id: 'other', version: 9 }));
    const store = new P2vJobStore(dir, nodeJobFiles(nodeStateFiles), createLogger('t'));
    await store.put(job('ok'));
    await store.load();
    expect(store.all().map((j) => j.id)).toEqual(['ok']);
  });

  it('rejects an update that breaks the schema and keeps the last good state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'p2v-store-'));
    const store = new P2vJobStore(dir, nodeJobFiles(nodeStateFiles), createLogger('t'));
    await store.put(job('b'));
    await expect(store.update('b', (j) => ({ ...j, status: 'exploded' as never }))).rejects.toThrow();
    expect(store.get('b')?.status).toBe('draft');
  });
});

describe('P2V job store: unreadable job files', () => {
  it('sets a corrupt or newer job file aside (kept, reported) instead of leaving it to be overwritten', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'p2v-store-'));
    writeFileSync(join(dir, 'broken.json'), '{ not json');
    writeFileSync(join(dir, 'newer.json'), JSON.stringify({ ...job('newer'), version: 2 }));
    const store = new P2vJobStore(dir, nodeJobFiles(nodeStateFiles), createLogger('t'));
    await store.load();
    expect(store.all()).toEqual([]);
    expect(store.problems.map((p) => p.file).sort()).toEqual([join(dir, 'broken.json'), join(dir, 'newer.json')]);
    const names = readdirSync(dir).sort();
    expect(names).toHaveLength(2);
    expect(names[0]).toMatch(/^broken\.json\.unreadable-\d+$/);
    expect(readFileSync(join(dir, names[0]!), 'utf8')).toBe('{ not json');
    await store.put(job('newer'));
    expect(JSON.parse(readFileSync(join(dir, names[1]!), 'utf8')).version).toBe(2);
  });

  it('a removal waits for the job\'s queued write, so the file does not come back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'p2v-store-'));
    const store = new P2vJobStore(dir, nodeJobFiles(nodeStateFiles), createLogger('t'));
    await store.put(job('gone'));
    const pending = store.update('gone', (j) => ({ ...j, status: 'running' }));
    expect(await store.remove('gone')).toBe(true);
    await pending;
    expect(readdirSync(dir)).toEqual([]);
  });
});
