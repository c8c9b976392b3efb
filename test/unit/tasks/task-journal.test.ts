import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../../shared/features/tasks/tasks.contract';
import type { StateFiles } from '../../../electron/main/platform/documents/atomic-file';
import { TaskJournal, mergeLeftover } from '../../../electron/main/platform/tasks/task-journal';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const FILE = '/d/tasks-journal.jsonl';

function memFiles(initial: Record<string, string> = {}): StateFiles & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    read: async (f) => data[f] ?? null,
    writeAtomic: async (f, d) => void (data[f] = d),
    append: async (f, d) => void (data[f] = (data[f] ?? '') + d),
    exists: async (f) => f in data,
    rename: async (from, to) => {
      data[to] = data[from]!;
      delete data[from];
    },
  };
}

const rec = (id: string, over: Partial<TaskRecord> = {}): TaskRecord => ({
  id,
  titleKey: 'k',
  titleValues: {},
  kind: 'vm.create',
  status: 'running',
  cancellable: true,
  startedAt: '2026-12-03T10:00:00.000Z',
  ledgerIds: [],
  items: [],
  ...over,
});

describe('TaskJournal', () => {
  it('returns begun-but-unended tasks as interrupted with what they noted, ignoring a torn last line', async () => {
    const files = memFiles();
    const j = new TaskJournal(FILE, files, quiet);
    await j.begin(rec('a', { creates: [{ kind: 'vm', hostId: 'h', name: 'A' }] }));
    await j.begin(rec('b'));
    await j.created('a', { kind: 'vm', hostId: 'h', name: 'A', vmId: 'id-a' });
    await j.end('b');
    files.data[FILE] += '{"t":"begin","record":{"id":"c"'; // the crash tore this write

    const next = new TaskJournal(FILE, files, quiet);
    const out = await next.recover(new Set());
    expect(out.map((r) => [r.id, r.status, r.cancellable])).toEqual([['a', 'interrupted', false]]);
    expect(out[0]!.creates).toEqual([{ kind: 'vm', hostId: 'h', name: 'A', vmId: 'id-a' }]);
    expect(files.data[FILE]).toBe('');
  });

  it('skips a task the history already holds finished (the crash fell between the two writes)', async () => {
    const files = memFiles();
    const j = new TaskJournal(FILE, files, quiet);
    await j.begin(rec('a'));
    expect(await new TaskJournal(FILE, files, quiet).recover(new Set(['a']))).toEqual([]);
  });

  it('compacts to the running tasks only, keeping what they noted', async () => {
    const files = memFiles();
    const j = new TaskJournal(FILE, files, quiet, 4);
    const keep = rec('keep', { creates: [{ kind: 'disk', hostId: 'h', path: 'C:\\a.vhdx' }] });
    await j.begin(keep);
    for (const id of ['x', 'y', 'z']) {
      await j.begin(rec(id));
      await j.end(id);
    }
    expect(files.data[FILE]!.trim().split('\n').length).toBeLessThanOrEqual(4);
    const out = await new TaskJournal(FILE, files, quiet).recover(new Set());
    expect(out.map((r) => r.id)).toEqual(['keep']);
    expect(out[0]!.creates).toEqual([{ kind: 'disk', hostId: 'h', path: 'C:\\a.vhdx' }]);
  });

  it('writes no end line for a task that never began (cancelled while queued)', async () => {
    const files = memFiles();
    await new TaskJournal(FILE, files, quiet).end('never');
    expect(files.data[FILE]).toBeUndefined();
  });
});

describe('mergeLeftover', () => {
  it('completes the same VM (by host and name) and adds anything else', () => {
    const start = [{ kind: 'vm' as const, hostId: 'h', name: 'A' }];
    expect(mergeLeftover(start, { kind: 'vm', hostId: 'h', name: 'A', vmId: '1' })).toEqual([{ kind: 'vm', hostId: 'h', name: 'A', vmId: '1' }]);
    expect(mergeLeftover(start, { kind: 'vm', hostId: 'other', name: 'A' })).toHaveLength(2);
    expect(mergeLeftover(start, { kind: 'disk', hostId: 'h', path: 'p' })).toHaveLength(2);
  });
});
