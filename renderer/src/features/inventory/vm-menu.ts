import type { TFunction } from 'i18next';
import { VmActions } from '../../../../shared/features/inventory/inventory.contract';
import { rowKey, type VmRow } from '../../../../shared/features/inventory/vm-row.schema';
import type { MenuItem } from '../../ui/context-menu';
import { useActionFlow } from './vm-action-flow';
import { actionState } from './vm-action-text';

type T = TFunction<['inventory', 'common']>;

export interface VmMenuHandlers {
  open(key: string): void;
  console(row: VmRow): void;
}

/**
 * The actions menu of one VM or a selection (right-click, Shift+F10, the row's ⋯ button): the same actions as
 * the toolbar, enabled by the same rule, through the same request (confirmations, skips, the DC rule).
 */
export function vmMenuItems(t: T, rows: readonly VmRow[], handlers: VmMenuHandlers): MenuItem[] {
  const keys = rows.map(rowKey);
  const single = rows.length === 1 ? rows[0] : undefined;
  const items: MenuItem[] = [];
  if (single) {
    items.push({ id: 'open', label: t('inventory:menu.open'), testId: 'menu-open', onSelect: () => handlers.open(rowKey(single)) });
    items.push({ id: 'console', label: t('inventory:menu.console'), testId: 'menu-console', onSelect: () => handlers.console(single) });
  }
  VmActions.forEach((action, i) => {
    const state = actionState(t, action, rows);
    items.push({
      id: action,
      label: t(`common:actions.${action}`),
      disabled: state.disabled,
      reason: state.title,
      danger: action === 'delete' || action === 'turnoff',
      separated: (i === 0 && !!single) || action === 'delete',
      testId: `menu-${action}`,
      onSelect: () => useActionFlow.getState().request(action, keys),
    });
  });
  return items;
}
