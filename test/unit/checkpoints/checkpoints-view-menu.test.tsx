// @vitest-environment jsdom
import '../renderer/support/dom-shims';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckpointInfo } from '../../../shared/features/checkpoints/checkpoint-schemas';
import { installFakeGateway } from '../renderer/support/fake-gateway';
import { cp, gid } from './checkpoint-fixtures';

// The checkpoints view over the app's real api client: the tree's context menu offers the toolbar's actions,
// opens from the keyboard (Shift+F10, the ContextMenu key), and an empty tree says what to do.
const VM = gid('fs1');
let checkpoints: CheckpointInfo[] = [cp('base', null), cp('mid', 'base', { state: 'Off', snapshotType: 'Recovery' }), cp('top', 'mid')];
let role = { isDomainController: false, source: 'none', userRole: 'auto', seenAt: null as string | null };
const tree = () => ({
  vm: { id: VM, name: 'FS1', state: 'Off', parentCheckpointId: checkpoints.at(-1)?.id ?? null, parentCheckpointName: null, checkpointType: 'Production' },
  checkpoints,
  disks: [],
  guest: { productType: null, osName: null, fqdn: null },
  hostId: 'hv1',
  role,
  fetchedAt: '2026-01-01T00:00:00.000Z',
});
installFakeGateway({
  'hosts.list': () => ({ hosts: [{ id: 'hv1', name: 'HV-LAB01', transport: 'lab', hasCredential: false, status: { state: 'ready', since: 'x' } }] }),
  'checkpoints.vms': () => [{ id: VM, name: 'FS1', state: 'Off', checkpointCount: checkpoints.length }],
  'checkpoints.tree': () => tree(),
  'checkpoints.groups.list': () => [],
});

let store: typeof import('../../../renderer/src/features/checkpoints/checkpoints.store');
beforeAll(async () => {
  const { setupI18n } = await import('../../../renderer/src/i18n/i18n');
  await setupI18n();
  const { api } = await import('../../../renderer/src/api/client');
  const { QueryLayer } = await import('../../../renderer/src/query/api-context');
  const { createQueryClient } = await import('../../../renderer/src/query/query-client');
  const { CheckpointsView } = await import('../../../renderer/src/features/checkpoints/checkpoints-view');
  store = await import('../../../renderer/src/features/checkpoints/checkpoints.store');
  render(
    <QueryLayer api={api} client={createQueryClient()}>
      <CheckpointsView />
    </QueryLayer>,
  );
  await act(() => store.useCheckpointsStore.getState().open({ hostId: 'hv1', vmId: VM, vmName: 'FS1' }));
});
afterAll(cleanup);

const row = (name: string) => screen.getAllByTestId('checkpoint-row').find((r) => r.dataset.name === name)!;
const menuItems = () => [...screen.getByTestId('cp-context-menu').querySelectorAll<HTMLButtonElement>('[role="menuitem"]')];

describe('checkpoints view', () => {
  it('shows the SnapshotType as Hyper-V reports it, and whether the checkpoint holds memory', async () => {
    await waitFor(() => expect(screen.getAllByTestId('checkpoint-row')).toHaveLength(3));
    expect(row('mid').textContent).toContain('Recovery (backup) · disks only');
    expect(row('top').textContent).toContain('Standard · with memory');
  });

  it('opens a context menu on right-click with the toolbar actions, for the node clicked', () => {
    fireEvent.contextMenu(row('mid'), { clientX: 40, clientY: 50 });
    const menu = screen.getByTestId('cp-context-menu');
    expect(menu.getAttribute('role')).toBe('menu');
    expect(menu.getAttribute('aria-label')).toBe('Actions for “mid”');
    expect(menuItems().map((b) => `${b.dataset.item}${b.disabled ? ' (off)' : ''}`)).toEqual(['apply', 'revert', 'rename', 'delete', 'deleteSubtree', 'export']);
    expect(document.activeElement).toBe(menuItems()[0]);
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(menuItems()[1]);
    fireEvent.keyDown(menu, { key: 'End' });
    expect(document.activeElement).toBe(menuItems()[5]);
    fireEvent.keyDown(menu, { key: 'Escape' });
    expect(screen.queryByTestId('cp-context-menu')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('checkpoint-tree'));
  });

  it('opens from the keyboard on the selected node (Shift+F10, ContextMenu key) and acts: Delete subtree', async () => {
    const treeEl = screen.getByTestId('checkpoint-tree');
    act(() => store.useCheckpointsStore.getState().select(gid('base')));
    fireEvent.keyDown(treeEl, { key: 'F10', shiftKey: true });
    expect(screen.getByTestId('cp-context-menu').getAttribute('aria-label')).toBe('Actions for “base”');
    fireEvent.keyDown(screen.getByTestId('cp-context-menu'), { key: 'Escape' });
    fireEvent.keyDown(treeEl, { key: 'ContextMenu' });
    const subtree = menuItems().find((b) => b.dataset.item === 'deleteSubtree')!;
    expect(subtree.disabled).toBe(false);
    fireEvent.click(subtree);
    const dialog = await screen.findByTestId('cp-remove-dialog');
    expect((screen.getByTestId('cp-remove-subtree') as HTMLInputElement).checked).toBe(true);
    expect(dialog.textContent).toContain('(3 checkpoints)');
    fireEvent.click(screen.getByTestId('cp-dialog-cancel'));
  });

  it('says what to do when the tree is empty, and that an Off VM never seen is treated as a possible DC', async () => {
    checkpoints = [];
    role = { isDomainController: true, source: 'unknown', userRole: 'auto', seenAt: null };
    await act(() => store.useCheckpointsStore.getState().refresh());
    expect(screen.getByTestId('cp-empty').textContent).toBe('No checkpoints yet. Create one with New checkpoint.');
    expect(screen.getByTestId('cp-role-text').textContent).toBe('Role unknown: this VM is not running and has never reported its role. It is treated as a possible domain controller.');
    // New checkpoint then defaults to Production and says why.
    fireEvent.click(screen.getByTestId('cp-action-create'));
    const dialog = await screen.findByTestId('cp-create-dialog');
    expect((screen.getByTestId('cp-create-kind-production') as HTMLInputElement).checked).toBe(true);
    expect(dialog.querySelector('[data-testid="cp-create-dc-note"]')?.textContent).toContain('has never reported its role');
    fireEvent.click(screen.getByTestId('cp-dialog-cancel'));
  });
});
