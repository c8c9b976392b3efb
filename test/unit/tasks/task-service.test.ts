import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../../shared/features/tasks/tasks.contract';
import { AppError } from '../../../shared/ipc/errors';
import type { Logger } from '../../../electron/main/app/logger';
import type { StateFiles } from '../../../electron/main/platform/documents/atomic-file';
import { TaskHistory } from '../../../electron/main/platform/tasks/task-history';
import { TaskServiceImpl } from '../../../electron/main/platform/tasks/tasks.service';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function memFiles(initial: Record<string, string> = {}): StateFiles & { data: Record<string, string>; atomicWrites: number } {
  const data = { ...initial };
  const files = {
    data,
    atomicWrites: 0,
    read: async (f: string) => data[f] ?? null,
    writeAtomic: async (f: string, d: string) => {
      files.atomicWrites++;
      data[f] = d;
    },
    append: async (f: string, d: string) => {
      data[f] = (data[f] ?? '') + d;
    },
    exists: async (f: string) => f in data,
    rename: async (from: string, to: string) => {
      data[to] = data[from]!;
      delete data[from];
    },
  };
  return files;
}

function setup(opts: { concurrency?: number; files?: ReturnType<typeof memFiles>; max?: number } = {}) {
  const files = opts.files ?? memFiles();
  const history = new TaskHistory('/d/tasks.jsonl', files, quiet, opts.max ?? 1000);
  const events: TaskRecord[] = [];
  const svc = new TaskServiceImpl({ history, emit: (r) => events.push(r), log: quiet, concurrency: opts.concurrency, progressIntervalMs: 0 });
  return { svc, history, files, events };
}

const spec = (over: Partial<Parameters<TaskServiceImpl['start']>[0]> = {}) => ({
  kind: 'vm.start',
  titleKey: 'tasks.title.start',
  titleValues: { name: 'DC1' },
  hostId: 'lab',
  vmId: 'v1',
  cancellable: true,
  ...over,
});

describe('TaskServiceImpl', () => {
  it('runs a task through queued → running → succeeded and records ledger ids and duration', async () => {
    const { svc, events } = setup();
    const handle = svc.start(spec(), async (ctx) => {
      ctx.addLedgerId('L1');
      ctx.progress(50, 'half');
    });
    const rec = await handle.done;
    expect(rec.status).toBe('succeeded');
    expect(rec.ledgerIds).toEqual(['L1']);
    expect(rec.percent).toBe(100);
    expect(typeof rec.durationMs).toBe('number');
    expect(events.map((e) => e.status)).toEqual(expect.arrayContaining(['queued', 'running', 'succeeded']));
    expect(events.some((e) => e.statusText === 'half' && e.percent === 50)).toBe(true);
  });

  it('keeps the host error of a failed task', async () => {
    const { svc } = setup();
    const rec = await svc.start(spec(), async () => {
      throw new AppError('PS_ERROR', 'The VM is already running', { hostId: 'lab' });
    }).done;
    expect(rec.status).toBe('failed');
    expect(rec.error).toMatchObject({ code: 'PS_ERROR', message: 'The VM is already running' });
  });

  it('marks bulk tasks partial when some items fail, failed when all do', async () => {
    const { svc } = setup();
    const partial = await svc.start(spec({ kind: 'vm.bulk' }), async (ctx) => {
      ctx.item('lab/a', 'succeeded');
      ctx.item('lab/b', 'failed', { code: 'PS_ERROR', message: 'no' });
    }).done;
    expect(partial.status).toBe('partial');
    expect(partial.items).toHaveLength(2);
    const failed = await svc.start(spec(), async (ctx) => ctx.item('lab/a', 'failed')).done;
    expect(failed.status).toBe('failed');
  });

  it('cancels a running task through its signal, and a queued one before it starts', async () => {
    const { svc } = setup({ concurrency: 1 });
    let ran2 = false;
    const h1 = svc.start(spec(), (ctx) => new Promise<void>((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted')))));
    const h2 = svc.start(spec(), async () => {
      ran2 = true;
    });
    expect(svc.list().find((r) => r.id === h2.id)?.status).toBe('queued');
    expect(svc.cancel(h2.id)).toBe(true);
    expect(svc.cancel(h1.id)).toBe(true);
    expect((await h1.done).status).toBe('cancelled');
    expect((await h2.done).status).toBe('cancelled');
    expect(ran2).toBe(false);
  });

  it('refuses to cancel a task that is not cancellable', async () => {
    const { svc } = setup();
    let release!: () => void;
    const h = svc.start(spec({ cancellable: false }), () => new Promise<void>((r) => (release = r)));
    expect(svc.cancel(h.id)).toBe(false);
    release();
    expect((await h.done).status).toBe('succeeded');
  });

  it('runs at most `concurrency` tasks at once', async () => {
    const { svc } = setup({ concurrency: 2 });
    let active = 0;
    let peak = 0;
    const work = async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 10));
      active--;
    };
    await Promise.all([1, 2, 3, 4, 5].map(() => svc.start(spec(), work).done));
    expect(peak).toBe(2);
  });

  it('persists finished tasks and reloads them; filters per VM and host, newest first', async () => {
    const files = memFiles();
    const a = setup({ files });
    await a.svc.start(spec({ vmId: 'v1' }), async () => undefined).done;
    await new Promise((r) => setTimeout(r, 2));
    await a.svc.start(spec({ vmId: 'v2', hostId: 'h2' }), async () => undefined).done;
    await a.history.flush();
    const b = setup({ files });
    await b.history.load();
    expect(b.svc.list()).toHaveLength(2);
    expect(b.svc.list()[0]?.vmId).toBe('v2');
    expect(b.svc.list({ vmId: 'v1' }).map((r) => r.vmId)).toEqual(['v1']);
    expect(b.svc.list({ hostId: 'h2' }).map((r) => r.hostId)).toEqual(['h2']);
  });

  it('finds bulk tasks by a VM among their items', async () => {
    const { svc } = setup();
    await svc.start(spec({ vmId: undefined, hostId: undefined }), async (ctx) => ctx.item('h1/vm-9', 'succeeded')).done;
    expect(svc.list({ vmId: 'vm-9' })).toHaveLength(1);
    expect(svc.list({ hostId: 'h1' })).toHaveLength(1);
    expect(svc.list({ vmId: 'other' })).toHaveLength(0);
  });

  it('skips a torn last line and compacts the file atomically past twice the bound', async () => {
    const good = JSON.stringify({ id: 'x', titleKey: 'k', kind: 'k', status: 'succeeded', cancellable: false, startedAt: '2024-01-01T00:00:00.000Z' });
    const files = memFiles({ '/d/tasks.jsonl': `${good}\n{"id":"torn` });
    const { svc, history } = setup({ files, max: 3 });
    await history.load();
    expect(svc.list().map((r) => r.id)).toEqual(['x']);
    for (let i = 0; i < 6; i++) await svc.start(spec(), async () => undefined).done;
    await history.flush();
    expect(files.atomicWrites).toBeGreaterThan(0);
    const lines = (files.data['/d/tasks.jsonl'] ?? '').trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(6);
    expect(history.all()).toHaveLength(3);
  });
});
