import type { VmAction } from '../../../../shared/features/inventory/inventory.contract';

/**
 * Why an action cannot apply to a VM now. The keys name texts under `inventory:why.<key>` (one VM, with its
 * name) and `inventory:skipped.<key>` (a count, for a bulk action that leaves those VMs out).
 */
export const blockReasons = ['alreadyRunning', 'alreadyOff', 'alreadySaved', 'alreadyPaused', 'isPaused', 'isOff', 'isSaved', 'notPaused', 'busy'] as const;
export type BlockReason = (typeof blockReasons)[number];

export type Availability = { allowed: true } | { allowed: false; reason: BlockReason };

export interface PolicyVm {
  state: string;
}

/** Hyper-V's *Critical states (storage lost) act like their base state for what may be asked of the VM. */
const baseState = (state: string): string => state.replace(/Critical$/, '');

/** States in which the host is already moving the VM: everything but turning it off waits for the move to end. */
const transitional = new Set(['Starting', 'Stopping', 'Saving', 'Pausing', 'Resuming', 'FastSaving', 'Reset', 'Other', 'ForceShutdown', 'ForceReboot', 'ComponentServicing']);

const ALLOWED: Availability = { allowed: true };
const no = (reason: BlockReason): Availability => ({ allowed: false, reason });

/**
 * What a power action may do to a VM in a given state, with the reason when it may not. The same rules as the
 * cmdlets (Start-VM needs Off or Saved, Resume-VM needs Paused, Stop-VM -TurnOff anything not off...), so the
 * UI disables what the host would refuse and says why before the user tries.
 */
export function actionAvailability(action: VmAction, vm: PolicyVm): Availability {
  const state = baseState(vm.state);
  if (action === 'delete') return ALLOWED; // a running VM is offered "Turn off and delete" in the confirmation
  if (action === 'turnoff') return state === 'Off' ? no('alreadyOff') : ALLOWED;
  if (transitional.has(state)) return no('busy');
  const running = state === 'Running';
  switch (action) {
    case 'start':
      if (running) return no('alreadyRunning');
      if (state === 'Paused') return no('isPaused');
      return ALLOWED;
    case 'shutdown':
      if (state === 'Off') return no('alreadyOff');
      if (state === 'Saved' || state === 'FastSaved') return no('isSaved');
      if (state === 'Paused') return no('isPaused');
      // Whether the guest answers (its Shutdown integration service) is the host's to judge: the row does not
      // carry that service's state, and a refusal comes back as the host's own message.
      return ALLOWED;
    case 'save':
      if (state === 'Off') return no('isOff');
      if (state === 'Saved' || state === 'FastSaved') return no('alreadySaved');
      return ALLOWED;
    case 'suspend':
      if (state === 'Paused') return no('alreadyPaused');
      if (state === 'Off') return no('isOff');
      if (state === 'Saved' || state === 'FastSaved') return no('isSaved');
      return ALLOWED;
    case 'resume':
      return state === 'Paused' ? ALLOWED : no('notPaused');
    case 'restart':
      if (state === 'Off') return no('isOff');
      if (state === 'Saved' || state === 'FastSaved') return no('isSaved');
      if (state === 'Paused') return no('isPaused');
      return ALLOWED;
    case 'checkpoint':
      return ALLOWED;
  }
}

/** Actions that end or interrupt what the guest is doing: each asks first, naming the VMs. */
export const confirmedActionList = ['shutdown', 'turnoff', 'restart'] as const satisfies readonly VmAction[];
export const confirmedActions: ReadonlySet<VmAction> = new Set<VmAction>(confirmedActionList);
export type ConfirmedAction = (typeof confirmedActionList)[number];

export interface BulkPlan<T> {
  /** The VMs the action applies to. */
  apply: T[];
  /** The VMs left out, grouped by why (insertion order: the first reason met first). */
  skipped: Map<BlockReason, T[]>;
}

/** Splits a selection into the VMs an action applies to and those it skips (already in the target state...). */
export function planBulk<T extends PolicyVm>(action: VmAction, vms: readonly T[]): BulkPlan<T> {
  const apply: T[] = [];
  const skipped = new Map<BlockReason, T[]>();
  for (const vm of vms) {
    const a = actionAvailability(action, vm);
    if (a.allowed) apply.push(vm);
    else skipped.set(a.reason, [...(skipped.get(a.reason) ?? []), vm]);
  }
  return { apply, skipped };
}

/** True when a VM is on in a way a delete would have to turn off first (Remove-VM refuses an active VM). */
export const isActive = (state: string): boolean => !['Off', 'Saved', 'FastSaved'].includes(baseState(state));
