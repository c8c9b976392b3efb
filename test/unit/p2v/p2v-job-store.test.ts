import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { P2vJob } from '../../../shared/features/p2v/p2v.contract';
import { createLogger } from '../../../electron/main/app/logger';
import { nodeJobFiles } from '../../../electron/main/features/p2v/p2v.compose';
import { P2vJobStore } from '../../../electron/main/features/p2v/p2v-job-store';
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

  it('skips corrupt or foreign files with a warning instead of failing to start', async () => {
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
