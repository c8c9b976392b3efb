import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkpointAboveNow, NOW_ID, subtreeCheckpointIds } from '../../../../shared/features/checkpoints/checkpoint-tree';
import type { GuestRole, RoleDecision } from '../../../../shared/features/checkpoints/checkpoint-schemas';
import { ContextMenu, type MenuItem, type MenuPoint } from '../../ui/context-menu';
import { api } from '../../api/client';
import { ApplyCheckpointDialog } from './apply-checkpoint-dialog';
import { ChainHealthPanel } from './chain-health-panel';
import { CheckpointDetails } from './checkpoint-details';
import { ExportCheckpointDialog, RemoveCheckpointDialog, RenameCheckpointDialog } from './checkpoint-edit-dialogs';
import { CheckpointGroupsPanel } from './checkpoint-groups-panel';
import { CheckpointTreeView } from './checkpoint-tree-view';
import { useHosts } from '../../query/hosts';
import { useCheckpointsStore } from './checkpoints.store';
import { CreateCheckpointDialog } from './create-checkpoint-dialog';
import './checkpoints.css';
import { HostSelect } from '../../ui/host-select';
import { translateRuntimeKey } from '../../i18n/keys';
import { userMessage } from '../../ui/user-message';

type Dialog = 'create' | 'apply' | 'revert' | 'rename' | 'remove' | 'removeSubtree' | 'export' | null;

