// @vitest-environment jsdom
import '../renderer/support/dom-shims';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TaskRecord } from '../../../shared/features/tasks/tasks.contract';

/** Failures are never silent: a failed task toasts with its reason and a link to it; the bar counts unseen failures. */
const listeners = new Map<string, (payload: unknown) => void>();
const hosts = [{ id: 'h2', name: 'HV-LAB02', transport: 'lab', hasCredential: false, status: { state: 'ready', since: '2026-01-01T00:00:00Z' } }];
const fakeApi = {
  invoke: async (channel: string) => {
    if (channel === 'tasks.list') return [];
    if (channel === 'hosts.list') return { hosts };
    if (channel === 'ledger.list') return { entries: [] };
    throw new Error(`unexpected ${channel}`);
  },
  on: (name: string, l: (payload: unknown) => void) => {
    listeners.set(name, l);
    return () => listeners.delete(name);
  },
  onStatus: (l: (s: string) => void) => {
    l('open');
    return () => undefined;
  },
};
vi.mock('../../../renderer/src/api/client', () => ({ api: fakeApi }));

beforeAll(async () => {
  const { setupI18n } = await import('../../../renderer/src/i18n/i18n');
  await setupI18n();
});
afterEach(cleanup);

const task = (over: Partial<TaskRecord>): TaskRecord => ({
  id: 't1',
  titleKey: 'inventory:taskTitle.start',
  titleValues: { name: 'LNX1' },
  kind: 'vm.start',
  hostId: 'h2',
  vmId: 'v1',
  vmName: 'LNX1',
  status: 'running',
  cancellable: true,
  startedAt: '2026-01-01T00:00:00Z',
  ledgerIds: [],
  items: [],
  ...over,
});

async function mount() {
  const { TaskPanel } = await import('../../../renderer/src/features/tasks/task-panel');
  const { QueryLayer } = await import('../../../renderer/src/query/api-context');
  const { createQueryClient } = await import('../../../renderer/src/query/query-client');
  render(
    <QueryLayer api={fakeApi as never} client={createQueryClient()}>
      <TaskPanel />
    </QueryLayer>,
  );
  await act(async () => undefined);
}

describe('failed tasks', () => {
  it('toast once with the reason, count on the collapsed bar, and the link opens the task', async () => {
    await mount();
    const emit = (r: TaskRecord) => act(() => listeners.get('tasks.updated')!(r));
    const failed = task({
      status: 'failed',
      endedAt: '2026-01-01T00:00:01Z',
      error: { code: 'PS_ERROR', message: "inventory/vm-action on HV-LAB02: The VM 'LNX1' cannot start.", hostId: 'h2', user: { key: 'common:errors.hostSays', values: { message: "The VM 'LNX1' cannot start." } } },
    });
    await emit(task({}));
    expect(screen.queryByTestId('toast')).toBeNull();
    await emit(failed);
    await emit(failed); // the same final record again: no second toast, no second count
    const toasts = screen.getAllByTestId('toast');
    expect(toasts).toHaveLength(1);
    expect(toasts[0]!.textContent).toContain('Start LNX1');
    expect(toasts[0]!.textContent).toContain("HV-LAB02 says: The VM 'LNX1' cannot start.");
    expect(toasts[0]!.textContent).not.toContain('inventory/vm-action');
    expect(screen.getByTestId('task-unseen-failures').textContent).toBe('1 failed');

    await emit(task({ id: 't2', status: 'failed', error: { code: 'TIMEOUT', message: 'x', hostId: 'h2' } }));
    expect(screen.getByTestId('task-unseen-failures').textContent).toBe('2 failed');

    fireEvent.click(screen.getAllByTestId('toast-action')[0]!);
    expect(screen.queryByTestId('task-unseen-failures')).toBeNull();
    const row = document.querySelector('[data-task-id="t1"]')!;
    expect(row.className).toContain('task--focused');
    expect(row.querySelector('[data-testid="task-error-message"]')!.textContent).toBe("HV-LAB02 says: The VM 'LNX1' cannot start.");
    expect(row.querySelector('[data-testid="ps-view"], .muted')).not.toBeNull(); // its PowerShell is open

    // Seen while the panel is open: a new failure toasts but does not count.
    await emit(task({ id: 't3', status: 'failed', error: { code: 'CANCELLED', message: 'c' } }));
    expect(screen.getAllByTestId('toast').length).toBeGreaterThan(0);
    fireEvent.click(screen.getByTestId('task-panel-toggle'));
    expect(screen.queryByTestId('task-unseen-failures')).toBeNull();
  });
});
