// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TaskRecord } from '../../../shared/features/tasks/tasks.contract';

const record = (id: string, status: TaskRecord['status']): TaskRecord => ({
  id,
  titleKey: 'p2v:taskTitle.createVm',
  titleValues: { name: 'PC-07' },
  kind: 'p2v.create-vm',
  hostId: 'lab',
  status,
  cancellable: false,
  startedAt: `2026-12-03T10:00:0${id.length}.000Z`,
  ledgerIds: [],
  items: [],
});

let listed: TaskRecord[] = [];
vi.mock('../../../renderer/src/api/client', () => ({
  api: { invoke: () => Promise.resolve(listed), on: () => () => undefined, onStatus: () => () => undefined },
}));

/** A fresh renderer (a reload): new store module, same browser storage. */
async function startClient() {
  vi.resetModules();
  const { useTasksStore } = await import('../../../renderer/src/stores/tasks.store');
  const failed = vi.fn();
  useTasksStore.getState().start({ notify: vi.fn(), failed });
  await vi.waitFor(() => expect(useTasksStore.getState().tasks.length).toBe(listed.length));
  return { failed, store: useTasksStore };
}

beforeEach(() => window.localStorage.clear());

describe('a task a crash cut short, found in tasks.list at start', () => {
  it('toasts and counts as unseen like a failure, once per client (not again after a reload)', async () => {
    listed = [record('t-int', 'interrupted'), record('t-ok', 'succeeded'), record('t-failed-before', 'failed')];
    const first = await startClient();
    expect(first.failed).toHaveBeenCalledTimes(1);
    expect(first.failed.mock.calls[0]![0]).toMatchObject({ id: 't-int', status: 'interrupted' });
    expect(first.store.getState().unseenFailures).toBe(1);

    const reloaded = await startClient();
    expect(reloaded.failed).not.toHaveBeenCalled();
    expect(reloaded.store.getState().unseenFailures).toBe(0);
  });

  it('a second interrupted task found later is announced on its own', async () => {
    listed = [record('t-int', 'interrupted')];
    await startClient();
    listed = [record('t-int', 'interrupted'), record('t-int2', 'interrupted')];
    const next = await startClient();
    expect(next.failed.mock.calls.map((c) => (c[0] as TaskRecord).id)).toEqual(['t-int2']);
    expect(next.store.getState().unseenFailures).toBe(1);
  });
});
