import { useTranslation } from 'react-i18next';
import { VmActions, type VmAction } from '../../../../shared/features/inventory/inventory.contract';
import type { VmRow } from '../../../../shared/features/inventory/vm-row.schema';
import { useActionFlow } from './vm-action-flow';
import { actionState } from './vm-action-text';

/**
 * One button per VM action for the given rows: the state rule decides what is enabled (the reason in the
 * tooltip) and the one request path asks, skips and confirms. The bulk bar and the details panel both use it.
 */
export function VmActionButtons({ rows, keys, testIdPrefix, onAction }: { rows: readonly VmRow[]; keys: string[]; testIdPrefix: string; onAction?: (action: VmAction) => boolean }) {
  const { t } = useTranslation(['inventory', 'common']);
  return VmActions.map((a) => {
    const state = actionState(t, a, rows);
    return (
      <button
        key={a}
        type="button"
        className={a === 'delete' ? 'danger' : undefined}
        disabled={state.disabled}
        title={state.title}
        // onAction may take an action over (the details panel's delete opens its file plan); else the flow asks.
        onClick={() => {
          if (!onAction?.(a)) useActionFlow.getState().request(a, keys);
        }}
        data-testid={`${testIdPrefix}-${a}`}
      >
        {t(`common:actions.${a}`)}
      </button>
    );
  });
}
