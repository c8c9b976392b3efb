import { useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostView } from '../../../../shared/features/hosts/hosts.contract';
import { useInventoryStore } from '../../stores/inventory.store';
import { ContextMenu, isContextMenuKey, type MenuItem, type MenuPoint } from '../../ui/context-menu';

/** What the hosts pane adds to a host's menu (its own actions: reconnect, edit, remove). */
export type HostMenuExtra = (host: HostView) => MenuItem[];

/**
 * The right-click (Shift+F10) menu of a host in the hosts pane: show its VMs, create a VM, refresh, then the
 * pane's own host actions. The pane spreads `props(host)` on a host's entry and renders `menu`.
 */
export function useHostMenu(extra: HostMenuExtra): {
  props(host: HostView): { onContextMenu(e: MouseEvent<HTMLElement>): void; onKeyDown(e: KeyboardEvent<HTMLElement>): void };
  menu: ReactNode;
} {
  const { t } = useTranslation('inventory');
  const [open, setOpen] = useState<{ at: MenuPoint; host: HostView } | null>(null);
  const show = (el: HTMLElement, host: HostView, x?: number, y?: number) => {
    const box = el.getBoundingClientRect();
    setOpen({ at: x || y ? { x: x!, y: y! } : { x: box.left + 24, y: box.bottom }, host });
  };
  const props = (host: HostView) => ({
    onContextMenu(e: MouseEvent<HTMLElement>) {
      e.preventDefault();
      show(e.currentTarget, host, e.clientX, e.clientY);
    },
    onKeyDown(e: KeyboardEvent<HTMLElement>) {
      if (!isContextMenuKey(e)) return;
      e.preventDefault();
      show(e.currentTarget, host);
    },
  });
  let menu: ReactNode = null;
  if (open) {
    const inv = useInventoryStore.getState();
    const items: MenuItem[] = [
      { id: 'host-vms', label: t('menu.showHostVms'), testId: 'menu-host-vms', onSelect: () => inv.setQuery({ hostIds: [open.host.id] }) },
      { id: 'host-new-vm', label: t('menu.newVmOnHost'), testId: 'menu-host-new-vm', onSelect: () => inv.setWizardOpen(true) },
      { id: 'host-refresh', label: t('refresh'), testId: 'menu-host-refresh', onSelect: () => void inv.refresh() },
      ...extra(open.host).map((item, i) => (i === 0 ? { ...item, separated: true } : item)),
    ];
    menu = <ContextMenu at={open.at} items={items} label={t('menu.hostLabel', { name: open.host.name })} onClose={() => setOpen(null)} testId="host-context-menu" />;
  }
  return { props, menu };
}
