import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VmActions } from '../../../../shared/features/inventory/inventory.contract';
import { rowKey } from '../../../../shared/features/inventory/vm-row.schema';
import { useHosts } from '../../query/hosts';
import { useInventoryStore } from '../../stores/inventory.store';
import { CommandPalette, type Command } from '../../ui/command-palette';
import { useNavigation, type ViewId } from '../../ui/navigation';
import { isTyping, ShortcutHelp, type Shortcut } from '../../ui/shortcut-help';
import { useActionFlow } from './vm-action-flow';
import { actionState } from './vm-action-text';

const viewIds: readonly ViewId[] = ['inventory', 'checkpoints', 'console', 'terminal', 'p2v', 'ledger', 'settings'];

/** Ctrl+K (⌘K) opens the palette anywhere, except inside a terminal or a VM's console (their keys go to the guest). */
const isPaletteKey = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k';

/** The palette's commands: the VMs and hosts, actions on the selection (or the open VM), views and commands. */
function useCommands(): Command[] {
  const { t } = useTranslation(['inventory', 'common', 'shell']);
  const rows = useInventoryStore((s) => s.rows);
  const selection = useInventoryStore((s) => s.selection);
  const focused = useInventoryStore((s) => s.focused);
  const { hosts } = useHosts();
  return useMemo(() => {
    const hostName = new Map(hosts.map((h) => [h.id, h.name]));
    // The navigation's own names of the views (spelt out: the locale test checks every key the code asks for).
    const viewNames: Record<ViewId, string> = {
      inventory: t('shell:nav.inventory'),
      checkpoints: t('shell:nav.checkpoints'),
      console: t('shell:nav.consoles'),
      terminal: t('shell:nav.terminal'),
      p2v: t('shell:nav.p2v'),
      ledger: t('shell:nav.ledger'),
      settings: t('shell:nav.settings'),
      'host-overview': t('shell:nav.hostOverview'),
    };
    const inv = useInventoryStore.getState();
    const showInventory = () => useNavigation.getState().setView('inventory');
    const out: Command[] = [];
    const targetKeys = selection.size > 0 ? [...selection] : focused ? [focused] : [];
    const targetRows = rows.filter((r) => targetKeys.includes(rowKey(r)));
    if (targetRows.length > 0) {
      const name = targetRows.length === 1 ? targetRows[0]!.name : t('inventory:selected', { count: targetRows.length });
      for (const action of VmActions) {
        const state = actionState(t, action, targetRows);
        out.push({
          id: `action:${action}`,
          kind: t('inventory:palette.kindAction'),
          label: t('inventory:palette.actionOn', { action: t(`common:actions.${action}`), name }),
          disabled: state.disabled,
          reason: state.title,
          run: () => {
            showInventory();
            useActionFlow.getState().request(action, targetRows.map(rowKey));
          },
        });
      }
    }
    out.push(
      { id: 'cmd:new-vm', kind: t('inventory:palette.kindAction'), label: t('inventory:palette.newVm'), run: () => (showInventory(), inv.setWizardOpen(true)) },
      { id: 'cmd:refresh', kind: t('inventory:palette.kindAction'), label: t('inventory:palette.refresh'), run: () => void inv.refresh() },
      { id: 'cmd:shortcuts', kind: t('inventory:palette.kindAction'), label: t('inventory:palette.shortcuts'), hint: '?', run: () => openShortcutHelp() },
      ...viewIds.map((id) => ({ id: `view:${id}`, kind: t('inventory:palette.kindAction'), label: t('inventory:palette.go', { view: viewNames[id] }), run: () => useNavigation.getState().setView(id) })),
    );
    for (const h of hosts) {
      out.push({ id: `host:${h.id}`, kind: t('inventory:palette.kindHost'), label: h.name, hint: t('inventory:palette.showHost', { name: h.name }), run: () => (showInventory(), inv.setQuery({ hostIds: [h.id] })) });
    }
    for (const r of rows) {
      const key = rowKey(r);
      out.push({
        id: `vm:${key}`,
        kind: t('inventory:palette.kindVm'),
        label: r.name,
        hint: hostName.get(r.hostId) ?? r.hostId,
        run: () => {
          showInventory();
          inv.focus(key);
        },
      });
    }
    return out;
  }, [t, rows, selection, focused, hosts]);
}

let openShortcutHelp: () => void = () => undefined;

function Palette({ onClose }: { onClose(): void }) {
  const { t } = useTranslation('inventory');
  const commands = useCommands();
  return <CommandPalette commands={commands} label={t('palette.label')} placeholder={t('palette.placeholder')} emptyText={t('palette.empty')} onClose={onClose} />;
}

function Shortcuts({ onClose }: { onClose(): void }) {
  const { t } = useTranslation('inventory');
  const list: Shortcut[] = [
    { keys: ['Ctrl+K'], what: t('shortcuts.palette') },
    { keys: ['?'], what: t('shortcuts.help') },
    { keys: ['↑', '↓', 'Home', 'End', 'PgUp', 'PgDn'], what: t('shortcuts.rows') },
    { keys: ['Enter'], what: t('shortcuts.open') },
    { keys: ['Space'], what: t('shortcuts.select') },
    { keys: ['Delete'], what: t('shortcuts.delete') },
    { keys: ['Shift+F10', 'Menu'], what: t('shortcuts.menu') },
    { keys: ['Esc'], what: t('shortcuts.close') },
  ];
  return <ShortcutHelp title={t('shortcuts.title')} shortcuts={list} onClose={onClose} />;
}

/** The app-wide keyboard layer: Ctrl+K opens the command palette, `?` the shortcut list. Mounted once by the shell. */
export function GlobalCommands() {
  const [open, setOpen] = useState<'palette' | 'help' | null>(null);
  useEffect(() => {
    openShortcutHelp = () => setOpen('help');
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      if (isPaletteKey(e) && !(e.target as HTMLElement | null)?.closest?.('.xterm, .console-screen')) {
        e.preventDefault();
        setOpen((o) => (o === 'palette' ? null : 'palette'));
      } else if (e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target) && !document.querySelector('dialog[open]')) {
        e.preventDefault();
        setOpen('help');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      openShortcutHelp = () => undefined;
    };
  }, []);
  if (open === 'palette') return <Palette onClose={() => setOpen(null)} />;
  if (open === 'help') return <Shortcuts onClose={() => setOpen(null)} />;
  return null;
}
