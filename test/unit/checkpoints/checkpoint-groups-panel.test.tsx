// @vitest-environment jsdom
import '../renderer/support/dom-shims';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckpointGroup } from '../../../shared/features/checkpoints/checkpoints.contract';
import { installFakeGateway } from '../renderer/support/fake-gateway';

// The groups panel over the app's real api client and query layer: the group list is a query that main's
// checkpoints.groupsChanged event makes stale; a partly taken group offers Retry failed and Roll back.
const partial: CheckpointGroup = {
  id: 'g1',
  label: 'before ERP update',
  kind: 'production',
  createdAt: '2026-01-01T00:00:00.000Z',
  members: [
    { hostId: 'hv1', vmId: 'a', vmName: 'SQL1', checkpointId: 'c1', checkpointName: 'before ERP update' },
    { hostId: 'hv2', vmId: 'b', vmName: 'APP1', checkpointId: null, checkpointName: null, error: 'Checkpoints are disabled for VM APP1' },
  ],
};
let groups: CheckpointGroup[] = [partial];
const gateway = installFakeGateway({
  'hosts.list': () => ({ hosts: [{ id: 'hv1', name: 'HV-LAB01', transport: 'lab', hasCredential: false, status: { state: 'ready', since: 'x' } }] }),
  'checkpoints.groups.list': () => groups,
  'checkpoints.groups.retry': () => ({ taskId: 't1' }),
  'checkpoints.groups.rollback': () => ({ taskId: 't2' }),
});

beforeAll(async () => {
  const { setupI18n } = await import('../../../renderer/src/i18n/i18n');
  await setupI18n();
  const { api } = await import('../../../renderer/src/api/client');
  const { QueryLayer } = await import('../../../renderer/src/query/api-context');
  const { createQueryClient } = await import('../../../renderer/src/query/query-client');
  const { CheckpointGroupsPanel } = await import('../../../renderer/src/features/checkpoints/checkpoint-groups-panel');
  render(
    <QueryLayer api={api} client={createQueryClient()}>
      <CheckpointGroupsPanel />
    </QueryLayer>,
  );
});
afterAll(cleanup);

const results = () => screen.queryAllByTestId('cp-group-member-result').map((e) => `${e.dataset.status}: ${e.textContent}`);

describe('checkpoint groups panel', () => {
  it('lists done and failed members by name and host, with one plural-correct note', async () => {
    await waitFor(() => expect(results()).toHaveLength(2));
    expect(results()).toEqual(['done: SQL1 (HV-LAB01): before ERP update', 'failed: APP1 (hv2): Checkpoints are disabled for VM APP1']);
    expect(screen.getByTestId('cp-group-partial').textContent).toBe('1 VM has no checkpoint: retry it, or roll back the checkpoints that were taken.');
  });

  it('retries the failed members, and re-reads the list when main signals checkpoints.groupsChanged', async () => {
    fireEvent.click(await screen.findByTestId('cp-group-retry'));
    await waitFor(() => expect(gateway.callsTo('checkpoints.groups.retry').map((c) => c.input)).toEqual([{ groupId: 'g1' }]));
    groups = [{ ...partial, members: partial.members.map((m) => ({ ...m, checkpointId: m.checkpointId ?? 'c2', checkpointName: partial.label, error: undefined })) }];
    act(() => gateway.current().event('checkpoints.groupsChanged', {}));
    await waitFor(() => expect(results()).toEqual(['done: SQL1 (HV-LAB01): before ERP update', 'done: APP1 (hv2): before ERP update']));
    expect(screen.queryByTestId('cp-group-retry')).toBeNull();
    expect(screen.queryByTestId('cp-group-rollback')).toBeNull();
  });

  it('rolls back after a confirmation that counts the checkpoints it deletes', async () => {
    groups = [partial];
    act(() => gateway.current().event('checkpoints.groupsChanged', {}));
    fireEvent.click(await screen.findByTestId('cp-group-rollback'));
    const dialog = await screen.findByTestId('cp-group-rollback-dialog');
    expect(dialog.textContent).toContain('The 1 checkpoint this group took is deleted');
    fireEvent.click(screen.getByTestId('cp-dialog-submit'));
    await waitFor(() => expect(gateway.callsTo('checkpoints.groups.rollback').map((c) => c.input)).toEqual([{ groupId: 'g1' }]));
  });
});
