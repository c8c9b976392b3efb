import { create } from 'zustand';
import type { VmAction } from '../../../../shared/features/inventory/inventory.contract';
import { rowKey, type VmRow } from '../../../../shared/features/inventory/vm-row.schema';
import { ApiError } from '../../api/api-error';
import { userMessage } from '../../ui/user-message';
import { useInventoryStore } from '../../stores/inventory.store';
import { useTasksStore } from '../tasks';
import { confirmedActions, isActive, planBulk, type BlockReason } from './vm-action-policy';

/** VMs a bulk action left out, by reason, with their names (shown as "2 skipped: already off"). */
export type Skipped = [BlockReason, string[]][];

export type PendingAction =
  | { kind: 'confirm'; action: VmAction; keys: string[]; skipped: Skipped }
  | { kind: 'delete'; keys: string[] }
  | { kind: 'dcCheckpoint'; keys: string[]; names: string[] };

export type ActionNotice =
  | { kind: 'skipped'; action: VmAction; done: number; skipped: Skipped }
  | { kind: 'error'; message: string };

interface ActionFlowState {
  pending: PendingAction | null;
  notice: ActionNotice | null;
  /** The user's "ask before destructive actions" preference (the Settings page's, when it has one). */
  confirmations: boolean;
  /**
   * The one way the UI asks for a VM action (toolbar, row, context menu, palette, keyboard): skips the VMs the
   * action cannot apply to, asks first when it is destructive, and catches the domain-controller refusal.
   */
  request(action: VmAction, keys: readonly string[]): void;
  /** Runs an action on VMs already judged (after a confirmation). */
  run(action: VmAction, keys: readonly string[], skipped: Skipped, checkpoint?: { reason?: string; production?: boolean }): Promise<void>;
  /** Turns off the running VMs among `keys`, waits for it, then deletes all of them. */
  turnOffAndDelete(keys: readonly string[], deleteFiles: boolean): Promise<void>;
  cancel(): void;
  dismiss(): void;
  setConfirmations(on: boolean): void;
}

const rowsOf = (keys: readonly string[]): VmRow[] => {
  const byKey = new Map(useInventoryStore.getState().rows.map((r) => [rowKey(r), r]));
  return keys.flatMap((k) => byKey.get(k) ?? []);
};

const skippedOf = (skipped: Map<BlockReason, VmRow[]>): Skipped => [...skipped.entries()].map(([reason, rows]) => [reason, rows.map((r) => r.name)]);

const isDcRefusal = (err: unknown): boolean =>
  err instanceof ApiError && err.code === 'CONFLICT' && (err.detail as { rule?: string } | undefined)?.rule === 'dc-standard-checkpoint';

export const useActionFlow = create<ActionFlowState>((set, get) => ({
  pending: null,
  notice: null,
  confirmations: true,

  request(action, keys) {
    if (keys.length === 0) return;
    if (action === 'delete') return set({ pending: { kind: 'delete', keys: [...keys] }, notice: null });
    const plan = planBulk(action, rowsOf(keys));
    const skipped = skippedOf(plan.skipped);
    const apply = plan.apply.map(rowKey);
    if (apply.length === 0) return set({ notice: { kind: 'skipped', action, done: 0, skipped } });
    if (confirmedActions.has(action) && get().confirmations) return set({ pending: { kind: 'confirm', action, keys: apply, skipped }, notice: null });
    void get().run(action, apply, skipped);
  },

  async run(action, keys, skipped, checkpoint) {
    set({ pending: null });
    try {
      await useInventoryStore.getState().act(action, keys, false, checkpoint);
      set({ notice: skipped.length > 0 ? { kind: 'skipped', action, done: keys.length, skipped } : null });
    } catch (err) {
      if (action === 'checkpoint' && !checkpoint && isDcRefusal(err)) {
        set({ pending: { kind: 'dcCheckpoint', keys: [...keys], names: rowsOf(keys).map((r) => r.name) } });
        return;
      }
      set({ notice: { kind: 'error', message: userMessage(err) } });
      if (checkpoint) throw err; // the checkpoint dialog shows it next to its fields
    }
  },

  async turnOffAndDelete(keys, deleteFiles) {
    const { act } = useInventoryStore.getState();
    const running = rowsOf(keys).filter((r) => isActive(r.state)).map(rowKey);
    if (running.length > 0) {
      const task = await useTasksStore.getState().waitFor(await act('turnoff', running));
      // A VM that did not turn off cannot be deleted: stop here and say so (nothing is half-deleted).
      if (task.status !== 'succeeded') {
        const failed = task.error ?? task.items.find((i) => i.error)?.error;
        throw new ApiError(failed ?? { code: 'PS_ERROR', message: task.status });
      }
    }
    await act('delete', keys, deleteFiles);
  },

  cancel: () => set({ pending: null }),
  dismiss: () => set({ notice: null }),
  setConfirmations: (on) => set({ confirmations: on }),
}));