export function CheckpointsView() {
  const { t, i18n } = useTranslation('checkpoints');
  const s = useCheckpointsStore();
  const { hosts } = useHosts();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [menu, setMenu] = useState<{ id: string; at: MenuPoint } | null>(null);
  useEffect(() => useCheckpointsStore.getState().start(), []);

  const node = s.selectedId && s.tree ? s.tree.byId.get(s.selectedId) : undefined;
  const cp = node?.kind === 'checkpoint' ? node.checkpoint : null;
  const above = s.tree ? checkpointAboveNow(s.tree) : null;
  const isDc = s.data?.role.isDomainController ?? false;

  const roleText = (role: RoleDecision): string => {
    const when = role.seenAt ? new Date(role.seenAt).toLocaleString(i18n.language) : '';
    if (role.isDomainController) return t(`role.dc.${role.source}`, { when });
    return role.source === 'remembered' ? t('role.notDcRemembered', { when }) : t('role.notDc');
  };

  /** The same actions as the toolbar, for the node the menu was opened on (Now: create and revert only). */
  const menuItems = (id: string): MenuItem[] => {
    const isCp = id !== NOW_ID;
    const hasChildren = isCp && s.tree ? subtreeCheckpointIds(s.tree, id).length > 1 : false;
    const open = (d: Dialog) => () => setDialog(d);
    return [
      ...(isCp ? [{ id: 'apply', label: t('actions.apply'), onSelect: open('apply') }] : [{ id: 'create', label: t('actions.create'), onSelect: open('create') }]),
      { id: 'revert', label: t('actions.revert'), disabled: !above, onSelect: open('revert') },
      ...(isCp
        ? [
            { id: 'rename', label: t('actions.rename'), onSelect: open('rename') },
            { id: 'delete', label: t('actions.delete'), danger: true, onSelect: open('remove') },
            { id: 'deleteSubtree', label: t('actions.deleteSubtree'), danger: true, disabled: !hasChildren, onSelect: open('removeSubtree') },
            { id: 'export', label: t('actions.export'), onSelect: open('export') },
          ]
        : []),
    ];
  };
  const menuNode = menu && s.tree ? s.tree.byId.get(menu.id) : undefined;
  const closeMenu = () => {
    setMenu(null);
    // Back to the tree, so the keyboard user continues where the menu was opened.
    document.querySelector<HTMLElement>('[data-testid="checkpoint-tree"]')?.focus();
  };

  const setRole = async (role: GuestRole) => {
    if (!s.vm) return;
    await api.invoke('checkpoints.setRole', { hostId: s.vm.hostId, vmId: s.vm.vmId, role });
  };

  return (
    <section className="view checkpoints-view" aria-labelledby="view-title-checkpoints" data-testid="checkpoints-view">
      <h1 id="view-title-checkpoints">{t('title')}</h1>
      <div className="cp-pickers">
        <HostSelect label={t('host')} hosts={hosts} value={s.hostId ?? ''} onChange={(id) => void s.pickHost(id)} testId="cp-host-select" />
        <label>
          {t('vm')}
          <select
            value={s.vm?.vmId ?? ''}
            onChange={(e) => {
              const v = s.vms.find((x) => x.id === e.target.value);
              if (v && s.hostId) void s.open({ hostId: s.hostId, vmId: v.id, vmName: v.name });
            }}
            data-testid="cp-vm-select"
          >
            <option value="">{t('pickVm')}</option>
            {s.vms.map((v) => (
              <option key={v.id} value={v.id}>
                {t('vmOption', { name: v.name, count: v.checkpointCount })}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void s.refresh()} disabled={!s.vm || s.loading} data-testid="cp-refresh">
          {t('refresh')}
        </button>
      </div>

      {s.error && (
        <p className="banner banner--error" role="alert" data-testid="cp-error">
          {s.error}
        </p>
      )}
      {s.lastTask && (
        <p className={`cp-task cp-task--${s.lastTask.status}`} role="status" data-testid="cp-task" data-status={s.lastTask.status}>
          {translateRuntimeKey(t, s.lastTask.titleKey, s.lastTask.titleValues)} — {t(`taskStatus.${s.lastTask.status}`)}
          {s.lastTask.statusText ? ` · ${s.lastTask.statusText}` : ''}
          {s.lastTask.error ? ` · ${userMessage(s.lastTask.error)}` : ''}
        </p>
      )}

      {s.data && s.tree && s.vm && (
        <>
          <div className={`cp-role${isDc ? ' cp-role--dc' : ''}`} data-testid="cp-role" data-dc={isDc}>
            <span data-testid="cp-role-text" data-source={s.data.role.source}>{roleText(s.data.role)}</span>
            <label>
              {t('role.set')}
              <select value={s.data.role.userRole} onChange={(e) => void setRole(e.target.value as GuestRole)} data-testid="cp-role-select">
                {(['auto', 'domain-controller', 'member'] as const).map((r) => (
                  <option key={r} value={r}>
                    {t(`role.option.${r}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="cp-toolbar" role="toolbar" aria-label={t('actionsLabel')}>
            <button type="button" className="button--primary" onClick={() => setDialog('create')} data-testid="cp-action-create">
              {t('actions.create')}
            </button>
            <button type="button" disabled={!cp} onClick={() => setDialog('apply')} data-testid="cp-action-apply">
              {t('actions.apply')}
            </button>
            <button type="button" disabled={!above} onClick={() => setDialog('revert')} data-testid="cp-action-revert">
              {t('actions.revert')}
            </button>
            <button type="button" disabled={!cp} onClick={() => setDialog('rename')} data-testid="cp-action-rename">
              {t('actions.rename')}
            </button>
            <button type="button" disabled={!cp} onClick={() => setDialog('remove')} data-testid="cp-action-delete">
              {t('actions.delete')}
            </button>
            <button type="button" disabled={!cp} onClick={() => setDialog('export')} data-testid="cp-action-export">
              {t('actions.export')}
            </button>
          </div>
          <div className="cp-layout">
            <div className="cp-layout__tree">
              {s.data.checkpoints.length === 0 && (
                <p className="muted" data-testid="cp-empty">
                  {t('empty')}
                </p>
              )}
              <CheckpointTreeView
                tree={s.tree}
                collapsed={s.collapsed}
                selectedId={s.selectedId}
                onSelect={s.select}
                onToggle={s.toggle}
                onActivate={(id) => id !== NOW_ID && setDialog('apply')}
                onContextMenu={(id, at) => setMenu({ id, at })}
              />
              {menu && menuNode && (
                <ContextMenu
                  at={menu.at}
                  items={menuItems(menu.id)}
                  label={t('actions.menu', { name: menuNode.kind === 'now' ? t('now') : menuNode.checkpoint.name })}
                  onClose={closeMenu}
                  testId="cp-context-menu"
                />
              )}
            </div>
            <aside className="cp-layout__side">
              <CheckpointDetails data={s.data} tree={s.tree} selectedId={s.selectedId} />
              <ChainHealthPanel />
            </aside>
          </div>
        </>
      )}
      <CheckpointGroupsPanel />

      {s.vm && dialog === 'create' && <CreateCheckpointDialog vm={s.vm} isDc={isDc} roleUnknown={s.data?.role.source === 'unknown'} onClose={() => setDialog(null)} />}
      {s.vm && cp && dialog === 'apply' && <ApplyCheckpointDialog vm={s.vm} checkpointId={cp.id} revert={false} onClose={() => setDialog(null)} />}
      {s.vm && above && dialog === 'revert' && <ApplyCheckpointDialog vm={s.vm} checkpointId={above.id} revert onClose={() => setDialog(null)} />}
      {s.vm && cp && dialog === 'rename' && <RenameCheckpointDialog vm={s.vm} checkpoint={cp} onClose={() => setDialog(null)} />}
      {s.vm && cp && s.tree && dialog === 'remove' && (
        <RemoveCheckpointDialog vm={s.vm} checkpoint={cp} subtreeCount={subtreeCheckpointIds(s.tree, cp.id).length} onClose={() => setDialog(null)} />
      )}
      {s.vm && cp && s.tree && dialog === 'removeSubtree' && (
        <RemoveCheckpointDialog vm={s.vm} checkpoint={cp} subtreeCount={subtreeCheckpointIds(s.tree, cp.id).length} subtree onClose={() => setDialog(null)} />
      )}
      {s.vm && cp && dialog === 'export' && <ExportCheckpointDialog vm={s.vm} checkpoint={cp} onClose={() => setDialog(null)} />}
    </section>
  );
}
