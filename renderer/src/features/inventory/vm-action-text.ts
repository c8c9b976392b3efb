import type { TFunction } from 'i18next';
import type { VmAction } from '../../../../shared/features/inventory/inventory.contract';
import type { VmRow } from '../../../../shared/features/inventory/vm-row.schema';
import { planBulk } from './vm-action-policy';
import type { Skipped } from './vm-action-flow';

type T = TFunction<['inventory', 'common']>;

export interface ActionState {
  disabled: boolean;
  /** The tooltip: why it is disabled, or which VMs it will skip. */
  title: string | undefined;
}

/** "2 skipped: already off · 1 skipped: paused" */
export function skippedText(t: T, skipped: Skipped): string {
  return skipped.map(([reason, names]) => t(`inventory:skipped.${reason}`, { count: names.length })).join(' · ');
}

/**
 * Whether an action button or menu item is enabled for these VMs, with its tooltip: one VM says why by name
 * ("DC1 is already running"); several say which would be skipped, or why none can.
 */
export function actionState(t: T, action: VmAction, rows: readonly VmRow[]): ActionState {
  if (rows.length === 0) return { disabled: true, title: undefined };
  const plan = planBulk(action, rows);
  if (rows.length === 1) {
    const [reason] = [...plan.skipped.keys()];
    return reason ? { disabled: true, title: t(`inventory:why.${reason}`, { name: rows[0]!.name }) } : { disabled: false, title: undefined };
  }
  const skipped: Skipped = [...plan.skipped.entries()].map(([r, list]) => [r, list.map((v) => v.name)]);
  return { disabled: plan.apply.length === 0, title: skipped.length > 0 ? skippedText(t, skipped) : undefined };
}
