// @vitest-environment jsdom
import './support/dom-shims';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../../shared/features/tasks/tasks.contract';
import { InterruptedNote } from '../../../renderer/src/features/tasks/interrupted-note';
import { QueryLayer } from '../../../renderer/src/query/api-context';
import { createQueryClient } from '../../../renderer/src/query/query-client';
import { fakeApi } from './support/fake-api';

beforeAll(async () => {
  const { setupI18n } = await import('../../../renderer/src/i18n/i18n');
  await setupI18n();
});
afterEach(cleanup);

const VM_ID = '5f0c1d2e-0000-4000-8000-000000000007';
const task = (creates: TaskRecord['creates']): TaskRecord => ({
  id: 't1',
  titleKey: 'inventory:taskTitle.create',
  titleValues: { name: 'APP-07' },
  kind: 'vm.create',
  hostId: 'lab',
  vmName: 'APP-07',
  status: 'interrupted',
  cancellable: false,
  startedAt: '2026-12-03T10:00:00.000Z',
  ledgerIds: [],
  items: [],
  creates,
});

function mount(record: TaskRecord) {
  const fake = fakeApi({
    'hosts.list': () => ({ hosts: [{ id: 'lab', name: 'HV-LAB01' }] }),
    'inventory.action': () => ({ taskId: 't2' }),
  });
  render(
    <QueryLayer api={fake.api} client={createQueryClient()}>
      <InterruptedNote task={record} />
    </QueryLayer>,
  );
  return fake;
}

describe('an interrupted task', () => {
  it('says what it may have left, by name and host name, and removes the VM by Id with the disk it was making', async () => {
    const fake = mount(
      task([
        { kind: 'vm', hostId: 'lab', name: 'APP-07', vmId: VM_ID },
        { kind: 'disk', hostId: 'lab', path: 'C:\\VMs\\APP-07.vhdx' },
      ]),
    );
    const note = await screen.findByTestId('task-interrupted');
    await waitFor(() => expect(note.textContent).toContain('VM "APP-07" on HV-LAB01'));
    expect(note.textContent).toContain('Disk C:\\VMs\\APP-07.vhdx on HV-LAB01');
    fireEvent.click(screen.getByTestId('task-remove-leftover'));
    expect(screen.getByTestId('task-remove-leftover-dialog').textContent).toContain('with the new disk');
    fireEvent.click(screen.getByTestId('task-remove-leftover-confirm'));
    await waitFor(() => expect(fake.callsTo('inventory.action')).toHaveLength(1));
    expect(fake.callsTo('inventory.action')[0]!.input).toEqual({ action: 'delete', targets: [{ hostId: 'lab', vmId: VM_ID, vmName: 'APP-07' }], deleteFiles: true });
  });

  it('offers no removal while the VM Id is unknown, and keeps attached disks when it made none', async () => {
    mount(task([{ kind: 'vm', hostId: 'lab', name: 'APP-07' }]));
    await screen.findByTestId('task-leftovers');
    expect(screen.queryByTestId('task-remove-leftover')).toBeNull();
    cleanup();
    const fake = mount(task([{ kind: 'vm', hostId: 'lab', name: 'APP-07', vmId: VM_ID }]));
    fireEvent.click(await screen.findByTestId('task-remove-leftover'));
    fireEvent.click(screen.getByTestId('task-remove-leftover-confirm'));
    await waitFor(() => expect(fake.callsTo('inventory.action')).toHaveLength(1));
    expect(fake.callsTo('inventory.action')[0]!.input).toMatchObject({ deleteFiles: false });
  });

  it('says so when it had recorded nothing', async () => {
    mount(task(undefined));
    expect((await screen.findByTestId('task-interrupted')).textContent).toContain('had not recorded anything');
  });
});
